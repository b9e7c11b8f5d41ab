import * as assert from 'node:assert/strict';
import { keepSmallest } from '../../../src/cli/commands/audit';
import { run } from '../../../src/cli/run';
import { cleanUp, cli, demoRepo, emptyRepo, git, tempDir, testEnv, write } from './cliHarness';

interface ProblemJson {
	file: string;
	line: number;
	column: number;
	severity: 'error' | 'warning' | 'info';
	code: string;
	message: string;
}

interface AuditJson {
	files: number;
	owned: number;
	unowned: number;
	owners: Record<string, number>;
	unownedSample: string[];
}

suite('cli lint', () => {
	suiteTeardown(cleanUp);

	test('the demo workspace has no errors and no warnings', async () => {
		const repo = demoRepo();
		const result = await cli(['lint', '--json'], repo);
		assert.equal(result.code, 0, result.stdout + result.stderr);
		const problems = JSON.parse(result.stdout) as ProblemJson[];
		assert.deepEqual(problems.filter((p) => p.severity !== 'info'), []);
		for (const problem of problems) {
			assert.deepEqual(Object.keys(problem), ['file', 'line', 'column', 'severity', 'code', 'message']);
		}
		// The deliberately unowned files are reported as information, from the git file list.
		const unowned = problems.find((p) => p.code === 'unowned-files');
		assert.ok(unowned, 'unowned files are reported');
		assert.match(unowned.message, /tools\/scratch\/notes\.md/);
	});

	test('an invalid owner is an error at its line and fails the run', async () => {
		const repo = emptyRepo();
		write(repo, '.github/CODEOWNERS', '* @team\n\n/src/ not-an-owner\n');
		write(repo, 'src/a.ts', 'x');
		git(repo, 'add', '-A');
		const result = await cli(['lint', '--json'], repo);
		assert.equal(result.code, 1);
		const errors = (JSON.parse(result.stdout) as ProblemJson[]).filter((p) => p.severity === 'error');
		assert.ok(errors.length > 0);
		assert.deepEqual(errors.map((p) => [p.file, p.line]), errors.map(() => ['.github/CODEOWNERS', 3]));
		const text = await cli(['lint'], repo);
		assert.equal(text.code, 1);
		assert.match(text.stdout, /^\.github\/CODEOWNERS:3:\d+: error [a-z-]+: /m);
		assert.match(text.stdout, /\d+ errors?, \d+ warnings?, \d+ infos? in \.github\/CODEOWNERS\.\n$/);
	});

	test('the text output quotes the offending pattern (issue 13 item 10)', async () => {
		const root = tempDir();
		write(root, 'CODEOWNERS', '* @team\n/docs/ @writers\n/src/ not-an-owner\n');
		write(root, 'files.txt', 'src/a.ts\n');
		const result = await cli(['lint', '--files-from', 'files.txt'], root);
		assert.match(result.stdout, /^CODEOWNERS:2:1: warning no-match: `\/docs\/`: This pattern matches no file in the repository\.$/m);
		// A message that already quotes its token is not quoted twice; whole-file problems are not quoted.
		assert.match(result.stdout, /^CODEOWNERS:3:7: error malformed-entry-owner: `not-an-owner` is not a valid owner/m);
		assert.doesNotMatch(result.stdout, /unowned-files: `/);
	});

	test('guardrails.yaml problems are included with their position', async () => {
		const repo = emptyRepo();
		write(repo, 'CODEOWNERS', '* @team\n');
		write(repo, 'guardrails.yaml', 'version: 1\nteams: {}\n');
		git(repo, 'add', '-A');
		const problems = JSON.parse((await cli(['lint', '--json'], repo)).stdout) as ProblemJson[];
		const config = problems.filter((p) => p.file === 'guardrails.yaml');
		assert.ok(config.some((p) => p.line === 2 && p.severity === 'error'), JSON.stringify(config));
	});

	test('--files-from feeds the checks that need the file list', async () => {
		const root = tempDir();
		write(root, 'CODEOWNERS', '/docs/ @writers\n/src/ @devs\n');
		write(root, 'files.txt', 'src/a.ts\nsrc/b.ts\n');
		const withList = JSON.parse((await cli(['lint', '--json', '--files-from', 'files.txt'], root)).stdout) as ProblemJson[];
		const noMatch = withList.filter((p) => p.code === 'no-match');
		assert.deepEqual(noMatch.map((p) => p.line), [1]);
		// Not a git work tree and no list: the file checks are skipped, and the text says so.
		const without = await cli(['lint'], root);
		assert.equal(without.code, 0);
		assert.match(without.stdout, /checks against the repository's files skipped/);
	});
});

suite('cli audit', () => {
	suiteTeardown(cleanUp);

	test('counts the tracked files and agrees with owners for every file', async () => {
		const repo = demoRepo();
		const tracked = git(repo, 'ls-files').trim().split('\n');
		const result = await cli(['audit', '--json'], repo);
		assert.equal(result.code, 0, result.stderr);
		const audit = JSON.parse(result.stdout) as AuditJson;
		assert.deepEqual(Object.keys(audit), ['files', 'owned', 'unowned', 'owners', 'unownedSample']);
		assert.equal(audit.files, tracked.length);
		assert.equal(audit.owned + audit.unowned, audit.files);
		const owners = JSON.parse((await cli(['owners', '--json', ...tracked], repo)).stdout) as { path: string; owners: string[] }[];
		const expected: Record<string, number> = {};
		for (const answer of owners) {
			for (const owner of answer.owners) {
				expected[owner] = (expected[owner] ?? 0) + 1;
			}
		}
		assert.deepEqual(audit.owners, expected);
		assert.deepEqual(audit.unownedSample, owners.filter((a) => a.owners.length === 0).map((a) => a.path).sort());
		assert.ok(audit.unownedSample.includes('tools/scratch/notes.md'));
	});

	test('only files under --root count when the root is a subdirectory of the work tree', async () => {
		const repo = emptyRepo();
		write(repo, 'outside.txt', 'x');
		write(repo, 'project/CODEOWNERS', '*.ts @devs\n');
		write(repo, 'project/a.ts', 'x');
		write(repo, 'project/b.md', 'x');
		git(repo, 'add', '-A');
		const audit = JSON.parse((await cli(['audit', '--json', '--root', 'project'], repo)).stdout) as AuditJson;
		assert.deepEqual(audit, { files: 3, owned: 1, unowned: 2, owners: { '@devs': 1 }, unownedSample: ['CODEOWNERS', 'b.md'] });
	});

	test('the text table lists owners and unowned files', async () => {
		const root = tempDir();
		write(root, 'CODEOWNERS', '*.ts @devs\n');
		write(root, 'list', 'a.ts\nb.ts\nc.md\n');
		const result = await cli(['audit', '--files-from', 'list'], root);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^@devs\s+2\s+66\.7%$/m);
		assert.match(result.stdout, /^ {2}c\.md$/m);
	});

	test('--files-from counts a path once, in a sorted list and in one whose order breaks', async () => {
		const root = tempDir();
		write(root, 'CODEOWNERS', '*.ts @devs\n');
		for (const list of ['a.ts\nb.md\nb.md\nc.ts\n', 'b.md\na.ts\n./b.md\nc.ts\na.ts\n/c.ts\n']) {
			write(root, 'list', list);
			const result = await cli(['audit', '--json', '--files-from', 'list'], root);
			assert.equal(result.code, 0, result.stderr);
			assert.deepEqual(JSON.parse(result.stdout), { files: 3, owned: 2, unowned: 1, owners: { '@devs': 2 }, unownedSample: ['b.md'] }, list);
		}
	});

	test('--files-from - reads the list from standard input (NUL-separated too)', async () => {
		const root = tempDir();
		write(root, 'CODEOWNERS', '*.ts @devs\n');
		let stdout = '';
		const code = await run(['audit', '--json', '--files-from', '-'], {
			stdout: (text) => {
				stdout += text;
			},
			stderr: () => undefined,
			cwd: root,
			env: testEnv(),
			stdin: async () => 'a.ts\0b.md\0',
		});
		assert.equal(code, 0);
		assert.deepEqual(JSON.parse(stdout), { files: 2, owned: 1, unowned: 1, owners: { '@devs': 1 }, unownedSample: ['b.md'] });
		const noStdin = await cli(['audit', '--files-from', '-'], root);
		assert.equal(noStdin.code, 2);
		assert.match(noStdin.stderr, /--files-from -: no standard input/);
	});

	test('outside a git work tree without --files-from is a usage error', async () => {
		const root = tempDir();
		write(root, 'CODEOWNERS', '* @a\n');
		const result = await cli(['audit'], root);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /^guardrails: .*not in a git work tree; pass --files-from FILE\n$/);
	});

	test('the unowned sample is the first paths in sort() order, kept without sorting them all', () => {
		// Deterministic pseudo-random paths, with repeats, upper case and non-ASCII to probe the order.
		let seed = 7;
		const next = (n: number): number => {
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
			return seed % n;
		};
		const alphabet = ['a', 'b', 'B', 'z', '/', '.', '_', 'é', '0', '~'];
		for (const size of [0, 1, 3, 20]) {
			for (let round = 0; round < 50; round++) {
				const values = Array.from({ length: next(60) }, () => Array.from({ length: 1 + next(6) }, () => alphabet[next(alphabet.length)]).join(''));
				const sample: string[] = [];
				for (const value of values) {
					keepSmallest(sample, value, size);
				}
				assert.deepEqual(sample, [...values].sort().slice(0, size), values.join(' '));
			}
		}
	});
});
