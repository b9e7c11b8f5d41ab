// What git is told on every run so that nothing a repository configures is executed. Pure data:
// the CLI's runner (src/cli/git.ts) and the extension's (src/vscode/repo/gitRunner.ts) both apply it, so
// a new git call through either runner is hardened without doing anything.
//
// Git can be made to run a program by: hooks (any hook, e.g. post-index-change on an index
// refresh), fsmonitor, clean/smudge/process filters chosen by attributes, external diff and
// textconv drivers, pagers, credential helpers, askpass, ssh commands and remote helpers (a lazy
// fetch in a partial clone), signature verification (gpg.program through log.showSignature), and
// sub-processes in submodules. Each is switched off below, or never reached.

/** `-c key=value` settings for every git run (command-line scope beats the repository's config). */
export const gitHardeningConfig: readonly (readonly [key: string, value: string])[] = [
	// No hook runs: hooksPath points at a path that holds no programs.
	['core.hooksPath', '/dev/null'],
	['core.fsmonitor', 'false'],
	// Only read data: no optional index rewrite, no untracked cache written.
	['core.untrackedCache', 'false'],
	// `cat` is special-cased by git: no pager process is started.
	['core.pager', 'cat'],
	['diff.ignoreSubmodules', 'dirty'],
	['status.submoduleSummary', 'false'],
	['submodule.recurse', 'false'],
	['log.showSignature', 'false'],
	// No transport at all: a lazy fetch in a partial clone would run ssh or a remote helper.
	['protocol.allow', 'never'],
	['credential.helper', ''],
	['gc.auto', '0'],
	['maintenance.auto', 'false'],
	['core.quotepath', 'off'],
];

/** Environment variables set for every git run (they win over the caller's environment). */
export const gitHardeningEnv: Readonly<Record<string, string>> = {
	GIT_CONFIG_NOSYSTEM: '1',
	GIT_TERMINAL_PROMPT: '0',
	GIT_OPTIONAL_LOCKS: '0',
	GIT_PAGER: 'cat',
	PAGER: 'cat',
	GIT_ASKPASS: '',
	SSH_ASKPASS: '',
	GIT_NO_LAZY_FETCH: '1',
};

/** Environment variables removed: each names a program git would run. */
export const gitUnsafeEnv: readonly string[] = ['GIT_EXTERNAL_DIFF', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_PROXY_COMMAND', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR'];

/**
 * Subcommands that can produce a diff and so run external diff and textconv drivers; they get
 * `--no-ext-diff --no-textconv` right after the subcommand name.
 */
const diffingCommands = new Set(['diff', 'log', 'show', 'whatchanged', 'diff-tree', 'diff-index', 'diff-files', 'format-patch', 'blame', 'annotate', 'grep']);
const noTextconvOnly = new Set(['blame', 'annotate', 'grep']);

/**
 * The arguments to run: hardening `-c` pairs, then `args` with `--no-ext-diff --no-textconv`
 * inserted after a diffing subcommand (`args[0]`). Callers pass the subcommand first.
 */
export function hardenedGitArgs(args: readonly string[]): string[] {
	const prefix: string[] = [];
	for (const [key, value] of gitHardeningConfig) {
		prefix.push('-c', `${key}=${value}`);
	}
	const [command, ...rest] = args;
	if (command === undefined || !diffingCommands.has(command)) {
		return [...prefix, ...args];
	}
	const flags = noTextconvOnly.has(command) ? ['--no-textconv'] : ['--no-ext-diff', '--no-textconv'];
	return [...prefix, command, ...flags, ...rest];
}

/** The query that lists every filter, diff and merge driver setting in the repository's config. */
export const driverConfigQuery: readonly string[] = ['config', '--null', '--name-only', '--get-regexp', '^(filter|diff|merge)\\..*\\.'];

/** Per-driver keys that name a program, and the value that turns each off. */
const driverProgramKeys: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	filter: { clean: '', smudge: '', process: '', required: 'false' },
	diff: { command: '', textconv: '' },
	merge: { driver: '' },
};

/**
 * Config that disarms every driver named in `output` (of {@link driverConfigQuery}): an empty
 * program is never run, and a filter is no longer required. A driver's name may hold any
 * character (`=`, `.`), so these go through `GIT_CONFIG_KEY_n` variables, never through `-c`.
 */
export function disarmDrivers(output: string): [key: string, value: string][] {
	const pairs: [string, string][] = [];
	const seen = new Set<string>();
	for (const name of output.split('\0')) {
		const key = name.trim();
		const firstDot = key.indexOf('.');
		const lastDot = key.lastIndexOf('.');
		if (firstDot < 0 || lastDot <= firstDot) {
			continue;
		}
		const section = key.slice(0, firstDot).toLowerCase();
		const driver = key.slice(firstDot + 1, lastDot);
		const programs = driverProgramKeys[section];
		if (programs === undefined || seen.has(`${section}\0${driver}`)) {
			continue;
		}
		seen.add(`${section}\0${driver}`);
		for (const [variable, value] of Object.entries(programs)) {
			pairs.push([`${section}.${driver}.${variable}`, value]);
		}
	}
	return pairs;
}

/**
 * The environment for one git run: the caller's, minus variables that name programs, plus the
 * hardening variables, plus `pairs` as `GIT_CONFIG_COUNT`/`KEY_n`/`VALUE_n` (appended to any the
 * caller set).
 */
export function hardenedGitEnv(env: Readonly<Record<string, string | undefined>>, pairs: readonly (readonly [string, string])[] = []): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(env)) {
		if (value !== undefined && !gitUnsafeEnv.includes(key)) {
			result[key] = value;
		}
	}
	Object.assign(result, gitHardeningEnv);
	if (pairs.length > 0) {
		const existing = Number.parseInt(result.GIT_CONFIG_COUNT ?? '0', 10);
		let count = Number.isSafeInteger(existing) && existing > 0 ? existing : 0;
		for (const [key, value] of pairs) {
			result[`GIT_CONFIG_KEY_${count}`] = key;
			result[`GIT_CONFIG_VALUE_${count}`] = value;
			count++;
		}
		result.GIT_CONFIG_COUNT = String(count);
	}
	return result;
}

/**
 * Where git may be, in PATH order: only absolute PATH entries count. A relative or empty entry
 * (`.`, `::`) would find a `git` committed in the repository, since git runs with the repository
 * as its working directory (and Windows looks in the working directory first unless told not to).
 */
export function gitCandidates(pathValue: string | undefined, platform: string): string[] {
	const windows = platform === 'win32';
	const entries = (pathValue ?? '').split(windows ? ';' : ':');
	const candidates: string[] = [];
	for (const raw of entries) {
		const dir = windows ? raw.replace(/^"(.*)"$/, '$1') : raw;
		const absolute = windows ? /^(?:[A-Za-z]:[\\/]|\\\\)/.test(dir) : dir.startsWith('/');
		if (!absolute) {
			continue;
		}
		const separator = windows ? '\\' : '/';
		const base = dir.endsWith(separator) || dir.endsWith('/') ? dir : `${dir}${separator}`;
		candidates.push(windows ? `${base}git.exe` : `${base}git`);
	}
	return candidates;
}
