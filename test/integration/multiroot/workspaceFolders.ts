// Workspace folder changes for the multi-root tests: applied through the API, awaited through its event.
// Only folders after the first are touched: changing the first folder restarts the extension host.
import * as assert from 'assert';
import * as vscode from 'vscode';

export function folderNamed(name: string): vscode.WorkspaceFolder | undefined {
	return (vscode.workspace.workspaceFolders ?? []).find((entry) => entry.name === name);
}

/** Applies a folder change and waits for VS Code to report it. */
export async function changeFolders(change: () => boolean): Promise<void> {
	let listener: vscode.Disposable | undefined;
	const changed = new Promise<void>((resolve) => {
		listener = vscode.workspace.onDidChangeWorkspaceFolders(() => resolve());
	});
	try {
		assert.ok(change(), 'updateWorkspaceFolders accepted the change');
		await Promise.race([changed, new Promise((_, reject) => setTimeout(() => reject(new Error('no onDidChangeWorkspaceFolders')), 10_000))]);
	} finally {
		listener?.dispose();
	}
}

export async function removeFolder(name: string): Promise<void> {
	const index = (vscode.workspace.workspaceFolders ?? []).findIndex((entry) => entry.name === name);
	assert.ok(index > 0, `${name} is open and not the first folder`);
	await changeFolders(() => vscode.workspace.updateWorkspaceFolders(index, 1));
}

export async function addFolder(uri: vscode.Uri, name: string): Promise<void> {
	const count = vscode.workspace.workspaceFolders?.length ?? 0;
	await changeFolders(() => vscode.workspace.updateWorkspaceFolders(count, 0, { uri, name }));
}

/** Writes `files` into a new folder `name` next to the plain folder `notes`, outside every repository. */
export async function writeSiblingFolder(name: string, files: Record<string, string>): Promise<vscode.Uri> {
	const notes = folderNamed('notes');
	assert.ok(notes, 'the plain folder is open');
	const folder = vscode.Uri.joinPath(notes.uri, '..', name);
	for (const [path, text] of Object.entries(files)) {
		await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, ...path.split('/')), new TextEncoder().encode(text));
	}
	return folder;
}

/** Closes every editor, removes the folder from the workspace if it is still there, and deletes it. */
export async function deleteSiblingFolder(name: string, folder: vscode.Uri): Promise<void> {
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	if (folderNamed(name)) {
		await removeFolder(name);
	}
	await vscode.workspace.fs.delete(folder, { recursive: true });
}
