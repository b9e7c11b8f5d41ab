import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { closeAllEditors, repoFile } from './extensionApi';

suite('"Create Architecture Decision Record"', () => {
	let created: vscode.Uri | undefined;

	suiteTeardown(async () => {
		await closeAllEditors();
		if (created) {
			fs.rmSync(created.fsPath, { force: true });
		}
	});

	test('creates the next-numbered ADR from the forum template, linked to the contract, and opens it', async () => {
		created = await vscode.commands.executeCommand<vscode.Uri>(
			'ownershipGuardrails.createAdr',
			repoFile('services/payments/api/openapi.yaml'),
			'Add refunds to the payments API',
		);
		assert.ok(created);
		// The demo has ADRs 0001–0006.
		assert.match(created.path, /\/docs\/adr\/0007-add-refunds-to-the-payments-api\.md$/);
		const text = fs.readFileSync(created.fsPath, 'utf8');
		assert.match(text, /^# Add refunds to the payments API$/m);
		assert.match(text, /^status: proposed$/m);
		assert.match(text, /^contracts: \[payments-api\]$/m);
		assert.match(text, /^domains: \[payments\]$/m);
		assert.match(text, /^date: \d{4}-\d{2}-\d{2}$/m);
		assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), created.toString());
	});
});
