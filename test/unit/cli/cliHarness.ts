// Shared helpers for the CLI tests: run the CLI in-process and build throw-away git repositories.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../../src/cli/run';

/** The repository checkout (tests run from out/test/unit/cli). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const demoRoot = path.join(repoRoot, 'demo', 'acme-bank');

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

const scratch: string[] = [];

/** A fresh directory under the OS temp dir, removed by {@link cleanUp}. */
export function tempDir(prefix = 'guardrails-cli-'): string {
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	scratch.push(dir);
	return dir;
}

export function cleanUp(): void {
	for (const dir of scratch.splice(0)) {
		rmSync(dir, { recursive: true, force: true });
	}
}

let isolatedHome: string | undefined;

/**
 * An environment that ignores the machine's git configuration, so user.email, hooks and
 * fsmonitor settings of whoever runs the tests cannot change the answers.
 */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	if (isolatedHome === undefined) {
		// Outlives the per-suite clean-up: every suite shares it, so it goes when the process does.
		const home = mkdtempSync(path.join(os.tmpdir(), 'guardrails-home-'));
		process.once('exit', () => rmSync(home, { recursive: true, force: true }));
		isolatedHome = home;
	}
	return {
		PATH: process.env.PATH,
		HOME: isolatedHome,
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_CONFIG_GLOBAL: path.join(isolatedHome, 'gitconfig'),
		...extra,
	};
}

/** Runs the CLI in-process with captured output. */
export async function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = testEnv()): Promise<CliResult> {
	let stdout = '';
	let stderr = '';
	const code = await run(argv, {
		stdout: (text) => {
			stdout += text;
		},
		stderr: (text) => {
			stderr += text;
		},
		cwd,
		env,
	});
	return { code, stdout, stderr };
}

export function git(cwd: string, ...args: string[]): string {
	return execFileSync('git', args, { cwd, env: testEnv(), encoding: 'utf8' });
}

/** An empty repository on branch main with a local identity (no commits yet). */
export function emptyRepo(email = 'alice@acme-bank.example'): string {
	const dir = tempDir();
	git(dir, 'init', '-q', '-b', 'main');
	git(dir, 'config', 'user.email', email);
	git(dir, 'config', 'user.name', 'Test User');
	git(dir, 'config', 'commit.gpgsign', 'false');
	return dir;
}

/** A copy of the demo workspace, committed on main, as the editor tests use it. */
export function demoRepo(email = 'alice@acme-bank.example'): string {
	const dir = emptyRepo(email);
	cpSync(demoRoot, dir, { recursive: true });
	git(dir, 'add', '-A');
	git(dir, 'commit', '-q', '-m', 'Acme Bank demo');
	return dir;
}

/** Writes a file (creating directories) relative to `root`. */
export function write(root: string, relative: string, text: string): void {
	const file = path.join(root, relative);
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, text);
}
