import * as assert from 'assert';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';

const base = `version: 1
org:
  people: { pat: { name: Pat } }
  teams: { pay: { name: Payments, lead: pat } }
domains:
  payments:
    team: pay
    paths: [services/payments/**]
    exports: [services/payments/api/**]
    dependsOn: [ledgr, payments]
    boundarySeverity: error
  ledger: { team: pay, paths: [libs/ledger/**] }
`;

suite('boundaries: guardrails.yaml keys', () => {
	test('exports, dependsOn, boundarySeverity and allow are read; a domain without them is open', () => {
		const config = parseGuardrails(`${base}allow:\n  - { from: payments, to: "libs/ledger/internal/**", reason: Legacy, adr: docs/adr/0007.md }\n`, 'guardrails.yaml');
		const payments = config.boundaries?.domains.get('payments');
		assert.deepStrictEqual(payments?.exports, ['services/payments/api/**']);
		assert.deepStrictEqual(payments?.dependsOn, ['ledgr', 'payments']);
		assert.strictEqual(payments?.severity, 'error');
		const ledger = config.boundaries?.domains.get('ledger');
		assert.deepStrictEqual([ledger?.exports, ledger?.dependsOn, ledger?.severity], [[], null, 'warning']);
		assert.deepStrictEqual(config.boundaries?.allow.map((a) => [a.from, a.to, a.reason, a.adr, a.source.line]), [['payments', 'libs/ledger/internal/**', 'Legacy', 'docs/adr/0007.md', 14]]);
	});

	test('unknown domains, self-dependencies and exceptions without a reason are problems with positions', () => {
		const config = parseGuardrails(`${base}allow:\n  - { from: paymnts, to: ledger, reason: x }\n  - { from: payments, to: ledger }\n  - { from: payments, to: ledger, reason: "" }\n`, 'guardrails.yaml');
		const problems = config.problems.map((p) => `${p.line}:${p.code}:${p.severity}`);
		assert.deepStrictEqual(problems.sort(), ['10:self-dependency:warning', '10:unknown-domain:error', '14:unknown-domain:error', '15:missing-key:error', '16:invalid-value:error'].sort());
		assert.match(config.problems.find((p) => p.line === 10 && p.code === 'unknown-domain')?.message ?? '', /Unknown domain "ledgr" in dependsOn of payments/);
		assert.strictEqual(config.boundaries?.allow.length, 1, 'only the entry with a reason counts');
	});

	test('an unknown key next to the new ones is still caught, with a suggestion', () => {
		const config = parseGuardrails(base.replace('exports:', 'export:'), 'guardrails.yaml');
		assert.match(config.problems.find((p) => p.code === 'unknown-key')?.message ?? '', /did you mean "exports"/);
	});
});
