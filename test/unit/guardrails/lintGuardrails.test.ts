import * as assert from 'node:assert/strict';
import { lintGuardrails } from '../../../src/engine/guardrails/lintGuardrails';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { codeownersInput, fixtureFiles, fixtureText } from './helpers';

const configText = fixtureText('bank', 'guardrails.yaml');
const codeownersText = fixtureText('bank', '.github/CODEOWNERS');

function lineOf(text: string, needle: string): number {
	return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

function positionOf(text: string, needle: string): { line: number; column: number } {
	const line = lineOf(text, needle);
	return { line, column: text.split('\n')[line - 1].indexOf(needle) + 1 };
}

suite('lintGuardrails', () => {
	test('without a file list only file-independent checks run (none here)', () => {
		assert.deepEqual(lintGuardrails(parseGuardrails(configText, 'guardrails.yaml')), []);
	});

	test('the bank fixture: only its two CODEOWNERS drifts', () => {
		const problems = lintGuardrails(parseGuardrails(configText, 'guardrails.yaml'), { files: fixtureFiles('bank'), codeowners: codeownersInput(codeownersText) });
		assert.deepEqual(problems.map((p) => [p.code, p.file, p.line, p.severity]), [
			// .github/workflows/ is in the Infrastructure domain but only the catch-all `*` rule covers it.
			['codeowners-drift', '.github/CODEOWNERS', lineOf(codeownersText, '*  '), 'warning'],
			['codeowners-drift', '.github/CODEOWNERS', lineOf(codeownersText, 'legacy'), 'warning'],
		]);
		assert.equal(problems[0].message, 'CODEOWNERS gives .github/workflows/ci.yml to @bank/platform, but it is in the Infrastructure domain (@bank/infra).');
		assert.match(problems[1].message, /^CODEOWNERS gives services\/payments\/legacy\/old\.ts to @bank\/core-banking, but it is in the Payments domain/);
	});

	test('drift is reported once per CODEOWNERS rule and domain', () => {
		const files = [...fixtureFiles('bank'), 'services/payments/legacy/a.ts', 'services/payments/legacy/b.ts'];
		const problems = lintGuardrails(parseGuardrails(configText, 'guardrails.yaml'), { files, codeowners: codeownersInput(codeownersText) });
		assert.equal(problems.filter((p) => p.code === 'codeowners-drift' && p.line === lineOf(codeownersText, 'legacy')).length, 1);
	});

	test('a pattern that matches no file is a warning at the pattern', () => {
		const text = configText.replace('paths: [infra/**, .github/workflows/**]', 'paths: [infra/**, .github/workflows/**, terraform/**]');
		const problems = lintGuardrails(parseGuardrails(text, 'guardrails.yaml'), { files: fixtureFiles('bank') });
		assert.deepEqual(problems.map((p) => p.code), ['pattern-matches-nothing']);
		assert.deepEqual({ line: problems[0].line, column: problems[0].column }, positionOf(text, 'terraform/**'));
		assert.equal(problems[0].severity, 'warning');
		assert.match(problems[0].message, /domains\.infrastructure\.paths\.2: "terraform\/\*\*" matches no file/);
	});

	test('an exclusion that excludes nothing is reported too', () => {
		const text = configText.replace('"!libs/payments/**/__generated__/**"', '"!libs/payments/**/generated/**"');
		const problems = lintGuardrails(parseGuardrails(text, 'guardrails.yaml'), { files: fixtureFiles('bank') });
		assert.deepEqual(problems.map((p) => [p.code, p.line]), [['pattern-matches-nothing', lineOf(text, '!libs/payments/**/generated/**')]]);
	});

	test('two domains tying on a file', () => {
		const text = configText.replace('paths: [services/core-banking/**, libs/ledger/**, libs/shared-models/**]', 'paths: [services/core-banking/**, libs/ledger/**, libs/shared-models/**, "services/payments/**"]');
		const problems = lintGuardrails(parseGuardrails(text, 'guardrails.yaml'), { files: fixtureFiles('bank') });
		const ties = problems.filter((p) => p.code === 'domain-tie');
		assert.equal(ties.length, 1, 'one problem per pair of domains');
		assert.equal(ties[0].line, lineOf(text, '"services/payments/**"'));
		assert.match(ties[0].message, /Domains payments \("services\/payments\/\*\*"\) and core-banking \("services\/payments\/\*\*"\) tie on services\/payments\/.*; payments, declared first, is shown/);
	});

	test('an ADR path that does not exist', () => {
		const text = configText.replace('adrs: [docs/adr/0007-idempotent-payment-requests.md]', 'adrs: [docs/adr/0007-idempotent-payment-requests.md, docs/adr/0042-nope.md]');
		const problems = lintGuardrails(parseGuardrails(text, 'guardrails.yaml'), { files: fixtureFiles('bank') });
		assert.deepEqual(problems.map((p) => p.code), ['adr-missing']);
		assert.equal(problems[0].line, lineOf(text, '0042-nope.md'));
		assert.match(problems[0].message, /docs\/adr\/0042-nope\.md \(domains\.payments\.adrs\.1\)/);
	});
});
