import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, waitFor } from './extensionApi';

suite('Show Ownership Map', () => {
	suiteTeardown(closeAllEditors);

	test('opens a webview panel and posts the treemap of the demo\'s domains with findings', async () => {
		const api = await getApi();
		await vscode.commands.executeCommand('ownershipGuardrails.showOwnershipMap');
		const tab = await waitFor('the map tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
			.find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('ownershipGuardrails.ownershipMap')));
		assert.strictEqual(tab.label, 'Ownership Map');
		const state = await api.ownershipMap();
		assert.ok(state.open, 'the panel is open');
		const posted = state.lastPosted;
		assert.ok(posted && posted.type === 'map', `posted: ${JSON.stringify(posted)?.slice(0, 200)}`);
		const map = posted.data.map;
		assert.strictEqual(map.groupedBy, 'domain');
		const titles = map.groups.map((g) => g.title);
		for (const domain of ['Payments', 'Core Banking', 'Infrastructure', 'Unowned']) {
			assert.ok(titles.includes(domain), `group ${domain} in ${titles.join(', ')}`);
		}
		assert.ok(map.leaves.some((l) => l.contractFiles > 0), 'contract files are marked');
		assert.ok(map.leaves.some((l) => l.unowned > 0), 'unowned files are marked');
		assert.ok(map.leaves.every((l) => l.x1 >= l.x0 && l.y1 >= l.y0 && l.x1 <= map.width && l.y1 <= map.height), 'areas lie inside the picture');
		const codes = posted.data.report.findings.map((f) => f.code);
		assert.ok(codes.includes('lead-without-deputy'), `findings: ${codes.join(', ')}`);
	});

	test('the domain dependency graph from the import index is drawn under the map, the demo\'s boundary break dashed', async () => {
		const api = await getApi();
		const posted = (await api.ownershipMap()).lastPosted;
		assert.ok(posted?.type === 'map');
		const dependencies = posted.data.dependencies;
		assert.ok(dependencies, 'the map carries the dependency graph');
		const nodes = dependencies.scene.nodes.map((n) => n.id);
		for (const domain of ['payments', 'core-banking', 'infrastructure']) {
			assert.ok(nodes.includes(domain), `node ${domain} in ${nodes.join(', ')}`);
		}
		const edges = dependencies.scene.edges.map((e) => `${e.from}->${e.to}:${e.tone}`);
		// services/payments/src/refunds.ts imports the ledger's internals (the demo's violation).
		assert.ok(edges.includes('payments->core-banking:violation'), edges.join(' | '));
		assert.match(dependencies.summary, /^\d+ cross-domain imports in \d+ files; (1 breaks a boundary \(dashed arrow\)|\d+ break a boundary \(dashed arrows\))\.$/);
		assert.ok(dependencies.scene.edges.every((e) => e.labelX >= 0 && e.labelX <= dependencies.scene.width), 'labels lie inside the picture');
	});

	test('a click reveals the area and answers "Who decides this?" for it', async () => {
		const api = await getApi();
		const state = await api.ownershipMap();
		assert.ok(state.lastPosted?.type === 'map');
		const leaves = state.lastPosted.data.map.leaves;
		const index = leaves.findIndex((l) => l.path === 'services/payments/api/openapi.yaml' || (l.sample === 'services/payments/api/openapi.yaml'));
		assert.ok(index >= 0, 'the payments API file is on the map');
		const selection = await api.ownershipMapClick(index);
		assert.ok(selection);
		assert.strictEqual(selection.sample, 'services/payments/api/openapi.yaml');
		assert.match(selection.revealed, /^services\/payments\/api/);
		const roles = selection.lines.map((l) => `${l.role}: ${l.who}`);
		assert.ok(roles.includes('lead: Alice Ng (@alice-ng)'), roles.join(' | '));
		assert.ok(roles.some((r) => r.startsWith('deputy: Bob Ortiz')), roles.join(' | '));
		const after = await api.ownershipMap();
		assert.strictEqual(after.lastPosted?.type, 'decision', 'the answer is posted to the webview');
		// The Explorer now shows the revealed file's folder: the explorer view is focused on it.
		await vscode.commands.executeCommand('workbench.files.action.focusFilesExplorer');
	});

	test('an out-of-range click is ignored', async () => {
		const api = await getApi();
		const before = (await api.ownershipMap()).lastSelection;
		assert.strictEqual((await api.ownershipMapClick(1_000_000))?.leaf, before?.leaf);
		assert.strictEqual((await api.ownershipMapClick(-1))?.leaf, before?.leaf);
	});
});
