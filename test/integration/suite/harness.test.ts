// Proves the harness loads the real extension into a real extension host; if this fails, every
// other integration failure is about the harness, not the feature under test.
import * as assert from 'assert';
import * as vscode from 'vscode';

const extensionId = 'ownership-guardrails.ownership-guardrails';

suite('harness: the extension in a real VS Code', () => {
	test('the extension is installed and activates', async () => {
		const extension = vscode.extensions.getExtension(extensionId);
		assert.ok(extension, `${extensionId} is not loaded (engines.vscode must accept ${vscode.version})`);
		await extension.activate();
		assert.strictEqual(extension.isActive, true);
		// The suites run with ExtensionMode.Test, the only mode in which activate() returns the test API.
		assert.strictEqual(typeof (extension.exports as { statusBar?: unknown } | undefined)?.statusBar, 'function', 'activate() returned the test API');
	});

	test('runs in the Node extension host on a git copy of the demo repository', async () => {
		assert.strictEqual(typeof process.versions.node, 'string');
		const folders = vscode.workspace.workspaceFolders ?? [];
		assert.ok(folders.length > 0, 'a workspace folder is open');
		const root = folders[0].uri;
		assert.strictEqual(root.scheme, 'file');
		// stat rejects when missing: the copy must be a git repository holding the demo's CODEOWNERS.
		await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, '.git'));
		await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, '.github', 'CODEOWNERS'));
	});
});
