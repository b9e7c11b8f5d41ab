// Shared by the core integration suites: the extension's test API and small waiting helpers.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/vscode/testApi';

export const extensionId = 'ownership-guardrails.ownership-guardrails';

export async function getApi(): Promise<TestApi> {
	const extension = vscode.extensions.getExtension<TestApi>(extensionId);
	assert.ok(extension, `${extensionId} is not installed`);
	return extension.activate();
}

/** The first workspace folder: the git copy of demo/acme-bank. */
export function repoRoot(): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'a workspace folder is open');
	return folder.uri;
}

export function repoFile(path: string): vscode.Uri {
	return vscode.Uri.joinPath(repoRoot(), ...path.split('/'));
}

export async function openFile(path: string): Promise<vscode.TextEditor> {
	return vscode.window.showTextDocument(repoFile(path), { preview: false });
}

/** Polls until `probe` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	for (;;) {
		last = await probe();
		if (last) {
			return last;
		}
		if (Date.now() > deadline) {
			assert.fail(`timed out waiting for ${what}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Sets a global setting for the duration of `body`, then restores the previous value. */
export async function withSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
	const config = vscode.workspace.getConfiguration();
	const previous = config.inspect(key)?.globalValue;
	await config.update(key, value, vscode.ConfigurationTarget.Global);
	try {
		return await body();
	} finally {
		await vscode.workspace.getConfiguration().update(key, previous, vscode.ConfigurationTarget.Global);
	}
}

export async function closeAllEditors(): Promise<void> {
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Reverts every dirty file document, so no test leaves edits behind (or gets them saved on close). */
export async function revertAll(): Promise<void> {
	for (const document of vscode.workspace.textDocuments) {
		if (document.isDirty && document.uri.scheme === 'file') {
			await vscode.window.showTextDocument(document);
			await vscode.commands.executeCommand('workbench.action.files.revert');
			await waitFor(`${document.uri.path} reverted`, () => (!document.isDirty ? true : undefined), 5_000);
		}
	}
}
