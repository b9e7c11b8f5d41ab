// Parsers and resolvers on arbitrary text: they never throw, every problem points inside the
// text, and answers are deterministic.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import { lintCodeowners } from '../../../src/engine/codeowners/lint';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import { compileGuardrails } from '../../../src/engine/guardrails/domainIndex';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { createDecisionContext, whoDecides } from '../../../src/engine/guardrails/whoDecides';
import { fixtureText } from '../guardrails/helpers';
import { fuzzParameters } from './fuzzSettings';
import { assertValidPositions, hostileText, hostileYaml } from './hostileText';

const hostilePath = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('a', '..', '.', '', 'x.js', '\\', 'é')), { minLength: 1, maxLength: 8 })
	.map((segs) => segs.join('/'));

suite('robustness: parsers on arbitrary text', () => {
	for (const dialect of ['github', 'gitlab'] as const) {
		test(`${dialect} CODEOWNERS: never throws, problems inside the text, lint too`, () => {
			fc.assert(fc.property(hostileText, (text) => {
				const parsed = parseCodeowners(text, { dialect });
				assertValidPositions(text, parsed.problems);
				for (const rule of parsed.rules) {
					assertValidPositions(text, [{ code: 'rule', severity: 'info', file: '', line: rule.line, column: rule.column, message: rule.pattern || '(empty)' }]);
				}
				const index = compileCodeowners(parsed);
				assertValidPositions(text, lintCodeowners(parsed, { index, files: ['a', 'x.js', 'src/a.ts'] }));
			}), fuzzParameters(400));
		});

		test(`${dialect} CODEOWNERS: resolving arbitrary paths never throws and is deterministic`, () => {
			fc.assert(fc.property(hostileText, fc.array(hostilePath, { maxLength: 8 }), (text, paths) => {
				const first = compileCodeowners(parseCodeowners(text, { dialect }));
				const second = compileCodeowners(parseCodeowners(text, { dialect }));
				for (const path of paths) {
					const a = first.resolve(path);
					assert.deepEqual(first.resolve(path), a);
					assert.deepEqual(second.resolve(path), a);
					const explained = first.explain(path);
					assert.deepEqual(explained.owners, a.owners);
				}
			}), fuzzParameters(300));
		});
	}

	test('guardrails config: never throws, problems inside the text', () => {
		fc.assert(fc.property(hostileYaml, (text) => {
			const config = parseGuardrails(text, 'guardrails.yaml');
			assertValidPositions(text, config.problems);
			const index = compileGuardrails(config);
			index.domainOf('src/a.ts');
			index.contractsOf('src/a.ts');
		}), fuzzParameters(400));
	});

	test('guardrails globs: arbitrary path lists compile, and lookups never throw and repeat their answer', () => {
		const globPiece = fc.oneof(
			fc.constantFrom('src', '**', '*', '?', '[a-', '[!x]', '{a,b}', '{1..3}', '+(a|b)', '!(x)', '@(', '\\', '!', '/', './', '..', 'x'.repeat(5000), '{a,b}'.repeat(12)),
			fc.string({ unit: 'binary', maxLength: 6 }),
		);
		const glob = fc.array(globPiece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
		fc.assert(fc.property(fc.array(fc.array(glob, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), fc.array(hostilePath, { maxLength: 6 }), (domains, paths) => {
			const text = [
				'version: 1',
				'org: { people: { p: { name: P } }, teams: { t: { name: T, lead: p } } }',
				'domains:',
				...domains.map((globs, i) => `  d${i}: { team: t, paths: ${JSON.stringify(globs)} }`),
				'',
			].join('\n');
			const config = parseGuardrails(text, 'guardrails.yaml');
			assertValidPositions(text, config.problems);
			const index = compileGuardrails(config);
			for (const path of paths) {
				const first = index.domainOf(path)?.domain.id ?? null;
				assert.equal(index.domainOf(path)?.domain.id ?? null, first);
				index.contractsOf(path);
			}
		}), fuzzParameters(150));
	});

	test('who decides: arbitrary paths on the bank fixture never throw and answer the same twice', () => {
		const config = parseGuardrails(fixtureText('bank', 'guardrails.yaml'), 'guardrails.yaml');
		const codeowners = { index: compileCodeowners(parseCodeowners('* @bank/infra\nservices/payments/ @bank/payments\n', { dialect: 'github' })), file: '.github/CODEOWNERS', dialect: 'github' as const };
		fc.assert(fc.property(fc.array(fc.oneof(hostilePath, fc.constantFrom('services/payments/api/openapi.yaml', 'libs/payments/contracts/x.json', 'infra/a.tf')), { maxLength: 10 }), (paths) => {
			const fresh = (): ReturnType<typeof createDecisionContext> => createDecisionContext({ config, codeowners, adrs: new Map(), identity: null, dialect: 'github' });
			const one = fresh();
			const two = fresh();
			for (const path of paths) {
				assert.deepEqual(whoDecides(two, path), whoDecides(one, path));
			}
		}), fuzzParameters(200));
	});

	test('YAML alias expansion ("billion laughs") is refused with a problem, not expanded', () => {
		const lines = ['version: 1', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
		for (let i = 1; i < 12; i++) {
			lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
		}
		const text = `${lines.join('\n')}\n`;
		const config = parseGuardrails(text, 'guardrails.yaml');
		assert.ok(config.problems.length > 0, 'an alias bomb must produce a problem');
		assertValidPositions(text, config.problems);
	});
});

suite('robustness: guardrails positions with BOM, CRLF and lone CR (regressions)', () => {
	// Found by "guardrails config: never throws, problems inside the text": the yaml lexer counts
	// only LF, so a lone CR shifted every later line and a BOM shifted line 1 by one column.
	const cases: [string, string][] = [
		['lone CR', 'version: 1\rdomains:\r  a: {team: [\r'],
		['CRLF', 'version: 1\r\ndomains:\r\n  a: {team: [\r\n'],
		['BOM', '\uFEFF    paths: ['],
		['BOM and lone CR', '\uFEFFversion: 1\r\rbogus: [\r'],
	];
	for (const [name, text] of cases) {
		test(`${name}: every problem is inside the text as an editor shows it`, () => {
			const config = parseGuardrails(text, 'guardrails.yaml');
			assert.ok(config.problems.length > 0);
			assertValidPositions(text, config.problems);
		});
	}

	test('lone CR: an unknown key on the third editor line is reported on line 3', () => {
		const config = parseGuardrails('version: 1\r# note\rbogus: 1\r', 'guardrails.yaml');
		const problem = config.problems.find((p) => p.message.includes('bogus'));
		assert.ok(problem, JSON.stringify(config.problems));
		assert.equal(problem.line, 3);
	});
});

suite('robustness: guardrails positions after yaml error recovery (regression)', () => {
	test('a scalar spanning a line after a syntax error does not push positions past the line end', () => {
		// Found by the property above: the yaml lexer's line counter missed the LF inside
		// "1\n    owner" and reported "line 2, column 21" on a 10-character line.
		const text = '  people:\nversion: 1\n    owner: t\n';
		const config = parseGuardrails(text, 'guardrails.yaml');
		assert.ok(config.problems.some((p) => p.line === 3), JSON.stringify(config.problems));
		assertValidPositions(text, config.problems);
	});
});
