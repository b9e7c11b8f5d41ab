// Shared machinery for running Ownership Guardrails inside a real VS Code offline: a throw-away
// code-server (VS Code 1.100.3 server + web workbench, Node extension host) on 127.0.0.1 and a
// headless Debian chromium driven by playwright-core. Used by runIntegration.mjs, uiSmoke.mjs and
// demo.mjs. Nothing here writes outside its own temp folders (not even ~/.config).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const harnessDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(harnessDir, '..', '..');
export const extensionId = 'ownership-guardrails.ownership-guardrails';

/**
 * User settings for every run: no welcome page, tips, trust prompts or update checks, so the
 * workbench looks the same on every run and never reaches for the network.
 */
const baseSettings = {
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.enableExperiments': false,
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'extensions.ignoreRecommendations': true,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'security.workspace.trust.enabled': false,
	'git.openRepositoryInParentFolders': 'never',
	'chat.disableAIFeatures': true,
	// code-server auto-saves after a delay by default; tests that check unsaved edits need it off.
	'files.autoSave': 'off',
};

/**
 * `--untrusted` runs: workspace trust on and no start-up prompt, so the folder opens in Restricted
 * Mode (code-server then starts without --disable-workspace-trust).
 */
const untrustedSettings = {
	'security.workspace.trust.enabled': true,
	'security.workspace.trust.startupPrompt': 'never',
	'security.workspace.trust.emptyWindow': false,
};

/** Tiny argv reader shared by the harness scripts: `--name value`, repeatable, and `--flag`. */
export function readArgs(argv = process.argv.slice(2)) {
	const values = new Map();
	const flags = new Set();
	for (let i = 0; i < argv.length; i++) {
		const token = argv[i];
		if (!token.startsWith('--')) {
			throw new Error(`unexpected argument ${JSON.stringify(token)}`);
		}
		const name = token.slice(2);
		const next = argv[i + 1];
		if (next === undefined || next.startsWith('--')) {
			flags.add(name);
		} else {
			values.set(name, [...(values.get(name) ?? []), next]);
			i++;
		}
	}
	return {
		get: (name, fallback) => values.get(name)?.at(-1) ?? fallback,
		all: (name) => values.get(name) ?? [],
		has: (name) => flags.has(name) || values.has(name),
	};
}

/** `key=json` pairs from `--setting`; a value that is not JSON is taken as a string. */
export function parseSettings(pairs) {
	const settings = {};
	for (const pair of pairs) {
		const eq = pair.indexOf('=');
		if (eq <= 0) {
			throw new Error(`--setting wants key=json, got ${JSON.stringify(pair)}`);
		}
		const raw = pair.slice(eq + 1);
		let value;
		try {
			value = JSON.parse(raw);
		} catch {
			value = raw;
		}
		settings[pair.slice(0, eq)] = value;
	}
	return settings;
}

/** Logger that prefixes elapsed seconds, so slow steps stand out in CI logs. */
export function stopwatchLog(tag) {
	const started = Date.now();
	return (...parts) => console.log(`[${tag} ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function codeServerEntry() {
	// CODE_SERVER_BIN lets someone point at another install without editing the harness.
	return process.env.CODE_SERVER_BIN || require.resolve('code-server');
}

/**
 * The environment code-server (and so the extension host and the tests) runs with: the caller's
 * environment (GUARDRAILS_TEST_* and friends pass straight through) plus private config, data and
 * temp folders, and no extension gallery.
 */
function codeServerEnv(scratch) {
	return {
		...process.env,
		// Without it the workbench asks open-vsx.org for recommendations and logs ENOTFOUND stacks.
		EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
		XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
		XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
		XDG_CACHE_HOME: path.join(scratch, 'xdg-cache'),
		// ipc and git sockets and the TypeScript server's files land here and go away with it.
		TMPDIR: path.join(scratch, 'tmp'),
	};
}

function runToCompletion(args, env) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += chunk;
		});
		child.stderr.on('data', (chunk) => {
			output += chunk;
		});
		child.on('error', reject);
		child.on('exit', (code) => resolve({ code, output }));
	});
}

/**
 * Starts code-server on a free 127.0.0.1 port with throw-away user-data, extensions, XDG and temp
 * folders; resolves once /healthz answers. `vsix` files are installed into the throw-away
 * extensions folder first. `stop()` kills the whole process group (code-server, extension hosts,
 * pty host) and deletes the folders; it is safe to call more than once.
 */
export async function startCodeServer({ settings = {}, vsix = [], port, verbose = false, untrusted = false, onExit } = {}) {
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'og-code-server-'));
	const configFile = path.join(scratch, 'config.yaml');
	const userDataDir = path.join(scratch, 'user-data');
	const extensionsDir = path.join(scratch, 'extensions');
	// An explicit --config keeps code-server from creating ~/.config/code-server/config.yaml.
	writeFileSync(configFile, '');
	mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
	mkdirSync(extensionsDir);
	mkdirSync(path.join(scratch, 'tmp'));
	writeFileSync(
		path.join(userDataDir, 'User', 'settings.json'),
		JSON.stringify({ ...baseSettings, ...(untrusted ? untrustedSettings : {}), ...settings }, null, '\t'),
	);
	const env = codeServerEnv(scratch);
	const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
	const removeScratch = () => rmSync(scratch, { recursive: true, force: true });

	for (const file of vsix) {
		const installed = await runToCompletion([codeServerEntry(), ...common, '--install-extension', path.resolve(file)], env);
		if (installed.code !== 0 || !/successfully installed/i.test(installed.output)) {
			removeScratch();
			throw new Error(`installing ${file} into code-server failed (exit ${installed.code}):\n${installed.output}`);
		}
		if (verbose) {
			process.stdout.write(`[code-server] ${installed.output}`);
		}
	}

	const host = `127.0.0.1:${port ?? (await freePort())}`;
	const child = spawn(process.execPath, [
		codeServerEntry(), ...common,
		'--auth', 'none',
		'--bind-addr', host,
		'--disable-telemetry',
		'--disable-update-check',
		...(untrusted ? [] : ['--disable-workspace-trust']),
		'--disable-getting-started-override',
		'--ignore-last-opened',
	], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		// Its own process group, so stop() can end the extension hosts with it in one signal.
		detached: true,
	});
	let output = '';
	const collect = (chunk) => {
		output += chunk;
		if (verbose) {
			process.stdout.write(`[code-server] ${chunk}`);
		}
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);

	let stopped = false;
	child.on('exit', (code, signal) => {
		if (!stopped && onExit) {
			onExit(code ?? signal, output);
		}
	});
	const stop = async () => {
		if (stopped) {
			return;
		}
		stopped = true;
		signalGroup(child.pid, 'SIGTERM');
		const exited = child.exitCode !== null || child.signalCode !== null;
		if (!exited) {
			await Promise.race([
				new Promise((resolve) => child.once('exit', resolve)),
				new Promise((resolve) => setTimeout(resolve, 2000)),
			]);
		}
		// The extension host and pty host may outlive their parent by a moment.
		signalGroup(child.pid, 'SIGKILL');
		removeScratch();
	};

	const deadline = Date.now() + 30_000;
	for (;;) {
		try {
			const response = await fetch(`http://${host}/healthz`);
			if (response.ok) {
				break;
			}
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline || child.exitCode !== null) {
			await stop();
			throw new Error(`code-server did not start on ${host}:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { host, pid: child.pid, userDataDir, extensionsDir, stop, output: () => output };
}

function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** Starts headless Debian chromium (CHROMIUM_PATH overrides) with a private HOME. */
export async function launchChromium() {
	// Chromium writes crashpad and config folders under HOME/XDG_CONFIG_HOME even when headless.
	const home = mkdtempSync(path.join(os.tmpdir(), 'og-chromium-'));
	let browser;
	try {
		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			headless: true,
			// The harness owns clean-up (it must stop code-server too), so playwright must not exit
			// the process on a signal by itself.
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
			env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
	} catch (error) {
		rmSync(home, { recursive: true, force: true });
		throw error;
	}
	browser.on('disconnected', () => rmSync(home, { recursive: true, force: true }));
	return browser;
}

/** A 1280x800 page, the size the screenshots in the README use. */
export async function openPage(browser) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	return context.newPage();
}

/**
 * The URI form the web workbench wants in `payload`: the server maps vscode-remote back to a file
 * path, and only a remote location runs in the Node extension host.
 */
export function remoteUri(host, localPath) {
	return `vscode-remote://${host}${path.resolve(localPath)}`;
}

/** Workbench URL opening a folder or a .code-workspace file, with `payload` ([[key, value], ...]). */
export function workbenchUrl(host, { folder, workspace, payload = [] } = {}) {
	const url = new URL(`http://${host}/`);
	if (workspace) {
		url.searchParams.set('workspace', path.resolve(workspace));
	} else if (folder) {
		url.searchParams.set('folder', path.resolve(folder));
	} else {
		url.searchParams.set('ew', 'true');
	}
	if (payload.length > 0) {
		url.searchParams.set('payload', JSON.stringify(payload));
	}
	return url.toString();
}

/**
 * Runs `cleanups` exactly once, whatever ends the process: normal finish, Ctrl+C, SIGTERM, an
 * uncaught exception or a timer. Returns `finish(code, reason)`.
 */
export function createLifecycle(log) {
	const cleanups = [];
	let finishing;
	const finish = (code, reason) => {
		if (finishing) {
			return finishing;
		}
		if (reason) {
			log(`${reason} -> exit ${code}`);
		}
		finishing = (async () => {
			for (const cleanup of cleanups.reverse()) {
				try {
					await cleanup();
				} catch (error) {
					console.error('clean-up step failed:', error?.message ?? error);
				}
			}
			process.exit(code);
		})();
		return finishing;
	};
	process.on('SIGINT', () => finish(130, 'interrupted'));
	process.on('SIGTERM', () => finish(143, 'terminated'));
	process.on('SIGHUP', () => finish(129, 'hung up'));
	process.on('uncaughtException', (error) => finish(2, `uncaught exception: ${error?.stack ?? error}`));
	process.on('unhandledRejection', (error) => finish(2, `unhandled rejection: ${error?.stack ?? error}`));
	return {
		finish,
		onCleanup: (cleanup) => {
			cleanups.push(cleanup);
		},
	};
}
