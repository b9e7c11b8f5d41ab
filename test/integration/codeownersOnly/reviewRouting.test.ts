// Review routing with CODEOWNERS alone (issue 13 item 8). The view forecasts with HEAD's rules, so
// "no domains" has to be true at HEAD: this fixture's, not the demo's (moved from suite/ownershipCard).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, repoFile, repoRoot, waitFor } from '../suite/extensionApi';

const changed = 'services/payments/src/refunds.ts';

suite('Review routing, CODEOWNERS alone', () => {
	let original = '';

	suiteSetup(() => {
		original = fs.readFileSync(repoFile(changed).fsPath, 'utf8');
	});

	suiteTeardown(async () => {
		execFileSync('git', ['checkout', '--', changed], { cwd: repoRoot().fsPath });
		await closeAllEditors();
	});

	test('groups the change by its code owner (a team, not a domain) and says that domains are not set up', async function () {
		// The view follows the built-in git extension, whose watcher lags on a loaded machine.
		this.retries(1);
		fs.writeFileSync(repoFile(changed).fsPath, `${original}// reviewed by the owners\n`);
		const api = await getApi();
		await vscode.commands.executeCommand('ownershipGuardrails.reviewRouting.focus');
		const tree = await waitFor('the owner group in the tree', async () => {
			const nodes = await api.reviewRoutingTree();
			return nodes.some((node) => node.label === 'Team: @shop/maintainers') ? nodes : undefined;
		}, 20_000);
		const group = tree.find((node) => node.label === 'Team: @shop/maintainers');
		assert.ok(group?.children.some((child) => child.label === 'refunds.ts'), JSON.stringify(group));
		assert.ok(!tree.some((node) => String(node.label).startsWith('Domain')), JSON.stringify(tree));
		assert.ok(tree.some((node) => node.label === 'No domains yet'), JSON.stringify(tree));
	});
});
