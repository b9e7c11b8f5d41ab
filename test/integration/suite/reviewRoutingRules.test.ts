import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { getApi, repoFile, waitFor } from './extensionApi';

// A pull request is judged by the CODEOWNERS of its target branch. The review routing view
// forecasts working-tree changes that edit CODEOWNERS with HEAD's rules, read through git, and
// lists what the edited rules would change after merge.
suite('review routing view: edited rules take effect after merge', () => {
	const codeowners = '.github/CODEOWNERS';
	const refunds = 'services/payments/src/refunds.ts';
	const originals = new Map<string, string>();

	suiteSetup(() => {
		for (const path of [codeowners, refunds]) {
			originals.set(path, fs.readFileSync(repoFile(path).fsPath, 'utf8'));
		}
		const edited = (originals.get(codeowners) ?? '').replace(/^\/services\/payments\/ +@acme-bank\/payments$/m, '/services/payments/ @acme-bank/newcomers');
		assert.notStrictEqual(edited, originals.get(codeowners), 'the demo CODEOWNERS has the payments line');
		fs.writeFileSync(repoFile(codeowners).fsPath, edited);
		fs.appendFileSync(repoFile(refunds).fsPath, '\n// changed by the review routing rules test\n');
	});

	suiteTeardown(() => {
		for (const [path, text] of originals) {
			fs.writeFileSync(repoFile(path).fsPath, text);
		}
	});

	test('the forecast uses HEAD\'s CODEOWNERS and the edit is listed with what it changes', async () => {
		const api = await getApi();
		const snapshot = await waitFor('the CODEOWNERS edit in the forecast', async () => {
			const [first] = await api.reviewRouting();
			const paths = first?.forecast.files.map((file) => file.path) ?? [];
			return first?.rules && paths.includes(refunds) && paths.includes(codeowners) ? first : undefined;
		}, 30_000);
		const rules = snapshot.rules;
		assert.ok(rules);
		assert.deepStrictEqual(rules.edited.map((edit) => [edit.file, edit.status]), [[codeowners, 'modified']]);
		// HEAD's owner is asked, as GitHub will; the new owner only after merge.
		assert.ok(snapshot.forecast.reviewers.includes('@acme-bank/payments'), snapshot.forecast.reviewers.join(' '));
		assert.ok(!snapshot.forecast.reviewers.includes('@acme-bank/newcomers'), snapshot.forecast.reviewers.join(' '));
		assert.ok(rules.reviewersAfterMerge.includes('@acme-bank/newcomers'), rules.reviewersAfterMerge.join(' '));
		const shift = rules.examples.find((entry) => entry.path === refunds);
		assert.deepStrictEqual(shift && [shift.aspect, shift.before, shift.after], ['owners', ['@acme-bank/payments'], ['@acme-bank/newcomers']]);
		assert.ok(rules.filesChanged >= 4, String(rules.filesChanged));
	});

	test('the view shows "Ownership rules edited" with the files whose owners change', async () => {
		const api = await getApi();
		await vscode.commands.executeCommand('ownershipGuardrails.reviewRouting.focus');
		const node = await waitFor('the rules node in the tree', async () => {
			const nodes = await api.reviewRoutingTree();
			return nodes.find((entry) => entry.label === 'Ownership rules edited');
		}, 30_000);
		assert.match(node.description ?? '', /^\d+ of \d+ files change after merge$/);
		const row = node.children.find((child) => child.label === refunds);
		assert.ok(row, JSON.stringify(node.children));
		assert.strictEqual(row.description, 'owners: @acme-bank/payments → @acme-bank/newcomers');
		assert.ok(node.children.some((child) => child.label === 'Reviewers after merge' && /newcomers/.test(child.description ?? '')), JSON.stringify(node.children));
		const comment = await vscode.commands.executeCommand<string>('ownershipGuardrails.copyPullRequestComment');
		assert.match(comment ?? '', /### ⚠️ This change edits the ownership rules/);
	});
});
