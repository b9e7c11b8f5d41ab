// The compiled CODEOWNERS index against the slow reference in test/reference/ (an independent
// last-match-wins scan written from the semantics reference), for random rules and paths in both
// dialects. Counterexamples found here are kept below as fixed regression cases.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import type { Dialect } from '../../../src/engine/codeowners/types';
import { githubPatternOwns, gitlabPatternMatches, referenceResolve } from '../../reference/referenceOwners';
import { fnmatchPathname } from '../../reference/fnmatch';
import { fuzzParameters } from './fuzzSettings';

const patternPieces = ['a', 'b', 'ab', 'x.js', '.x', 'é', 'A', '*', '**', '?', 'a*', '*.js', '?b', 'a?', '\\*', 'a\\ b', '[ab]', '[!a]', '[a-c]x', '*a*', 'b**', 'c#', '\\#c', '{a,b}', '[a', '***', '\\[ab]', '[]a]', 'a-b'];
const pathPieces = ['a', 'b', 'ab', 'x.js', '.x', 'é', 'e\u0301', 'A', '*', '[ab]', 'a b', 'b.js', 'ba', 'c', 'cx', 'aab', 'c#', '#c', '{a,b}', '[a', ']a', 'a-b', 'ax'];
const owners = ['@o1', '@o2', '@org/t', 'me@x.example', 'nobody', '@o1 @o2', '@@maintainer', '@o1 # @o2'];

const patternArb = fc.tuple(
	fc.boolean(),
	fc.array(fc.constantFrom(...patternPieces), { minLength: 1, maxLength: 4 }),
	fc.boolean(),
).map(([lead, segs, trail]) => `${lead ? '/' : ''}${segs.join('/')}${trail ? '/' : ''}`);

const pathArb = fc.array(fc.constantFrom(...pathPieces), { minLength: 1, maxLength: 5 }).map((segs) => segs.join('/'));

function lineArb(dialect: Dialect): fc.Arbitrary<string> {
	const entry = fc.tuple(patternArb, fc.option(fc.constantFrom(...owners), { nil: undefined }), fc.boolean())
		.map(([pattern, owner, bang]) => `${dialect === 'gitlab' && bang ? '!' : ''}${pattern}${owner === undefined ? '' : ` ${owner}`}`);
	if (dialect === 'github') {
		return entry;
	}
	const header = fc.tuple(fc.constantFrom('^', ''), fc.constantFrom('S1', 's1', 'S2', 'Docs'), fc.constantFrom('', '[2]', '[0]'), fc.constantFrom('', ' @d1', ' @d1 @o1'))
		.map(([opt, name, n, defaults]) => `${opt}[${name}]${n}${defaults}`);
	return fc.oneof({ weight: 5, arbitrary: entry }, { weight: 1, arbitrary: header });
}

function compare(dialect: Dialect, lines: readonly string[], paths: readonly string[]): void {
	const parsed = parseCodeowners(lines.join('\n'), { dialect });
	const index = compileCodeowners(parsed);
	for (const path of paths) {
		const engine = index.resolve(path);
		const reference = referenceResolve(parsed, path);
		const engineWinners = dialect === 'github'
			? (engine.rule === null ? [] : [engine.rule.index])
			: engine.sections.map((s) => s.rule.index);
		assert.deepEqual({ owners: engine.owners, winners: engineWinners }, reference, `${dialect} ${JSON.stringify(path)} with\n${lines.join('\n')}`);
		// Every matching rule, not only the winners: explain() lists them in file order.
		const matching = parsed.rules.filter((r) => (dialect === 'github' ? githubPatternOwns(r.pattern, path) : gitlabPatternMatches(r.pattern, path))).map((r) => r.index);
		assert.deepEqual(index.explain(path).matches.map((r) => r.index), matching, `explain ${dialect} ${JSON.stringify(path)} with\n${lines.join('\n')}`);
	}
}

suite('robustness: compiled index versus the slow reference', () => {
	for (const dialect of ['github', 'gitlab'] as const) {
		test(`${dialect}: random rules and paths resolve exactly as a plain last-match-wins scan`, () => {
			fc.assert(fc.property(
				fc.array(lineArb(dialect), { minLength: 1, maxLength: 12 }),
				fc.array(pathArb, { minLength: 1, maxLength: 12 }),
				(lines, paths) => compare(dialect, lines, paths),
			), fuzzParameters(300));
		});
	}

	test('the reference fnmatch itself behaves like Ruby on documented cases', () => {
		// From Ruby's File.fnmatch documentation (FNM_PATHNAME | FNM_DOTMATCH).
		assert.equal(fnmatchPathname('**/foo', 'a/b/c/foo'), true);
		assert.equal(fnmatchPathname('**/foo', 'foo'), true);
		assert.equal(fnmatchPathname('**/foo', 'a/.b/c/foo'), true);
		assert.equal(fnmatchPathname('*', 'dave/.profile'), false);
		assert.equal(fnmatchPathname('*/*', 'dave/.profile'), true);
		assert.equal(fnmatchPathname('ca[a-z]', 'cat'), true);
		assert.equal(fnmatchPathname('ca[^t]', 'cat'), false);
		assert.equal(fnmatchPathname('\\?', '?'), true);
		assert.equal(fnmatchPathname('/**', '/a/b'), false);
		assert.equal(fnmatchPathname('[a', 'a'), false);
	});

	suite('fixed counterexamples', () => {
		const cases: { dialect: Dialect; lines: string[]; paths: string[] }[] = [
			// Placeholders for shrunk counterexamples found by the properties above.
			{ dialect: 'github', lines: ['a/* @o1', '/b/ @o2'], paths: ['a/x', 'a/b/x', 'b/c', 'x/b/c'] },
			{ dialect: 'gitlab', lines: ['a/* @o1', '!a/b', '[S] @d', 'a'], paths: ['a/b', 'x/a/c', 'a'] },
		];
		for (const c of cases) {
			test(`${c.dialect}: ${c.lines.join(' | ')}`, () => compare(c.dialect, c.lines, c.paths));
		}
	});
});
