// The `bottlenecks --format html` page in the harness's headless chromium: it renders the treemap
// under its own Content Security Policy, with no violation and no request leaving the page.
import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanUp, cli, demoRepo, repoRoot, tempDir } from './cliHarness';

interface Page {
	goto(url: string): Promise<unknown>;
	on(event: 'request', listener: (request: { url(): string }) => void): void;
	on(event: 'console', listener: (message: { text(): string }) => void): void;
	/** An expression evaluated in the page (a string: this file is compiled without the DOM library). */
	evaluate<T>(expression: string): Promise<T>;
}
interface Browser {
	newPage(): Promise<Page>;
	close(): Promise<void>;
}
interface Chromium {
	launch(options: Record<string, unknown>): Promise<Browser>;
}

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const playwrightPath = path.join(repoRoot, 'test', 'harness', 'node_modules', 'playwright-core');

suite('bottlenecks --format html in a real browser', function () {
	suiteTeardown(cleanUp);

	test('the page renders the treemap, applies its style and breaks no CSP rule', async function () {
		if (!existsSync(chromiumPath) || !existsSync(playwrightPath)) {
			// The harness (test/harness/setup.sh) installs both; without them there is no browser to ask.
			this.skip();
		}
		this.timeout(60_000);
		const repo = demoRepo();
		const result = await cli(['bottlenecks', '--since', '1y', '--format', 'html'], repo);
		assert.equal(result.code, 0, result.stderr);
		const file = path.join(tempDir('guardrails-html-'), 'report.html');
		writeFileSync(file, result.stdout);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { chromium } = require(playwrightPath) as { chromium: Chromium };
		const home = tempDir('guardrails-chromium-');
		const browser = await chromium.launch({
			executablePath: chromiumPath,
			headless: true,
			env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
			args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
		});
		try {
			const page = await browser.newPage();
			const requests: string[] = [];
			const console: string[] = [];
			page.on('request', (request) => requests.push(request.url()));
			page.on('console', (message) => console.push(message.text()));
			await page.goto(`file://${file}`);
			const seen = await page.evaluate<{ leaves: number; width: number; fill: string; groups: string[]; bodyFont: string }>(`(() => {
				const leaves = [...document.querySelectorAll('#treemap svg rect.leaf')];
				const first = leaves[0] && leaves[0].getBoundingClientRect();
				const groups = [...document.querySelectorAll('#treemap svg .group text')].map((t) => t.textContent || '');
				return {
					leaves: leaves.length,
					width: first ? first.width : 0,
					fill: leaves[0] ? getComputedStyle(leaves[0]).fill : '',
					groups,
					bodyFont: getComputedStyle(document.body).fontFamily,
				};
			})()`);
			assert.ok(seen.leaves >= 10, `leaves drawn: ${seen.leaves}`);
			assert.ok(seen.width > 0, 'areas have a size');
			assert.match(seen.fill, /^rgb\(/, 'the stylesheet (allowed by nonce) colours the areas');
			assert.notEqual(seen.fill, 'rgb(0, 0, 0)');
			assert.ok(seen.groups.some((g) => g.startsWith('Payments')), seen.groups.join(', '));
			assert.match(seen.bodyFont, /system-ui/);
			assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'no request leaves the page');
			assert.deepEqual(console.filter((m) => /Content Security Policy/i.test(m)), [], 'no CSP violation');
		} finally {
			await browser.close();
		}
	});
});
