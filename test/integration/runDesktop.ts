// Runs an integration suite in desktop VS Code (Electron) through @vscode/test-electron: the route
// for machines that may download VS Code (update.code.visualstudio.com). CI here has no such access
// and uses the code-server harness (test/harness/runIntegration.mjs) with the same suites.
// usage (after npm run compile-tests and npm run build; npm run test:desktop does all of it):
//   node out/test/integration/runDesktop.js <folder or .code-workspace> [suite|multiroot]
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
	const [workspace, suite = 'suite'] = process.argv.slice(2);
	if (!workspace) {
		console.error('usage: node out/test/integration/runDesktop.js <folder or .code-workspace> [suite|multiroot]');
		return 2;
	}
	// Compiled to out/test/integration/: the repository root is three levels up.
	const extensionDevelopmentPath = path.resolve(__dirname, '..', '..', '..');
	const extensionTestsPath = path.resolve(__dirname, suite, 'index');
	try {
		return await runTests({
			// The same VS Code as code-server 4.100.3 by default, so both routes test one version;
			// GUARDRAILS_VSCODE_VERSION=stable tries the newest.
			version: process.env.GUARDRAILS_VSCODE_VERSION ?? '1.100.3',
			extensionDevelopmentPath,
			extensionTestsPath,
			// --disable-extensions: only the extension under development (and built-ins) load, so
			// another installed extension cannot change what the tests see.
			launchArgs: [path.resolve(workspace), '--disable-extensions', '--disable-workspace-trust'],
			extensionTestsEnv: { GUARDRAILS_TEST_REPO: process.env.GUARDRAILS_TEST_REPO ?? '' },
		});
	} catch (error) {
		// runTests rejects when VS Code exits non-zero (failed tests) or cannot be downloaded/started.
		console.error(error instanceof Error ? error.message : error);
		return 1;
	}
}

main().then((code) => process.exit(code));
