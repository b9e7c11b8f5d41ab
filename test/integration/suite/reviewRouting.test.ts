import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { getApi, repoFile, waitFor } from './extensionApi';

suite('review routing view', () => {
	const contract = 'services/payments/api/openapi.yaml';
	const ledger = 'libs/ledger/money.ts';
	const added = 'services/core-banking/src/statements.ts';
	const originals = new Map<string, string>();

	suiteSetup(() => {
		for (const path of [contract, ledger]) {
			const file = repoFile(path).fsPath;
			originals.set(path, fs.readFileSync(file, 'utf8'));
			fs.appendFileSync(file, '\n# changed by the review routing test\n');
		}
		fs.writeFileSync(repoFile(added).fsPath, 'export const statements = [];\n');
	});

	suiteTeardown(() => {
		for (const [path, text] of originals) {
			fs.writeFileSync(repoFile(path).fsPath, text);
		}
		fs.rmSync(repoFile(added).fsPath, { force: true });
	});

	test('groups the working-tree changes by domain, flags the contract and names the reviewers', async () => {
		const api = await getApi();
		const mine = [contract, ledger, added];
		// Git notices changes on disk by itself, a moment later.
		const snapshot = await waitFor('the three changes in the forecast', async () => {
			const [first] = await api.reviewRouting();
			const paths = first?.forecast.files.map((file) => file.path) ?? [];
			return mine.every((path) => paths.includes(path)) ? first : undefined;
		}, 20_000);
		const { forecast } = snapshot;
		assert.strictEqual(forecast.files.find((file) => file.path === added)?.status, 'added');
		const payments = forecast.domains.find((domain) => domain.id === 'payments');
		const core = forecast.domains.find((domain) => domain.id === 'core-banking');
		assert.ok(payments && core, `domains: ${forecast.domains.map((domain) => domain.id).join(', ')}`);
		// Other suites may leave their own edits in the copy: check where ours landed.
		assert.ok(payments.files.includes(contract));
		assert.ok(core.files.includes(ledger) && core.files.includes(added));
		assert.ok(!payments.files.includes(ledger) && !core.files.includes(contract));
		assert.strictEqual(payments.lead?.name, 'Alice Ng');
		const api2 = forecast.contracts.find((entry) => entry.contract.id === 'payments-api');
		assert.ok(api2, 'the payments API contract is flagged');
		assert.strictEqual(api2.level, 'architecture');
		assert.deepStrictEqual(api2.files, [contract]);
		assert.strictEqual(forecast.forum, true);
		assert.ok(forecast.reviewers.some((handle) => /acme-bank\/payments/.test(handle)), forecast.reviewers.join(' '));
		assert.ok(forecast.reviewers.some((handle) => /acme-bank\/core-banking/.test(handle)), forecast.reviewers.join(' '));
	});

	test('"Copy Reviewers" and "Copy Pull-Request Comment" copy what the view shows', async () => {
		const reviewers = await vscode.commands.executeCommand<string>('ownershipGuardrails.copyReviewers');
		assert.ok(reviewers);
		assert.match(reviewers, /acme-bank\/core-banking/);
		assert.strictEqual(await vscode.env.clipboard.readText(), reviewers);
		const comment = await vscode.commands.executeCommand<string>('ownershipGuardrails.copyPullRequestComment');
		assert.ok(comment);
		assert.match(comment, /Payments HTTP API v2/);
		assert.strictEqual(await vscode.env.clipboard.readText(), comment);
	});
});
