import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import * as fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import schema from '../../../schemas/guardrails.schema.json';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesRoot, fixtureText } from './helpers';

const minimal = `version: 1
org:
  people:
    alice: { name: Alice }
  teams:
    payments: { name: Payments, lead: alice }
domains:
  payments: { team: payments, paths: [services/payments/**] }
`;

/** Every property schema must carry a description, so editors can show one on hover. */
function undocumented(node: unknown, where: string, out: string[]): void {
	if (typeof node !== 'object' || node === null) {
		return;
	}
	const record = node as Record<string, unknown>;
	for (const key of ['properties', 'patternProperties', 'definitions']) {
		const children = record[key];
		if (typeof children === 'object' && children !== null) {
			for (const [name, child] of Object.entries(children as Record<string, unknown>)) {
				const c = child as Record<string, unknown>;
				if (key !== 'definitions' && typeof c.description !== 'string') {
					out.push(`${where}.${key}.${name}`);
				}
				undocumented(child, `${where}.${key}.${name}`, out);
			}
		}
	}
	for (const key of ['items', 'additionalProperties']) {
		undocumented(record[key], `${where}.${key}`, out);
	}
}

suite('guardrails schema', () => {
	test('compiles in strict mode and validates the full example', () => {
		const ajv = new Ajv({ allErrors: true, strict: true });
		const validate = ajv.compile(schema);
		const data: unknown = parseYaml(fixtureText('bank', 'guardrails.yaml'));
		assert.equal(validate(data), true, JSON.stringify(validate.errors));
	});

	test('rejects an unknown key and allows x- keys', () => {
		const validate = new Ajv({ allErrors: true }).compile(schema);
		assert.equal(validate({ version: 1, domainz: {} }), false);
		assert.equal(validate({ version: 1, 'x-owner': 'me', domains: { a: { team: 't', paths: ['a/**'], 'x-note': 1 } } }), true);
	});

	test('every property has a description', () => {
		const missing: string[] = [];
		undocumented(schema, '#', missing);
		assert.deepEqual(missing, []);
	});
});

suite('parseGuardrails', () => {
	test('the full example parses without problems and keeps every section', () => {
		const config = parseGuardrails(fixtureText('bank', 'guardrails.yaml'), 'guardrails.yaml');
		assert.deepEqual(config.problems, []);
		assert.deepEqual([...config.domains.keys()], ['payments', 'core-banking', 'infrastructure']);
		assert.deepEqual([...config.contracts.keys()], ['payments-api', 'customer-model', 'security-baseline']);
		const api = config.contracts.get('payments-api');
		assert.equal(api?.review.level, 'architecture');
		assert.equal(api?.review.approvals, 2);
		assert.equal(api?.review.adr, 'required');
		assert.equal(config.contracts.get('customer-model')?.review.approvals, 1, 'approvals default to 1');
		assert.equal(config.contracts.get('customer-model')?.severity, 'warning', 'severity defaults to warning');
		assert.equal(config.contracts.get('customer-model')?.review.adr, 'none');
		assert.deepEqual(config.forum?.members, ['dana', 'alice', 'chen', 'erik'], 'forum aliases are expanded');
		assert.deepEqual(config.adrRoots, ['docs/adr']);
		assert.equal(config.teams.get('payments')?.contact.chat, '#team-payments');
		assert.equal(config.domains.get('infrastructure')?.lead, 'dana');
	});

	test('the full example in docs/guardrails-config.md parses without problems', () => {
		const doc = fs.readFileSync(path.join(fixturesRoot, '../../../docs/guardrails-config.md'), 'utf8');
		const example = /## A full example\n\n```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
		assert.ok(example, 'the reference keeps its full example');
		const config = parseGuardrails(example, 'guardrails.yaml');
		assert.deepEqual(config.problems, []);
		assert.deepEqual([...config.contracts.keys()], ['payments-api', 'customer-model']);
	});

	test('sources point at the line and column of each entry', () => {
		const config = parseGuardrails(fixtureText('bank', 'guardrails.yaml'), 'guardrails.yaml');
		const lines = fixtureText('bank', 'guardrails.yaml').split('\n');
		const contract = config.contracts.get('payments-api');
		assert.ok(contract);
		assert.equal(lines[contract.source.line - 1].trim(), 'payments-api:');
		assert.equal(contract.source.column, 3);
		const lead = config.sources?.get('org.teams.payments.lead');
		assert.ok(lead);
		assert.equal(lines[lead.line - 1].slice(lead.column - 1), 'alice');
	});

	test('defaults: ADR roots and titles', () => {
		const config = parseGuardrails(minimal, 'guardrails.yaml');
		assert.deepEqual(config.problems, []);
		assert.deepEqual(config.adrRoots, ['docs/adr', 'doc/adr', 'docs/decisions']);
		assert.equal(config.domains.get('payments')?.title, 'payments');
	});

	test('a JSON config is read by the same parser, with positions', () => {
		const json = '{\n  "$schema": "./schemas/guardrails.schema.json",\n  "version": 1,\n  "domains": { "a": { "team": "t", "pathz": [] } }\n}\n';
		const config = parseGuardrails(json, 'guardrails.json');
		const codes = config.problems.map((p) => p.code).sort();
		assert.deepEqual(codes, ['missing-key', 'unknown-key', 'unknown-team']);
		const unknown = config.problems.find((p) => p.code === 'unknown-key');
		assert.equal(unknown?.line, 4);
		assert.equal(unknown?.column, 36);
	});

	test('a typo key is reported with its line, column and a suggestion', () => {
		const text = minimal.replace('domains:\n  payments: { team: payments, paths: [services/payments/**] }', 'domains:\n  payments:\n    team: payments\n    paths: [a/**]\n    chartr: typo');
		const config = parseGuardrails(text, 'guardrails.yaml');
		assert.equal(config.problems.length, 1);
		const [problem] = config.problems;
		assert.equal(problem.code, 'unknown-key');
		assert.equal(problem.line, 11);
		assert.equal(problem.column, 5);
		assert.match(problem.message, /"chartr".*did you mean "charter"/);
		assert.ok(config.domains.has('payments'), 'the valid part is kept');
	});

	/** Expected position: the first occurrence of `at` (after `after`, when given) in the text. */
	const positionOf = (text: string, at: string, after = ''): { line: number; column: number } => {
		const offset = text.indexOf(at, after ? text.indexOf(after) : 0);
		assert.ok(offset >= 0, `marker ${at} not in the text`);
		const before = text.slice(0, offset).split('\n');
		return { line: before.length, column: before[before.length - 1].length + 1 };
	};
	const contract = (body: string): string => `${minimal}contracts:\n  c: { kind: api, owner: payments, paths: [a/**]${body} }\n`;
	const problemCases: { name: string; text: string; code: string; at: string; after?: string }[] = [
		{ name: 'unknown top-level key', text: 'version: 1\ncontract: {}\n', code: 'unknown-key', at: 'contract' },
		{ name: 'unknown nested key', text: contract(', review: { levle: owner }'), code: 'unknown-key', at: 'levle' },
		{ name: 'wrong type', text: 'version: 1\ndomains: [a]\n', code: 'invalid-type', at: 'domains' },
		{ name: 'bad kind enum', text: `${minimal}contracts:\n  c: { kind: rest, owner: payments, paths: [a/**] }\n`, code: 'invalid-value', at: 'rest' },
		{ name: 'bad review level', text: contract(', review: { level: loud }'), code: 'invalid-value', at: 'loud' },
		{ name: 'bad severity', text: contract(', severity: fatal'), code: 'invalid-value', at: 'fatal' },
		{ name: 'approvals below 1', text: contract(', review: { approvals: 0 }'), code: 'invalid-value', at: '0 }' },
		{ name: 'missing required key', text: 'version: 1\ndomains:\n  a: { paths: [a/**] }\n', code: 'missing-key', at: 'a:' },
		{ name: 'unsupported version', text: 'version: 2\n', code: 'unsupported-version', at: '2' },
		{ name: 'empty paths', text: `${minimal}contracts:\n  c: { kind: api, owner: payments, paths: [] }\n`, code: 'empty-list', at: 'paths: []' },
		{ name: 'unknown person as lead', text: minimal.replace('lead: alice', 'lead: alyce'), code: 'unknown-person', at: 'alyce' },
		{ name: 'unknown person as deputy', text: minimal.replace('lead: alice', 'lead: alice, deputies: [zed]'), code: 'unknown-person', at: 'zed' },
		{ name: 'unknown person as domain lead', text: minimal.replace('team: payments,', 'team: payments, lead: ghost,'), code: 'unknown-person', at: 'ghost' },
		{ name: 'unknown team of a domain', text: minimal.replace('team: payments', 'team: paymnts'), code: 'unknown-team', at: 'paymnts' },
		{ name: 'unknown alias', text: contract(', review: { reviewers: [$nobody] }'), code: 'unknown-alias', at: '$nobody' },
		{ name: 'unknown team in reviewers', text: contract(', review: { reviewers: ["team:x"] }'), code: 'unknown-team', at: '"team:x"' },
		{ name: 'unknown owner domain', text: `${minimal}contracts:\n  c: { kind: api, owner: paymnts, paths: [a/**] }\n`, code: 'unknown-domain', at: 'paymnts' },
		{ name: 'unknown consumer domain', text: contract(', consumers: [ledger]'), code: 'unknown-domain', at: 'ledger' },
		{ name: 'domain with no team lead', text: minimal.replace(', lead: alice', ''), code: 'lead-missing', at: 'payments: { team', after: 'domains' },
		{ name: 'architecture with no forum', text: contract(', review: { level: architecture }'), code: 'architecture-without-forum', at: 'architecture' },
		{ name: 'forum-owned contract with no forum', text: `${minimal}contracts:\n  c: { kind: api, owner: forum, paths: [a/**] }\n`, code: 'missing-forum', at: 'forum,' },
		{ name: 'leading slash in a path', text: minimal.replace('[services/payments/**]', '[/services/payments/**]'), code: 'invalid-path', at: '/services' },
		{ name: 'team reference in an alias', text: minimal.replace('  teams:', '  aliases:\n    a: ["team:payments"]\n  teams:'), code: 'invalid-reference', at: '"team:payments"' },
	];

	for (const c of problemCases) {
		test(`problem: ${c.name} → ${c.code}`, () => {
			const config = parseGuardrails(c.text, 'guardrails.yaml');
			const found = config.problems.filter((p) => p.code === c.code);
			assert.equal(found.length, 1, JSON.stringify(config.problems));
			assert.equal(found[0].file, 'guardrails.yaml');
			assert.deepEqual({ line: found[0].line, column: found[0].column }, positionOf(c.text, c.at, c.after), found[0].message);
			assert.match(found[0].code, /^[a-z]+(-[a-z]+)*$/);
		});
	}

	test('problem: YAML syntax errors keep a position and the rest of the file', () => {
		const config = parseGuardrails('version: 1\ndomains: [unclosed\n', 'guardrails.yaml');
		const syntax = config.problems.filter((p) => p.code === 'yaml-syntax');
		assert.ok(syntax.length >= 1);
		assert.ok(syntax.every((p) => p.line >= 2 && p.column >= 1), JSON.stringify(syntax));
	});

	test('problem: duplicate key → duplicate-key at the second key', () => {
		const config = parseGuardrails('version: 1\nversion: 1\n', 'guardrails.yaml');
		const dup = config.problems.filter((p) => p.code === 'duplicate-key');
		assert.equal(dup.length, 1);
		assert.equal(dup[0].line, 2);
	});

	test('problem: a YAML warning (unresolved tag) → yaml-warning at the tag', () => {
		const text = `${minimal}x-note: !custom value\n`;
		const config = parseGuardrails(text, 'guardrails.yaml');
		const warnings = config.problems.filter((p) => p.code === 'yaml-warning');
		assert.equal(warnings.length, 1, JSON.stringify(config.problems));
		assert.equal(warnings[0].severity, 'warning');
		assert.equal(warnings[0].line, positionOf(text, '!custom').line);
	});

	test('a broken entry does not drop the valid ones', () => {
		const text = `${minimal}contracts:\n  broken: { kind: api, paths: [a/**] }\n  ok: { kind: api, owner: payments, paths: [b/**] }\n`;
		const config = parseGuardrails(text, 'guardrails.yaml');
		assert.deepEqual([...config.contracts.keys()], ['ok']);
		assert.deepEqual(config.problems.map((p) => p.code), ['missing-key']);
		assert.ok(config.domains.has('payments'));
	});

	test('an empty file is a problem, not an exception', () => {
		const config = parseGuardrails('', 'guardrails.yaml');
		assert.deepEqual(config.problems.map((p) => p.code), ['empty-config']);
	});

	test('never throws on arbitrary text, and every problem has a position', () => {
		fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
			const config = parseGuardrails(text, 'g.yaml');
			for (const p of config.problems) {
				assert.ok(p.line >= 1 && p.column >= 1 && p.code.length > 0);
			}
		}), { numRuns: 300 });
	});

	test('never throws on mutated valid configs', () => {
		const base = fixtureText('bank', 'guardrails.yaml');
		fc.assert(fc.property(fc.nat(base.length - 1), fc.string({ maxLength: 5 }), (at, insert) => {
			const config = parseGuardrails(base.slice(0, at) + insert + base.slice(at + 1), 'g.yaml');
			for (const p of config.problems) {
				assert.ok(p.line >= 1 && p.column >= 1);
			}
		}), { numRuns: 200 });
	});
});
