import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFile, repoFile, revertAll, waitFor, withSetting } from './extensionApi';

const contractPath = 'services/payments/api/openapi.yaml';

/** Import-boundary diagnostics share the source; they have their own suite (boundaries.test.ts). */
const boundaryCodes = new Set(['boundary-violation', 'undeclared-dependency']);

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
	const code = diagnostic.code;
	return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** The contract diagnostics on `uri`. */
function ours(uri: vscode.Uri): vscode.Diagnostic[] {
	return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Ownership Guardrails' && !boundaryCodes.has(codeOf(diagnostic) ?? ''));
}

suite('contract diagnostics', () => {
	// VS Code in the browser (code-server) auto-saves after a delay by default; these tests need
	// edits to stay unsaved until they revert them.
	let autoSave: unknown;
	suiteSetup(async () => {
		autoSave = vscode.workspace.getConfiguration().inspect('files.autoSave')?.globalValue;
		await vscode.workspace.getConfiguration().update('files.autoSave', 'off', vscode.ConfigurationTarget.Global);
	});

	suiteTeardown(async () => {
		await vscode.workspace.getConfiguration().update('files.autoSave', autoSave, vscode.ConfigurationTarget.Global);
	});

	teardown(async () => {
		await revertAll();
		await closeAllEditors();
	});

	test('an unchanged contract file has no diagnostic', async () => {
		const api = await getApi();
		const editor = await openFile(contractPath);
		await api.diagnosticsSettled(editor.document.uri);
		await new Promise((resolve) => setTimeout(resolve, 400));
		await api.diagnosticsSettled(editor.document.uri);
		assert.deepStrictEqual(ours(editor.document.uri), []);
	});

	test('an edit to a contract file marks the changed line, naming the contract, lead, level and ADR', async () => {
		const editor = await openFile(contractPath);
		const uri = editor.document.uri;
		const edit = new vscode.WorkspaceEdit();
		edit.insert(uri, new vscode.Position(2, 0), '# breaking: rename amount to value\n');
		assert.ok(await vscode.workspace.applyEdit(edit));
		const diagnostics = await waitFor('a contract diagnostic', () => {
			const found = ours(uri);
			return found.length > 0 ? found : undefined;
		});
		assert.strictEqual(diagnostics.length, 1);
		const diagnostic = diagnostics[0];
		assert.strictEqual(diagnostic.range.start.line, 2);
		assert.strictEqual(diagnostic.range.end.line, 2);
		// The demo's payments-api contract says `severity: warning`.
		assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
		assert.match(diagnostic.message, /Payments HTTP API v2/);
		assert.match(diagnostic.message, /Alice Ng/);
		assert.match(diagnostic.message, /architecture, 2 approval/);
		assert.match(diagnostic.message, /Core Banking/);
		assert.match(diagnostic.message, /0004-version-the-payments-api/);
		const code = diagnostic.code;
		assert.ok(typeof code === 'object' && code !== null && code.value === 'contract-edit', 'code links to the docs');
		assert.ok(code.target instanceof vscode.Uri);
		const related = diagnostic.relatedInformation?.[0];
		assert.ok(related, 'points at the guardrails.yaml entry');
		assert.match(related.location.uri.path, /\/guardrails\.yaml$/);
		const guardrails = await vscode.workspace.openTextDocument(related.location.uri);
		assert.match(guardrails.lineAt(related.location.range.start.line).text, /payments-api/);
	});

	test('the diagnostic offers quick fixes: who decides, open the ADR, copy the request, create an ADR', async () => {
		const api = await getApi();
		const editor = await openFile(contractPath);
		const uri = editor.document.uri;
		const edit = new vscode.WorkspaceEdit();
		edit.insert(uri, new vscode.Position(1, 0), '# another change\n');
		await vscode.workspace.applyEdit(edit);
		await waitFor('a diagnostic on the inserted line', () => ours(uri).find((d) => d.range.start.line === 1));
		await api.diagnosticsSettled(uri);
		const diagnostic = ours(uri).find((d) => d.range.start.line === 1);
		assert.ok(diagnostic);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
		const titles = actions.map((action) => action.title);
		assert.ok(titles.includes('Who decides this?'), titles.join(' | '));
		assert.ok(titles.some((title) => /^Open ADR: /.test(title)), titles.join(' | '));
		assert.ok(titles.includes('Copy review request'), titles.join(' | '));
		assert.ok(titles.includes('Create an ADR from the forum template'), titles.join(' | '));
		const who = actions.find((action) => action.title === 'Who decides this?');
		assert.strictEqual(who?.command?.command, 'ownershipGuardrails.whoDecides');
	});

	test('the severity setting overrides the contract\'s own severity', async () => {
		await withSetting('ownershipGuardrails.contractDiagnostics.severity', 'error', async () => {
			const editor = await openFile(contractPath);
			const uri = editor.document.uri;
			const edit = new vscode.WorkspaceEdit();
			edit.insert(uri, new vscode.Position(0, 0), '# x\n');
			await vscode.workspace.applyEdit(edit);
			await waitFor('an error diagnostic', () => ours(uri).find((d) => d.severity === vscode.DiagnosticSeverity.Error));
		});
	});

	test('turning contractDiagnostics.enabled off clears them', async () => {
		const editor = await openFile(contractPath);
		const uri = editor.document.uri;
		const edit = new vscode.WorkspaceEdit();
		edit.insert(uri, new vscode.Position(0, 0), '# z\n');
		await vscode.workspace.applyEdit(edit);
		await waitFor('a diagnostic', () => ours(uri)[0]);
		await withSetting('ownershipGuardrails.contractDiagnostics.enabled', false, async () => {
			await waitFor('no diagnostic while off', () => (ours(uri).length === 0 ? true : undefined));
		});
		await waitFor('the diagnostic back', () => ours(uri)[0]);
	});

	test('diagnostics are cleared when the document is reverted', async () => {
		const editor = await openFile(contractPath);
		const uri = editor.document.uri;
		const edit = new vscode.WorkspaceEdit();
		edit.insert(uri, new vscode.Position(0, 0), '# y\n');
		await vscode.workspace.applyEdit(edit);
		await waitFor('a diagnostic', () => ours(uri)[0]);
		await vscode.commands.executeCommand('workbench.action.files.revert');
		assert.strictEqual(editor.document.isDirty, false);
		try {
			await waitFor('no diagnostic after revert', () => (ours(uri).length === 0 ? true : undefined));
		} catch (error) {
			assert.fail(`${String(error)}: ${JSON.stringify(ours(uri).map((d) => [d.range.start.line, d.message]))} text=${JSON.stringify(editor.document.getText().slice(0, 80))}`);
		}
	});

	test('a saved change that differs from HEAD is marked when the contract file is opened', async () => {
		const file = repoFile(contractPath).fsPath;
		const original = fs.readFileSync(file, 'utf8');
		const lines = original.split('\n');
		lines.splice(3, 0, '# committed-later change');
		fs.writeFileSync(file, lines.join('\n'));
		try {
			const editor = await openFile(contractPath);
			const diagnostic = await waitFor('a diagnostic from the HEAD diff', () => ours(editor.document.uri)[0]);
			assert.strictEqual(editor.document.isDirty, false);
			assert.strictEqual(diagnostic.range.start.line, 3);
			assert.match(diagnostic.message, /Payments HTTP API v2/);
		} finally {
			fs.writeFileSync(file, original);
		}
	});

	test('editing another team\'s file gives one Information diagnostic', async () => {
		// The demo copy's git user is Bob (Payments), so core banking is another team.
		const editor = await openFile('services/core-banking/src/accounts.ts');
		const uri = editor.document.uri;
		const edit = new vscode.WorkspaceEdit();
		edit.insert(uri, new vscode.Position(0, 0), '// touch\n');
		await vscode.workspace.applyEdit(edit);
		const found = await waitFor('a cross-team diagnostic', () => {
			const list = ours(uri);
			return list.length > 0 ? list : undefined;
		});
		assert.strictEqual(found.length, 1);
		assert.strictEqual(found[0].severity, vscode.DiagnosticSeverity.Information);
		assert.match(found[0].message, /Core Banking/);
		assert.match(found[0].message, /Chen Li/);
	});

	test('no diagnostic for edits in one\'s own team\'s non-contract file', async () => {
		const api = await getApi();
		// Not refunds.ts: its import of the ledger internals has a boundary diagnostic of its own.
		const editor = await openFile('services/payments/src/store.ts');
		const uri = editor.document.uri;
		const edit = new vscode.WorkspaceEdit();
		edit.insert(uri, new vscode.Position(0, 0), '// mine\n');
		await vscode.workspace.applyEdit(edit);
		await new Promise((resolve) => setTimeout(resolve, 500));
		await api.diagnosticsSettled(uri);
		assert.deepStrictEqual(ours(uri), []);
	});
});
