// The hostile repository against the commands added after the first round (issue 14): `init`
// (reads catalog-info.yaml, spec files, ADR folders, package.json; writes guardrails.yaml),
// `bottlenecks` (git history, authors' names) and `boundaries` (every source file's imports).
// FIFOs, links to devices and out of the root, huge files, and names that try to start lines.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cleanUp, cli, git, tempDir, testEnv, write } from '../cli/cliHarness';
import type { CliResult } from '../cli/cliHarness';
import { assertClean, assertOneLineError, committedRepo, mkfifo, posix } from './hostileRepoFixture';

const catalog = 'services/payments/catalog-info.yaml';
const spec = 'services/payments/api/openapi.yaml';
const source = 'services/payments/src/pay.ts';

/** The committed repository plus what the three commands read: a catalog, a spec, imports, package files, a second domain. */
function commandRepo(): string {
	const dir = committedRepo();
	const config = readFileSync(path.join(dir, 'guardrails.yaml'), 'utf8')
		.replace('contracts:\n', '  ledger:\n    title: Ledger\n    team: payments\n    paths: [services/ledger/**]\ncontracts:\n');
	write(dir, 'guardrails.yaml', config);
	write(dir, catalog, 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: payments\nspec:\n  type: service\n  owner: group:payments\n  providesApis: [payments-api]\n---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: payments-api\nspec:\n  type: openapi\n  owner: group:payments\n  definition:\n    $text: ./api/openapi.yaml\n');
	write(dir, spec, 'openapi: 3.0.0\ninfo:\n  title: Payments\n  version: 1.0.0\npaths: {}\n');
	write(dir, source, 'import { post } from "../../ledger/src/post";\nexport const pay = post;\n');
	write(dir, 'services/ledger/src/post.ts', 'export const post = 1;\n');
	write(dir, 'package.json', '{ "name": "shop", "private": true }\n');
	write(dir, 'tsconfig.json', '{ "compilerOptions": { "baseUrl": "." } }\n');
	git(dir, 'add', '-A');
	git(dir, 'commit', '-q', '-m', 'catalog, spec, imports');
	return dir;
}

/** Every command this file covers; `init` writes guardrails.yaml, so it runs with --force in a throw-away copy. */
const commands: string[][] = [
	['init', '--stdout'],
	['init', '--json'],
	['init', '--force'],
	['bottlenecks'],
	['bottlenecks', '--format', 'markdown'],
	['bottlenecks', '--format', 'html'],
	['boundaries'],
	['boundaries', '--format', 'markdown'],
	['boundaries', '--format', 'github'],
	['boundaries', '--format', 'html'],
];

async function timed(argv: string[], dir: string, limitMs: number): Promise<CliResult> {
	const started = Date.now();
	const result = await cli(argv, dir);
	assert.ok(Date.now() - started < limitMs, `${argv.join(' ')} took ${Date.now() - started} ms`);
	return result;
}

suite('robustness: a hostile repository against init, bottlenecks and boundaries (issue 14)', function () {
	this.timeout(120_000);
	suiteTeardown(cleanUp);

	test('the fixture answers every command normally', async () => {
		const dir = commandRepo();
		for (const argv of commands) {
			const result = await cli(argv, dir);
			assert.equal(result.code, 0, `${argv.join(' ')}: ${result.stderr}`);
		}
		const draft = await cli(['init', '--stdout'], dir);
		assert.match(draft.stdout, /payments/);
		const boundaries = await cli(['boundaries', '--json'], dir);
		assert.match(boundaries.stdout, /ledger\/src\/post/);
	});

	suite('2. reads that never end', () => {
		for (const target of [catalog, spec, source, 'docs/adr/0001-first.md', 'package.json', 'tsconfig.json']) {
			test(`${target} as a FIFO: every command answers or fails in one line, never blocks`, async function () {
				if (!posix) {
					this.skip();
				}
				const dir = commandRepo();
				rmSync(path.join(dir, target));
				mkfifo(path.join(dir, target));
				for (const argv of commands) {
					assertClean(await timed(argv, dir, 5000));
				}
			});

			for (const device of ['/dev/stdin', '/dev/zero']) {
				test(`${target} linked to ${device}: refused before reading`, async function () {
					if (!posix || !existsSync(device)) {
						this.skip();
					}
					const dir = commandRepo();
					rmSync(path.join(dir, target));
					symlinkSync(device, path.join(dir, target));
					for (const argv of commands) {
						assertClean(await timed(argv, dir, 5000));
					}
				});
			}
		}
	});

	suite('3. reads outside the repository', () => {
		test('a catalog, a spec, a source file and an ADR folder that link out are never read', async function () {
			if (!posix) {
				this.skip();
			}
			const outside = tempDir('guardrails-outside-');
			writeFileSync(path.join(outside, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: secret-outside-component\nspec:\n  owner: group:secret-outside-team\n');
			writeFileSync(path.join(outside, 'openapi.yaml'), 'openapi: 3.0.0\ninfo:\n  title: SECRET OUTSIDE API\n  version: 1.0.0\npaths: {}\n');
			writeFileSync(path.join(outside, 'pay.ts'), 'import { secret } from "../../ledger/src/secret-outside-import";\n');
			writeFileSync(path.join(outside, '0001-first.md'), '# SECRET OUTSIDE ADR\n');
			const dir = commandRepo();
			for (const [target, name] of [[catalog, 'catalog-info.yaml'], [spec, 'openapi.yaml'], [source, 'pay.ts']]) {
				rmSync(path.join(dir, target));
				symlinkSync(path.join(outside, name), path.join(dir, target));
			}
			rmSync(path.join(dir, 'docs/adr'), { recursive: true });
			symlinkSync(outside, path.join(dir, 'docs/adr'));
			for (const argv of [...commands, ['boundaries', '--json'], ['bottlenecks', '--json']]) {
				const result = await cli(argv, dir);
				assertClean(result);
				assert.doesNotMatch(result.stdout + result.stderr, /secret-outside|SECRET OUTSIDE/i, argv.join(' '));
			}
			assert.doesNotMatch(readFileSync(path.join(dir, 'guardrails.yaml'), 'utf8'), /secret-outside|SECRET OUTSIDE/i, 'the written draft');
		});
	});

	suite('7. huge files', () => {
		for (const target of [catalog, spec, source, 'docs/adr/0001-first.md', 'package.json']) {
			test(`${target} of 64 MB is sized, never read: every command answers within 5 s`, async () => {
				const dir = commandRepo();
				truncateSync(path.join(dir, target), 64 * 1024 * 1024);
				for (const argv of commands) {
					assertClean(await timed(argv, dir, 5000));
				}
			});
		}
	});

	suite('6. names and text that try to start lines', () => {
		const hostileName = 'Eve\u001eMallory\u001fboss@evil.example\u001f\u001b[31m::error::AUTHOR\r## Fake heading\u2028::warning::SEP';

		/** A commit by an author whose name carries record separators, an escape sequence and line breaks. */
		function hostileHistory(): string {
			const dir = commandRepo();
			// Config strings with line breaks: a domain title and the lead's name, which bottlenecks prints.
			const config = readFileSync(path.join(dir, 'guardrails.yaml'), 'utf8')
				.replace('    title: Payments\n', `    title: ${JSON.stringify('Payments\n::notice::DOMAIN')}\n`)
				.replace('name: Alice Ng', `name: ${JSON.stringify('Alice Ng\r\n::error::PERSON\u2028## Fake heading')}`);
			write(dir, 'guardrails.yaml', config);
			write(dir, source, 'import { post } from "../../ledger/src/post";\nexport const pay = post + 1;\n');
			// A file whose name tries to start a line, importing across domains so every boundaries format lists it.
			write(dir, 'services/payments/src/x\n::error::FILE.ts', 'import { post } from "../../ledger/src/post";\nexport const x = post;\n');
			// A root file shaped like a log record header, listed after another path of the same commit.
			write(dir, '\u0001first', 'sorts first\n');
			write(dir, `\u001e${'f'.repeat(40)}\u001fMallory\u001fboss@evil.example\u001f${new Date().toISOString()}`, 'forged\n');
			git(dir, 'add', '-A');
			execFileSync('git', ['commit', '-q', '-m', 'hostile author'], {
				cwd: dir,
				env: testEnv({ GIT_AUTHOR_NAME: hostileName, GIT_AUTHOR_EMAIL: 'eve@example.com', GIT_COMMITTER_NAME: hostileName, GIT_COMMITTER_EMAIL: 'eve@example.com' }),
			});
			return dir;
		}

		test('git keeps the hostile name (the attack is real)', () => {
			const dir = hostileHistory();
			assert.match(git(dir, 'log', '-1', '--format=%aN'), /Eve\u001eMallory\u001f/);
		});

		for (const argv of commands) {
			test(`${argv.join(' ')}: no line starts a workflow command or a heading, no author is forged from a name`, async () => {
				const dir = hostileHistory();
				const result = await cli(argv, dir);
				assertClean(result);
				const github = argv.includes('github');
				for (const line of (result.stdout + result.stderr).split(/\r\n|\r|\n|\u2028|\u2029|\u0085/)) {
					if (github && /^::(error|warning|notice) [^:]*::/.test(line)) {
						assert.doesNotMatch(line.replace(/^::\w+ [^:]*::/, ''), /(^|\s)::/, line);
						continue;
					}
					// `\u003a:` is run()'s last line of defence: seeing it means workspace text started a line.
					assert.doesNotMatch(line, /^\s*(::|\\u003a:)/, `${argv.join(' ')}: ${JSON.stringify(line)}`);
					assert.doesNotMatch(line, /^\s*## Fake heading/, `${argv.join(' ')}: ${JSON.stringify(line)}`);
				}
				assert.doesNotMatch(result.stdout, /^\s*(- |# )?Mallory\b|"Mallory|[(,:]\s*Mallory\b/m, 'no author "Mallory" forged out of Eve\'s name or a file name');
				assert.doesNotMatch(result.stdout, /\u001b/, 'no terminal escape reaches the output');
			});
		}

		test('init --force: the written guardrails.yaml gets no line from a name, and parses to the same keys', async () => {
			const dir = hostileHistory();
			const result = await cli(['init', '--force'], dir);
			assert.equal(result.code, 0, result.stderr);
			const written = readFileSync(path.join(dir, 'guardrails.yaml'), 'utf8');
			for (const line of written.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/)) {
				assert.doesNotMatch(line, /^\s*(::|## Fake heading)/, JSON.stringify(line));
			}
			assert.doesNotMatch(written, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'no control character in the written file');
			const draft = parse(written) as Record<string, unknown>;
			assert.deepEqual(Object.keys(draft).filter((key) => !['version', 'org', 'domains', 'contracts', 'adrs', 'forum', 'boundaries'].includes(key)), []);
			const lint = await cli(['lint'], dir);
			assertClean(lint);
		});

		test('bottlenecks --json keeps the name whole: one author, not two', async () => {
			const dir = hostileHistory();
			const result = await cli(['bottlenecks', '--json'], dir);
			assert.equal(result.code, 0, result.stderr);
			assert.doesNotMatch(result.stdout, /"Mallory/);
			assert.doesNotMatch(result.stdout, /"boss@evil\.example"/);
			// commandRepo's two commits and the hostile one: none forged from the file named like a header.
			const report = JSON.parse(result.stdout) as { window: { commits: number } };
			assert.equal(report.window.commits, 3);
		});
	});
});

suite('robustness: rule files read at the base commit, and files named by flags (issue 14)', function () {
	this.timeout(60_000);
	suiteTeardown(cleanUp);

	/** A repository whose main branch gets `arrange`d in one commit, then a topic branch that puts regular rule files back. */
	function baseWith(arrange: (dir: string) => void): string {
		const dir = committedRepo();
		const codeowners = readFileSync(path.join(dir, '.github/CODEOWNERS'));
		const config = readFileSync(path.join(dir, 'guardrails.yaml'));
		arrange(dir);
		git(dir, 'add', '-A');
		git(dir, 'commit', '-q', '-m', 'hostile rule files');
		git(dir, 'checkout', '-q', '-b', 'topic');
		for (const [file, bytes] of [['.github/CODEOWNERS', codeowners], ['guardrails.yaml', config]] as const) {
			rmSync(path.join(dir, file), { force: true, recursive: true });
			writeFileSync(path.join(dir, file), bytes);
		}
		write(dir, 'src/a.ts', 'changed\n');
		git(dir, 'add', '-A');
		git(dir, 'commit', '-q', '-m', 'topic');
		return dir;
	}

	test('a CODEOWNERS that is a symbolic link at the base: not followed, one line saying so', async function () {
		if (!posix) {
			this.skip();
		}
		const dir = baseWith((d) => {
			rmSync(path.join(d, '.github/CODEOWNERS'));
			symlinkSync('../../outside/CODEOWNERS', path.join(d, '.github/CODEOWNERS'));
		});
		assertOneLineError(await cli(['check', '--base', 'main'], dir), /cannot read \.github\/CODEOWNERS: a symbolic link at [0-9a-f]{12}; not followed/);
	});

	test('a guardrails.yaml that is a submodule at the base: one line saying so', async () => {
		const dir = baseWith((d) => {
			rmSync(path.join(d, 'guardrails.yaml'));
			git(d, 'rm', '-q', '--cached', 'guardrails.yaml');
			git(d, 'update-index', '--add', '--cacheinfo', `160000,${git(d, 'rev-parse', 'HEAD').trim()},guardrails.yaml`);
			// An unpopulated submodule is an empty folder; without it `git add -A` would stage a deletion.
			mkdirSync(path.join(d, 'guardrails.yaml'));
		});
		assertOneLineError(await cli(['check', '--base', 'main'], dir), /cannot read guardrails\.yaml: a submodule at [0-9a-f]{12}, not a file/);
	});

	test('a guardrails.yaml over 4 MB at the base: never loaded, one line with the size and the limit', async () => {
		const dir = baseWith((d) => {
			writeFileSync(path.join(d, 'guardrails.yaml'), `${readFileSync(path.join(d, 'guardrails.yaml'), 'utf8')}${'#'.repeat(99)}\n`.padEnd(5 * 1024 * 1024, '#'));
		});
		const started = Date.now();
		assertOneLineError(await cli(['check', '--base', 'main'], dir), /cannot read guardrails\.yaml: 5,242,880 bytes at [0-9a-f]{12}, larger than the 4 MB limit for guardrails config/);
		assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
	});

	test('a CODEOWNERS of 3 MB or more at the base: ignored unread as on GitHub, with a warning giving the size', async () => {
		const dir = baseWith((d) => {
			writeFileSync(path.join(d, '.github/CODEOWNERS'), `* @acme/all\n${'#'.repeat(99)}\n`.padEnd(3.5 * 1024 * 1024, '#'));
		});
		const result = await cli(['check', '--base', 'main', '--json'], dir);
		assertClean(result);
		assert.match(result.stderr, /warning: \.github\/CODEOWNERS: CODEOWNERS is 3,670,016 bytes; GitHub ignores a file of 3 MB or more/);
	});

	test('--codeowners NAME is read under the CODEOWNERS limit whatever its name (not the 1 MB ADR limit of a .md)', async () => {
		const dir = committedRepo();
		const rules = `* @acme/custom\n${'# padding\n'.repeat(200_000)}`;
		assert.ok(rules.length > 1024 * 1024 && rules.length < 3 * 1024 * 1024);
		write(dir, 'owners.md', rules);
		const owners = await cli(['owners', '--codeowners', 'owners.md', 'src/a.ts'], dir);
		assert.equal(owners.code, 0, owners.stderr);
		assert.match(owners.stdout, /@acme\/custom/);
		// The same at the base commit.
		git(dir, 'add', '-A');
		git(dir, 'commit', '-q', '-m', 'custom owners');
		git(dir, 'checkout', '-q', '-b', 'topic');
		write(dir, 'src/a.ts', 'changed\n');
		const check = await cli(['check', '--base', 'main', '--codeowners', 'owners.md', '--json'], dir);
		assertClean(check);
		assert.equal(check.code, 0, check.stderr);
		assert.match(check.stdout, /@acme\/custom/);
		// And a config named by --config is read under the config limit.
		write(dir, 'rules.md', `${readFileSync(path.join(dir, 'guardrails.yaml'), 'utf8')}${'# padding\n'.repeat(150_000)}`);
		const who = await cli(['who', '--config', 'rules.md', 'services/payments/x.ts'], dir);
		assert.equal(who.code, 0, who.stderr);
		assert.match(who.stdout, /Payments/);
	});
});
