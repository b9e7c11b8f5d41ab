// The JSON Schema is contributed through `jsonValidation`: VS Code's own JSON language server, not
// our code, must flag a typo in a guardrails.json with it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { repoFile, waitFor } from './extensionApi';

suite('guardrails.json: the contributed JSON Schema', () => {
	const file = repoFile('tools/schema-check/guardrails.json');

	teardown(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await vscode.workspace.fs.delete(vscode.Uri.joinPath(file, '..'), { recursive: true, useTrash: false });
	});

	test('VS Code\'s JSON validation reports an unknown key from the schema', async () => {
		await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('{\n  "version": 1,\n  "domainz": {}\n}\n'));
		const document = await vscode.workspace.openTextDocument(file);
		assert.strictEqual(document.languageId, 'json');
		await vscode.window.showTextDocument(document);
		const found = await waitFor('a schema diagnostic on "domainz"', () => {
			const fromJson = vscode.languages.getDiagnostics(file).filter((d) => d.source !== 'Ownership Guardrails' && /domainz/.test(d.message));
			return fromJson.length > 0 ? fromJson : undefined;
		}, 20_000);
		assert.strictEqual(found[0].range.start.line, 2, 'on the line of the typo');
	});
});
