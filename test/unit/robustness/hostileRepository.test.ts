// A repository built to hurt whoever runs the CLI on it (issue 14): programs named by its git
// configuration must not run, reads must not hang or leave the root, huge files are refused by
// size before reading, every workspace string stays on its line in every output format, and a
// backslash in a file name is a character. Each test reproduces the attack it names.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runGit } from '../../../src/cli/git';
import { cleanUp, cli, git, tempDir, testEnv, write } from '../cli/cliHarness';
import { assertClean, assertOneLineError, committedRepo, guardrails, mkfifo, posix, touchStatDirty, trap } from './hostileRepoFixture';

suite('robustness: a hostile repository (issue 14)', function () {
	this.timeout(60000);
	suiteTeardown(cleanUp);

	suite('1. programs named by git configuration never run', () => {
		const variants: { name: string; arrange(dir: string, script: string): void }[] = [
			{
				name: 'a clean filter selected by .gitattributes (filter.<driver>.clean)',
				arrange: (dir, script) => {
					write(dir, '.gitattributes', '*.ts filter=evil\n');
					git(dir, 'config', 'filter.evil.clean', script);
					git(dir, 'config', 'filter.evil.smudge', script);
				},
			},
			{
				name: 'a long-running filter process (filter.<driver>.process) marked required',
				arrange: (dir, script) => {
					write(dir, '.gitattributes', '*.ts filter=evil\n');
					git(dir, 'config', 'filter.evil.process', script);
					git(dir, 'config', 'filter.evil.required', 'true');
				},
			},
			{
				name: 'a filter driver whose name has "=" and "." in it, from .git/info/attributes',
				arrange: (dir, script) => {
					mkdirSync(path.join(dir, '.git/info'), { recursive: true });
					writeFileSync(path.join(dir, '.git/info/attributes'), '*.ts filter=a=b.c\n');
					git(dir, 'config', 'filter.a=b.c.clean', script);
				},
			},
			{
				name: 'the post-index-change hook in .git/hooks',
				arrange: (dir, script) => {
					writeFileSync(path.join(dir, '.git/hooks/post-index-change'), `#!/bin/sh\nexec '${script}' </dev/null\n`, { mode: 0o755 });
				},
			},
			{
				name: 'hooks from core.hooksPath (committed in the repository)',
				arrange: (dir, script) => {
					write(dir, 'githooks/post-index-change', `#!/bin/sh\nexec '${script}' </dev/null\n`);
					execFileSync('chmod', ['+x', path.join(dir, 'githooks/post-index-change')]);
					git(dir, 'config', 'core.hooksPath', 'githooks');
				},
			},
			{
				name: 'an fsmonitor hook (core.fsmonitor)',
				arrange: (dir, script) => {
					git(dir, 'config', 'core.fsmonitor', script);
				},
			},
			{
				name: 'an external diff driver (diff.external and diff.<driver>.command)',
				arrange: (dir, script) => {
					write(dir, '.gitattributes', '*.ts diff=evil\n');
					git(dir, 'config', 'diff.external', script);
					git(dir, 'config', 'diff.evil.command', script);
				},
			},
			{
				name: 'a textconv driver (diff.<driver>.textconv)',
				arrange: (dir, script) => {
					write(dir, '.gitattributes', '* diff=evil\n');
					git(dir, 'config', 'diff.evil.textconv', script);
				},
			},
			{
				name: 'a pager (core.pager, pager.diff)',
				arrange: (dir, script) => {
					git(dir, 'config', 'core.pager', script);
					git(dir, 'config', 'pager.diff', script);
					git(dir, 'config', 'pager.status', script);
				},
			},
		];
		for (const variant of variants) {
			test(`${variant.name}: check, who, owners, lint and audit run none`, async function () {
				if (!posix) {
					this.skip();
				}
				const dir = committedRepo();
				git(dir, 'checkout', '-q', '-b', 'topic');
				const { script, marker } = trap(dir, 'payload');
				variant.arrange(dir, script);
				// A stat-dirty file makes git re-read (and re-filter) it and rewrite the index.
				touchStatDirty(dir);
				write(dir, 'services/payments/api/openapi.yaml', 'openapi: 3.1.0\n');
				for (const argv of [['check', '--base', 'main'], ['check', '--base', 'main', '--format', 'markdown'], ['who', 'src/a.ts'], ['owners', 'src/a.ts'], ['lint'], ['audit']]) {
					touchStatDirty(dir);
					const result = await cli(argv, dir);
					assertClean(result);
					assert.equal(existsSync(marker), false, `${argv.join(' ')} ran the repository's program (${variant.name})`);
				}
				// Any git call through the runner is hardened, not only the ones the commands make today:
				// full diffs, patches in the log, show, status, blame.
				for (const args of [['diff', 'main'], ['diff', '--cached', 'main'], ['log', '-p', '-2'], ['show', 'HEAD'], ['status'], ['blame', 'src/a.ts'], ['diff-index', '-p', 'main']]) {
					touchStatDirty(dir);
					const result = await runGit(dir, args, testEnv());
					assert.equal(existsSync(marker), false, `git ${args.join(' ')} through runGit ran the repository's program (${variant.name}): ${result.stderr}`);
				}
				// The check still saw the changed contract.
				const check = await cli(['check', '--base', 'main', '--json'], dir);
				assert.match(check.stdout, /openapi\.yaml/);
				// Git itself (without our options) does run it: the trap is real.
				touchStatDirty(dir);
				try {
					execFileSync('git', ['diff', '--name-status', 'main'], { cwd: dir, stdio: 'ignore', env: testEnv() });
					execFileSync('git', ['diff', 'main'], { cwd: dir, stdio: 'ignore', env: testEnv() });
					// status always refreshes and rewrites a stat-dirty index; diff does so only sometimes
					execFileSync('git', ['status'], { cwd: dir, stdio: 'ignore', env: testEnv() });
				} catch {
					// a required filter that copies stdin still succeeds; anything else is fine too
				}
				if (variant.name.startsWith('a pager')) {
					return; // without a terminal git pages nothing, so plain git cannot prove this trap
				}
				assert.equal(existsSync(marker), true, `plain git did not run the trap for ${variant.name}; the test proves nothing`);
			});
		}

		test('a "git" program in the repository is not run, even with "." or an empty entry on PATH', async function () {
			if (!posix) {
				this.skip();
			}
			const dir = committedRepo();
			const { marker } = trap(dir, 'fake-git');
			writeFileSync(path.join(dir, 'git'), `#!/bin/sh\ntouch '${marker}'\n`, { mode: 0o755 });
			for (const pathValue of [`.:${process.env.PATH ?? ''}`, `:${process.env.PATH ?? ''}`]) {
				const result = await cli(['check', '--base', 'HEAD'], dir, { ...process.env, PATH: pathValue, GIT_CONFIG_NOSYSTEM: '1' });
				assertClean(result);
				assert.equal(existsSync(marker), false, `PATH=${pathValue.slice(0, 10)}… ran ./git`);
			}
		});
	});

	suite('2 and 3. reads that never end, or leave the root', () => {
		const targets = ['.github/CODEOWNERS', 'guardrails.yaml', 'docs/adr/0001-first.md'];
		for (const target of targets) {
			test(`${target} as a FIFO: every command answers or fails in one line, never blocks`, async function () {
				if (!posix) {
					this.skip();
				}
				const dir = committedRepo();
				execFileSync('rm', [path.join(dir, target)]);
				mkfifo(path.join(dir, target));
				for (const argv of [['owners', 'src/a.ts'], ['who', 'src/a.ts'], ['lint'], ['check', 'src/a.ts'], ['audit']]) {
					const result = await cli(argv, dir);
					assertClean(result);
					if (target !== 'docs/adr/0001-first.md' && result.code === 2) {
						assert.match(result.stderr, new RegExp(`${target.replace(/[./]/g, '\\$&')}: not a regular file \\(a FIFO\\)`));
					}
				}
			});

			for (const device of ['/dev/stdin', '/dev/zero', '/dev/urandom']) {
				test(`${target} linked to ${device}: refused before reading`, async function () {
					if (!posix || !existsSync(device)) {
						this.skip();
					}
					const dir = committedRepo();
					execFileSync('rm', [path.join(dir, target)]);
					symlinkSync(device, path.join(dir, target));
					for (const argv of [['owners', 'src/a.ts'], ['who', 'src/a.ts'], ['lint']]) {
						const started = Date.now();
						const result = await cli(argv, dir);
						assertClean(result);
						assert.ok(Date.now() - started < 3000, `${argv.join(' ')} took ${Date.now() - started} ms`);
					}
				});
			}
		}

		test('a committed link out of the repository (docs/adr -> outside, an ADR that links out, CODEOWNERS and guardrails.yaml that link out) is never read', async function () {
			if (!posix) {
				this.skip();
			}
			const outside = tempDir('guardrails-outside-');
			writeFileSync(path.join(outside, '0001-first.md'), '# SECRET FROM OUTSIDE\n');
			writeFileSync(path.join(outside, 'CODEOWNERS'), '* @outsider\n');
			writeFileSync(path.join(outside, 'guardrails.yaml'), guardrails().replace('Payments API', 'OUTSIDE API'));
			// The folder link.
			const dir = committedRepo();
			execFileSync('rm', ['-r', path.join(dir, 'docs/adr')]);
			symlinkSync(outside, path.join(dir, 'docs/adr'));
			for (const argv of [['who', 'services/payments/x.ts'], ['who', '--json', 'services/payments/x.ts'], ['lint']]) {
				const result = await cli(argv, dir);
				assertClean(result);
				assert.doesNotMatch(result.stdout + result.stderr, /SECRET FROM OUTSIDE/, argv.join(' '));
			}
			// The file link, with a relative target.
			const second = committedRepo();
			execFileSync('rm', [path.join(second, 'docs/adr/0001-first.md')]);
			symlinkSync(path.relative(path.join(second, 'docs/adr'), path.join(outside, '0001-first.md')), path.join(second, 'docs/adr/0001-first.md'));
			execFileSync('rm', [path.join(second, '.github/CODEOWNERS'), path.join(second, 'guardrails.yaml')]);
			symlinkSync(path.join(outside, 'CODEOWNERS'), path.join(second, '.github/CODEOWNERS'));
			symlinkSync(path.join(outside, 'guardrails.yaml'), path.join(second, 'guardrails.yaml'));
			for (const argv of [['who', '--json', 'services/payments/x.ts'], ['owners', 'src/a.ts'], ['lint']]) {
				const result = await cli(argv, second);
				assert.doesNotMatch(result.stdout + result.stderr, /SECRET FROM OUTSIDE|@outsider|OUTSIDE API/, argv.join(' '));
				assertClean(result);
			}
			const owners = await cli(['owners', 'src/a.ts'], second);
			assert.match(owners.stderr, /\.github\/CODEOWNERS: .*outside the repository/);
		});

		test('a link inside the repository is still followed', async function () {
			if (!posix) {
				this.skip();
			}
			const dir = committedRepo();
			write(dir, 'shared/CODEOWNERS', '* @linked\n');
			execFileSync('rm', [path.join(dir, '.github/CODEOWNERS')]);
			symlinkSync('../shared/CODEOWNERS', path.join(dir, '.github/CODEOWNERS'));
			const result = await cli(['owners', 'src/a.ts'], dir);
			assert.equal(result.code, 0, result.stderr);
			assert.match(result.stdout, /@linked/);
		});
	});

	suite('5. every read error names the file and the reason in words', () => {
		test('a symbolic link loop at CODEOWNERS and at guardrails.yaml', async function () {
			if (!posix) {
				this.skip();
			}
			const dir = committedRepo();
			execFileSync('rm', [path.join(dir, '.github/CODEOWNERS')]);
			symlinkSync('CODEOWNERS', path.join(dir, '.github/CODEOWNERS'));
			assertOneLineError(await cli(['owners', 'src/a.ts'], dir), /cannot read \.github\/CODEOWNERS: too many levels of symbolic links/);
			const second = committedRepo();
			execFileSync('rm', [path.join(second, 'guardrails.yaml')]);
			symlinkSync('guardrails.yaml', path.join(second, 'guardrails.yaml'));
			assertOneLineError(await cli(['who', 'src/a.ts'], second), /cannot read guardrails\.yaml: too many levels of symbolic links/);
		});

		test('a directory or a FIFO named by --codeowners, --config and --files-from', async function () {
			if (!posix) {
				this.skip();
			}
			const dir = committedRepo();
			mkfifo(path.join(dir, 'pipe'));
			assertOneLineError(await cli(['owners', '--codeowners', 'pipe', 'src/a.ts'], dir), /--codeowners pipe: not a regular file \(a FIFO\)/);
			assertOneLineError(await cli(['who', '--config', 'pipe', 'src/a.ts'], dir), /--config pipe: not a regular file \(a FIFO\)/);
			assertOneLineError(await cli(['audit', '--files-from', 'pipe'], dir), /--files-from pipe: not a regular file \(a FIFO\)/);
			assertOneLineError(await cli(['owners', '--codeowners', 'src', 'src/a.ts'], dir), /--codeowners src: is a directory/);
		});
	});

	suite('7. huge files are refused by size before reading', () => {
		test('a 50 MB one-line CODEOWNERS: GitHub lint and GitLab owners answer at once, saying why with the size', async () => {
			const dir = committedRepo();
			const file = path.join(dir, '.github/CODEOWNERS');
			writeFileSync(file, '');
			truncateSync(file, 50 * 1024 * 1024);
			writeFileSync(file, '* @a', { flag: 'r+' });
			let started = Date.now();
			const lint = await cli(['lint'], dir);
			assertClean(lint);
			assert.ok(Date.now() - started < 5000, `lint took ${Date.now() - started} ms`);
			assert.match(lint.stdout + lint.stderr, /52,428,800 bytes|52428800 bytes/);
			assert.match(lint.stdout, /file-too-large/);
			// GitLab: the same limit (GitLab documents none; we read at most 3 MB).
			const gitlab = committedRepo();
			execFileSync('rm', [path.join(gitlab, '.github/CODEOWNERS')]);
			writeFileSync(path.join(gitlab, 'CODEOWNERS'), '');
			truncateSync(path.join(gitlab, 'CODEOWNERS'), 50 * 1024 * 1024);
			started = Date.now();
			const owners = await cli(['owners', '--dialect', 'gitlab', 'src/a.ts'], gitlab);
			assertClean(owners);
			assert.ok(Date.now() - started < 5000, `owners took ${Date.now() - started} ms`);
			assert.match(owners.stderr, /52,428,800 bytes|52428800 bytes/);
		});

		const others: { file: string; limit: RegExp }[] = [
			{ file: 'guardrails.yaml', limit: /guardrails\.yaml: .*larger than the 4 MB limit/ },
		];
		for (const { file, limit } of others) {
			test(`${file} over its limit: one line with the size and the limit, read nothing`, async () => {
				const dir = committedRepo();
				truncateSync(path.join(dir, file), 64 * 1024 * 1024);
				const started = Date.now();
				const result = await cli(['who', 'src/a.ts'], dir);
				assertOneLineError(result, limit);
				assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
			});
		}

		test('an ADR over its 1 MB limit is not read; the rest answers', async () => {
			const dir = committedRepo();
			truncateSync(path.join(dir, 'docs/adr/0001-first.md'), 64 * 1024 * 1024);
			const started = Date.now();
			const result = await cli(['lint'], dir);
			assertClean(result);
			assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
			assert.match(result.stdout, /0001-first\.md.*larger than the 1 MB limit/);
		});
	});

	suite('6. workspace strings stay on their line in every output format', () => {
		const injected = 'Look here.\n::error file=x,line=1::INJECTED\n::set-output name=x::y\r\n## Fake heading\u2028::warning::SEP';
		function hostile(): string {
			const dir = committedRepo();
			const yaml = guardrails()
				.replace('guidance: Talk to the payments lead.', `guidance: ${JSON.stringify(injected)}`)
				.replace('title: Payments API', `title: ${JSON.stringify(`Payments API\n::error::TITLE`)}`)
				.replace('    title: Payments\n', `    title: ${JSON.stringify('Payments\n::notice::DOMAIN')}\n`);
			write(dir, 'guardrails.yaml', yaml);
			write(dir, 'docs/adr/0001-first.md', '# First\u2028::error::ADR\n');
			git(dir, 'add', '-A');
			git(dir, 'commit', '-q', '-m', 'hostile');
			return dir;
		}
		const commands: string[][] = [
			['who', 'services/payments/api/openapi.yaml'],
			['who', '--format', 'markdown', 'services/payments/api/openapi.yaml'],
			['check', 'services/payments/api/openapi.yaml'],
			['check', '--format', 'markdown', 'services/payments/api/openapi.yaml'],
			['check', '--format', 'github', 'services/payments/api/openapi.yaml'],
			['lint'],
			['audit'],
			['owners', 'services/payments/api/openapi.yaml'],
		];
		for (const argv of commands) {
			test(`${argv.slice(0, argv.length - (argv[0] === 'lint' || argv[0] === 'audit' ? 0 : 1)).join(' ')}: no line (stdout or stderr) starts a workflow command or carries an injected heading`, async () => {
				const dir = hostile();
				const result = await cli(argv, dir);
				if (result.code === 2 && /unknown option|--format/.test(result.stderr)) {
					return; // a command without that format
				}
				assertClean(result);
				const github = argv.includes('github');
				for (const line of (result.stdout + result.stderr).split(/\r\n|\r|\n|\u2028|\u2029|\u0085/)) {
					if (github && /^::(error|warning|notice) [^:]*::/.test(line)) {
						// Our own annotation: its data must not contain a second command.
						assert.doesNotMatch(line.replace(/^::\w+ [^:]*::/, ''), /(^|\s)::/, line);
						continue;
					}
					assert.doesNotMatch(line, /^\s*::/, `${argv.join(' ')}: ${JSON.stringify(line)}`);
					assert.doesNotMatch(line, /^\s*## Fake heading/, `${argv.join(' ')}: ${JSON.stringify(line)}`);
				}
			});
		}

		test('--json keeps the original text (it is data, not lines)', async () => {
			const dir = hostile();
			const result = await cli(['who', '--json', 'services/payments/api/openapi.yaml'], dir);
			assert.equal(result.code, 0, result.stderr);
			const [decision] = JSON.parse(result.stdout) as { contracts: { title: string }[]; domain: { title: string } }[];
			assert.equal(decision.contracts[0].title, 'Payments API\n::error::TITLE');
			assert.equal(decision.domain.title, 'Payments\n::notice::DOMAIN');
		});
	});

	suite('8. a backslash in a file name is a character, not a separator', () => {
		test('a root-level file "services\\payments\\api\\openapi.yaml" is not the contract', async function () {
			if (!posix) {
				this.skip();
			}
			const dir = committedRepo();
			const name = 'services\\payments\\api\\openapi.yaml';
			writeFileSync(path.join(dir, name), 'fake\n');
			const check = await cli(['check', '--json', name], dir);
			assert.equal(check.code, 0, check.stderr);
			assert.doesNotMatch(check.stdout, /payments-api/);
			const owners = await cli(['owners', '--json', name], dir);
			assert.equal(owners.code, 0, owners.stderr);
			assert.doesNotMatch(owners.stdout, /@acme\/payments/);
			assert.match(owners.stdout, /@acme\/all/);
			// Through git: the file is added and checked as part of the change set.
			git(dir, 'checkout', '-q', '-b', 'topic');
			git(dir, 'add', '-A');
			git(dir, 'commit', '-q', '-m', 'backslash');
			const fromGit = await cli(['check', '--base', 'main', '--json'], dir);
			assert.equal(fromGit.code, 0, fromGit.stderr);
			assert.doesNotMatch(fromGit.stdout, /payments-api/);
			// The real contract still is one.
			const real = await cli(['check', '--json', 'services/payments/api/openapi.yaml'], dir);
			assert.match(real.stdout, /payments-api/);
		});
	});
});
