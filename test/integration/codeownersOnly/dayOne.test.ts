import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFile, repoFile, waitFor } from '../suite/extensionApi';

const refunds = 'services/payments/src/refunds.ts';

suite('Day one: a repository with only a CODEOWNERS', () => {
	suiteTeardown(async () => {
		await closeAllEditors();
		fs.rmSync(repoFile('guardrails.yaml').fsPath, { force: true });
	});

	test('the status-bar card and "Who Decides This?" offer "Set up domains and leads…" (no pop-up)', async () => {
		const api = await getApi();
		await openFile(refunds);
		const state = await waitFor('the CODEOWNERS owner in the status bar', async () => {
			const s = await api.statusBar();
			return s.visible && s.text.includes('@shop/maintainers') ? s : undefined;
		});
		assert.match(state.tooltipText, /Set up domains and leads…/);
		assert.match(state.tooltip, /command:ownershipGuardrails\.draftConfig/);
		const items = await api.whoDecidesItems(repoFile(refunds));
		const setup = items.find((item) => item.id === 'setup');
		assert.ok(setup, `no setup offer among ${items.map((i) => i.id).join(', ')}`);
		assert.match(setup.label, /Set up domains and leads…/);
	});

	test('review routing groups a change by code owner and says that domains are not set up', async function () {
		// The view follows the built-in git extension, whose watcher lags on a loaded machine.
		this.retries(1);
		const api = await getApi();
		const file = repoFile(refunds).fsPath;
		const original = fs.readFileSync(file, 'utf8');
		try {
			// A committed CODEOWNERS that the change does not edit: HEAD's rules and the working tree's agree.
			fs.writeFileSync(file, `${original}// a change\n`);
			await vscode.commands.executeCommand('ownershipGuardrails.reviewRouting.focus');
			const tree = await waitFor('an owner group in the tree', async () => {
				const nodes = await api.reviewRoutingTree();
				return nodes.some((node) => node.label === 'Team: @shop/maintainers' && node.children.some((child) => child.label === 'refunds.ts')) ? nodes : undefined;
			}, 20_000);
			assert.ok(tree.some((node) => node.label === 'No domains yet'), JSON.stringify(tree));
			assert.ok(!tree.some((node) => /^Domain/.test(node.label)), JSON.stringify(tree));
		} finally {
			fs.writeFileSync(file, original);
		}
	});

	test('"Draft guardrails.yaml" opens an unsaved YAML draft at the config path with no errors', async () => {
		const document = await vscode.commands.executeCommand<vscode.TextDocument>('ownershipGuardrails.draftConfig', repoFile(refunds));
		assert.ok(document);
		assert.strictEqual(document.uri.scheme, 'untitled');
		assert.strictEqual(document.uri.path, repoFile('guardrails.yaml').path);
		assert.strictEqual(document.languageId, 'yaml');
		assert.strictEqual(fs.existsSync(repoFile('guardrails.yaml').fsPath), false, 'nothing is written before saving');
		const text = document.getText();
		assert.match(text, /^ {2}payments: {2}# 2 files, \.github\/CODEOWNERS line 2$/m);
		assert.match(text, /@shop\/maintainers co-owns 3 rules \(nearly all\): read as an umbrella group/);
		assert.match(text, /Suggested from git history.*Dana Weiss <dana@shop\.example>/);
		assert.strictEqual(vscode.window.activeTextEditor?.document, document);
		// The guardrails diagnostics check the draft as they would the saved file: leads unset, nothing broken.
		const diagnostics = await waitFor('lead-missing warnings on the draft', () => {
			const found = vscode.languages.getDiagnostics(document.uri);
			return found.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'lead-missing') ? found : undefined;
		}, 20_000);
		assert.deepStrictEqual(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message), []);
	});

	test('once saved, every surface picks it up: the status bar shows the domain and "lead not set"', async () => {
		const api = await getApi();
		const draft = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'untitled' && d.uri.path === repoFile('guardrails.yaml').path);
		assert.ok(draft, 'the draft is open');
		await vscode.window.showTextDocument(draft);
		await vscode.commands.executeCommand('workbench.action.files.save');
		await waitFor('guardrails.yaml on disk', () => fs.existsSync(repoFile('guardrails.yaml').fsPath) || undefined, 15_000);
		await openFile(refunds);
		const state = await waitFor('the payments domain in the status bar', async () => {
			const answer = await api.answer(repoFile(refunds));
			const s = await api.statusBar();
			return answer?.decision.domain?.id === 'payments' && s.visible && s.text.includes('payments') && !s.text.includes('@shop') ? s : undefined;
		}, 20_000);
		assert.match(state.tooltipText, /Lead: not set\. Set org\.teams\.payments\.lead/);
		assert.doesNotMatch(state.tooltipText, /Set up domains and leads/, 'the offer is gone once a config exists');
		assert.match(state.accessibilityLabel, /lead not set/);
		const items = await api.whoDecidesItems(repoFile(refunds));
		assert.ok(items.some((item) => item.id === 'lead-missing'));
		assert.ok(!items.some((item) => item.id === 'setup'));
	});

	test('the Getting Started walkthrough is contributed, opens, and its commands run', async () => {
		const extension = vscode.extensions.getExtension('ownership-guardrails.ownership-guardrails');
		assert.ok(extension);
		const walkthroughs = (extension.packageJSON as { contributes: { walkthroughs: { id: string; steps: { id: string; description: string }[] }[] } }).contributes.walkthroughs;
		assert.deepStrictEqual(walkthroughs[0].steps.map((s) => s.id), ['owner', 'draft', 'leads', 'contract', 'decision']);
		await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'ownership-guardrails.ownership-guardrails#gettingStarted', false);
		// Each step's command, as its link runs it (the quick pick and quick open are closed again).
		await openFile(refunds);
		void vscode.commands.executeCommand('ownershipGuardrails.whoDecides', repoFile(refunds));
		await new Promise((resolve) => setTimeout(resolve, 500));
		await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
		const draft = await vscode.commands.executeCommand<vscode.TextDocument>('ownershipGuardrails.draftConfig', repoFile(refunds));
		assert.ok(draft, 'drafting again with a config present opens an unattached draft');
		assert.strictEqual(draft.uri.scheme, 'untitled');
		assert.notStrictEqual(draft.uri.path, repoFile('guardrails.yaml').path);
		await vscode.commands.executeCommand('workbench.action.quickOpen', 'guardrails.yaml');
		await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
		const adr = await vscode.commands.executeCommand<vscode.Uri>('ownershipGuardrails.createAdr', repoFile(refunds), 'Split the payments domain');
		assert.ok(adr);
		assert.match(adr.path, /\/docs\/adr\/0001-split-the-payments-domain\.md$/);
		fs.rmSync(adr.fsPath, { force: true });
	});
});
