import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFile, waitFor, withSetting } from './extensionApi';

// Every state read here is VS Code's own StatusBarItem (text, tooltip, accessibility, background,
// show/hide calls), not the controller's record of what it meant to write.
suite('status bar: the owner of the active file', () => {
	suiteTeardown(closeAllEditors);

	test('an owned file shows its domain and lead, with a tooltip card', async () => {
		const api = await getApi();
		await openFile('services/payments/src/refunds.ts');
		const state = await waitFor('status bar for refunds.ts', async () => {
			const current = await api.statusBar();
			return current.text.includes('Payments') ? current : undefined;
		});
		assert.strictEqual(state.visible, true);
		assert.strictEqual(state.text, '$(organization) Payments · Alice Ng');
		assert.match(state.tooltipText, /Domain: Payments/);
		assert.match(state.tooltipText, /Lead: Alice Ng/);
		assert.match(state.tooltipText, /Deputies: Bob Ortiz/);
		assert.match(state.tooltipText, /\.github\/CODEOWNERS:\d+/);
		assert.match(state.tooltipText, /@acme-bank\/payments/);
		assert.match(state.tooltip, /command:ownershipGuardrails\.whoDecides/);
		assert.match(state.accessibilityLabel, /Owned by Payments, lead Alice Ng/);
		assert.strictEqual(state.command, 'ownershipGuardrails.whoDecides', 'a click asks "Who Decides This?"');
	});

	test('a file no rule owns says "unowned"', async () => {
		const api = await getApi();
		await openFile('tools/scratch/notes.md');
		const state = await waitFor('status bar for notes.md', async () => {
			const current = await api.statusBar();
			return current.text.includes('unowned') ? current : undefined;
		});
		assert.strictEqual(state.visible, true);
		assert.strictEqual(state.text, '$(organization) unowned');
		assert.strictEqual(state.warning, false);
	});

	test('a contract file carries the contract marker and names the contract in the tooltip', async () => {
		const api = await getApi();
		await openFile('services/payments/api/openapi.yaml');
		const state = await waitFor('status bar for openapi.yaml', async () => {
			const current = await api.statusBar();
			return current.text.includes('$(law)') ? current : undefined;
		});
		assert.match(state.text, /^\$\(organization\) Payments · Alice Ng \$\(law\)/);
		assert.match(state.tooltipText, /Payments HTTP API v2/);
		assert.match(state.tooltipText, /architecture/);
		assert.match(state.tooltipText, /2 approval/);
		assert.match(state.accessibilityLabel, /contract: Payments HTTP API v2/);
	});

	test('another team\'s file gets the warning background when the identity is set', async () => {
		const api = await getApi();
		await withSetting('ownershipGuardrails.identity', 'chen', async () => {
			await openFile('services/payments/src/store.ts');
			const foreign = await waitFor('cross-team warning', async () => {
				const current = await api.statusBar();
				return current.warning && current.text.includes('Payments') ? current : undefined;
			});
			assert.match(foreign.text, /other team/);
			assert.match(foreign.tooltipText, /not on this team/);
			await openFile('services/core-banking/src/accounts.ts');
			const own = await waitFor('own team, no warning', async () => {
				const current = await api.statusBar();
				return current.text.includes('Core Banking') ? current : undefined;
			});
			assert.strictEqual(own.warning, false);
			assert.strictEqual(own.text, '$(organization) Core Banking · Chen Li');
		});
	});

	test('switching between files of the same owner neither rewrites nor hides the item', async () => {
		const api = await getApi();
		await openFile('services/payments/src/refunds.ts');
		await waitFor('payments shown', async () => ((await api.statusBar()).text === '$(organization) Payments · Alice Ng' ? true : undefined));
		const before = api.statusBarWrites();
		await openFile('services/payments/src/store.ts');
		await api.statusBar();
		await openFile('services/payments/src/index.ts');
		const state = await api.statusBar();
		assert.strictEqual(state.text, '$(organization) Payments · Alice Ng');
		assert.deepStrictEqual(api.statusBarWrites(), before);
		await openFile('libs/ledger/money.ts');
		await waitFor('core banking shown', async () => ((await api.statusBar()).text.includes('Core Banking') ? true : undefined));
		const after = api.statusBarWrites();
		assert.strictEqual(after.text, before.text + 1, 'one text change for a new owner');
		assert.strictEqual(after.hide, before.hide, 'never hidden in between');
	});

	test('turning statusBar.enabled off removes the item; on brings it back', async () => {
		const api = await getApi();
		await openFile('services/payments/src/refunds.ts');
		await waitFor('visible first', async () => ((await api.statusBar()).visible ? true : undefined));
		await withSetting('ownershipGuardrails.statusBar.enabled', false, async () => {
			await waitFor('hidden while off', async () => (!(await api.statusBar()).visible ? true : undefined));
		});
		const state = await waitFor('back on', async () => {
			const current = await api.statusBar();
			return current.visible ? current : undefined;
		});
		assert.strictEqual(state.text, '$(organization) Payments · Alice Ng');
	});

	test('nothing is shown for an untitled document', async () => {
		const api = await getApi();
		await openFile('services/payments/src/refunds.ts');
		await waitFor('visible first', async () => ((await api.statusBar()).visible ? true : undefined));
		const document = await vscode.workspace.openTextDocument({ content: 'scratch' });
		await vscode.window.showTextDocument(document);
		await waitFor('hidden for untitled', async () => (!(await api.statusBar()).visible ? true : undefined));
	});
});
