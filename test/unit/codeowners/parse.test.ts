import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { githubSizeLimit, parseCodeowners, utf8Length } from '../../../src/engine/codeowners/parse';
import type { Dialect } from '../../../src/engine/codeowners/types';

function codes(text: string, dialect: Dialect): string[] {
	return parseCodeowners(text, { dialect }).problems.map((p) => p.code);
}

suite('parseCodeowners: positions', () => {
	test('rules keep 1-based line, column, pattern, owners with columns, and the line text', () => {
		const parsed = parseCodeowners('# header\n\n  /src/  @a\t@org/t  # note @x\n', { dialect: 'github', file: '.github/CODEOWNERS' });
		assert.equal(parsed.rules.length, 1);
		const rule = parsed.rules[0];
		assert.equal(rule.line, 3);
		assert.equal(rule.column, 3);
		assert.equal(rule.pattern, '/src/');
		assert.deepEqual(rule.owners, [
			{ text: '@a', kind: 'user', column: 10 },
			{ text: '@org/t', kind: 'team', column: 13 },
		]);
		assert.equal(rule.comment, 'note @x');
		assert.equal(rule.text, '  /src/  @a\t@org/t  # note @x');
		assert.equal(parsed.file, '.github/CODEOWNERS');
	});

	test('CRLF, lone CR and LF all end lines; the BOM is not counted in columns', () => {
		const parsed = parseCodeowners('\ufeffa @x\r\nb @y\rc @z\nd @w', { dialect: 'github' });
		assert.deepEqual(parsed.rules.map((r) => [r.pattern, r.line, r.column]), [['a', 1, 1], ['b', 2, 1], ['c', 3, 1], ['d', 4, 1]]);
		assert.deepEqual(parsed.rules.map((r) => r.owners[0].column), [3, 3, 3, 3]);
	});

	test('problems carry code, severity, file, line, column and exclusive endColumn', () => {
		const parsed = parseCodeowners('* @d\n*.js  notanowner\n', { dialect: 'github', file: 'CODEOWNERS' });
		assert.deepEqual(parsed.problems, [{
			code: 'malformed-entry-owner', severity: 'error', file: 'CODEOWNERS', line: 2, column: 7, endColumn: 17,
			message: parsed.problems[0].message,
		}]);
		assert.match(parsed.problems[0].message, /notanowner/);
		assert.equal(parsed.rules.length, 1, 'GitHub skips the whole line');
	});

	test('escaped spaces stay in the pattern; the owner column is after them', () => {
		const parsed = parseCodeowners('my\\ dir/file\\ name @a', { dialect: 'github' });
		assert.equal(parsed.rules[0].pattern, 'my\\ dir/file\\ name');
		assert.equal(parsed.rules[0].owners[0].column, 20);
	});

	test('odd whitespace: vertical tab and form feed separate; a no-break space does not', () => {
		const parsed = parseCodeowners('*.py\v@a\f@b\n*.rs\u00a0@c\n', { dialect: 'github' });
		assert.deepEqual(parsed.rules[0].owners.map((o) => o.text), ['@a', '@b']);
		assert.equal(parsed.rules[1].pattern, '*.rs\u00a0@c');
		assert.deepEqual(parsed.rules[1].owners, []);
	});

	test('NUL bytes and a 1 MB line are read without throwing', () => {
		const huge = 'x'.repeat(1024 * 1024);
		const parsed = parseCodeowners(`a\u0000b @a\n/${huge} @b\n*.c ${huge}\n`, { dialect: 'github' });
		assert.equal(parsed.rules[0].pattern, 'a\u0000b');
		assert.equal(parsed.rules[1].pattern.length, huge.length + 1);
		assert.equal(parsed.rules.length, 2, 'the bad-owner line is skipped');
		assert.equal(parsed.problems[0].line, 3);
	});

	test('never throws on arbitrary input (both dialects)', () => {
		fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom<Dialect>('github', 'gitlab'), (text, dialect) => {
			const parsed = parseCodeowners(text, { dialect });
			for (const p of parsed.problems) {
				assert.ok(p.line >= 1 && p.column >= 1 && (p.endColumn ?? 2) > p.column);
			}
			for (const r of parsed.rules) {
				assert.ok(r.line >= 1 && r.column >= 1);
			}
		}), { numRuns: 500 });
	});

	test('size is the UTF-8 byte length', () => {
		assert.equal(utf8Length('aé日😀'), 1 + 2 + 3 + 4);
		assert.equal(parseCodeowners('é @a', { dialect: 'github' }).size, 5);
	});
});

suite('parseCodeowners: GitHub errors', () => {
	test('! negation is an invalid pattern and the line is skipped', () => {
		const parsed = parseCodeowners('!*.md @a', { dialect: 'github' });
		assert.deepEqual(parsed.problems.map((p) => [p.code, p.severity, p.column]), [['invalid-pattern', 'error', 1]]);
		assert.equal(parsed.rules.length, 0);
	});

	test('\\# is not an escape on GitHub: the line is skipped with a problem', () => {
		assert.deepEqual(codes('\\#x @a', 'github'), ['unsupported-escape']);
	});

	test('[ ] ranges are warnings (the rule does not do what its author wrote) and read literally', () => {
		const parsed = parseCodeowners('[abc].js @a', { dialect: 'github' });
		assert.deepEqual(parsed.problems.map((p) => [p.code, p.severity]), [['unsupported-character-range', 'warning']]);
		assert.equal(parsed.rules.length, 1);
	});

	test('a GitLab section header in a GitHub file is a warning that says what it is', () => {
		const parsed = parseCodeowners('[Docs] @org/docs\n^[Optional][2]\n', { dialect: 'github' });
		assert.deepEqual(parsed.problems.map((p) => [p.code, p.severity, p.line]), [['unsupported-character-range', 'warning', 1], ['unsupported-character-range', 'warning', 2]]);
		assert.match(parsed.problems[0].message, /GitLab section header; GitHub has no sections/);
	});

	test('the pattern / is a warning: it never matches', () => {
		assert.deepEqual(codes('/ @a', 'github'), ['never-matches']);
		assert.equal(parseCodeowners('/ @a', { dialect: 'github' }).problems[0].severity, 'warning');
	});

	test('* user: invalid owner at column 3', () => {
		const parsed = parseCodeowners('* user', { dialect: 'github' });
		assert.equal(parsed.problems[0].column, 3);
		assert.equal(parsed.problems[0].code, 'malformed-entry-owner');
	});

	test('the bad tokens of a line are one problem that names them all and spans them', () => {
		const parsed = parseCodeowners('* a @ok b', { dialect: 'github' });
		assert.deepEqual(parsed.problems.map((p) => [p.code, p.column, p.endColumn]), [['malformed-entry-owner', 3, 10]]);
		assert.equal(parsed.problems[0].message, '`a`, `b` are not valid owners (@user, @org/team or e-mail); GitHub skips this line.');
		const many = parseCodeowners(`* ${'x '.repeat(7)}`, { dialect: 'github' });
		assert.equal(many.problems.length, 1);
		assert.match(many.problems[0].message, /^(`x`, ){6}`x` are not valid owners/);
	});

	test('a rule with no owners is valid and silent on GitHub', () => {
		assert.deepEqual(codes('/apps/github', 'github'), []);
	});

	test('a file of 3 MB or more is ignored by GitHub', () => {
		const big = `* @a\n#${'x'.repeat(githubSizeLimit)}\n`;
		const parsed = parseCodeowners(big, { dialect: 'github' });
		assert.equal(parsed.ignored, true);
		assert.equal(parsed.problems[0].code, 'file-too-large');
		assert.equal(parsed.problems[0].severity, 'error');
		assert.equal(parseCodeowners(big, { dialect: 'gitlab' }).ignored, undefined);
		assert.equal(parseCodeowners('* @a', { dialect: 'github' }).ignored, undefined);
	});

	test('section headers are not special on GitHub', () => {
		const parsed = parseCodeowners('[Docs] @a\n*.md', { dialect: 'github' });
		assert.equal(parsed.sections.length, 1);
		assert.equal(parsed.rules[0].pattern, '[Docs]');
	});
});

suite('parseCodeowners: GitLab', () => {
	test('sections: names, optional, approvals, default owners and rule sections', () => {
		const parsed = parseCodeowners('* @u\n[Docs][2] @d @g/sub\n*.md\n^[Opt] @o\n*.txt @t\n', { dialect: 'gitlab' });
		assert.deepEqual(parsed.sections.map((s) => [s.name, s.line, s.optional, s.approvals, s.defaultOwners.map((o) => o.text)]), [
			[null, 0, false, 1, []],
			['Docs', 2, false, 2, ['@d', '@g/sub']],
			['Opt', 4, true, 1, ['@o']],
		]);
		assert.deepEqual(parsed.rules.map((r) => r.section), [0, 1, 2]);
		assert.deepEqual(parsed.ruleDefaults.get(1)?.map((o) => o.text), ['@d', '@g/sub']);
		assert.equal(parsed.ruleDefaults.has(2), false, 'own owners replace defaults');
		assert.deepEqual(parsed.rules[1].owners, [], 'defaults are not copied into the rule');
	});

	test('headers merge case-insensitively, keep the first spelling; optional only if every header is', () => {
		const parsed = parseCodeowners('^[Docs] @a\n*.md\n[DOCS] @b\n*.txt\n^[x] @c\n/x\n^[X] @c\n/y\n', { dialect: 'gitlab' });
		assert.deepEqual(parsed.sections.map((s) => [s.name, s.optional]), [[null, false], ['Docs', false], ['x', true]]);
		assert.deepEqual(parsed.rules.map((r) => r.section), [1, 1, 2, 2]);
		assert.deepEqual(parsed.ruleDefaults.get(1)?.map((o) => o.text), ['@b']);
	});

	test('[0] and [] count as one approval; non-numeric is ignored', () => {
		const parsed = parseCodeowners('[A][0]\n[B][]\n[C][abc] @c\n[D][3]\n', { dialect: 'gitlab' });
		assert.deepEqual(parsed.sections.slice(1).map((s) => [s.name, s.approvals]), [['A', 1], ['B', 1], ['C', 1], ['D', 3]]);
	});

	test('header errors: approval on optional, missing name, bad defaults, unclosed bracket', () => {
		const parsed = parseCodeowners('^[x][2] @a\n[] @b\n[y] bad words\n[z @c\n', { dialect: 'gitlab' });
		assert.deepEqual(parsed.problems.map((p) => [p.code, p.line, p.column]), [
			['invalid-approval-requirement', 1, 5],
			['missing-section-name', 2, 1],
			['invalid-section-owner-format', 3, 5],
			['invalid-section-format', 4, 1],
		]);
		assert.deepEqual(parsed.sections.map((s) => s.name), [null, 'x', '', 'y']);
		assert.equal(parsed.rules[0].pattern, '[z');
		assert.equal(parsed.rules[0].section, 3, 'the entry stays in the open section');
		assert.deepEqual(parsed.rules[0].owners.map((o) => o.text), ['@c']);
	});

	test('malformed owner tokens are dropped with a warning, the line kept', () => {
		const parsed = parseCodeowners('*.rb @a # see @b\n', { dialect: 'gitlab' });
		assert.deepEqual(parsed.rules[0].owners.map((o) => o.text), ['@a', '@b']);
		assert.deepEqual(parsed.problems.map((p) => [p.code, p.severity, p.column, p.endColumn]), [
			['malformed-entry-owner', 'warning', 9, 14],
		]);
		assert.match(parsed.problems[0].message, /^`#`, `see` are not valid owners; GitLab ignores them/);
	});

	test('entries with no owners and no defaults are missing-entry-owner errors', () => {
		assert.deepEqual(codes('*.md\n[S] @s\n*.txt\n[T]\n*.c\n', 'gitlab'), ['missing-entry-owner', 'missing-entry-owner']);
	});

	test('exclusions: pattern without !, column after it, owners ignored', () => {
		const parsed = parseCodeowners('  !*.lock @a\n', { dialect: 'gitlab' });
		assert.equal(parsed.rules[0].exclusion, true);
		assert.equal(parsed.rules[0].pattern, '*.lock');
		assert.equal(parsed.rules[0].column, 4);
		assert.deepEqual(parsed.rules[0].owners, []);
		assert.deepEqual(parsed.problems.map((p) => p.code), ['exclusion-owners-ignored']);
	});

	test('roles: plural and any case; other roles rejected', () => {
		const parsed = parseCodeowners('* @@Developers @@MAINTAINER @@owner @@reporter @@guest', { dialect: 'gitlab' });
		assert.deepEqual(parsed.rules[0].owners.map((o) => [o.text, o.kind]), [['@@Developers', 'role'], ['@@MAINTAINER', 'role'], ['@@owner', 'role']]);
		assert.equal(parsed.problems.length, 1, 'one problem for the line');
		assert.match(parsed.problems[0].message, /^`@@reporter`, `@@guest` are not valid owners/);
	});

	test('owner kinds: nested group is a team, single name a user, email', () => {
		const parsed = parseCodeowners('* @a @g/s/t x@y.example', { dialect: 'gitlab' });
		assert.deepEqual(parsed.rules[0].owners.map((o) => o.kind), ['user', 'team', 'email']);
	});

	test('owner strings are interned (one string per distinct owner)', () => {
		const parsed = parseCodeowners('a @same\nb @same\n', { dialect: 'github' });
		assert.equal(parsed.rules[0].owners[0].text, parsed.rules[1].owners[0].text);
	});

	test('rules with the same owner text share one frozen name list; tokens keep each line\'s columns', () => {
		const parsed = parseCodeowners('a @x @org/t\nlonger/path @x @org/t\nc  @x  @org/t\nd        @x @org/t\n', { dialect: 'github' });
		const [a, b, c, d] = parsed.rules;
		assert.equal(a.ownerNames, b.ownerNames, 'same owner text, one list');
		assert.equal(a.ownerNames, d.ownerNames, 'padding before the first owner does not matter');
		assert.notEqual(a.ownerNames, c.ownerNames, 'other spacing between owners is other text');
		assert.deepEqual(c.ownerNames, ['@x', '@org/t']);
		assert.deepEqual(d.owners.map((o) => o.column), [10, 13]);
		assert.ok(Object.isFrozen(a.ownerNames));
		assert.deepEqual(a.owners.map((o) => o.column), [3, 6]);
		assert.deepEqual(b.owners.map((o) => [o.text, o.kind, o.column]), [['@x', 'user', 13], ['@org/t', 'team', 16]]);
		assert.equal(b.owners, b.owners, 'tokens are read once');
	});

	test('a repeated owner text with a bad token is reported on every line (GitHub skips each, GitLab warns on each)', () => {
		const github = parseCodeowners('a @ok bad!\nb @ok bad!\n', { dialect: 'github' });
		assert.deepEqual(github.problems.map((p) => [p.code, p.line]), [['malformed-entry-owner', 1], ['malformed-entry-owner', 2]]);
		assert.equal(github.rules.length, 0);
		const gitlab = parseCodeowners('a @ok bad!\nb @ok bad!\n', { dialect: 'gitlab' });
		assert.deepEqual(gitlab.problems.map((p) => [p.code, p.line, p.column]), [['malformed-entry-owner', 1, 7], ['malformed-entry-owner', 2, 7]]);
		assert.deepEqual(gitlab.rules.map((r) => r.ownerNames), [['@ok'], ['@ok']]);
		assert.deepEqual(gitlab.rules.map((r) => r.owners.map((o) => o.column)), [[3], [3]]);
	});

	test('a GitHub comment repeated after the same owners is kept on each rule', () => {
		const parsed = parseCodeowners('a @x # why\nb @x # why\nc @x\n', { dialect: 'github' });
		assert.deepEqual(parsed.rules.map((r) => [r.comment, r.ownerNames]), [['why', ['@x']], ['why', ['@x']], [undefined, ['@x']]]);
		assert.deepEqual(parsed.rules[1].owners.map((o) => o.text), ['@x'], 'mentions in the comment are not owners');
	});

	for (const dialect of ['github', 'gitlab'] as Dialect[]) {
		test(`the rule columns the index reads agree with the rule objects (${dialect})`, () => {
			const line = fc.tuple(
				fc.constantFrom('', '  ', '[S] @s\n', '^[O]\n'),
				fc.constantFrom('a', '/b/', '!c', '*.js', 'd/e', 'f\\ '),
				fc.constantFrom('', ' @a', ' @a  @b', ' bad', ' @a # note', '\t@@maintainer'),
			).map(([lead, pattern, owners]) => lead + pattern + owners);
			fc.assert(fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), (lines, eol, bom) => {
				const text = (bom ? '\ufeff' : '') + lines.join(eol);
				const parsed = parseCodeowners(text, { dialect });
				// Positions are rebuilt from where each line starts: check them against a plain split.
				const written = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
				const columns = parsed.columns;
				assert.equal(columns.count, parsed.rules.length);
				parsed.rules.forEach((rule, i) => {
					assert.equal(rule.index, i);
					assert.equal(columns.patterns[i], rule.pattern);
					if (dialect === 'gitlab') {
						assert.equal(columns.exclusions[i], rule.exclusion);
						assert.equal(columns.sections[i], rule.section);
					} else {
						assert.deepEqual([columns.exclusions.length, columns.sections.length, rule.exclusion, rule.section], [0, 0, false, 0]);
					}
					assert.equal(columns.ownerNames[i], rule.ownerNames);
					assert.deepEqual(rule.ownerNames, rule.owners.map((o) => o.text));
					assert.equal(rule.text, written[rule.line - 1]);
					assert.ok(rule.text.slice(rule.column - 1).startsWith(rule.pattern), `${rule.column} in ${rule.text}`);
					assert.equal(rule.text[rule.column - 2] === '!', rule.exclusion);
					assert.ok(rule.owners.every((o) => rule.text.slice(o.column - 1).startsWith(o.text)), rule.text);
				});
			}), { numRuns: 300 });
		});
	}
});
