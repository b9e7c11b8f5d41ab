// Inlay hints in a real VS Code, on a git copy of the demo: cross-domain imports and contract files.
import * as assert from 'assert';
import * as vscode from 'vscode';

const extensionId = 'ownership-guardrails.ownership-guardrails';

function uriOf(path: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'a workspace folder is open');
	return vscode.Uri.joinPath(folder.uri, ...path.split('/'));
}

async function hintsOf(path: string): Promise<{ line: number; label: string; tooltip: string }[]> {
	const document = await vscode.workspace.openTextDocument(uriOf(path));
	await vscode.window.showTextDocument(document);
	const range = new vscode.Range(0, 0, document.lineCount, 0);
	const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
	return hints.map((hint) => ({
		line: hint.position.line,
		label: typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''),
		// Tooltips escape workspace text (spaces become &nbsp;); compare the readable text.
		tooltip: (typeof hint.tooltip === 'string' ? hint.tooltip : hint.tooltip?.value ?? '').replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1'),
	}));
}

/** Resolves once the extension host sees the setting's new value (our listener has run by then). */
async function settingApplied(key: string, expected: boolean): Promise<void> {
	const current = (): boolean | undefined => vscode.workspace.getConfiguration('ownershipGuardrails').get<boolean>(key);
	while (current() !== expected) {
		await new Promise<void>((resolve) => {
			const subscription = vscode.workspace.onDidChangeConfiguration(() => {
				subscription.dispose();
				resolve();
			});
		});
	}
}

suite('hints: inlay hints in a real VS Code', () => {
	suiteSetup(async () => {
		await vscode.extensions.getExtension(extensionId)?.activate();
	});

	test('imports into another domain get a hint naming the domain and its lead; same-domain imports do not', async () => {
		const hints = await hintsOf('services/payments/src/refunds.ts');
		const document = await vscode.workspace.openTextDocument(uriOf('services/payments/src/refunds.ts'));
		const lineWith = (text: string): number => document.getText().split('\n').findIndex((l) => l.includes(text));
		const ledger = hints.filter((h) => h.line === lineWith(`'../../../libs/ledger/journal'`));
		assert.deepStrictEqual(ledger.map((h) => h.label), ['→ Core Banking · Chen Li'], JSON.stringify(hints));
		assert.match(ledger[0].tooltip, /Payments/);
		const customer = hints.filter((h) => h.line === lineWith(`'@acme/customer-model'`));
		assert.deepStrictEqual(customer.map((h) => h.label), ['→ Core Banking · Chen Li'], JSON.stringify(hints));
		assert.deepStrictEqual(hints.filter((h) => h.line === lineWith(`'@acme/payments-contracts'`)), [], 'same domain: no hint');
		assert.deepStrictEqual(hints.filter((h) => h.line === lineWith(`'./store'`)), [], 'same folder: no hint');
	});

	test('a contract file gets a hint on its first line naming the contract, review level and deciders', async () => {
		const hints = await hintsOf('libs/payments/contracts/index.ts');
		const top = hints.filter((h) => h.line === 0 && h.label.startsWith('Contract:'));
		assert.strictEqual(top.length, 1, JSON.stringify(hints));
		assert.strictEqual(top[0].label, 'Contract: Payments HTTP API v2 · architecture review · Alice Ng + Architecture Forum');
		assert.match(top[0].tooltip, /Breaking changes need a proposed ADR/);
		const plain = await hintsOf('services/payments/src/store.ts');
		assert.deepStrictEqual(plain.filter((h) => h.label.startsWith('Contract:')), [], 'no contract, no hint');
	});

	test('turning importHints.enabled off removes the import hints, turning it on brings them back', async () => {
		const settings = vscode.workspace.getConfiguration('ownershipGuardrails');
		const crossDomain = (hints: { label: string }[]): number => hints.filter((h) => h.label.startsWith('→ ')).length;
		try {
			await settings.update('importHints.enabled', false, vscode.ConfigurationTarget.Workspace);
			await settingApplied('importHints.enabled', false);
			assert.strictEqual(crossDomain(await hintsOf('services/payments/src/refunds.ts')), 0);
		} finally {
			await settings.update('importHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
		}
		await settingApplied('importHints.enabled', true);
		assert.strictEqual(crossDomain(await hintsOf('services/payments/src/refunds.ts')), 2);
	});

	test('turning inlineHints.enabled off removes the contract hint and leaves import hints alone', async () => {
		const settings = vscode.workspace.getConfiguration('ownershipGuardrails');
		const contract = async (): Promise<number> => (await hintsOf('libs/payments/contracts/index.ts')).filter((h) => h.label.startsWith('Contract:')).length;
		try {
			await settings.update('inlineHints.enabled', false, vscode.ConfigurationTarget.Workspace);
			await settingApplied('inlineHints.enabled', false);
			assert.strictEqual(await contract(), 0);
			assert.strictEqual((await hintsOf('services/payments/src/refunds.ts')).filter((h) => h.label.startsWith('→ ')).length, 2);
		} finally {
			await settings.update('inlineHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
		}
		await settingApplied('inlineHints.enabled', true);
		assert.strictEqual(await contract(), 1);
	});
});
