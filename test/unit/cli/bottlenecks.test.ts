import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { parseWhen } from '../../../src/cli/commands/bottlenecks';
import { parseGitLog } from '../../../src/engine/history/gitLog';
import type { BottlenecksJson } from '../../../src/engine/history/types';
import { cleanUp, cli, emptyRepo, git, testEnv, write } from './cliHarness';
import { codeownersText, guardrailsYaml, repoFiles } from '../history/fixture';

/** Commits `files` (writing them) as an author at a date, through git itself. */
function commitAs(dir: string, name: string, email: string, date: string, files: string[]): void {
	for (const file of files) {
		write(dir, file, `${file} ${date}\n`);
	}
	git(dir, 'add', '-A');
	const env = { ...testEnv(), GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
	execFileSync('git', ['commit', '-q', '-m', `change by ${name}`], { cwd: dir, env });
}

/** The fixture organisation of the engine tests, as a real repository with six commits in January 2026. */
function fixtureRepo(): string {
	const dir = emptyRepo();
	write(dir, '.github/CODEOWNERS', codeownersText);
	write(dir, 'guardrails.yaml', guardrailsYaml);
	commitAs(dir, 'Setup', 'setup@x.io', '2025-06-01T10:00:00Z', [...repoFiles]);
	commitAs(dir, 'Ann Ash', 'ann@x.io', '2026-01-02T10:00:00Z', ['pay/a.ts', 'pay/api/openapi.yaml']);
	commitAs(dir, 'Ben Birch', 'ben@x.io', '2026-01-03T10:00:00Z', ['pay/a.ts']);
	commitAs(dir, 'Cat Cole', 'cat@x.io', '2026-01-04T10:00:00Z', ['core/b.ts', 'shared/model.ts']);
	commitAs(dir, 'Dan Dale', 'dan@x.io', '2026-01-05T10:00:00Z', ['core/schema/s.sql']);
	commitAs(dir, 'B <script>alert(1)</script>\u001b[31m', '123+ben-gh@users.noreply.github.com', '2026-01-06T10:00:00Z', ['docs/readme.md', 'vendor/lib.js']);
	commitAs(dir, 'Ann Ash', 'ann@x.io', '2026-01-07T10:00:00Z', ['ops/deploy.sh', 'README.md']);
	// A merge commit in the window is not counted.
	git(dir, 'checkout', '-q', '-b', 'side', 'HEAD~1');
	commitAs(dir, 'Side', 'side@x.io', '2026-01-08T10:00:00Z', ['side.txt']);
	git(dir, 'checkout', '-q', 'main');
	const env = { ...testEnv(), GIT_AUTHOR_DATE: '2026-01-09T10:00:00Z', GIT_COMMITTER_DATE: '2026-01-09T10:00:00Z' };
	execFileSync('git', ['merge', '-q', '--no-ff', '-m', 'merge side', 'side'], { cwd: dir, env });
	return dir;
}

const window = ['--since', '2026-01-01', '--until', '2026-01-31'];

suite('guardrails bottlenecks', () => {
	let repo: string;
	suiteSetup(() => {
		repo = fixtureRepo();
	});
	suiteTeardown(cleanUp);

	test('--json: the documented shape, non-merge commits of the window only', async () => {
		const result = await cli(['bottlenecks', ...window, '--json'], repo);
		assert.equal(result.stderr, '');
		assert.equal(result.code, 0);
		const report = JSON.parse(result.stdout) as BottlenecksJson;
		assert.deepEqual(Object.keys(report), ['window', 'files', 'unowned', 'deciders', 'findings', 'suggestions', 'notes']);
		// Six commits plus side.txt's commit; the setup commit is before the window, the merge is skipped.
		assert.equal(report.window.commits, 7);
		assert.equal(report.window.since, '2026-01-01T00:00:00.000Z');
		assert.equal(report.window.until, '2026-01-31T23:59:59.999Z');
		assert.equal(report.files, repoFiles.length + 3);
		const ann = report.deciders.find((d) => d.id === '@ann-gh');
		assert.deepEqual([ann?.kind, ann?.commits, ann?.files], ['person', 3, 3]);
		assert.deepEqual(report.unowned, { files: 1, commits: 1 });
		for (const finding of report.findings) {
			assert.deepEqual(Object.keys(finding), ['code', 'severity', 'subject', 'message', 'evidence']);
		}
		assert.ok(report.findings.some((f) => f.code === 'lead-without-deputy' && f.subject === 'payments'));
	});

	test('text: a table and the findings; control characters never reach the terminal', async () => {
		const result = await cli(['bottlenecks', ...window], repo);
		assert.equal(result.code, 0);
		assert.match(result.stdout, /^Decision load: 7 non-merge commits from 2026-01-01 to 2026-01-31, 12 files\./);
		assert.match(result.stdout, /@ann-gh\s+3\s+42\.9%\s+3\s+0\s+person; Ann Ash/);
		assert.match(result.stdout, /warning lead-without-deputy: Payments has a lead \(Ann Ash\) and no deputy/);
		assert.match(result.stdout, /Suggestions:\n {2}- /);
		assert.doesNotMatch(result.stdout, /\u001b/);
	});

	test('markdown: a PR comment that pings nobody', async () => {
		const result = await cli(['bottlenecks', ...window, '--format', 'markdown'], repo);
		assert.equal(result.code, 0);
		assert.match(result.stdout, /^### Decision load\n/);
		assert.match(result.stdout, /\| `@ann-gh` Ann Ash \| 3 \| 42\.9% \| 3 \| 0 \|/);
		assert.match(result.stdout, /#### Delegation suggestions/);
		// Every @handle is inside a code span.
		const outsideCode = result.stdout.split('`').filter((_, i) => i % 2 === 0).join('');
		assert.doesNotMatch(outsideCode, /(^|\s)@[\w-]/);
	});

	test('html: one self-contained page with a strict CSP and the treemap; nothing unescaped', async () => {
		const result = await cli(['bottlenecks', ...window, '--format', 'html'], repo);
		assert.equal(result.code, 0);
		const html = result.stdout;
		assert.match(html, /^<!DOCTYPE html>/);
		assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[0-9a-f]+'/);
		assert.doesNotMatch(html, /https?:\/\//);
		assert.doesNotMatch(html, /<script/i);
		assert.match(html, /<figure id="treemap"><svg viewBox="0 0 1200 720"/);
		assert.match(html, /<rect class="leaf c\d"/);
		assert.match(html, /Payments \(/);
		assert.match(html, /class="hatch"/, 'unowned files are marked');
		assert.match(html, /class="contract"/, 'contract files are marked');
	});

	test('bad input: a bad --since, --since after --until, an unknown format', async () => {
		const bad = await cli(['bottlenecks', '--since', 'yesterday'], repo);
		assert.deepEqual([bad.code, bad.stdout], [2, '']);
		assert.equal(bad.stderr, 'guardrails: --since \'yesterday\' is not a date (YYYY-MM-DD) or an age such as 90d, 12w, 6m, 1y\n');
		const reversed = await cli(['bottlenecks', '--since', '2026-02-01', '--until', '2026-01-01'], repo);
		assert.equal(reversed.stderr, 'guardrails: --since 2026-02-01 is after --until 2026-01-01\n');
		const format = await cli(['bottlenecks', '--format', 'pdf'], repo);
		assert.match(format.stderr, /--format must be one of text, markdown, html, json/);
	});

	test('a window with no commits says so and still reports the repository', async () => {
		const result = await cli(['bottlenecks', '--since', '2020-01-01', '--until', '2020-02-01', '--json'], repo);
		assert.equal(result.code, 0);
		const report = JSON.parse(result.stdout) as BottlenecksJson;
		assert.equal(report.window.commits, 0);
		assert.deepEqual(report.notes, ['No commits in the window: the review load is empty; widen --since to measure it.']);
		assert.ok(report.findings.some((f) => f.code === 'single-member-team'));
	});

	test('CODEOWNERS changed during the window: the current one is used, and the report says so', async () => {
		const result = await cli(['bottlenecks', '--since', '2025-01-01', '--until', '2026-01-31', '--json'], repo);
		const report = JSON.parse(result.stdout) as BottlenecksJson;
		assert.ok(report.notes.includes('.github/CODEOWNERS changed during the window; every commit is measured against the current version.'));
	});

	test('a shallow clone says how much history was seen', async () => {
		const clone = emptyRepo();
		git(clone, 'fetch', '-q', '--depth', '2', `file://${repo}`, 'main');
		git(clone, 'checkout', '-q', 'FETCH_HEAD');
		const result = await cli(['bottlenecks', ...window, '--json'], clone);
		assert.equal(result.code, 0, result.stderr);
		const report = JSON.parse(result.stdout) as BottlenecksJson;
		assert.match(report.notes[0], /^This is a shallow clone: history is only seen back to 2026-01-0\d \(\d commits in the window\)/);
	});

	test('no history: not a git work tree, or no commits yet', async () => {
		const empty = emptyRepo();
		write(empty, 'CODEOWNERS', '* @a\n');
		const none = await cli(['bottlenecks'], empty);
		assert.deepEqual([none.code, none.stderr], [2, 'guardrails: the repository has no commits yet, so there is no history to measure\n']);
	});
});

suite('bottlenecks: parsing', () => {
	test('parseWhen: ages and dates', () => {
		const now = new Date('2026-04-10T00:00:00Z');
		assert.equal(parseWhen('since', '90d', now).toISOString(), '2026-01-10T00:00:00.000Z');
		assert.equal(parseWhen('since', '2w', now).toISOString(), '2026-03-27T00:00:00.000Z');
		assert.equal(parseWhen('since', '2025-12-31', now).toISOString(), '2025-12-31T00:00:00.000Z');
		assert.throws(() => parseWhen('since', '2025-13-45', now), /is not a date/);
		assert.throws(() => parseWhen('since', '-1d', now), /is not a date/);
	});

	test('parseGitLog: names with separators and control characters keep their fields', () => {
		const sha = 'a'.repeat(40);
		const output = `/\u001e${sha}\u001fEvil\u001fName\u001e\u001fe@x.io\u001f2026-01-01T00:00:00+00:00\0\na.ts\0b c.ts\0/\u001e${'b'.repeat(40)}\u001fB\u001fb@x.io\u001f2026-01-02T00:00:00+00:00\0\0`;
		assert.deepEqual(parseGitLog(output), [
			{ sha, authorName: 'Evil\u001fName\u001e', authorEmail: 'e@x.io', date: '2026-01-01T00:00:00+00:00', files: ['a.ts', 'b c.ts'] },
			{ sha: 'b'.repeat(40), authorName: 'B', authorEmail: 'b@x.io', date: '2026-01-02T00:00:00+00:00', files: [] },
		]);
	});
});
