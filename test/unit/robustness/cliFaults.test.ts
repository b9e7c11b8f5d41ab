// The CLI against broken file systems and repositories: every case ends with a correct answer or
// one clear `guardrails: …` line on stderr; never a stack trace, never a hang (mocha's timeout
// fails a hang).
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { cleanUp, cli, emptyRepo, git, tempDir, testEnv, write } from '../cli/cliHarness';
import type { CliResult } from '../cli/cliHarness';

/** No stack trace, no internal error, at most one line on stderr per warning. */
function assertClean(result: CliResult): void {
	assert.doesNotMatch(result.stderr, /\n\s+at /, `stack trace on stderr:\n${result.stderr}`);
	assert.doesNotMatch(result.stderr, /internal error/, result.stderr);
	assert.ok(result.code === 0 || result.code === 1 || result.code === 2, `exit code ${result.code}`);
}

/** A clear one-line error: exit code 2 and a single `guardrails: ` line. */
function assertOneLineError(result: CliResult, pattern: RegExp): void {
	assertClean(result);
	assert.equal(result.code, 2, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
	const lines = result.stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, result.stderr);
	assert.match(lines[0], /^guardrails: /);
	assert.match(lines[0], pattern);
}

function committedRepo(): string {
	const dir = emptyRepo();
	write(dir, '.github/CODEOWNERS', '* @all\n/src/ @src\n');
	write(dir, 'src/a.ts', 'a\n');
	write(dir, 'README.md', 'r\n');
	git(dir, 'add', '.');
	git(dir, 'commit', '-q', '-m', 'one');
	return dir;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

suite('robustness: CLI on broken file systems and repositories', function () {
	this.timeout(60000);
	suiteTeardown(cleanUp);

	test('CODEOWNERS missing: one line naming the locations', async () => {
		const dir = emptyRepo();
		assertOneLineError(await cli(['owners', 'a.ts'], dir), /no CODEOWNERS file/);
	});

	test('CODEOWNERS unreadable (chmod 000): one line "permission denied" (as root: the CLI runs as uid 65534 through setpriv, since root reads any file, from a copy it can reach wherever the checkout is)', async function () {
		const dir = tempDir();
		chmodSync(dir, 0o755);
		write(dir, 'CODEOWNERS', '* @all\n');
		write(dir, 'a.ts', 'a\n');
		chmodSync(path.join(dir, 'CODEOWNERS'), 0o000);
		let result: CliResult;
		if (!isRoot) {
			result = await cli(['owners', 'a.ts'], dir);
		} else {
			const setpriv = spawnSync('setpriv', ['--version'], { encoding: 'utf8' });
			if (setpriv.status !== 0) {
				// Honest skip: as root without setpriv there is no unprivileged user to read as.
				this.skip();
			}
			// The checkout may sit where uid 65534 cannot go (a clone under /root, a mktemp -d folder):
			// bundle the compiled CLI into the test's own world-readable folder and run it from there.
			const runModule = path.join(dir, 'guardrails-run.js');
			buildSync({ entryPoints: [path.resolve(__dirname, '../../../src/cli/run.js')], bundle: true, platform: 'node', format: 'cjs', outfile: runModule, logLevel: 'silent' });
			chmodSync(runModule, 0o644);
			const script = `const out = []; const err = [];\nrequire(${JSON.stringify(runModule)}).run(['owners', 'a.ts'], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: process.cwd(), env: process.env }).then((code) => console.log(JSON.stringify({ code, stdout: out.join(''), stderr: err.join('') })));`;
			const child = spawnSync('setpriv', ['--reuid', '65534', '--regid', '65534', '--clear-groups', process.execPath, '-e', script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir } });
			assert.equal(child.status, 0, child.stderr);
			result = JSON.parse(child.stdout) as CliResult;
		}
		assertOneLineError(result, /cannot read CODEOWNERS: permission denied/);
	});

	test('a symlink loop in the tree: lint and audit finish (git repository and plain folder)', async () => {
		const dir = committedRepo();
		symlinkSync('.', path.join(dir, 'loop'));
		mkdirSync(path.join(dir, 'docs/adr'), { recursive: true });
		symlinkSync('../adr', path.join(dir, 'docs/adr/again'));
		symlinkSync('missing-target', path.join(dir, 'dangling'));
		git(dir, 'add', '.');
		git(dir, 'commit', '-q', '-m', 'links');
		for (const command of ['lint', 'audit']) {
			const result = await cli([command], dir);
			assertClean(result);
			assert.ok(result.code <= 1, `${command}: ${result.stderr}`);
		}
		const plain = tempDir();
		write(plain, 'CODEOWNERS', '* @all\n');
		write(plain, 'guardrails.yaml', 'version: 1\nadrs: { roots: [docs/adr] }\n');
		mkdirSync(path.join(plain, 'docs/adr'), { recursive: true });
		symlinkSync('..', path.join(plain, 'docs/adr/up'));
		symlinkSync('.', path.join(plain, 'docs/adr/self'));
		const lint = await cli(['lint'], plain);
		assertClean(lint);
		const audit = await cli(['audit'], plain);
		assertOneLineError(audit, /not in a git work tree/);
	});

	test('a repository with no commits: owners and audit answer, check says why it cannot compare', async () => {
		const dir = emptyRepo();
		write(dir, 'CODEOWNERS', '* @all\n');
		write(dir, 'a.ts', 'a\n');
		git(dir, 'add', '.');
		const owners = await cli(['owners', 'a.ts'], dir);
		assertClean(owners);
		assert.equal(owners.code, 0);
		assert.match(owners.stdout, /@all/);
		const audit = await cli(['audit'], dir);
		assertClean(audit);
		assert.equal(audit.code, 0);
		assertOneLineError(await cli(['check'], dir), /no commits yet/);
	});

	test('a detached HEAD: check and who answer', async () => {
		const dir = committedRepo();
		git(dir, 'checkout', '-q', '-b', 'feature');
		write(dir, 'src/b.ts', 'b\n');
		git(dir, 'add', '.');
		git(dir, 'commit', '-q', '-m', 'two');
		git(dir, 'checkout', '-q', '--detach');
		const check = await cli(['check', '--base', 'main', '--json'], dir);
		assertClean(check);
		assert.equal(check.code, 0, check.stderr);
		assert.match(check.stdout, /src\/b\.ts/);
		const who = await cli(['who', 'src/b.ts'], dir);
		assertClean(who);
		assert.equal(who.code, 0, who.stderr);
	});

	test('a shallow clone (git clone --depth 1 file://…): check answers or explains in one line', async () => {
		const origin = committedRepo();
		git(origin, 'checkout', '-q', '-b', 'feature');
		write(origin, 'src/c.ts', 'c\n');
		git(origin, 'add', '.');
		git(origin, 'commit', '-q', '-m', 'three');
		const clone = path.join(tempDir(), 'clone');
		execFileSync('git', ['clone', '-q', '--depth', '1', '--no-single-branch', `file://${origin}`, clone], { env: testEnv() });
		const check = await cli(['check', '--base', 'origin/main'], clone);
		assertClean(check);
		if (check.code === 2) {
			assertOneLineError(check, /./);
		}
		const audit = await cli(['audit', '--json'], clone);
		assertClean(audit);
		assert.equal(audit.code, 0, audit.stderr);
	});

	test('a bare repository: one clear line, no stack', async () => {
		const origin = committedRepo();
		const bare = path.join(tempDir(), 'bare.git');
		execFileSync('git', ['clone', '-q', '--bare', origin, bare], { env: testEnv() });
		for (const argv of [['audit'], ['lint'], ['check', '--base', 'main'], ['owners', 'src/a.ts']]) {
			const result = await cli(argv, bare);
			assertClean(result);
			if (result.code === 2) {
				assertOneLineError(result, /./);
			}
		}
	});

	test('git missing from PATH: commands that need git say so in one line; others still answer', async () => {
		const dir = committedRepo();
		const empty = tempDir();
		const env = testEnv({ PATH: empty });
		const audit = await cli(['audit'], dir, env);
		assertClean(audit);
		assert.ok(audit.code !== 0);
		assert.match(audit.stderr, /git/);
		assert.equal(audit.stderr.trimEnd().split('\n').length, 1, audit.stderr);
		const check = await cli(['check', '--base', 'main'], dir, env);
		assertOneLineError(check, /git was not found on PATH|not in a git work tree/);
		const owners = await cli(['owners', 'src/a.ts'], dir, env);
		assertClean(owners);
		assert.equal(owners.code, 0, owners.stderr);
		assert.match(owners.stdout, /@src/);
	});

	test('hostile arguments: paths and --codeowners outside the root, refs that look like options: one line each', async () => {
		const dir = committedRepo();
		assertOneLineError(await cli(['owners', '../../etc/passwd'], dir), /outside the root/);
		assertOneLineError(await cli(['owners', '/etc/passwd'], dir), /outside the root/);
		assertOneLineError(await cli(['owners', '--codeowners', '/etc/passwd', 'src/a.ts'], dir), /outside the root/);
		assertOneLineError(await cli(['check', '--base=--output=/tmp/guardrails-pwned'], dir), /./);
		assertOneLineError(await cli(['owners', '--root', path.join(dir, 'missing'), 'a.ts'], dir), /no such directory/);
	});

	test('invalid UTF-8 in CODEOWNERS and guardrails.yaml: decoded with replacement, reported, no crash', async () => {
		const dir = committedRepo();
		writeFileSync(path.join(dir, '.github/CODEOWNERS'), Buffer.concat([Buffer.from('* @all\n/caf'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('/ @bad\n/src/ @src\n')]));
		writeFileSync(path.join(dir, 'guardrails.yaml'), Buffer.concat([Buffer.from('version: 1\nx-note: "'), Buffer.from([0xfe, 0xff, 0x80]), Buffer.from('"\n')]));
		const owners = await cli(['owners', 'src/a.ts'], dir);
		assertClean(owners);
		assert.equal(owners.code, 0, owners.stderr);
		assert.match(owners.stdout, /@src/);
		const lint = await cli(['lint', '--json'], dir);
		assertClean(lint);
		const problems = (JSON.parse(lint.stdout) as { code: string; file: string; line: number; column: number }[])
			.filter((p) => p.code === 'invalid-encoding')
			.map((p) => `${p.file}:${p.line}:${p.column}`);
		assert.deepEqual(problems.sort(), ['.github/CODEOWNERS:2:5', 'guardrails.yaml:2:10']);
	});
});

suite('robustness: CLI and GitHub\'s 3 MB limit', function () {
	this.timeout(60000);
	suiteTeardown(cleanUp);

	test('a CODEOWNERS of 3 MB or more: answers are unowned with a one-line warning saying why; lint reports file-too-large', async () => {
		const dir = emptyRepo();
		const line = `/src/${'x'.repeat(90)}/ @owner\n`;
		write(dir, '.github/CODEOWNERS', `* @all\n${line.repeat(Math.ceil((3 * 1024 * 1024) / line.length))}`);
		write(dir, 'src/a.ts', 'a\n');
		git(dir, 'add', '.');
		git(dir, 'commit', '-q', '-m', 'big');
		const owners = await cli(['owners', 'src/a.ts'], dir);
		assertClean(owners);
		assert.equal(owners.code, 0);
		assert.doesNotMatch(owners.stdout, /@all/);
		assert.equal(owners.stderr.trimEnd().split('\n').length, 1, owners.stderr);
		assert.match(owners.stderr, /^guardrails: warning: \.github\/CODEOWNERS: .*3 MB/);
		const lint = await cli(['lint', '--json'], dir);
		assertClean(lint);
		assert.equal(lint.code, 1);
		assert.ok((JSON.parse(lint.stdout) as { code: string }[]).some((p) => p.code === 'file-too-large'));
	});
});

suite('robustness: CLI output never carries terminal control sequences from the workspace', function () {
	this.timeout(60000);
	suiteTeardown(cleanUp);

	const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

	test('escape sequences, CR, C1 and bidi overrides in CODEOWNERS are printed as \\uXXXX in text and JSON (which still round-trips)', async () => {
		const dir = committedRepo();
		const hostileOwner = '@evil\u001b]0;pwned\u0007';
		const hostilePattern = '/src/\u001b[2J\u202ex\r';
		write(dir, '.github/CODEOWNERS', `* @all\n${hostilePattern} @a\n/src/ ${hostileOwner}\n/\u009b31m/ @c\n`);
		git(dir, 'add', '.');
		git(dir, 'commit', '-q', '-m', 'hostile');
		for (const argv of [['lint'], ['lint', '--json'], ['owners', '--explain', 'src/a.ts'], ['owners', '--json', 'src/a.ts', '\u009b31m/x'], ['audit'], ['who', 'src/\u001b[2J\u202ex']]) {
			const result = await cli(argv, dir);
			assertClean(result);
			assert.doesNotMatch(result.stdout, unsafe, `${argv.join(' ')} stdout: ${JSON.stringify(result.stdout)}`);
			assert.doesNotMatch(result.stderr, unsafe, `${argv.join(' ')} stderr: ${JSON.stringify(result.stderr)}`);
		}
		const lint = await cli(['lint', '--json'], dir);
		const messages = (JSON.parse(lint.stdout) as { message: string }[]).map((p) => p.message).join('\n');
		assert.ok(messages.includes('\u001b]0;pwned\u0007'), 'JSON readers get the original text back');
		const lintText = await cli(['lint'], dir);
		assert.match(lintText.stdout, /\\u001b\]0;pwned\\u0007/, 'text output shows the escape visibly');
	});
});
