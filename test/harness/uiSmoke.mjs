// UI smoke test of the packaged extension in a real VS Code workbench: what a user sees after
// installing ownership-guardrails.vsix and opening the Acme Bank demo. Drives headless chromium
// with the keyboard like a person and saves test-results/ui-*.png at every step.
//
// usage: node test/harness/uiSmoke.mjs --vsix ownership-guardrails.vsix --folder <demo repo copy>
//          [--out test-results] [--verbose]
// Exit code: 0 passed, 1 a check failed, 2 infrastructure error (130/143 when interrupted).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createLifecycle, launchChromium, openPage, readArgs, repoRoot, startCodeServer, stopwatchLog, workbenchUrl } from './harness.mjs';
import {
	describeScreen, focusWorkbench, openProblems, problemRows, quickOpen, quickPickRows, runCommand, typeLines, waitForStatusItem,
	waitForWorkbench,
} from './workbench.mjs';

const log = stopwatchLog('ui');
const { finish, onCleanup } = createLifecycle(log);
const args = readArgs();
const vsix = args.get('vsix', path.join(repoRoot, 'ownership-guardrails.vsix'));
const folder = args.get('folder');
const outDir = path.resolve(args.get('out', path.join(repoRoot, 'test-results')));
const verbose = args.has('verbose');

if (!folder || !existsSync(folder) || !existsSync(vsix)) {
	console.error('usage: node test/harness/uiSmoke.mjs --vsix FILE --folder DIR (both must exist; npm run package builds the .vsix)');
	process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const timer = setTimeout(() => finish(3, 'timeout after 180s'), 180_000);
onCleanup(() => clearTimeout(timer));

let page;
async function shot(name) {
	const file = path.join(outDir, `ui-${name}.png`);
	await page.screenshot({ path: file });
	log(`screenshot ${path.relative(repoRoot, file)}`);
}

/** Waits for a condition on something read from the page, reporting the last value on failure. */
async function eventually(read, accept, what, timeout = 20_000) {
	const deadline = Date.now() + timeout;
	let value;
	do {
		value = await read();
		if (accept(value)) {
			return value;
		}
		await page.waitForTimeout(300);
	} while (Date.now() < deadline);
	throw new Error(`${what}: last seen ${JSON.stringify(value)}`);
}

let server;
try {
	server = await startCodeServer({ vsix: [vsix], verbose });
	onCleanup(server.stop);
	log(`code-server up on http://${server.host} with ${path.basename(vsix)} installed`);
	const browser = await launchChromium();
	onCleanup(() => browser.close());
	page = await openPage(browser);
	if (verbose) {
		page.on('console', (message) => console.log(`[page ${message.type()}] ${message.text()}`));
	}
	await page.goto(workbenchUrl(server.host, { folder }));
	await waitForWorkbench(page);
	log('workbench loaded');
} catch (error) {
	await finish(2, `infrastructure error: ${error?.stack ?? error}`);
}

try {
	// 1. The status bar names the domain and its lead for a payments file.
	await quickOpen(page, 'services/payments/src/refunds.ts');
	const status = await waitForStatusItem(page, (text) => text.includes('Payments') && text.includes('Alice Ng'));
	await shot('status');
	log(`ok: status bar names the domain and its lead: ${JSON.stringify(status.text)} (${JSON.stringify(status.label)})`);

	// 2. "Who Decides This?" from the Command Palette answers with the payments lead.
	await runCommand(page, 'Ownership Guardrails: Who Decides This?');
	const rows = await eventually(() => quickPickRows(page), (list) => list.some((row) => row.includes('Alice Ng')), 'the Who Decides quick pick shows Alice Ng');
	log(`ok: Who Decides quick pick shows Alice Ng (${rows.length} rows)`);
	await shot('who-decides');
	await page.keyboard.press('Escape');

	// 3. Editing a contract file raises a diagnostic naming the contract in the Problems panel.
	await quickOpen(page, 'services/payments/api/openapi.yaml');
	await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
	await page.keyboard.press('Control+Home');
	await typeLines(page, ['# ui smoke test: an edit to the payments contract']);
	await openProblems(page);
	const problems = await eventually(() => problemRows(page), (list) => list.some((row) => row.includes('Payments HTTP API v2')), 'the Problems panel shows the Payments HTTP API v2 contract', 30_000);
	log(`ok: Problems panel: ${JSON.stringify(problems.find((row) => row.includes('Payments HTTP API v2')))}`);
	await focusWorkbench(page);
	await shot('problems');
	await finish(0, 'UI smoke test passed');
} catch (error) {
	console.error(error?.message ?? error);
	console.error(`what the workbench showed:\n${await describeScreen(page)}`);
	try {
		await shot('failure');
	} catch (shotError) {
		console.error(`failure screenshot failed: ${shotError.message}`);
	}
	await finish(1, 'UI smoke test FAILED');
}
