// `npm run demo`: the extension in a real VS Code on a fresh git copy of the Acme Bank demo.
//   npm run demo                       builds, starts code-server, prints the URL, stays up until Ctrl+C
//   npm run demo -- --port 8080        a fixed port (default: 8080 if free, else any free port)
//   npm run demo -- --vsix FILE        shows an installed package instead of the repository
//   npm run demo -- --screenshots      packages the extension, drives headless chromium through each
//                                      surface and writes test-results/screenshots/screenshot-*.png,
//                                      then exits (--dev: the development build instead of a package;
//                                      --out media: refresh the README's tracked screenshots)
//   npm run demo -- --screenshots --surfaces ownership-map --theme dark
//                                      only the named surfaces, in the light, dark or high-contrast theme
// code-server listens on 127.0.0.1 only; forward the port to see it from another machine.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { prepareDemoRepo, removePrepared } from '../../scripts/prepareWorkspace.mjs';
import { screenshotDir } from './demoOptions.mjs';
import {
	createLifecycle, launchChromium, openPage, readArgs, remoteUri, repoRoot, startCodeServer, stopwatchLog, workbenchUrl,
} from './harness.mjs';
import {
	describeScreen, focusWorkbench, openProblems, quickOpen, quickPickRows, runCommand, typeLines, waitForStatusItem, waitForWorkbench,
} from './workbench.mjs';

const log = stopwatchLog('demo');
const { finish, onCleanup } = createLifecycle(log);
const args = readArgs();
const screenshots = args.has('screenshots');
/** `--theme NAME`: the colour theme of the screenshots (their names get `-NAME`). */
const themes = { light: 'Default Light Modern', dark: 'Default Dark Modern', 'high-contrast': 'Default High Contrast' };
/** The web workbench follows the browser's colour scheme when asked to; the settings pick the themes. */
function themeSettings() {
	const theme = themes[args.get('theme')];
	return theme === undefined ? {} : {
		'workbench.colorTheme': theme,
		'window.autoDetectColorScheme': args.get('theme') !== 'high-contrast',
		'workbench.preferredDarkColorTheme': themes.dark,
		'workbench.preferredLightColorTheme': themes.light,
		'window.autoDetectHighContrast': true,
	};
}
const mediaDir = screenshotDir(args, repoRoot);

function portIsFree(port) {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

async function choosePort() {
	if (args.get('port')) {
		return Number(args.get('port'));
	}
	// A stable address is easier to keep open in a browser tab across restarts; screenshots need none.
	if (!screenshots && (await portIsFree(8080))) {
		return 8080;
	}
	return undefined;
}

function build() {
	log('npm run build');
	const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
	if (result.status !== 0) {
		throw new Error('npm run build failed');
	}
}

/** The webview frame (code-server nests it twice) holding `selector`. */
async function waitForFrame(page, selector, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		for (const frame of page.frames()) {
			if (await frame.locator(selector).count().catch(() => 0) > 0) {
				return frame;
			}
		}
		await page.waitForTimeout(250);
	}
	throw new Error(`no frame shows ${selector}`);
}

/** One surface of the screenshot tour; a surface that cannot be captured warns and the tour goes on. */
async function surface(page, name, steps) {
	try {
		await steps();
		const file = path.join(mediaDir, `screenshot-${name}.png`);
		await page.screenshot({ path: file });
		log(`captured ${path.relative(repoRoot, file)}`);
		return true;
	} catch (error) {
		console.warn(`warning: could not capture ${name}: ${error?.message?.split('\n')[0] ?? error}`);
		console.warn(await describeScreen(page));
		return false;
	} finally {
		await page.keyboard.press('Escape').catch(() => undefined);
		await page.mouse.move(1, 1).catch(() => undefined);
	}
}

/** Hovers an element and waits for VS Code's hover widget, so the screenshot shows the tooltip. */
async function hoverFor(page, locator) {
	await locator.waitFor({ timeout: 15_000 });
	const hover = page.locator('.monaco-hover:visible, .workbench-hover:visible, .monaco-hover-content:visible').first();
	// A hover that did not open (the pointer arrived while the workbench was busy) opens on a
	// second approach, as it would for a person.
	for (let attempt = 1; ; attempt++) {
		// Move the mouse rather than locator.hover(): squiggles sit in a layer under the text, which
		// playwright would report as "intercepts pointer events" and never hover.
		const box = await locator.boundingBox();
		if (!box) {
			throw new Error('the element to hover is not visible');
		}
		await page.mouse.move(1, 1);
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
		try {
			await hover.waitFor({ timeout: 5000 });
			break;
		} catch (error) {
			if (attempt === 3) {
				throw error;
			}
		}
	}
	// Hovers fade in; a screenshot taken at once catches them half transparent.
	await page.waitForTimeout(500);
}

/** A few weeks of history by the demo's people, so the map's review-load overlay has something to show. */
function demoHistory(repo) {
	const people = [
		['Alice Ng', 'alice@acme-bank.example', ['services/payments/src/refunds.ts', 'services/payments/api/openapi.yaml']],
		['Fay Okafor', 'fay@acme-bank.example', ['services/payments/src/refunds.ts', 'libs/payments/contracts/index.ts']],
		['Gus Lindqvist', 'gus@acme-bank.example', ['services/core-banking/src/accounts.ts', 'db/migrations/0003_create_refunds.sql']],
		['Chen Li', 'chen@acme-bank.example', ['libs/ledger/journal.ts', 'libs/shared-models/customer/index.ts']],
		['Erik Sand', 'erik@acme-bank.example', ['infra/terraform/modules/network/main.tf']],
	];
	for (let round = 0; round < 4; round++) {
		for (const [name, email, files] of people) {
			for (const file of files) {
				const comment = file.endsWith('.ts') ? '//' : file.endsWith('.sql') ? '--' : '#';
				appendFileSync(path.join(repo, file), `\n${comment} ${name}: change ${round + 1}\n`);
			}
			const env = { ...process.env, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
			spawnSync('git', ['add', '-A'], { cwd: repo, env });
			spawnSync('git', ['commit', '-q', '-m', `${name}: change ${round + 1}`], { cwd: repo, env });
		}
	}
}

async function tour(page, repo) {
	const captured = [];
	const only = args.get('surfaces')?.split(',');
	const suffix = args.get('theme') ? `-${args.get('theme')}` : '';
	const take = async (name, steps) => {
		if (only && !only.includes(name)) {
			return;
		}
		if (await surface(page, `${name}${suffix}`, steps)) {
			captured.push(name);
		}
	};

	await take('status-bar', async () => {
		await quickOpen(page, 'services/payments/src/refunds.ts');
		await waitForStatusItem(page, (text) => text.includes('Payments'));
		await hoverFor(page, page.locator('.statusbar-item', { hasText: 'Payments' }).first());
	});

	await take('who-decides', async () => {
		await quickOpen(page, 'services/payments/src/refunds.ts');
		await runCommand(page, 'Ownership Guardrails: Who Decides This?');
		await page.waitForFunction(() => [...document.querySelectorAll('.quick-input-widget .monaco-list-row')].some((row) => (row.textContent ?? '').includes('Alice Ng')), undefined, { timeout: 15_000 });
		await quickPickRows(page);
	});

	await take('inlay-hints', async () => {
		await quickOpen(page, 'services/payments/src/refunds.ts');
		// The hints are injected text ("→ Core Banking · Chen Li", with no-break spaces) at the end of
		// the import lines; wait until one is rendered.
		await page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .view-line')]
			.some((line) => /^import\b/.test(line.textContent ?? '') && /→\s/.test(line.textContent ?? '')), undefined, { timeout: 45_000 });
	});

	await take('boundary-violation', async () => {
		// The demo's payments code imports the ledger's internals: a warning on the module name.
		await quickOpen(page, 'services/payments/src/refunds.ts');
		await hoverFor(page, page.locator('.monaco-editor .squiggly-warning').first());
	});

	await take('boundary-quick-fixes', async () => {
		await quickOpen(page, 'services/payments/src/refunds.ts');
		const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
		await squiggle.waitFor({ timeout: 15_000 });
		// A mouse click at the squiggle (it sits under the text layer), then the quick-fix menu.
		const box = await squiggle.boundingBox();
		if (!box) {
			throw new Error('the boundary squiggle is not visible');
		}
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		await page.keyboard.press('Control+.');
		await page.locator('.action-widget', { hasText: 'Allow with a reason' }).first().waitFor({ timeout: 15_000 });
		await page.waitForTimeout(300);
	});

	await take('domain-dependencies', async () => {
		// The graph: payments → core banking carries the violation, core banking → payments is a
		// use of the payments contract.
		await runCommand(page, 'Ownership Guardrails: Show Domain Dependencies');
		await waitForFrame(page, 'svg .edge');
		await page.waitForTimeout(500);
	});

	await take('contract-problems', async () => {
		await quickOpen(page, 'services/payments/api/openapi.yaml');
		await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+Home');
		await typeLines(page, ['# Add a refund reason field to the v2 API']);
		await openProblems(page);
		await page.locator('.markers-panel .monaco-list-row', { hasText: 'Payments HTTP API v2' }).first().waitFor({ timeout: 20_000 });
	});

	await take('contract-hover', async () => {
		await focusWorkbench(page);
		await hoverFor(page, page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-info, .monaco-editor .squiggly-error').first());
	});

	await take('explorer', async () => {
		await runCommand(page, 'File: Revert File');
		await runCommand(page, 'View: Show Explorer');
		await hoverFor(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'openapi.yaml' }).first());
	});

	await take('review-routing', async () => {
		// A change on disk, as a teammate's branch would have it: the view groups it by domain.
		appendFileSync(path.join(repo, 'services', 'payments', 'api', 'openapi.yaml'), '# x-refund-reason: added in v2.4\n');
		appendFileSync(path.join(repo, 'services', 'payments', 'src', 'refunds.ts'), '// refund reasons are validated by the API layer\n');
		await runCommand(page, 'View: Hide Panel').catch(() => undefined);
		await runCommand(page, 'Focus on Review Routing View');
		// git notices the files written behind the editor's back on its own schedule.
		await page.locator('.scm-view .monaco-list-row, .pane-body .monaco-list-row', { hasText: 'refunds.ts' }).first().waitFor({ timeout: 20_000 });
		// Give the view room: fold the commit graph.
		for (const title of ['Graph']) {
			const header = page.locator('.pane-header[aria-expanded="true"]', { hasText: title }).first();
			if (await header.isVisible().catch(() => false) && !(await header.innerText()).includes('Review Routing')) {
				// On the twistie: the middle of the header holds the graph's own buttons.
				await header.click({ position: { x: 10, y: 11 } }).catch(() => undefined);
			}
		}
		await page.locator('.monaco-list-row', { hasText: 'Payments' }).first().waitFor({ timeout: 20_000 });
		await page.waitForTimeout(800);
	});

	await take('codeowners', async () => {
		await quickOpen(page, '.github/CODEOWNERS');
		await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
		await page.keyboard.press('Control+End');
		// A rule repeated by mistake and an owner that is no handle: both are flagged while typing.
		await typeLines(page, ['', '/services/payments/                     @acme-bank/payments', '/docs/runbooks/                         payments-team']);
		await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info').first().waitFor({ timeout: 15_000 });
		// A token span (inner span), not the whole line's span, whose centre may be blank space.
		await hoverFor(page, page.locator('.monaco-editor .view-line span span', { hasText: /^@acme-bank\/payments$/ }).first());
	});
	await take('ownership-map', async () => {
		// Last in the tour: the history it adds must not change the other surfaces.
		demoHistory(repo);
		await runCommand(page, 'Ownership Guardrails: Show Ownership Map');
		const frame = await waitForFrame(page, '#app svg .leaf');
		await frame.locator('.leaf', { has: frame.locator('title', { hasText: 'openapi.yaml' }) }).first().click();
		await frame.locator('#decision dl').waitFor({ timeout: 15_000 });
		await page.waitForTimeout(500);
	});
	await take('ownership-map-dependencies', async () => {
		// The same panel, scrolled to the domain dependency graph under the treemap.
		const frame = await waitForFrame(page, '#dependencies svg .dep-node');
		await frame.locator('#dependencies').scrollIntoViewIfNeeded();
		await page.waitForTimeout(500);
	});

	return captured;
}

/**
 * The extension to show: the repository as extensionDevelopmentPath (live code, the default for the
 * interactive demo), or an installed .vsix (`--vsix FILE`; the screenshot tour packages a fresh one
 * unless `--dev`), which keeps "[Extension Development Host]" out of the window title.
 */
function chooseExtension() {
	if (args.get('vsix')) {
		return { vsix: path.resolve(args.get('vsix')) };
	}
	if (screenshots && !args.has('dev')) {
		log('npm run package');
		const packaged = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
		if (packaged.status === 0) {
			return { vsix: path.join(repoRoot, 'ownership-guardrails.vsix') };
		}
		console.warn('warning: npm run package failed, showing the development build instead');
	}
	build();
	return { vsix: undefined };
}

try {
	const { vsix } = chooseExtension();
	const prepared = prepareDemoRepo();
	onCleanup(() => removePrepared(prepared.root));
	log(`demo repository copy: ${prepared.repo} (git user Bob Ortiz)`);
	if (!screenshots) {
		demoHistory(prepared.repo);
	}
	const server = await startCodeServer({
		port: await choosePort(),
		vsix: vsix ? [vsix] : [],
		settings: screenshots
			? { 'editor.minimap.enabled': false, 'workbench.tips.enabled': false, ...themeSettings() }
			: {},
		onExit: (code, output) => finish(2, `code-server exited (${code})\n${output}`),
	});
	onCleanup(server.stop);
	log(vsix ? `extension installed from ${path.relative(repoRoot, vsix)}` : 'extension loaded from the repository (development mode)');
	const url = workbenchUrl(server.host, {
		folder: prepared.repo,
		payload: vsix ? [] : [['extensionDevelopmentPath', remoteUri(server.host, repoRoot)]],
	});

	if (!screenshots) {
		console.log(`\nOwnership Guardrails demo is running. Open this in a browser:\n\n  ${url}\n\nTry: open services/payments/src/refunds.ts, F1 > "Ownership Guardrails: Who Decides This?", edit services/payments/api/openapi.yaml.\nCtrl+C stops code-server and deletes the demo copy.\n`);
	} else {
		mkdirSync(mediaDir, { recursive: true });
		const browser = await launchChromium();
		onCleanup(() => browser.close());
		const page = await openPage(browser);
		if (args.get('theme') === 'dark' || args.get('theme') === 'light') {
			await page.emulateMedia({ colorScheme: args.get('theme') });
		} else if (args.get('theme') === 'high-contrast') {
			// Forced colours alone pick the light high-contrast theme; the dark one is the usual choice.
			await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
		}
		await page.goto(url);
		await waitForWorkbench(page);
		log('workbench loaded, capturing surfaces');
		const captured = await tour(page, prepared.repo);
		await finish(0, `captured ${captured.length} surfaces: ${captured.join(', ')}`);
	}
} catch (error) {
	await finish(2, `demo failed: ${error?.stack ?? error}`);
}
