import * as assert from 'node:assert/strict';
import { lintCodeowners } from '../../../src/engine/codeowners/lint';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import type { Dialect } from '../../../src/engine/codeowners/types';

function lint(text: string, dialect: Dialect, files?: string[]): [string, number, string][] {
	return lintCodeowners(parseCodeowners(text, { dialect, file: 'CODEOWNERS' }), { files })
		.map((p) => [p.code, p.line, p.severity]);
}

suite('lintCodeowners', () => {
	test('includes every parser problem', () => {
		assert.deepEqual(lint('!x @a\n* bad\n', 'github'), [['invalid-pattern', 1, 'error'], ['malformed-entry-owner', 2, 'error']]);
	});

	test('a pattern that names only directories suggests the trailing slash (issue 13 item 10)', () => {
		const files = ['components/esp32s3/a.c', 'components/esp32c3/b.c', 'docs/x.md'];
		const github = lintCodeowners(parseCodeowners('/components/esp32* @esp\n', { dialect: 'github' }), { files });
		assert.deepEqual(github.map((p) => p.code), ['no-match', 'unowned-files']);
		assert.match(github[0].message, /Did you mean `\/components\/esp32\*\/` \(2 files\)\?/);
		const gitlab = lintCodeowners(parseCodeowners('/docs @docs\n', { dialect: 'gitlab' }), { files });
		assert.match(gitlab[0].message, /Did you mean `\/docs\/` \(1 file\)\? GitLab reads a path without a trailing slash as a file name only\./);
		const nothing = lintCodeowners(parseCodeowners('/nowhere @x\n', { dialect: 'gitlab' }), { files });
		assert.equal(nothing[0].message, 'This pattern matches no file in the repository.');
	});

	test('a repeated pattern flags the earlier line as dead, naming the later one', () => {
		const problems = lintCodeowners(parseCodeowners('*.js @a\n/src/ @s\n*.js @b\n', { dialect: 'github' }));
		assert.deepEqual(problems.map((p) => [p.code, p.line, p.column]), [['duplicate-pattern', 1, 1]]);
		assert.match(problems[0].message, /line 3/);
	});

	test('duplicates are found after normalisation (GitHub: a/b and /a/b are the same rule)', () => {
		assert.deepEqual(lint('a/b @x\n/a/b @y\n', 'github'), [['duplicate-pattern', 1, 'warning']]);
		assert.deepEqual(lint('a @x\n/a @y\n', 'github'), [], 'a and /a differ (any depth vs root)');
	});

	test('GitLab: duplicates only within one section; exclusions kept apart from entries', () => {
		assert.deepEqual(lint('[A] @a\n*.md\n[B] @b\n*.md\n', 'gitlab'), []);
		assert.deepEqual(lint('[A] @a\n*.md\n[a]\n*.md @c\n', 'gitlab'), [['duplicate-pattern', 2, 'warning']]);
		assert.deepEqual(lint('* @a\n!*.md\n*.md @b\n', 'gitlab'), []);
	});

	test('with files: a rule whose every file is won by a later rule is shadowed', () => {
		const files = ['src/app/a.ts', 'src/b.ts', 'README.md'];
		const problems = lintCodeowners(parseCodeowners('* @all\n/src/app/ @app\n/src/ @src\n', { dialect: 'github' }), { files });
		assert.deepEqual(problems.map((p) => [p.code, p.line]), [['shadowed-rule', 2]]);
		assert.match(problems[0].message, /line 3/);
	});

	test('with files: a rule that still wins one file is not shadowed', () => {
		assert.deepEqual(lint('/src/ @src\n/src/app/ @app\n', 'github', ['src/app/a.ts', 'src/b.ts']), []);
	});

	test('with files: patterns that match nothing', () => {
		assert.deepEqual(lint('* @a\n/nope/ @b\n', 'github', ['x.c']), [['no-match', 2, 'warning']]);
		assert.deepEqual(lint('* @a\n!/nope/\n', 'gitlab', ['x.c']), [['no-match', 2, 'warning']]);
	});

	test('with files: one unowned-files summary with a count and a few examples', () => {
		const files = Array.from({ length: 1000 }, (_, i) => `lib/f${i}.c`).concat(['src/x.c']);
		const problems = lintCodeowners(parseCodeowners('/src/ @s\n', { dialect: 'github' }), { files });
		const unowned = problems.filter((p) => p.code === 'unowned-files');
		assert.equal(unowned.length, 1);
		assert.equal(unowned[0].severity, 'info');
		assert.match(unowned[0].message, /^1000 of 1001 files/);
		assert.ok(unowned[0].message.length < 300);
	});

	test('ownerless last rules count as unowned', () => {
		const problems = lintCodeowners(parseCodeowners('* @a\n/vendor/\n', { dialect: 'github' }), { files: ['vendor/x', 'y'] });
		assert.match(problems.find((p) => p.code === 'unowned-files')?.message ?? '', /^1 of 2/);
	});

	test('GitLab shadowing is per section', () => {
		const text = '[A] @a\n/src/ @s\n*.ts @t\n[B] @b\n/src/\n';
		assert.deepEqual(lint(text, 'gitlab', ['src/x.ts', 'y.ts']), [['shadowed-rule', 2, 'warning']]);
	});

	test('the GitHub file-too-large error is reported', () => {
		const parsed = parseCodeowners(`* @a\n#${'x'.repeat(3 * 1024 * 1024)}`, { dialect: 'github' });
		assert.deepEqual(lintCodeowners(parsed, { files: ['a'] }).map((p) => p.code), ['file-too-large']);
	});
});
