// Runs one integration suite (a compiled mocha entry module) inside a real VS Code: code-server's
// Node extension host, with the web workbench loaded in headless chromium.
//
// usage: node test/harness/runIntegration.mjs --tests out/test/integration/suite/index.js
//          (--folder DIR | --workspace FILE.code-workspace)
//          [--vsix FILE] [--setting key=json]... [--untrusted] [--timeout 300] [--verbose]
//
// --untrusted opens the folder in Restricted Mode (workspace trust on, never granted).
// --vsix installs a packaged extension instead of loading the repository as extensionDevelopmentPath.
// Environment variables pass through to the extension host (tests read process.env.GUARDRAILS_TEST_*).
// Exit code: 0 tests passed, 1 tests failed or the test module did not load, 2 infrastructure
// error, 3 timeout (130/143 when interrupted).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
	createLifecycle, extensionId, launchChromium, openPage, parseSettings, readArgs, remoteUri, repoRoot, startCodeServer,
	stopwatchLog, workbenchUrl,
} from './harness.mjs';

const log = stopwatchLog('integration');
const { finish, onCleanup } = createLifecycle(log);

let args;
try {
	args = readArgs();
} catch (error) {
	console.error(error.message);
	process.exit(2);
}
const tests = args.get('tests');
const folder = args.get('folder');
const workspace = args.get('workspace');
const vsix = args.all('vsix');
const verbose = args.has('verbose');
const untrusted = args.has('untrusted');
const timeoutSeconds = Number(args.get('timeout', '300'));

function usage(problem) {
	console.error(`${problem}\nusage: node test/harness/runIntegration.mjs --tests <compiled index.js> (--folder DIR | --workspace FILE) [--vsix FILE] [--setting key=json]... [--untrusted] [--timeout S] [--verbose]`);
	process.exit(2);
}
if (!tests) {
	usage('--tests is required');
}
if (!existsSync(tests)) {
	usage(`test module ${tests} does not exist (run npm run compile-tests first)`);
}
if (folder && workspace) {
	usage('give --folder or --workspace, not both');
}
for (const target of [folder, workspace, ...vsix]) {
	if (target && !existsSync(target)) {
		usage(`${target} does not exist`);
	}
}
if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
	usage('--timeout wants seconds');
}

function installedExtensionDir(extensionsDir) {
	const prefix = `${extensionId}-`;
	const match = readdirSync(extensionsDir).find((name) => name.startsWith(prefix));
	if (!match) {
		throw new Error(`the .vsix did not install ${extensionId} into ${extensionsDir}`);
	}
	return path.join(extensionsDir, match);
}

// The workbench's own start-up log shares the channel with the tests' output; these lines say
// nothing about the tests, so they are shown only with --verbose.
const workbenchChatter = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|ChatSessionStore:)/;

// A run that never reports back (the extension host hung, the workbench never loaded) still ends.
const timer = setTimeout(() => finish(3, `timeout after ${timeoutSeconds}s`), timeoutSeconds * 1000);
onCleanup(() => clearTimeout(timer));

try {
	let settings;
	try {
		settings = parseSettings(args.all('setting'));
	} catch (error) {
		usage(error.message);
	}
	const server = await startCodeServer({
		settings,
		vsix,
		verbose,
		untrusted,
		onExit: (code, output) => finish(2, `code-server exited early (${code})\n${output}`),
	});
	onCleanup(server.stop);
	log(`code-server up on http://${server.host}${vsix.length > 0 ? ` with ${vsix.join(', ')} installed` : ''}${untrusted ? ' (workspace trust on: Restricted Mode)' : ''}`);

	const browser = await launchChromium();
	onCleanup(() => browser.close());
	const page = await openPage(browser);

	// The hooks @vscode/test-web installs: the extension host's console (mocha's report) arrives
	// through codeAutomationLog, and when the host that ran extensionTestsPath ends, the workbench
	// calls codeAutomationExit(code) with 0 when run() resolved.
	await page.exposeFunction('codeAutomationLog', (type, parts) => {
		const list = Array.isArray(parts) ? parts : [parts];
		if (!verbose && typeof list[0] === 'string' && workbenchChatter.test(list[0])) {
			return;
		}
		const write = typeof console[type] === 'function' ? console[type] : console.log;
		write(...list);
	});
	await page.exposeFunction('codeAutomationExit', (code) => {
		finish(code === 0 ? 0 : 1, `extension host reported exit code ${code}`);
	});
	if (verbose) {
		page.on('console', (message) => console.log(`[page ${message.type()}] ${message.text()}`));
	}
	page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));

	// The workbench hands extensionTestsPath to the extension host only in extension development
	// mode, so a packaged run points extensionDevelopmentPath at the folder code-server unpacked the
	// .vsix into: the tests then exercise exactly the files the package ships.
	const extensionUnderTest = vsix.length > 0 ? installedExtensionDir(server.extensionsDir) : repoRoot;
	const payload = [
		['extensionDevelopmentPath', remoteUri(server.host, extensionUnderTest)],
		['extensionTestsPath', remoteUri(server.host, tests)],
	];
	const url = workbenchUrl(server.host, { folder, workspace, payload });
	log(`opening ${verbose ? url : path.relative(repoRoot, path.resolve(tests))} in ${workspace ?? folder ?? 'an empty window'}`);
	await page.goto(url);
} catch (error) {
	await finish(2, `infrastructure error: ${error?.stack ?? error}`);
}
