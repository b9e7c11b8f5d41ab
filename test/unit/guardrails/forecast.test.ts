import * as assert from 'node:assert/strict';
import {
	escapeAnnotationData,
	escapeAnnotationProperty,
	forecastReview,
	forecastToJson,
	renderForecastAnnotations,
	renderForecastMarkdown,
	renderForecastText,
} from '../../../src/engine/guardrails/forecast';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import type { Change } from '../../../src/engine/guardrails/types';
import { createDecisionContext } from '../../../src/engine/guardrails/whoDecides';
import { codeownersInput, fixtureText } from './helpers';

function bank(codeowners = fixtureText('bank', '.github/CODEOWNERS'), dialect: 'github' | 'gitlab' = 'github') {
	return createDecisionContext({
		config: parseGuardrails(fixtureText('bank', 'guardrails.yaml'), 'guardrails.yaml'),
		codeowners: codeownersInput(codeowners, dialect, dialect === 'github' ? '.github/CODEOWNERS' : 'CODEOWNERS'),
	});
}

suite('forecastReview', () => {
	const changes: Change[] = [
		{ path: 'services/payments/api/openapi.yaml', status: 'modified' },
		{ path: 'services/payments/src/charge.ts', status: 'added' },
		{ path: 'libs/ledger/index.ts', status: 'deleted' },
		{ path: 'services/core-banking/src/moved.ts', status: 'renamed', oldPath: 'services/payments/src/moved.ts' },
	];

	test('groups files by domain with the owners to request; renames count with both paths', () => {
		const forecast = forecastReview(bank(), changes);
		const json = forecastToJson(forecast);
		assert.deepEqual(json.files, [
			{ path: 'services/payments/api/openapi.yaml', status: 'modified', domain: 'payments', contracts: ['payments-api'] },
			{ path: 'services/payments/src/charge.ts', status: 'added', domain: 'payments', contracts: [] },
			{ path: 'libs/ledger/index.ts', status: 'deleted', domain: 'core-banking', contracts: [] },
			{ path: 'services/core-banking/src/moved.ts', status: 'renamed', oldPath: 'services/payments/src/moved.ts', domain: 'core-banking', contracts: [] },
		]);
		assert.deepEqual(json.domains, [
			{
				id: 'payments',
				lead: { id: 'alice', name: 'Alice Ng' },
				owners: [{ section: null, owners: ['@bank/payments'], approvals: 1, optional: false }],
				files: ['services/payments/api/openapi.yaml', 'services/payments/src/charge.ts', 'services/payments/src/moved.ts'],
			},
			{
				id: 'core-banking',
				lead: { id: 'chen', name: 'Chen Li' },
				owners: [{ section: null, owners: ['@bank/core-banking'], approvals: 1, optional: false }],
				files: ['libs/ledger/index.ts', 'services/core-banking/src/moved.ts'],
			},
		]);
		assert.deepEqual(json.contracts, [{ id: 'payments-api', level: 'architecture', approvals: 2, files: ['services/payments/api/openapi.yaml'] }]);
		assert.equal(json.forum, true);
		assert.equal(json.adrRequired, true);
		assert.equal(json.adrIncluded, false);
		// CODEOWNERS owners first, then the contract's owner lead and the forum reviewers ($arch-forum).
		assert.deepEqual(json.reviewers, ['@bank/payments', '@bank/core-banking', '@alice-ng', '@dweiss', '@chenli', '@esand']);
		assert.deepEqual(Object.keys(json), ['files', 'domains', 'contracts', 'forum', 'adrRequired', 'adrIncluded', 'reviewers']);
	});

	test('an ADR added or modified under the roots is included; a deleted one is not', () => {
		const adr: Change = { path: 'docs/adr/0013-new.md', status: 'added' };
		assert.equal(forecastReview(bank(), [...changes, adr]).adrIncluded, true);
		assert.equal(forecastReview(bank(), [...changes, { ...adr, status: 'modified' }]).adrIncluded, true);
		assert.equal(forecastReview(bank(), [...changes, { ...adr, status: 'deleted' }]).adrIncluded, false);
		assert.equal(forecastReview(bank(), [...changes, { path: 'notes/adr.md', status: 'added' }]).adrIncluded, false);
	});

	test('a contract touched only by the old path of a rename still counts', () => {
		const forecast = forecastReview(bank(), [{ path: 'docs/openapi.yaml', status: 'renamed', oldPath: 'services/payments/api/openapi.yaml' }]);
		assert.deepEqual(forecast.contracts.map((c) => [c.contract.id, c.files]), [['payments-api', ['services/payments/api/openapi.yaml']]]);
		assert.deepEqual(forecast.files[0].contracts, ['payments-api']);
	});

	test('notify contracts ask nobody; consumers level asks the consumer leads', () => {
		const text = fixtureText('bank', 'guardrails.yaml').replace('review: { level: owner }', 'review: { level: notify }');
		const ctx = createDecisionContext({ config: parseGuardrails(text, 'guardrails.yaml'), codeowners: codeownersInput(fixtureText('bank', '.github/CODEOWNERS')) });
		const notify = forecastReview(ctx, [{ path: 'services/payments/auth/token.ts', status: 'modified' }]);
		assert.deepEqual(notify.contracts[0].reviewers, []);
		assert.equal(notify.forum, false);
		const consumers = forecastReview(bank(), [{ path: 'libs/shared-models/customer/customer.ts', status: 'modified' }]);
		// "*": every domain but the owner (payments: alice; infrastructure: dana overrides the lead).
		assert.deepEqual(consumers.contracts[0].reviewers, ['@chenli', '@alice-ng', '@dweiss']);
		assert.deepEqual(consumers.reviewers, ['@bank/core-banking', '@chenli', '@alice-ng', '@dweiss']);
	});

	test('GitLab: each section with its approval count; optional sections are not requested', () => {
		const gitlab = '[Backend][2] @bank/backend\n/services/\n\n^[Docs] @bank/docs\n*.yaml\n';
		const forecast = forecastReview(bank(gitlab, 'gitlab'), [{ path: 'services/payments/api/openapi.yaml', status: 'modified' }]);
		assert.deepEqual(forecastToJson(forecast).domains[0].owners, [
			{ section: 'Backend', owners: ['@bank/backend'], approvals: 2, optional: false },
			{ section: 'Docs', owners: ['@bank/docs'], approvals: 1, optional: true },
		]);
		assert.ok(forecast.reviewers.includes('@bank/backend'));
		assert.match(renderForecastMarkdown(forecast), /\| Owners to request \| Section \| Approvals \| Files \|\n\| --- \| --- \| --- \| --- \|\n\| @bank\/backend \| Backend \| 2 \| 1 \|\n\| @bank\/docs \| Docs \(optional\) \| 1 \| 1 \|/);
		assert.ok(!forecast.reviewers.includes('@bank/docs'));
	});

	test('10,000 changed files: every file is forecast once', () => {
		const many: Change[] = [];
		for (let i = 0; i < 10000; i++) {
			many.push({ path: `services/${i % 3 === 0 ? 'payments' : 'core-banking'}/src/f${i}.ts`, status: 'modified' });
		}
		const forecast = forecastReview(bank(), many);
		assert.equal(forecast.files.length, 10000);
		assert.equal(forecast.domains.reduce((n, d) => n + d.files.length, 0), 10000);
	});
});

suite('forecast rendering', () => {
	const forecast = () => forecastReview(bank(), [
		{ path: 'services/payments/api/openapi.yaml', status: 'modified' },
		{ path: 'services/payments/auth/token.ts', status: 'added' },
		{ path: 'libs/ledger/index.ts', status: 'deleted' },
	]);

	test('text names the domains, contracts, forum, ADR status and reviewers', () => {
		const text = renderForecastText(forecast());
		assert.match(text, /^Review forecast: 3 changed files, 2 domains, 2 contracts\./);
		assert.match(text, /Payments \(lead Alice Ng @alice-ng\): 2 files\n {2}@bank\/payments: 1 approval for 2 files/);
		assert.match(text, /payments-api \(Payments HTTP API v2\): architecture review, 2 approvals, 1 file/);
		assert.match(text, /Architecture forum: needed \(Architecture Review\)/);
		assert.match(text, /ADR: required, missing/);
		assert.match(text, /Reviewers to request: @bank\/payments, @bank\/core-banking, @alice-ng/);
	});

	test('CODEOWNERS alone: the groups are owners, not domains, with a pointer to set domains up (issue 13 item 8)', () => {
		const ctx = createDecisionContext({ config: null, codeowners: codeownersInput('* @mmacklin\n') });
		const owners = forecastReview(ctx, [{ path: 'a.c', status: 'modified' }]);
		const text = renderForecastText(owners);
		assert.match(text, /^Review forecast: 1 changed file, 1 owner, 0 contracts\.\nGrouped by code owner; no domains yet: set them up in guardrails\.yaml/);
		assert.doesNotMatch(text, /domain\b/);
		assert.match(renderForecastMarkdown(owners), /touches \*\*1 file\*\* of \*\*1 owner\*\*/);
		assert.doesNotMatch(renderForecastText(forecast()), /Grouped by code owner/);
	});

	test('markdown is a ready pull-request comment', () => {
		const md = renderForecastMarkdown(forecast());
		assert.match(md, /^## Review forecast\n\nThis change touches \*\*3 files\*\* in \*\*2 domains\*\* and \*\*2 contracts\*\*\./);
		assert.match(md, /### Payments — lead Alice Ng \(@alice-ng\)\n\n\| Owners to request \| Approvals \| Files \|\n\| --- \| --- \| --- \|\n\| @bank\/payments \| 1 \| 2 \|/);
		assert.match(md, /\| Payments HTTP API v2 \(`payments-api`\) \| api \| architecture \| 2 \| 1 \|/);
		assert.match(md, /\| Security baseline \(`security-baseline`\) \| security-standard \| owner \| 1 \| 1 \|/);
		assert.match(md, /\*\*Architecture forum:\*\* needed \(Architecture Review\)/);
		assert.match(md, /\*\*ADR:\*\* ⚠️ required but missing/);
		assert.match(md, /\*\*Reviewers to request:\*\* @bank\/payments @bank\/core-banking @alice-ng/);
	});

	test('annotations: one per file and contract by severity, plus the missing ADR', () => {
		const lines = renderForecastAnnotations(forecast()).trimEnd().split('\n');
		assert.equal(lines.length, 3);
		assert.match(lines[0], /^::warning file=services\/payments\/api\/openapi\.yaml,line=1,title=Contract%3A Payments HTTP API v2::services\/payments\/api\/openapi\.yaml is part of contract payments-api/);
		assert.match(lines[1], /^::error file=services\/payments\/auth\/token\.ts,line=1,title=Contract%3A Security baseline::/);
		assert.match(lines[2], /^::error title=ADR required::Contract payments-api requires an ADR/);
		const included = forecastReview(bank(), [{ path: 'services/payments/api/openapi.yaml', status: 'modified' }, { path: 'docs/adr/0013-x.md', status: 'added' }]);
		assert.doesNotMatch(renderForecastAnnotations(included), /ADR required/);
		assert.equal(renderForecastAnnotations(forecastReview(bank(), [{ path: 'README.md', status: 'modified' }])), '');
	});

	test('annotation escaping follows GitHub\'s rules', () => {
		assert.equal(escapeAnnotationData('50% done\r\nnext: a,b'), '50%25 done%0D%0Anext: a,b');
		assert.equal(escapeAnnotationProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
		const text = fixtureText('bank', 'guardrails.yaml').replace('guidance: Breaking changes', 'guidance: "100% sure:\\nBreaking changes"');
		const ctx = createDecisionContext({ config: parseGuardrails(text, 'guardrails.yaml') });
		const out = renderForecastAnnotations(forecastReview(ctx, [{ path: 'libs/payments/contracts/a,b:c.ts', status: 'added' }]));
		assert.match(out, /file=libs\/payments\/contracts\/a%2Cb%3Ac\.ts,line=1/);
		assert.match(out, /100%25 sure:%0ABreaking changes/);
		assert.equal(out.trimEnd().split('\n').length, 2, 'no raw newline inside a command');
	});
});
