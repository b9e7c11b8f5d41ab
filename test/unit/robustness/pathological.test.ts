// Pathological patterns must resolve in bounded time. A backtracking matcher takes minutes (or
// forever) on these; the bounds below are generous (seconds) and only catch exponential blow-ups.
import * as assert from 'node:assert/strict';
import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import { braceExpansionCount, compileGuardrails, maxBraceExpansions } from '../../../src/engine/guardrails/domainIndex';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { referenceResolve } from '../../reference/referenceOwners';
import { oneDomainConfig } from './configFixtures';

/** Milliseconds a block took; the bounds are generous and only catch exponential blow-ups. */
function elapsed(run: () => void): number {
	const start = process.hrtime.bigint();
	run();
	return Number(process.hrtime.bigint() - start) / 1e6;
}

const generousBoundMs = 3000;

const hostilePatterns: { name: string; pattern: string; path: string; matches?: boolean }[] = [
	{ name: 'a*a*a*…b (200 stars) against 20,000 a', pattern: `${'a*'.repeat(200)}b`, path: 'a'.repeat(20000) },
	{ name: '10,000 consecutive stars', pattern: '*'.repeat(10000), path: 'a'.repeat(10000), matches: true },
	{ name: '**/ repeated 500 times against a 1,000-segment path', pattern: `${'**/'.repeat(500)}x`, path: `${'d/'.repeat(1000)}y` },
	{ name: '*/ repeated 500 times then ** against a 1,000-segment path', pattern: `/${'*/'.repeat(500)}**/z`, path: `${'d/'.repeat(999)}y` },
	{ name: 'a*/ segments against deep a… segments', pattern: `/${'a*/'.repeat(200)}b`, path: `${'aaaa/'.repeat(1000)}c` },
	{ name: '?-runs against a long name', pattern: `${'?'.repeat(5000)}b`, path: 'a'.repeat(20000) },
];

suite('robustness: pathological CODEOWNERS patterns resolve in bounded time', () => {
	for (const dialect of ['github', 'gitlab'] as const) {
		for (const c of hostilePatterns) {
			test(`${dialect}: ${c.name} finishes well within ${generousBoundMs} ms`, () => {
				const index = compileCodeowners(parseCodeowners(`* @all\n${c.pattern} @hostile\n`, { dialect }));
				let owners: string[] = [];
				const ms = elapsed(() => {
					owners = index.resolve(c.path).owners;
				});
				assert.ok(ms < generousBoundMs, `${ms} ms`);
				// The answer is still right: only the star run matches; otherwise the catch-all owns it.
				assert.deepEqual(owners, c.matches === true ? ['@hostile'] : ['@all']);
			});
		}
		test(`${dialect}: a file of 300 star-heavy rules (no literal to index on) against 300 deep paths finishes within the bound`, () => {
			const lines: string[] = [];
			for (let i = 0; i < 300; i++) {
				lines.push(`${'*a'.repeat(20)}${i}/**/${'*b'.repeat(10)} @t${i % 7}`);
			}
			const index = compileCodeowners(parseCodeowners(lines.join('\n'), { dialect }));
			const ms = elapsed(() => {
				for (let i = 0; i < 300; i++) {
					index.resolve(`${'ab/'.repeat(50)}${'a'.repeat(100)}${i}/${'b'.repeat(i % 50)}`);
				}
			});
			assert.ok(ms < generousBoundMs, `${ms} ms`);
		});
	}

	test('the deep-path answer agrees with the slow reference on a smaller instance', () => {
		for (const dialect of ['github', 'gitlab'] as const) {
			const parsed = parseCodeowners(`* @all\n${'a*'.repeat(6)}b @x\n**/**/**/d/ @y\n`, { dialect });
			const index = compileCodeowners(parsed);
			for (const path of ['aaaaaaab', 'aaaaaa', `${'d/'.repeat(20)}f`, 'x/d/aab']) {
				assert.deepEqual(index.resolve(path).owners, referenceResolve(parsed, path).owners, `${dialect} ${path}`);
			}
		}
	});
});

suite('robustness: pathological guardrails globs (minimatch)', () => {
	test('brace expansion bombs are refused with a problem, and compiling stays fast', () => {
		const bomb = '{a,b}'.repeat(20); // 1,048,576 expansions in minimatch
		const config = parseGuardrails(oneDomainConfig([bomb, 'src/**']), 'guardrails.yaml');
		const problem = config.problems.find((p) => p.code === 'pattern-too-complex');
		assert.ok(problem, JSON.stringify(config.problems));
		assert.equal(problem.line, 8);
		let index: ReturnType<typeof compileGuardrails> | undefined;
		const ms = elapsed(() => {
			index = compileGuardrails(config);
		});
		assert.ok(ms < generousBoundMs, `${ms} ms`);
		assert.equal(index?.domainOf('src/x.ts')?.domain.id, 'd');
		assert.equal(index?.domainOf('a'.repeat(20)), null, 'the refused pattern is not used');
	});

	test('a glob longer than minimatch accepts (70,000 characters) is refused with a problem instead of throwing', () => {
		// Found while checking minimatch: it throws "pattern is too long" past 64 KiB, which made
		// compileGuardrails (and every answer) throw.
		const config = parseGuardrails(oneDomainConfig([`${'a'.repeat(70000)}/**`, 'src/**']), 'guardrails.yaml');
		assert.ok(config.problems.some((p) => p.code === 'pattern-too-complex' && p.line === 8), JSON.stringify(config.problems.map((p) => p.code)));
		const index = compileGuardrails(config);
		assert.equal(index.domainOf('src/x.ts')?.domain.id, 'd');
	});

	test('brace counting: alternatives add, groups multiply, sequences count, escapes are literal', () => {
		assert.equal(braceExpansionCount('src/**'), 1);
		assert.equal(braceExpansionCount('src/{a,b}/{c,d,e}/**'), 6);
		assert.equal(braceExpansionCount('{a,{b,c}}'), 3);
		assert.equal(braceExpansionCount('{1..10}'), 10);
		assert.equal(braceExpansionCount('\\{a,b\\}'), 1);
		assert.ok(braceExpansionCount('{1..100000}') > maxBraceExpansions);
		assert.ok(braceExpansionCount('{a,b}'.repeat(11)) > maxBraceExpansions);
		assert.equal(braceExpansionCount('{a,b}'.repeat(10)), 1024);
	});

	const slowGlobs: { name: string; glob: string; path: string }[] = [
		{ name: 'a*a*a*…b (30 stars) against 60 a', glob: `${'a*'.repeat(30)}b`, path: 'a'.repeat(60) },
		{ name: '**/ repeated 100 times', glob: `${'**/'.repeat(100)}x`, path: `${'d/'.repeat(1000)}y` },
		{ name: '2,000 stars', glob: '*'.repeat(2000), path: `${'a'.repeat(2000)}/b` },
		{ name: 'nested extglobs', glob: '+(a|aa)+(a|aa)+(a|aa)*(*(a))b', path: 'a'.repeat(40) },
		{ name: 'large numeric sequence', glob: 'v{1..1000}/**', path: 'v999x/a' },
	];
	for (const c of slowGlobs) {
		test(`${c.name}: compiles and matches well within ${generousBoundMs} ms`, () => {
			const ms = elapsed(() => {
				const index = compileGuardrails(parseGuardrails(oneDomainConfig([c.glob, 'never/**']), 'guardrails.yaml'));
				assert.equal(index.domainOf(c.path), null);
			});
			assert.ok(ms < generousBoundMs, `${ms} ms`);
		});
	}
});
