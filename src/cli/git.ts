import type * as ChildProcess from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { disarmDrivers, driverConfigQuery, gitCandidates, hardenedGitArgs, hardenedGitEnv } from '../engine/safety/gitHardening';
import { parseLsTreeLong } from '../engine/safety/treeEntries';
import type { TreeEntry } from '../engine/safety/treeEntries';
import { CliError } from './errors';
import type { Change, ChangeStatus } from '../engine/guardrails/types';

/** Output of one git invocation. `code` is git's exit status. */
export interface GitResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** The first executable `git` on the absolute entries of PATH, or undefined (cached per PATH). */
const gitPaths = new Map<string, string | undefined>();
function gitExecutable(env: NodeJS.ProcessEnv): string | undefined {
	const pathValue = env.PATH ?? env.Path ?? '';
	if (!gitPaths.has(pathValue)) {
		gitPaths.set(pathValue, gitCandidates(pathValue, process.platform).find((candidate) => {
			try {
				accessSync(candidate, constants.X_OK);
				return statSync(candidate).isFile();
			} catch {
				return false;
			}
		}));
	}
	return gitPaths.get(pathValue);
}

async function execGit(executable: string, cwd: string, args: readonly string[], env: Record<string, string>): Promise<GitResult> {
	// Loaded on first use: it costs several ms of every start, and many runs never start git. A
	// `require`, not `import()`: dist/cli.js runs the bundle in a vm.Script with a code cache, where
	// `import()` fails ("A dynamic import callback was not specified"), and a callback passed to
	// vm.Script is not kept by the cached code.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { execFile } = require('node:child_process') as typeof ChildProcess;
	return new Promise((resolve, reject) => {
		execFile(
			executable,
			args,
			{ cwd, env, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
			(error, stdout, stderr) => {
				if (error) {
					const code = (error as { code?: unknown }).code;
					if (code === 'ENOENT') {
						reject(new CliError('git was not found on PATH; install git or pass the paths explicitly'));
						return;
					}
					if (typeof code !== 'number') {
						reject(new CliError(`git ${args.find((arg, i) => i > 0 && args[i - 1] !== '-c' && arg !== '-c') ?? ''} failed: ${error.message}`));
						return;
					}
					resolve({ code, stdout, stderr });
					return;
				}
				resolve({ code: 0, stdout, stderr });
			},
		);
	});
}

/**
 * Runs git in `cwd` without a shell, hardened so that nothing the repository configures is
 * executed (src/engine/safety/gitHardening.ts): hooks, fsmonitor, pagers, transports and
 * credential helpers are off for every call; the filter, diff and merge drivers the repository's
 * config names are disarmed one by one (listed first with `git config`, which runs nothing); and
 * diffing commands get `--no-ext-diff --no-textconv`. Only an absolute PATH entry's git is run.
 * Optional locks are skipped so a read never competes with the user's git for `index.lock`.
 */
export async function runGit(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<GitResult> {
	const executable = gitExecutable(env);
	if (executable === undefined) {
		throw new CliError('git was not found on PATH; install git or pass the paths explicitly');
	}
	const baseEnv = hardenedGitEnv(env);
	const drivers = await execGit(executable, cwd, hardenedGitArgs(driverConfigQuery), baseEnv);
	const pairs = drivers.code === 0 ? disarmDrivers(drivers.stdout) : [];
	return execGit(executable, cwd, hardenedGitArgs(args), pairs.length > 0 ? hardenedGitEnv(env, pairs) : baseEnv);
}

/** The first line of git's stderr, for error messages. */
function firstLine(text: string): string {
	return text.split('\n').map((line) => line.trim()).find((line) => line.length > 0) ?? '';
}

function splitNul(text: string): string[] {
	return text.split('\0').filter((part) => part.length > 0);
}

/** Git access for one root directory (which may be a subdirectory of the work tree). */
export class Git {
	constructor(
		readonly cwd: string,
		private readonly env: NodeJS.ProcessEnv,
	) {}

	run(args: readonly string[]): Promise<GitResult> {
		return runGit(this.cwd, args, this.env);
	}

	/** The work tree's top level, or undefined when `cwd` is not inside a git work tree. */
	async topLevel(): Promise<string | undefined> {
		const result = await this.run(['rev-parse', '--show-toplevel']);
		return result.code === 0 ? result.stdout.trim() || undefined : undefined;
	}

	/** Tracked files under `cwd`, relative to it (git limits and relativises to the cwd). */
	async trackedFiles(): Promise<string[]> {
		const result = await this.run(['ls-files', '-z', '--cached']);
		if (result.code !== 0) {
			throw new CliError(`git ls-files failed: ${firstLine(result.stderr)}`);
		}
		return [...new Set(splitNul(result.stdout))];
	}

	/** Untracked files that are not ignored, relative to `cwd`. */
	async untrackedFiles(): Promise<string[]> {
		const result = await this.run(['ls-files', '-z', '--others', '--exclude-standard']);
		if (result.code !== 0) {
			throw new CliError(`git ls-files failed: ${firstLine(result.stderr)}`);
		}
		return splitNul(result.stdout);
	}

	/**
	 * Authors and touched files of the commits since `since` (a git date such as `12 months ago`),
	 * merges left out, paths relative to `cwd`, newest first, at most `limit` commits. The raw
	 * output is in the format `parseGitLog` reads; a repository without commits gives ''.
	 */
	async recentHistory(since: string, format: string, limit: number): Promise<string> {
		const result = await this.run(['log', `--since=${since}`, '--no-merges', '--no-renames', `--format=${format}`, '--name-only', '--relative', '--no-ext-diff', '--no-textconv', `--max-count=${limit}`, '--']);
		return result.code === 0 ? result.stdout : '';
	}

	/** `git config user.email`, or undefined when unset. */
	async userEmail(): Promise<string | undefined> {
		const result = await this.run(['config', '--get', 'user.email']);
		const email = result.stdout.trim();
		return result.code === 0 && email.length > 0 ? email : undefined;
	}

	/** The commit a ref names, or undefined when it does not exist. */
	async resolveCommit(ref: string): Promise<string | undefined> {
		if (ref.startsWith('-')) {
			return undefined;
		}
		const result = await this.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
		const sha = result.stdout.trim();
		return result.code === 0 && sha.length > 0 ? sha : undefined;
	}

	/** The best common ancestor of two commits, or undefined for unrelated histories. */
	async mergeBase(a: string, b: string): Promise<string | undefined> {
		const result = await this.run(['merge-base', a, b]);
		const sha = result.stdout.trim();
		return result.code === 0 && sha.length > 0 ? sha : undefined;
	}

	/**
	 * The base a change set is measured from: the merge base of HEAD with `--base` when given,
	 * else with the default branch (`origin/HEAD`, then `main`, then `master`). A repository
	 * without commits, or a ref that does not exist, is a user error.
	 */
	async changeBase(explicit: string | undefined): Promise<{ ref: string; commit: string; tip: string; mergeBase: boolean }> {
		const head = await this.resolveCommit('HEAD');
		if (head === undefined) {
			throw new CliError('the repository has no commits yet; commit something or pass the paths to check');
		}
		let ref: string | undefined;
		let commit: string | undefined;
		if (explicit !== undefined) {
			commit = await this.resolveCommit(explicit);
			if (commit === undefined) {
				throw new CliError(`unknown revision '${explicit}' (--base)`);
			}
			ref = explicit;
		} else {
			for (const candidate of ['origin/HEAD', 'main', 'master']) {
				commit = await this.resolveCommit(candidate);
				if (commit !== undefined) {
					ref = candidate;
					break;
				}
			}
			if (ref === undefined || commit === undefined) {
				throw new CliError('cannot find the default branch (tried origin/HEAD, main, master); pass --base REF');
			}
		}
		const base = await this.mergeBase(head, commit);
		return { ref, commit: base ?? commit, tip: commit, mergeBase: base !== undefined };
	}

	/**
	 * The entries of `paths` (relative to `cwd`) in `commit`, with mode, type and size: one
	 * `git ls-tree`, so a missing file is told apart from a failing git without parsing error
	 * messages, and a link, a submodule or a huge blob is known before anything is read.
	 */
	async filesAt(commit: string, paths: readonly string[]): Promise<Map<string, TreeEntry>> {
		// -t lists a folder standing where a file is wanted; -l gives each blob's size, so a
		// huge one is refused before `git show` loads it.
		const result = await this.run(['ls-tree', '-r', '-t', '-l', '-z', commit, '--', ...paths]);
		if (result.code !== 0) {
			throw new CliError(`git ls-tree failed: ${firstLine(result.stderr)}`);
		}
		const wanted = new Set(paths);
		return new Map([...parseLsTreeLong(result.stdout)].filter(([path]) => wanted.has(path)));
	}

	/**
	 * The text of a file at a commit (`git show commit:./path`, the path relative to `cwd`), with
	 * textconv filters off: they can run programs from the repository's config.
	 */
	async showFile(commit: string, path: string): Promise<string> {
		const result = await this.run(['show', '--no-textconv', `${commit}:./${path}`]);
		if (result.code !== 0) {
			throw new CliError(`git show ${commit.slice(0, 12)}:${path} failed: ${firstLine(result.stderr)}`);
		}
		return result.stdout;
	}

	/**
	 * Changes between `base` and the working tree (committed, staged, unstaged, and untracked
	 * files), relative to `cwd`. Renames are detected; the runner keeps external diff drivers,
	 * textconv and filters from running programs from the repository's config.
	 */
	async changesSince(base: string): Promise<Change[]> {
		const result = await this.run(['diff', '--name-status', '-z', '-M', '--relative', base, '--']);
		if (result.code !== 0) {
			throw new CliError(`git diff failed: ${firstLine(result.stderr)}`);
		}
		const changes = parseNameStatus(result.stdout);
		const seen = new Set(changes.map((change) => change.path));
		for (const path of await this.untrackedFiles()) {
			if (!seen.has(path)) {
				changes.push({ path, status: 'added' });
			}
		}
		return changes;
	}

	/** See {@link parseChangedLines}; paths relative to `cwd`. */
	async changedLines(base: string): Promise<Map<string, [number, number][]>> {
		const result = await this.run(['diff', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--relative', base, '--']);
		if (result.code !== 0) {
			throw new CliError(`git diff failed: ${firstLine(result.stderr)}`);
		}
		return parseChangedLines(result.stdout);
	}
}

/**
 * Line ranges (1-based, inclusive) added or changed in each file between `base` and the working
 * tree, from `git diff -U0` (no external diff, no textconv). Untracked files are not in it.
 */
export function parseChangedLines(output: string): Map<string, [number, number][]> {
	const ranges = new Map<string, [number, number][]>();
	let current: [number, number][] | undefined;
	for (const line of output.split('\n')) {
		if (line.startsWith('+++ ')) {
			const name = line.slice(4);
			// `+++ /dev/null` is a deletion; a quoted name (unusual characters) is skipped.
			current = name.startsWith('b/') ? [] : undefined;
			if (current !== undefined) {
				ranges.set(name.slice(2), current);
			}
			continue;
		}
		const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
		if (hunk && current !== undefined) {
			const start = Number(hunk[1]);
			const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
			if (count > 0) {
				current.push([start, start + count - 1]);
			}
		}
	}
	return ranges;
}

/** Parses `git diff --name-status -z` output (`R100\0old\0new\0`, `M\0path\0`, …). */
export function parseNameStatus(output: string): Change[] {
	const parts = output.split('\0');
	const changes: Change[] = [];
	let i = 0;
	while (i < parts.length) {
		const code = parts[i];
		if (code === '') {
			i++;
			continue;
		}
		const letter = code[0];
		if (letter === 'R' || letter === 'C') {
			const oldPath = parts[i + 1];
			const newPath = parts[i + 2];
			if (oldPath === undefined || newPath === undefined) {
				break;
			}
			// A copy leaves the source untouched, so only the new path is a change.
			changes.push(letter === 'R' ? { path: newPath, status: 'renamed', oldPath } : { path: newPath, status: 'added' });
			i += 3;
			continue;
		}
		const path = parts[i + 1];
		if (path === undefined) {
			break;
		}
		const statuses: Record<string, ChangeStatus> = { A: 'added', D: 'deleted' };
		changes.push({ path, status: statuses[letter] ?? 'modified' });
		i += 2;
	}
	return changes;
}
