import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import type { Dialect } from '../../../src/engine/codeowners/types';
import { bruteForceOwners, parseAndCompile } from './helpers';

// The index files rules into buckets; these properties check it never answers differently from
// matching every rule one by one, over random rule shapes and paths.
const segment = fc.constantFrom('a', 'b', 'src', 'docs', '.x', 'a.js', 'b.md', 'c.test.js', '*', '**', '*.js', 'a*', '?', '[ab]', '*.[jm]*', 'a\\*');
const patternArb = fc.tuple(
	fc.constantFrom('', '/', '!'),
	fc.array(segment, { minLength: 1, maxLength: 4 }),
	fc.constantFrom('', '/'),
).map(([lead, segs, trail]) => lead + segs.join('/') + trail);
const pathArb = fc.array(fc.constantFrom('a', 'b', 'src', 'docs', '.x', 'a.js', 'b.md', 'c.test.js', 'x.jm'), { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
const fileArb = fc.tuple(
	fc.array(fc.tuple(fc.constantFrom('', '[S] @s', '^[Opt] @o', '[s]'), patternArb, fc.constantFrom('', '@a', '@b @a', '@c')), { minLength: 1, maxLength: 12 }),
).map(([lines]) => lines.map(([header, pattern, owners]) => (header.length > 0 ? `${header}\n` : '') + `${pattern} ${owners}`).join('\n'));

suite('CodeownersIndex', () => {
	for (const dialect of ['github', 'gitlab'] as Dialect[]) {
		test(`index agrees with brute force on random files and paths (${dialect})`, () => {
			fc.assert(fc.property(fileArb, fc.array(pathArb, { minLength: 1, maxLength: 10 }), (text, paths) => {
				const { parsed, index } = parseAndCompile(text, dialect);
				for (const path of paths) {
					const brute = bruteForceOwners(parsed, path);
					const resolution = index.resolve(path);
					assert.deepEqual(resolution.owners, brute.owners, `${path} in\n${text}`);
					const winners = dialect === 'github' ? (resolution.rule === null ? [] : [resolution.rule.index]) : resolution.sections.map((s) => s.rule.index);
					assert.deepEqual(winners, brute.winners, `${path} winners in\n${text}`);
				}
			}), { numRuns: 400 });
		});
	}

	for (const dialect of ['github', 'gitlab'] as Dialect[]) {
		test(`ownersOfPath gives resolve's owners without the answer object (${dialect})`, () => {
			fc.assert(fc.property(fileArb, fc.array(pathArb, { minLength: 1, maxLength: 10 }), (text, paths) => {
				// Two indexes, so one's per-directory memo cannot hide a difference in the other.
				const { index } = parseAndCompile(text, dialect);
				const other = parseAndCompile(text, dialect).index;
				for (const path of [...paths, ...paths.slice().reverse(), '', '/']) {
					assert.deepEqual(other.ownersOfPath(path), index.resolve(path).owners, `${path} in\n${text}`);
				}
			}), { numRuns: 400 });
		});
	}

	for (const dialect of ['github', 'gitlab'] as Dialect[]) {
		test(`wildcard-free paths in any order (sorted, prefixes of each other, repeated) agree with brute force (${dialect})`, () => {
			// Filing resumes each path's trie walk after the directories it shares with the path
			// before it; keys such as a/b, a/bc, a/b/c and a/b again must still land on their own node.
			const seg = fc.constantFrom('a', 'ab', 'b', 'a.js');
			const literal = fc.tuple(fc.constantFrom('', '/'), fc.array(seg, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '/'))
				.map(([lead, segs, trail]) => lead + segs.join('/') + trail);
			fc.assert(fc.property(fc.array(literal, { minLength: 1, maxLength: 16 }), fc.boolean(), (patterns, sorted) => {
				const lines = (sorted ? [...patterns].sort() : patterns).map((p, i) => `${p} @o${i}`);
				const text = lines.join('\n');
				const { parsed, index } = parseAndCompile(text, dialect);
				for (const path of ['a', 'ab', 'a/b', 'a/ab', 'a/b/a', 'a/b/a.js', 'ab/a', 'b/a/b/a', 'a/a.js', 'a/b/ab/a.js']) {
					assert.deepEqual(index.resolve(path).owners, bruteForceOwners(parsed, path).owners, `${path} in\n${text}`);
				}
			}), { numRuns: 400 });
		});
	}

	test('GitHub explain: all matches in file order, the winner, the shadowed rules', () => {
		const { index } = parseAndCompile('* @all\n*.js @js\n/src/ @src\n/lib/ @lib\n', 'github');
		const e = index.explain('src/a.js');
		assert.deepEqual(e.matches.map((r) => r.line), [1, 2, 3]);
		assert.equal(e.rule?.line, 3);
		assert.deepEqual(e.owners, ['@src']);
		assert.deepEqual(e.shadowed.map((r) => r.line), [1, 2]);
		assert.deepEqual(e.sections, []);
		assert.deepEqual(e.excludedSections, []);
	});

	test('GitLab explain: per-section winners, exclusions and excluded sections', () => {
		const text = '* @u\n*.md @m\n[Docs] @d\n/docs/\n!/docs/internal/\n^[Review][2] @r\n*\n';
		const { index } = parseAndCompile(text, 'gitlab');
		const e = index.explain('docs/internal/a.md');
		assert.deepEqual(e.matches.map((r) => [r.line, r.exclusion]), [[1, false], [2, false], [4, false], [5, true], [7, false]]);
		assert.deepEqual(e.owners, ['@m', '@r']);
		assert.deepEqual(e.sections.map((s) => [s.name, s.owners, s.optional, s.approvals, s.line]), [[null, ['@m'], false, 1, 2], ['Review', ['@r'], true, 2, 7]]);
		assert.equal(e.rule?.line, 7, 'rule: the winner of the last contributing section');
		assert.deepEqual(e.excludedSections, ['Docs']);
		assert.deepEqual(e.shadowed.map((r) => r.line), [1, 4]);
	});

	test('resolve normalises paths: ./, leading /, doubled slashes; a backslash is a character', () => {
		const { index } = parseAndCompile('/src/ @s\n', 'github');
		for (const p of ['./src/a.c', '/src/a.c', 'src//a.c']) {
			assert.deepEqual(index.resolve(p).owners, ['@s'], p);
			assert.equal(index.resolve(p).path, 'src/a.c');
		}
		assert.deepEqual(index.resolve('src\\a.c').owners, [], 'a root file named "src\\a.c" is not in src/');
		assert.equal(index.resolve('src\\a.c').path, 'src\\a.c');
		assert.equal(index.resolve('').rule, null);
	});

	test('matchingPaths counts the files a pattern owns', () => {
		const { index } = parseAndCompile('docs/* @d\n*.md @m\n', 'github');
		const files = ['docs/a.md', 'docs/b/c.md', 'x.md', 'y.c'];
		assert.deepEqual(index.matchingPaths(0, files), ['docs/a.md']);
		assert.deepEqual(index.matchingPaths(1, files), ['docs/a.md', 'docs/b/c.md', 'x.md']);
		assert.deepEqual(index.matchingPaths(9, files), []);
	});

	test('ownersOf applies GitLab header defaults', () => {
		const { index } = parseAndCompile('[S] @s\n*.md\n*.c @c\n', 'gitlab');
		assert.deepEqual(index.ownersOf(0), ['@s']);
		assert.deepEqual(index.ownersOf(1), ['@c']);
	});

	test('a GitHub file GitHub ignores (3 MB or more) resolves no owners', () => {
		const parsed = parseCodeowners(`* @a\n#${'x'.repeat(3 * 1024 * 1024)}\n`, { dialect: 'github' });
		const index = compileCodeowners(parsed);
		assert.equal(index.resolve('x').rule, null);
		assert.equal(parsed.rules.length, 1, 'rules are still listed');
	});

	test('pathological patterns match correctly (polynomial matcher)', () => {
		const star = `${'a*'.repeat(40)}b @p\n${'**/'.repeat(40)}z @z\n`;
		const { index } = parseAndCompile(star, 'github');
		assert.equal(index.resolve('a'.repeat(5000)).rule, null);
		assert.deepEqual(index.resolve(`${'a'.repeat(50)}b`).owners, ['@p']);
		assert.equal(index.resolve(`${'x/'.repeat(200)}y`).rule, null);
		assert.deepEqual(index.resolve(`${'x/'.repeat(200)}z`).owners, ['@z']);
		const { index: gl } = parseAndCompile(star, 'gitlab');
		assert.equal(gl.resolve('a'.repeat(5000)).rule, null);
		assert.deepEqual(gl.resolve(`${'x/'.repeat(200)}z`).owners, ['@z']);
	});
});
