import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { minimatch } from 'minimatch';
import { compileGuardrails } from '../../../src/engine/guardrails/domainIndex';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import type { GuardrailsConfig } from '../../../src/engine/guardrails/types';
import { fixtureText } from './helpers';

/** A config whose domains (id → paths) all belong to one team, declared in the given order. */
function configWith(domains: Record<string, string[]>, contracts: Record<string, string[]> = {}): GuardrailsConfig {
	const lines = ['version: 1', 'org:', '  people: { p: { name: P } }', '  teams: { t: { name: T, lead: p } }', 'domains:'];
	for (const [id, paths] of Object.entries(domains)) {
		lines.push(`  ${id}: { team: t, paths: ${JSON.stringify(paths)} }`);
	}
	if (Object.keys(contracts).length > 0) {
		lines.push('contracts:');
		for (const [id, paths] of Object.entries(contracts)) {
			lines.push(`  ${id}: { kind: api, owner: ${Object.keys(domains)[0]}, paths: ${JSON.stringify(paths)} }`);
		}
	}
	const config = parseGuardrails(lines.join('\n'), 'guardrails.yaml');
	assert.deepEqual(config.problems.filter((p) => p.severity === 'error'), []);
	return config;
}

suite('compileGuardrails: domain of a file', () => {
	const cases: { name: string; domains: Record<string, string[]>; path: string; expected: string | null; ties?: string[] }[] = [
		{ name: 'longest literal prefix wins regardless of order', domains: { broad: ['services/**'], narrow: ['services/payments/**'] }, path: 'services/payments/a.ts', expected: 'narrow' },
		{ name: 'longest literal prefix wins when declared first', domains: { narrow: ['services/payments/**'], broad: ['services/**'] }, path: 'services/payments/a.ts', expected: 'narrow' },
		{ name: 'fewer glob characters wins on equal prefix', domains: { many: ['libs/**/*.ts'], few: ['libs/**'] }, path: 'libs/x/a.ts', expected: 'few' },
		{ name: 'a literal file beats a glob', domains: { dir: ['api/**'], file: ['api/openapi.yaml'] }, path: 'api/openapi.yaml', expected: 'file' },
		{ name: 'tie → first declared, other listed', domains: { first: ['libs/**'], second: ['libs/**'] }, path: 'libs/a.ts', expected: 'first', ties: ['second'] },
		{ name: 'exclusion in the same list removes the domain', domains: { pay: ['libs/payments/**', '!libs/payments/**/__generated__/**'] }, path: 'libs/payments/x/__generated__/c.ts', expected: null },
		{ name: 'exclusion lets a broader domain take the file', domains: { all: ['libs/**'], pay: ['libs/payments/**', '!libs/payments/gen/**'] }, path: 'libs/payments/gen/c.ts', expected: 'all' },
		{ name: 'dot files match', domains: { infra: ['.github/**'] }, path: '.github/workflows/ci.yml', expected: 'infra' },
		{ name: 'matching is case-sensitive', domains: { docs: ['Docs/**'] }, path: 'docs/a.md', expected: null },
		{ name: 'braces', domains: { app: ['apps/{web,mobile}/**'] }, path: 'apps/mobile/x.ts', expected: 'app' },
		{ name: 'question mark', domains: { v: ['v?/**'] }, path: 'v2/a', expected: 'v' },
		{ name: 'top-level glob', domains: { md: ['**/*.md'] }, path: 'a/b/c.md', expected: 'md' },
		{ name: 'no match', domains: { a: ['a/**'] }, path: 'b/c', expected: null },
		{ name: 'leading slash is dropped', domains: { a: ['/a/**'] }, path: 'a/b', expected: 'a' },
		{ name: 'a domain uses its most specific matching pattern', domains: { a: ['**', 'x/y/**'], b: ['x/**'] }, path: 'x/y/z', expected: 'a' },
	];
	for (const c of cases) {
		test(c.name, () => {
			const index = compileGuardrails(configWith(c.domains));
			const match = index.domainOf(c.path);
			assert.equal(match?.domain.id ?? null, c.expected);
			assert.deepEqual(match?.ties.map((d) => d.id) ?? [], c.ties ?? []);
		});
	}

	test('contracts are additive and keep declaration order', () => {
		const index = compileGuardrails(configWith({ d: ['**'] }, { b: ['api/**'], a: ['api/v1/**'], c: ['web/**'], x: ['api/**', '!api/v1/**'] }));
		assert.deepEqual(index.contractsOf('api/v1/x.yaml').map((c) => c.id), ['b', 'a']);
		assert.deepEqual(index.contractsOf('api/v2/x.yaml').map((c) => c.id), ['b', 'x']);
		assert.deepEqual(index.contractsOf('other'), []);
	});

	test('the bank fixture', () => {
		const index = compileGuardrails(parseGuardrails(fixtureText('bank', 'guardrails.yaml'), 'guardrails.yaml'));
		assert.equal(index.domainOf('services/payments/api/openapi.yaml')?.domain.id, 'payments');
		assert.equal(index.domainOf('libs/payments/src/__generated__/client.ts'), null);
		assert.equal(index.domainOf('.github/workflows/ci.yml')?.domain.id, 'infrastructure');
		assert.deepEqual(index.contractsOf('services/payments/auth/token.ts').map((c) => c.id), ['security-baseline']);
	});

	test('bucketed lookup agrees with a scan of every pattern', () => {
		const segment = fc.constantFrom('a', 'b', 'c', '.d', 'ab');
		const pathArb = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
		const patternArb = fc.tuple(fc.array(segment, { minLength: 0, maxLength: 3 }), fc.constantFrom('**', '*', 'a*', '**/b', '{a,b}/**', '?')).map(([dirs, tail]) => [...dirs, tail].join('/'));
		fc.assert(fc.property(fc.array(fc.array(patternArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.array(pathArb, { minLength: 1, maxLength: 10 }), (lists, paths) => {
			const domains: Record<string, string[]> = {};
			lists.forEach((list, i) => {
				domains[`d${i}`] = list;
			});
			const index = compileGuardrails(configWith(domains));
			for (const path of paths) {
				// The scan: every (domain, pattern) that matches, ranked by specificity, then order.
				const literal = (p: string): number => {
					const m = /[*?[{\\]/.exec(p);
					return m ? m.index : p.length;
				};
				const globs = (p: string): number => (p.match(/[*?[{]/g) ?? []).length;
				let best: { id: string; lit: number; gl: number; order: number } | null = null;
				lists.forEach((list, order) => {
					for (const pattern of list) {
						if (!minimatch(path, pattern, { dot: true })) {
							continue;
						}
						const candidate = { id: `d${order}`, lit: literal(pattern), gl: globs(pattern), order };
						if (!best || candidate.lit > best.lit || (candidate.lit === best.lit && (candidate.gl < best.gl || (candidate.gl === best.gl && candidate.order < best.order)))) {
							best = candidate;
						}
					}
				});
				assert.equal(index.domainOf(path)?.domain.id ?? null, (best as { id: string } | null)?.id ?? null, `${path} in ${JSON.stringify(domains)}`);
			}
		}), { numRuns: 300 });
	});
});
