import * as assert from 'assert';
import * as vscode from 'vscode';
import type { WhoDecidesItem } from '../../../src/vscode/commands/whoDecides';
import { closeAllEditors, getApi, openFile, repoFile } from './extensionApi';

suite('"Who Decides This?"', () => {
	suiteTeardown(closeAllEditors);

	test('lists the decision chain most local first, then contracts, ADRs and actions', async () => {
		const api = await getApi();
		const items = await api.whoDecidesItems(repoFile('services/payments/api/openapi.yaml'));
		const actionable = items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator);
		assert.ok(actionable.every((item) => typeof item.run === 'function'), 'every item does something');
		const first = actionable[0];
		assert.strictEqual(first.id, 'lead');
		assert.match(first.label, /Alice Ng/);
		assert.match(first.description ?? '', /@alice-ng/);
		const deputy = actionable.find((item) => item.id === 'deputy');
		assert.ok(deputy, 'the deputy is listed');
		assert.match(deputy.label, /Bob Ortiz/);
		assert.ok(actionable.indexOf(deputy) > 0, 'the deputy comes after the lead');
		const contract = actionable.find((item) => item.id === 'contract');
		assert.ok(contract, 'the contract is listed');
		assert.match(contract.label, /Payments HTTP API v2/);
		assert.match(contract.description ?? '', /architecture review · 2 approval/);
		assert.ok(actionable.some((item) => item.id === 'adr' && /0004-version-the-payments-api\.md/.test(item.detail ?? '')), 'the ADR is listed');
		const rule = actionable.find((item) => item.id === 'rule');
		assert.ok(rule, 'the CODEOWNERS rule is listed');
		assert.match(rule.description ?? '', /^\.github\/CODEOWNERS:\d+$/);
		const ids = actionable.map((item) => item.id);
		assert.ok(ids.includes('request') && ids.includes('card'), `actions present: ${ids.join(', ')}`);
		assert.ok(ids.indexOf('lead') < ids.indexOf('contract') && ids.indexOf('contract') < ids.indexOf('request'));
	});

	test('the contract item opens guardrails.yaml at the contract entry', async () => {
		const api = await getApi();
		const items = await api.whoDecidesItems(repoFile('services/payments/api/openapi.yaml'));
		const contract = items.find((item) => item.id === 'contract');
		assert.ok(contract?.run);
		await contract.run();
		const editor = vscode.window.activeTextEditor;
		assert.ok(editor);
		assert.match(editor.document.uri.path, /\/guardrails\.yaml$/);
		assert.match(editor.document.lineAt(editor.selection.active.line).text, /payments-api/);
	});

	test('the rule item opens CODEOWNERS at the matching line', async () => {
		const api = await getApi();
		const items = await api.whoDecidesItems(repoFile('services/payments/src/refunds.ts'));
		const rule = items.find((item) => item.id === 'rule');
		assert.ok(rule?.run);
		await rule.run();
		const editor = vscode.window.activeTextEditor;
		assert.ok(editor);
		assert.match(editor.document.uri.path, /\/\.github\/CODEOWNERS$/);
		assert.match(editor.document.lineAt(editor.selection.active.line).text, /^\/services\/payments\/\s+@acme-bank\/payments/);
	});

	test('on an unowned file: says no rule owns it, which rule came closest, and how to own it', async () => {
		const api = await getApi();
		const items = await api.whoDecidesItems(repoFile('tools/scratch/notes.md'));
		const unowned = items.find((item) => item.id === 'unowned');
		assert.ok(unowned, `items: ${items.map((item) => item.id).join(', ')}`);
		assert.match(unowned.label, /No CODEOWNERS rule owns this file/);
		assert.match(unowned.detail ?? '', /Line 33 \(\/tools\/scratch\/notes\.md\) matches it last and names no owners/);
		const closest = items.find((item) => item.id === 'closest');
		assert.ok(closest, 'the closest owning rule is named');
		assert.match(closest.label, /Closest rule: \*/);
		assert.match(closest.description ?? '', /^\.github\/CODEOWNERS:5 · @acme-bank\/architecture$/);
		const own = items.find((item) => item.id === 'own');
		assert.ok(own?.run, 'how to own it');
		assert.match(own.label, /\/tools\/scratch\/notes\.md @acme-bank\/architecture/);
		assert.match(own.detail ?? '', /Give line 33 of \.github\/CODEOWNERS an owner/);
		await own.run();
		assert.strictEqual(await vscode.env.clipboard.readText(), '/tools/scratch/notes.md @acme-bank/architecture');
		await closest.run?.();
		const editor = vscode.window.activeTextEditor;
		assert.ok(editor);
		assert.strictEqual(editor.selection.active.line + 1, 5);
		// An owned file gets none of this.
		const owned = await api.whoDecidesItems(repoFile('services/payments/src/refunds.ts'));
		assert.ok(!owned.some((item) => item.id === 'unowned' || item.id === 'own'));
	});

	test('"Open decision card" shows the answer as an untitled Markdown document', async () => {
		const api = await getApi();
		const items = await api.whoDecidesItems(repoFile('services/payments/src/refunds.ts'));
		const card = items.find((item) => item.id === 'card');
		assert.ok(card?.run);
		await card.run();
		const editor = vscode.window.activeTextEditor;
		assert.ok(editor);
		assert.strictEqual(editor.document.isUntitled, true);
		assert.strictEqual(editor.document.languageId, 'markdown');
		assert.match(editor.document.getText(), /services\/payments\/src\/refunds\.ts/);
		assert.match(editor.document.getText(), /Alice Ng/);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});

	test('"Copy review request" puts a message naming the reviewers on the clipboard', async () => {
		const text = await vscode.commands.executeCommand<string>('ownershipGuardrails.copyReviewRequest', repoFile('services/payments/api/openapi.yaml'));
		assert.ok(text);
		assert.match(text, /services\/payments\/api\/openapi\.yaml/);
		assert.match(text, /alice-ng/);
		assert.strictEqual(await vscode.env.clipboard.readText(), text);
	});

	test('the command shows the quick pick for the active file: the selected item acts, another can be chosen, Escape does nothing', async () => {
		const api = await getApi();
		const refunds = 'services/payments/src/refunds.ts';
		await openFile(refunds);
		// A warm model: the command reaches showQuickPick at once, so the pick is up after the pause below.
		const shown = (await api.whoDecidesItems(repoFile(refunds))).filter((item) => item.kind !== vscode.QuickPickItemKind.Separator);
		assert.strictEqual(shown[0]?.id, 'lead', `the first item: ${shown.map((item) => item.id).join(', ')}`);
		const ruleIndex = shown.findIndex((item) => item.id === 'rule');
		assert.ok(ruleIndex > 0, 'the CODEOWNERS rule is listed after the deciders');
		/** Runs the command, then drives the real workbench quick pick with its own commands, as keys would. */
		const pick = async (...steps: string[]): Promise<WhoDecidesItem | undefined> => {
			const running = vscode.commands.executeCommand<WhoDecidesItem | undefined>('ownershipGuardrails.whoDecides');
			await new Promise((resolve) => setTimeout(resolve, 500));
			for (const step of steps) {
				await vscode.commands.executeCommand(step);
			}
			return running;
		};

		// Enter on the first item (the lead, selected when the pick opens) copies their handle. With no
		// pick open, the accept would do nothing and the clipboard would keep the sentinel.
		await vscode.env.clipboard.writeText('sentinel');
		const lead = await pick('workbench.action.acceptSelectedQuickOpenItem');
		assert.strictEqual(lead?.id, 'lead');
		assert.strictEqual(await vscode.env.clipboard.readText(), '@alice-ng');

		// Down to the CODEOWNERS rule, then Enter: CODEOWNERS opens at the rule that owns refunds.ts.
		const rule = await pick(...Array<string>(ruleIndex).fill('workbench.action.quickOpenSelectNext'), 'workbench.action.acceptSelectedQuickOpenItem');
		assert.strictEqual(rule?.id, 'rule');
		const editor = vscode.window.activeTextEditor;
		assert.ok(editor);
		assert.match(editor.document.uri.path, /\/\.github\/CODEOWNERS$/);
		assert.match(editor.document.lineAt(editor.selection.active.line).text, /^\/services\/payments\/\s+@acme-bank\/payments/);

		// Escape: nothing chosen, nothing done.
		await openFile(refunds);
		await vscode.env.clipboard.writeText('sentinel');
		assert.strictEqual(await pick('workbench.action.closeQuickOpen'), undefined);
		assert.strictEqual(await vscode.env.clipboard.readText(), 'sentinel');
		assert.match(vscode.window.activeTextEditor?.document.uri.path ?? '', /refunds\.ts$/);
	});

	test('a file outside any rule still answers, with no decider but the actions', async () => {
		const api = await getApi();
		const items = await api.whoDecidesItems(repoFile('tools/scratch/notes.md'));
		const ids = items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator).map((item) => item.id);
		assert.ok(!ids.includes('lead'), `no lead for an unowned file: ${ids.join(', ')}`);
		assert.ok(ids.includes('card'));
	});
});
