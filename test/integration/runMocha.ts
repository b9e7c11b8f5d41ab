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
	const sourceDir = sourceDirOf(suiteDir);
	const files = fs.readdirSync(suiteDir).filter((name) => name.endsWith('.test.js')).sort();
	for (const name of files) {
		// tsc never deletes outputs: a test file removed or renamed in test/ would keep running from
		// out/ and fail (or pass) for nothing.
		if (sourceDir !== undefined && !fs.existsSync(path.join(sourceDir, name.replace(/\.js$/, '.ts')))) {
			console.log(`skipping ${name}: stale output, its source is gone`);
			continue;
		}
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

/**
 * The source folder of a compiled suite folder (out/test/integration/x → test/integration/x), or
 * undefined when the tests do not run from the repository's out/ (then every file is loaded).
 */
function sourceDirOf(suiteDir: string): string | undefined {
	const parts = path.resolve(suiteDir).split(path.sep);
	const out = parts.lastIndexOf('out');
	if (out < 0 || parts[out + 1] !== 'test') {
		return undefined;
	}
	const sourceDir = [...parts.slice(0, out), ...parts.slice(out + 1)].join(path.sep);
	return fs.existsSync(sourceDir) ? sourceDir : undefined;
}
