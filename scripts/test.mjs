// `npm test`: every check the project has, cheapest first, stopping at the first failing stage.
//   setup        bash test/harness/setup.sh (apt packages, ripgrep cache, harness npm ci; idempotent)
//   static       npm run lint, npm run typecheck
//   unit         npm run compile-tests, then mocha (.mocharc.json) in plain Node
//   integration  npm run build, then each suite folder under test/integration in a real VS Code
//                (code-server + headless chromium) on a fresh copy of the demo repository
//   ui           npm run package, then the UI smoke test on the .vsix (counts as one test)
// Always ends with a summary and the exact line `N passed, N failed`. A stage that fails without
// test counts (lint, a build, an infrastructure error) counts as one failure, so a red run never
// says "0 failed". `--stages a,b` runs a subset (npm run test:integration, npm run test:ui);
// `--suites a,b` runs only those integration suite folders.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCodeownersOnlyRepo, prepareDemoRepo, prepareHostileRepo, prepareMultiRootWorkspace, removePrepared } from './prepareWorkspace.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const allStages = ['setup', 'static', 'unit', 'integration', 'ui'];
const minutes = 60_000;

/** The integration suite folders, in run order, and the workspace each one opens. */
const suites = [
	{ folder: 'suite', workspace: 'folder' },
	{ folder: 'multiroot', workspace: 'multiroot' },
	// The demo copy again, opened in Restricted Mode (workspace trust on, never granted).
	{ folder: 'untrusted', workspace: 'folder', untrusted: true },
	// Day one: a repository with a CODEOWNERS and no guardrails config.
	{ folder: 'codeownersOnly', workspace: 'codeowners-only' },
	// A repository built to hurt whoever opens it: FIFOs, links out, git traps (issue 14).
	{ folder: 'hostile', workspace: 'hostile' },
];

const results = [];
const preparedRoots = [];
let interrupted = false;
let testsCompiled = false;

let currentChild;

// Stop starting new work, pass the signal on to the running child (a Ctrl+C in a terminal reaches it
// anyway; a CI timeout's SIGTERM to this process alone would not), let it clean up after itself,
// then remove the workspaces and print the summary.
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		interrupted = true;
		currentChild?.kill(signal);
	});
}

/** `--suites a,b`: only these integration suite folders (all by default). */
function chosenSuites() {
	const index = process.argv.indexOf('--suites');
	if (index < 0) {
		return suites;
	}
	const chosen = (process.argv[index + 1] ?? '').split(',').filter(Boolean);
	const unknown = chosen.filter((name) => !suites.some((suite) => suite.folder === name));
	if (chosen.length === 0 || unknown.length > 0) {
		console.error(`--suites takes a comma-separated subset of ${suites.map((suite) => suite.folder).join(',')}`);
		process.exit(2);
	}
	return suites.filter((suite) => chosen.includes(suite.folder));
}

function chooseStages() {
	const index = process.argv.indexOf('--stages');
	if (index < 0) {
		return allStages;
	}
	const chosen = (process.argv[index + 1] ?? '').split(',').filter(Boolean);
	const unknown = chosen.filter((stage) => !allStages.includes(stage));
	if (chosen.length === 0 || unknown.length > 0) {
		console.error(`--stages takes a comma-separated subset of ${allStages.join(',')}`);
		process.exit(2);
	}
	return allStages.filter((stage) => chosen.includes(stage));
}

/**
 * Runs a command with its output streamed to the console and captured for parsing. A command that
 * overruns `limitMs` gets SIGTERM (the harness scripts clean up on it), then SIGKILL.
 */
function run(command, args, { limitMs = 10 * minutes, env = {} } = {}) {
	const shown = [command === process.execPath ? 'node' : command, ...args].join(' ');
	console.log(`\n$ ${shown}`);
	return new Promise((resolve) => {
		const started = Date.now();
		const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		currentChild = child;
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += chunk;
			process.stdout.write(chunk);
		});
		child.stderr.on('data', (chunk) => {
			output += chunk;
			process.stderr.write(chunk);
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			console.error(`\n${shown}: still running after ${limitMs / minutes} min, stopping it`);
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
		}, limitMs);
		child.on('error', (error) => {
			output += String(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			currentChild = undefined;
			resolve({ code: code ?? (signal ? 128 : 1), output, timedOut, seconds: (Date.now() - started) / 1000 });
		});
	});
}

const node = (script, args, options) => run(process.execPath, [script, ...args], options);
const npmRun = (script, options) => run(npm, ['run', script], options);

/** Mocha's spec reporter ends with "  N passing (..)" and, if any, "  N failing". */
function mochaCounts(output) {
	const passing = [...output.matchAll(/^\s*(\d+) passing\b/gm)].at(-1);
	const failing = [...output.matchAll(/^\s*(\d+) failing\b/gm)].at(-1);
	if (!passing && !failing) {
		return undefined;
	}
	return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
}

/** test/integration/runMocha.ts closes every suite with the plain line "N passed, N failed". */
function suiteCounts(output) {
	const last = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].at(-1);
	return last ? { passed: Number(last[1]), failed: Number(last[2]) } : undefined;
}

function record(stage, step, { passed = 0, failed = 0, seconds = 0, note = '' }) {
	results.push({ stage, step, passed, failed, seconds, note });
	return failed === 0;
}

/** A command that must simply succeed: it adds no tests, but counts as one failure when it fails. */
async function mustSucceed(stage, step, command) {
	const result = await command();
	const ok = result.code === 0;
	return record(stage, step, {
		failed: ok ? 0 : 1,
		seconds: result.seconds,
		note: ok ? '' : result.timedOut ? 'timed out' : `exit ${result.code}`,
	});
}

/**
 * Deletes compiled tests whose source is gone: tsc never removes outputs, so a deleted or renamed
 * test would go on running from out/.
 */
function pruneStaleTests(dir = path.join(repoRoot, 'out')) {
	if (!existsSync(dir)) {
		return;
	}
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const compiled = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			pruneStaleTests(compiled);
			continue;
		}
		if (!entry.name.endsWith('.test.js')) {
			continue;
		}
		const source = path.join(repoRoot, path.relative(path.join(repoRoot, 'out'), compiled)).replace(/\.js$/, '.ts');
		if (!existsSync(source)) {
			console.log(`removing stale ${path.relative(repoRoot, compiled)} (no ${path.relative(repoRoot, source)})`);
			rmSync(compiled, { force: true });
			rmSync(`${compiled}.map`, { force: true });
		}
	}
}

async function compileTests(stage) {
	if (testsCompiled) {
		return true;
	}
	pruneStaleTests();
	testsCompiled = await mustSucceed(stage, 'compile-tests', () => npmRun('compile-tests'));
	return testsCompiled;
}

const stageRunners = {
	async setup() {
		return mustSucceed('setup', 'test/harness/setup.sh', () => run('bash', ['test/harness/setup.sh']));
	},

	async static() {
		return (await mustSucceed('static', 'lint', () => npmRun('lint')))
			&& !interrupted
			&& mustSucceed('static', 'typecheck', () => npmRun('typecheck'));
	},

	async unit() {
		if (!(await compileTests('unit')) || interrupted) {
			return false;
		}
		const result = await node(path.join('node_modules', 'mocha', 'bin', 'mocha.js'), ['--config', '.mocharc.json'], { limitMs: 10 * minutes });
		const counts = mochaCounts(result.output);
		return record('unit', 'mocha', {
			passed: counts?.passed ?? 0,
			// Exit 1 with no counts (no test files, a crash at load) still is a failure.
			failed: counts?.failed || (result.code === 0 ? 0 : 1),
			seconds: result.seconds,
			note: counts ? '' : `exit ${result.code}, no mocha summary`,
		});
	},

	async integration() {
		if (!(await mustSucceed('integration', 'build', () => npmRun('build'))) || interrupted) {
			return false;
		}
		if (!(await compileTests('integration')) || interrupted) {
			return false;
		}
		let ok = true;
		for (const suite of chosenSuites()) {
			if (interrupted) {
				return false;
			}
			const sources = path.join(repoRoot, 'test', 'integration', suite.folder);
			const entry = path.join('out', 'test', 'integration', suite.folder, 'index.js');
			if (!existsSync(sources) || !readdirSync(sources).some((name) => name.endsWith('.test.ts'))) {
				record('integration', suite.folder, { note: 'no tests yet, skipped' });
				continue;
			}
			let workspaceArgs;
			let env;
			try {
				if (suite.workspace === 'folder') {
					const prepared = prepareDemoRepo();
					preparedRoots.push(prepared.root);
					workspaceArgs = ['--folder', prepared.repo];
					env = { GUARDRAILS_TEST_REPO: prepared.repo };
				} else if (suite.workspace === 'hostile') {
					const prepared = prepareHostileRepo();
					preparedRoots.push(prepared.root);
					workspaceArgs = ['--folder', prepared.repo];
					env = { GUARDRAILS_TEST_REPO: prepared.repo };
				} else if (suite.workspace === 'codeowners-only') {
					const prepared = prepareCodeownersOnlyRepo();
					preparedRoots.push(prepared.root);
					workspaceArgs = ['--folder', prepared.repo];
					env = { GUARDRAILS_TEST_REPO: prepared.repo };
				} else {
					const prepared = prepareMultiRootWorkspace();
					preparedRoots.push(prepared.root);
					workspaceArgs = ['--workspace', prepared.workspaceFile];
					env = { GUARDRAILS_TEST_REPO: prepared.repo, GUARDRAILS_TEST_PLAIN_FOLDER: prepared.plainFolder };
				}
			} catch (error) {
				console.error(`preparing the workspace for ${suite.folder} failed: ${error.message}`);
				ok = record('integration', suite.folder, { failed: 1, note: 'workspace preparation failed' }) && ok;
				continue;
			}
			const trustArgs = suite.untrusted ? ['--untrusted'] : [];
			const result = await node('test/harness/runIntegration.mjs', ['--tests', entry, ...workspaceArgs, ...trustArgs, '--timeout', '420'], { limitMs: 8 * minutes, env });
			const counts = suiteCounts(result.output);
			const infraProblem = result.code !== 0 && (counts?.failed ?? 0) === 0;
			ok = record('integration', suite.folder, {
				passed: counts?.passed ?? 0,
				failed: (counts?.failed ?? 0) + (infraProblem ? 1 : 0),
				seconds: result.seconds,
				note: infraProblem ? `runner exit ${result.code}${result.code === 3 ? ' (timeout)' : result.code === 2 ? ' (infrastructure)' : ''}` : '',
			}) && ok;
		}
		return ok;
	},

	async ui() {
		if (!(await mustSucceed('ui', 'package', () => npmRun('package'))) || interrupted) {
			return false;
		}
		let prepared;
		try {
			prepared = prepareDemoRepo();
			preparedRoots.push(prepared.root);
		} catch (error) {
			console.error(`preparing the demo copy failed: ${error.message}`);
			return record('ui', 'ui smoke', { failed: 1, note: 'workspace preparation failed' });
		}
		const result = await node('test/harness/uiSmoke.mjs', ['--vsix', 'ownership-guardrails.vsix', '--folder', prepared.repo], { limitMs: 5 * minutes });
		return record('ui', 'ui smoke', {
			passed: result.code === 0 ? 1 : 0,
			failed: result.code === 0 ? 0 : 1,
			seconds: result.seconds,
			note: result.code === 0 ? 'screenshots in test-results/' : `exit ${result.code}, see test-results/ui-*.png`,
		});
	},
};

function printSummary(started, stages) {
	const ran = new Set(results.map((result) => result.stage));
	console.log('\n── summary ─────────────────────────────────────────────');
	for (const result of results) {
		const status = result.failed > 0 ? 'FAIL' : 'ok  ';
		const counts = result.passed + result.failed > 0 ? `${result.passed} passed, ${result.failed} failed` : '';
		console.log(`${status} ${`${result.stage}/${result.step}`.padEnd(28)} ${counts.padEnd(22)} ${result.seconds.toFixed(1).padStart(6)}s  ${result.note}`);
	}
	for (const stage of stages.filter((name) => !ran.has(name))) {
		console.log(`skip ${stage.padEnd(28)} (not run: an earlier stage failed${interrupted ? ' or the run was interrupted' : ''})`);
	}
	const passed = results.reduce((sum, result) => sum + result.passed, 0);
	const counted = results.reduce((sum, result) => sum + result.failed, 0);
	// An interrupted run is never green, even when it stopped between two commands.
	const failed = interrupted && counted === 0 ? 1 : counted;
	console.log(`total ${((Date.now() - started) / 1000).toFixed(0)}s${interrupted ? ', interrupted' : ''}`);
	console.log(`${passed} passed, ${failed} failed`);
	return failed;
}

async function main() {
	const started = Date.now();
	const stages = chooseStages();
	for (const stage of stages) {
		if (interrupted) {
			break;
		}
		console.log(`\n══ ${stage} ══`);
		const ok = await stageRunners[stage]();
		if (!ok) {
			break;
		}
	}
	for (const root of preparedRoots) {
		removePrepared(root);
	}
	const failed = printSummary(started, stages);
	process.exit(interrupted ? 130 : failed > 0 ? 1 : 0);
}

await main();
