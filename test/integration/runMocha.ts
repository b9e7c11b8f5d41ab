// The mocha runner shared by the integration entry modules (suite/index.ts, multiroot/index.ts).
// VS Code's extension host `require`s an entry module and awaits its `run()`; the harness (code-server
// or @vscode/test-electron) turns the settled promise into the process exit code.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/**
 * Runs every `*.test.js` directly inside `suiteDir` (one folder = one workspace setup) with the tdd
 * UI, then prints the plain closing line `N passed, N failed` that scripts/test.mjs adds up.
 * Rejects when a test failed, so the extension host exits with 1.
 * GUARDRAILS_TEST_GREP narrows the run to matching test titles while working on one test.
 */
export function runMocha(suiteDir: string): Promise<void> {
	const grep = process.env.GUARDRAILS_TEST_GREP;
	const mocha = new Mocha({
		ui: 'tdd',
		// The extension host's console goes to the harness, not a terminal: colour codes would be noise.
		color: false,
		// Activation, git and the first index build on a cold 2-core machine take seconds, not ms.
		timeout: Number(process.env.GUARDRAILS_TEST_TIMEOUT ?? 30_000),
		...(grep ? { grep } : {}),
	});
	const files = fs.readdirSync(suiteDir).filter((name) => name.endsWith('.test.js')).sort();
	for (const name of files) {
		mocha.addFile(path.join(suiteDir, name));
	}
	return new Promise((resolve, reject) => {
		try {
			const runner = mocha.run((failures) => {
				const stats = runner.stats;
				const passed = stats?.passes ?? 0;
				const failed = stats?.failures ?? failures;
				if (stats && stats.pending > 0) {
					console.log(`${stats.pending} pending`);
				}
				console.log(`${passed} passed, ${failed} failed`);
				if (failed > 0) {
					reject(new Error(`${failed} integration test(s) failed`));
				} else {
					resolve();
				}
			});
		} catch (error) {
			// A test file that throws while loading ends here; count it so the summary is honest.
			console.error(error);
			console.log('0 passed, 1 failed');
			reject(error instanceof Error ? error : new Error(String(error)));
		}
	});
}
