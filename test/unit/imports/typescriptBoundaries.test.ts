import * as assert from 'assert';
import { scanFixture, summary } from './helpers';

suite('boundaries: TypeScript fixture', () => {
	test('classifies public, contract, open, exception, violation and undeclared imports', async () => {
		const report = await scanFixture('typescript');
		assert.deepStrictEqual(summary(report), [
			'services/payments/src/bad.ts:1 @ledger/internal/postings -> libs/ledger/internal/postings.ts violation',
			'services/payments/src/bad.ts:2 ../../../infra/api/client -> infra/api/client.ts dependency-not-declared',
			'services/payments/src/legacy.ts:1 @acme/ledger/internal/postings -> libs/ledger/internal/postings.ts allowed-exception',
			'services/payments/src/ok.ts:1 @acme/ledger -> libs/ledger/index.ts allowed-public',
			'services/payments/src/ok.ts:2 ../../../libs/customers/model -> libs/customers/model.ts allowed-public',
			'services/payments/src/ok.ts:3 @ledger/events/refund -> libs/ledger/events/refund.ts allowed-public',
		]);
	});

	test('a violation names both domains, the file reached and the public entry; severity comes from the target domain', async () => {
		const report = await scanFixture('typescript');
		const violation = report.findings.find((f) => f.status === 'violation');
		assert.ok(violation);
		assert.strictEqual(violation.severity, 'error');
		assert.deepStrictEqual(violation.publicEntries, ['libs/ledger/index.ts', 'libs/ledger/events/**']);
		assert.match(violation.message, /Payments → Ledger/);
		assert.match(violation.message, /libs\/ledger\/internal\/postings\.ts is internal to Ledger/);
		assert.match(violation.message, /libs\/ledger\/index\.ts/);
		assert.deepStrictEqual([violation.line, violation.column, violation.endColumn], [1, 27, 52]);
	});

	test('public uses say why they are public; the exception carries its reason', async () => {
		const report = await scanFixture('typescript');
		const via = report.findings.filter((f) => f.status === 'allowed-public').map((f) => f.publicVia?.kind);
		assert.deepStrictEqual(via, ['export', 'open', 'contract']);
		const exception = report.findings.find((f) => f.status === 'allowed-exception');
		assert.match(exception?.allow?.reason ?? '', /Legacy refunds/);
	});

	test('edge counts per domain pair', async () => {
		const report = await scanFixture('typescript');
		assert.deepStrictEqual(report.edges.map((e) => [e.from, e.to, e.total, e.counts.violation, e.counts['dependency-not-declared']]), [
			['payments', 'customers', 1, 0, 0],
			['payments', 'infra', 1, 0, 1],
			['payments', 'ledger', 4, 1, 0],
		]);
	});
});
