import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { canReadLocally } from './workspaceHost';
import { disarmDrivers, driverConfigQuery, gitCandidates, hardenedGitArgs, hardenedGitEnv } from '../../engine/safety/gitHardening';

// The extension's one way to run git. It applies the same hardening as the CLI's runner
// (src/engine/safety/gitHardening.ts), so a git call added anywhere in the extension runs no
// program the repository configures. Only gitApi.ts calls it, through its private `runGit`
// (test/unit/gitOnePlace.test.ts checks that nothing else in src/vscode spawns a process).

const defaultTimeoutMs = 5000;

/** True when we may run git ourselves: a trusted workspace on the local file system. */
export function canSpawnGit(root: vscode.Uri): boolean {
	return vscode.workspace.isTrusted && canReadLocally(root);
}

const gitPaths = new Map<string, string | undefined>();

/** The first executable `git` on PATH's absolute entries (a relative entry could find the workspace's own). */
function gitExecutable(): string | undefined {
	const pathValue = process.env.PATH ?? process.env.Path ?? '';
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

export interface GitRunOptions {
	maxBuffer?: number;
	timeoutMs?: number;
	/** Told why a run gave no output (git missing, non-zero exit, timeout). */
	onError?(message: string): void;
}

function exec(executable: string, cwd: string, args: readonly string[], env: Record<string, string>, options: GitRunOptions): Promise<{ stdout?: string; error?: string }> {
	return new Promise((resolve) => {
		execFile(executable, args, { cwd, env, timeout: options.timeoutMs ?? defaultTimeoutMs, maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024, windowsHide: true, encoding: 'utf8' }, (error, stdout) => {
			resolve(error ? { error: error.message } : { stdout });
		});
	});
}

/**
 * git's stdout for `args` (subcommand first) run in `root`, or undefined when git may not run
 * here ({@link canSpawnGit}), is missing, fails or times out. Hooks, fsmonitor, pagers,
 * transports and the repository's filter, diff and merge drivers are all off.
 */
export async function runHardenedGit(root: vscode.Uri, args: readonly string[], options: GitRunOptions = {}): Promise<string | undefined> {
	if (!canSpawnGit(root)) {
		return undefined;
	}
	const executable = gitExecutable();
	if (executable === undefined) {
		options.onError?.('git was not found on PATH');
		return undefined;
	}
	const env = process.env as Record<string, string | undefined>;
	const drivers = await exec(executable, root.fsPath, hardenedGitArgs(driverConfigQuery), hardenedGitEnv(env), options);
	const pairs = drivers.stdout !== undefined ? disarmDrivers(drivers.stdout) : [];
	const result = await exec(executable, root.fsPath, hardenedGitArgs(args), hardenedGitEnv(env, pairs), options);
	if (result.error !== undefined) {
		options.onError?.(result.error);
	}
	return result.stdout;
}
