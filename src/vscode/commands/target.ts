import * as vscode from 'vscode';

/**
 * The file a command acts on: the argument VS Code passes from a menu (a Uri from the explorer or
 * editor title, a resource state from the SCM view), else the active editor.
 */
export function targetUri(arg: unknown): vscode.Uri | undefined {
	if (arg instanceof vscode.Uri) {
		return arg;
	}
	if (typeof arg === 'object' && arg !== null && 'resourceUri' in arg) {
		const resource = (arg as { resourceUri: unknown }).resourceUri;
		if (resource instanceof vscode.Uri) {
			return resource;
		}
	}
	return vscode.window.activeTextEditor?.document.uri;
}

/** Opens a repository file with the cursor on a 1-based line. */
export async function openAt(uri: vscode.Uri, line: number, column = 1): Promise<vscode.TextEditor> {
	const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
	return vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
}
