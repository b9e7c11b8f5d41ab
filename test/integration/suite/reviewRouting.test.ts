import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { getApi, repoFile, waitFor } from './extensionApi';

suite('review routing view', () => {
	const contract = 'services/payments/api/openapi.yaml';
	const ledger = 'libs/ledger/money.ts';
	const added = 'services/core-banking/src/statements.ts';
	const infra = 'infra/terraform/envs/prod/main.tf';
	const originals = new Map<string, string>();

	suiteSetup(() => {
		originals.set(infra, fs.readFileSync(repoFile(infra).fsPath, 'utf8'));
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

	test('the view shows the changes grouped by domain and follows new changes on disk', async function () {
		// The last step waits on the built-in git extension noticing a write made outside VS Code;
		// its watcher is not ours and lags on a loaded 2-core machine, so allow one more attempt.
		this.retries(1);
		const api = await getApi();
		// Showing the view is what starts its git listeners.
		await vscode.commands.executeCommand('ownershipGuardrails.reviewRouting.focus');
		const labels = (nodes: { label: string; children: { label: string }[] }[], name: string): string[] =>
			nodes.find((node) => node.label === name)?.children.map((child) => child.label) ?? [];
		const tree = await waitFor('the tree with our changes', async () => {
			const nodes = await api.reviewRoutingTree();
			return labels(nodes, 'Core Banking').includes('statements.ts') ? nodes : undefined;
		}, 20_000);
		assert.ok(labels(tree, 'Payments').includes('openapi.yaml'), JSON.stringify(tree));
		assert.ok(labels(tree, 'Core Banking').includes('money.ts'), JSON.stringify(tree));
		assert.ok(tree.some((node) => node.label === 'Architecture forum needed'), JSON.stringify(tree));
		const reviewers = tree.find((node) => node.label === 'Reviewers');
		assert.match(reviewers?.description ?? '', /acme-bank\/core-banking/);
		const contracts = tree.find((node) => node.label === 'Contracts touched');
		assert.ok(contracts?.children.some((child) => child.label === 'Payments HTTP API v2' && /architecture/.test(child.description ?? '')), JSON.stringify(contracts));
		// A new change on disk reaches the view without anyone asking it to recompute.
		fs.writeFileSync(repoFile(infra).fsPath, '# changed by the review routing test\n', { flag: 'a' });
		await waitFor('the infrastructure change in the tree', async () => {
			const nodes = await api.reviewRoutingTree();
			return labels(nodes, 'Infrastructure').includes('main.tf') ? true : undefined;
		}, 20_000);
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
