import * as assert from 'node:assert/strict';
import { parseAdr } from '../../../src/engine/guardrails/adr';
import { decisionToJson, findContractCrossings, noDomainsHint, ownerLabel, renderDecisionMarkdown, renderDecisionText, reviewRequestText, reviewText } from '../../../src/engine/guardrails/decisionRender';
import { resolveIdentity } from '../../../src/engine/guardrails/identity';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import type { Decider } from '../../../src/engine/guardrails/types';
import { createDecisionContext, whoDecides } from '../../../src/engine/guardrails/whoDecides';
import type { DecisionContextOptions } from '../../../src/engine/guardrails/whoDecides';
import { codeownersInput, fixtureText } from './helpers';

const configText = fixtureText('bank', 'guardrails.yaml');
const codeownersText = fixtureText('bank', '.github/CODEOWNERS');
const adrPaths = ['docs/adr/0003-old-api.md', 'docs/adr/0007-idempotent-payment-requests.md', 'docs/adr/0012-version-the-payments-api.md'];

function bank(options: Partial<DecisionContextOptions> & { who?: string } = {}) {
	const config = parseGuardrails(configText, 'guardrails.yaml');
	const adrs = adrPaths.map((p) => parseAdr(fixtureText('bank', p), p));
	return createDecisionContext({
		config,
		codeowners: codeownersInput(codeownersText),
		adrs,
		identity: resolveIdentity(config, options.who),
		...options,
	});
}

function describe(d: Decider): string {
	const who = d.who;
	const name = 'forum' in who ? `forum:${who.forum}` : 'id' in who ? `person:${who.id}` : `handle:${who.handle}`;
	return `${d.role} ${name}`;
}

function lineOf(text: string, needle: string): number {
	return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

suite('whoDecides', () => {
	test('a plain domain file: lead, deputy, CODEOWNERS, then the forum', () => {
		const d = whoDecides(bank(), 'services/payments/src/charge.ts');
		assert.equal(d.domain?.id, 'payments');
		assert.equal(d.team?.id, 'payments');
		assert.deepEqual(d.lead, { id: 'alice', name: 'Alice Ng', handle: '@alice-ng' });
		assert.deepEqual(d.deputies.map((p) => p.id), ['bob']);
		assert.deepEqual(d.chain.map(describe), ['lead person:alice', 'deputy person:bob', 'codeowner handle:@bank/payments', 'forum forum:Architecture Review']);
		assert.deepEqual(d.contracts, []);
		assert.deepEqual(d.review, { level: 'none', forum: false });
		assert.equal(d.crossTeam, null, 'unknown identity');
		assert.deepEqual(d.drift, []);
		// Sources point at the team's lead key and the CODEOWNERS line.
		assert.equal(d.chain[0].source.line, lineOf(configText, 'lead: alice'));
		assert.equal(d.chain[2].source.file, '.github/CODEOWNERS');
		assert.equal(d.chain[2].source.line, lineOf(codeownersText, '/services/payments/ '));
	});

	test('a contract at architecture level: owner lead, then the forum with the ADR', () => {
		const d = whoDecides(bank(), 'services/payments/api/openapi.yaml');
		assert.deepEqual(d.contracts.map((c) => c.contract.id), ['payments-api']);
		assert.deepEqual(d.review, { level: 'architecture', forum: true });
		assert.deepEqual(d.chain.map(describe), ['lead person:alice', 'deputy person:bob', 'codeowner handle:@bank/payments', 'contract-owner person:alice', 'forum forum:Architecture Review']);
		assert.match(d.chain[4].why, /architecture review and an ADR/);
		assert.equal(d.chain[4].source.line, lineOf(configText, 'level: architecture'));
		assert.deepEqual(d.contracts[0].consumerLeads.map((p) => p.id), ['chen']);
		// Domain ADR (Nygard), contract ADR (front matter) — current ones first.
		assert.deepEqual(d.adrs.map((a) => [a.path, a.status]), [['docs/adr/0007-idempotent-payment-requests.md', 'accepted'], ['docs/adr/0012-version-the-payments-api.md', 'proposed']]);
	});

	test('consumers level: the consumer leads of every other domain for "*"', () => {
		const d = whoDecides(bank(), 'libs/shared-models/customer/customer.ts');
		assert.equal(d.domain?.id, 'core-banking');
		assert.deepEqual(d.review, { level: 'consumers', forum: false });
		assert.deepEqual(d.chain.map(describe), [
			'lead person:chen',
			'codeowner handle:@bank/core-banking',
			'contract-owner person:chen',
			'consumer-lead person:alice',
			'consumer-lead person:dana',
			'forum forum:Architecture Review',
		]);
	});

	test('the review level is the highest of the contracts', () => {
		const text = configText.replace('paths: ["**/auth/**"]', 'paths: ["**/auth/**", services/payments/api/**]');
		const d = whoDecides(bank({ config: parseGuardrails(text, 'guardrails.yaml') }), 'services/payments/api/openapi.yaml');
		assert.deepEqual(d.contracts.map((c) => c.contract.id), ['payments-api', 'security-baseline']);
		assert.equal(d.review.level, 'architecture');
		const owner = whoDecides(bank(), 'services/payments/auth/token.ts');
		assert.equal(owner.review.level, 'owner');
		assert.equal(owner.chain.filter((c) => c.role === 'forum').length, 1, 'the forum owns the security baseline');
		assert.match(owner.chain.find((c) => c.role === 'forum')?.why ?? '', /Owns contract "Security baseline"/);
	});

	test('a domain lead override', () => {
		const d = whoDecides(bank(), 'infra/main.tf');
		assert.equal(d.lead?.id, 'dana');
		assert.equal(d.chain[0].source.line, lineOf(configText, 'lead: dana'));
	});

	test('cross-team: known user on another team, own team, unknown', () => {
		assert.equal(whoDecides(bank({ who: 'fay@bank.example' }), 'services/payments/src/charge.ts').crossTeam, true);
		assert.equal(whoDecides(bank({ who: '@bob-o' }), 'services/payments/src/charge.ts').crossTeam, false);
		assert.equal(whoDecides(bank({ who: 'nobody' }), 'services/payments/src/charge.ts').crossTeam, null);
	});

	test('CODEOWNERS drift is reported on the decision', () => {
		const d = whoDecides(bank(), 'services/payments/legacy/old.ts');
		assert.equal(d.drift.length, 1);
		assert.equal(d.drift[0].code, 'codeowners-drift');
		assert.equal(d.drift[0].line, lineOf(codeownersText, 'legacy'));
		assert.equal(d.drift[0].message, 'CODEOWNERS gives services/payments/legacy/old.ts to @bank/core-banking, but it is in the Payments domain (@bank/payments).');
	});

	test('CODEOWNERS-only mode: the owning handle is the domain, no lead or contracts', () => {
		const ctx = createDecisionContext({ codeowners: codeownersInput(codeownersText) });
		const d = whoDecides(ctx, 'services/core-banking/src/ledger.ts');
		assert.equal(d.domain?.id, '@bank/core-banking');
		assert.equal(d.team, null);
		assert.equal(d.lead, null);
		assert.deepEqual(d.contracts, []);
		assert.deepEqual(d.chain.map(describe), ['codeowner handle:@bank/core-banking']);
		assert.deepEqual(decisionToJson(d).codeowners, { owners: ['@bank/core-banking'], file: '.github/CODEOWNERS', line: lineOf(codeownersText, 'services/core-banking'), pattern: '/services/core-banking/' });
	});

	test('GitLab sections appear in the chain with their approvals', () => {
		const gitlab = '[Backend][2] @bank/backend\nservices/**\n\n^[Docs] @bank/docs\nservices/**/*.md\n';
		const ctx = createDecisionContext({ codeowners: codeownersInput(gitlab, 'gitlab', 'CODEOWNERS') });
		const d = whoDecides(ctx, 'services/readme.md');
		const owners = d.chain.filter((c) => c.role === 'codeowner');
		assert.deepEqual(owners.map(describe), ['codeowner handle:@bank/backend', 'codeowner handle:@bank/docs']);
		assert.match(owners[0].why, /\[Backend\].*2 approvals/);
		assert.match(owners[1].why, /\[Docs\] \(optional\)/);
	});

	test('answers are memoized in a bounded map', () => {
		const ctx = bank({ cacheSize: 3 });
		const first = whoDecides(ctx, 'a');
		assert.equal(whoDecides(ctx, 'a'), first, 'same object from the memo');
		for (const p of ['b', 'c', 'd', 'e']) {
			whoDecides(ctx, p);
		}
		assert.equal(ctx.cachedCount, 3);
		assert.notEqual(whoDecides(ctx, 'a'), first, 'evicted entries are recomputed');
	});
});

suite('decision output', () => {
	test('decisionToJson has exactly the documented shape', () => {
		const json = decisionToJson(whoDecides(bank({ who: 'fay' }), 'services/payments/api/openapi.yaml'));
		assert.deepEqual(json, {
			path: 'services/payments/api/openapi.yaml',
			domain: { id: 'payments', title: 'Payments' },
			team: { id: 'payments', name: 'Payments' },
			lead: { id: 'alice', name: 'Alice Ng' },
			deputies: [{ id: 'bob', name: 'Bob Ortiz' }],
			codeowners: { owners: ['@bank/payments'], file: '.github/CODEOWNERS', line: lineOf(codeownersText, '/services/payments/ '), pattern: '/services/payments/' },
			contracts: [{ id: 'payments-api', title: 'Payments HTTP API v2', kind: 'api', owner: 'payments', level: 'architecture', approvals: 2, adr: 'required' }],
			review: { level: 'architecture', forum: true },
			adrs: [
				{ path: 'docs/adr/0007-idempotent-payment-requests.md', title: '7. Idempotent payment requests', status: 'accepted' },
				{ path: 'docs/adr/0012-version-the-payments-api.md', title: 'Version the payments API', status: 'proposed' },
			],
			crossTeam: true,
		});
		assert.deepEqual(JSON.parse(JSON.stringify(json)), json, 'plain JSON');
	});

	test('a path in no domain and no rule', () => {
		const ctx = createDecisionContext({ config: parseGuardrails(configText, 'guardrails.yaml') });
		const json = decisionToJson(whoDecides(ctx, 'README.md'));
		assert.equal(json.domain, null);
		assert.equal(json.codeowners, null);
		assert.equal(json.lead, null);
	});

	test('text names an ownerless CODEOWNERS rule as deliberate, not as a gap', () => {
		const config = parseGuardrails(configText, 'guardrails.yaml');
		const ctx = createDecisionContext({ config, codeowners: codeownersInput('* @bank/everyone\n/scratch/\n') });
		const ownerless = renderDecisionText(whoDecides(ctx, 'scratch/notes.md')).split('\n')[1];
		assert.equal(ownerless, 'Domain: none (unowned: .github/CODEOWNERS:2 `/scratch/` has no owners)');
		const owned = renderDecisionText(whoDecides(ctx, 'README.md')).split('\n')[1];
		assert.equal(owned, 'Domain: none (only CODEOWNERS covers this path)');
		const bare = createDecisionContext({ config });
		assert.equal(renderDecisionText(whoDecides(bare, 'README.md')).split('\n')[1], 'Domain: none (no domain and no CODEOWNERS rule covers this path)');
	});

	test('CODEOWNERS alone: a person is an "Owner", a team a "Team", never a "Domain", with a pointer to set domains up (issue 13 item 8)', () => {
		const ctx = createDecisionContext({ config: null, codeowners: codeownersInput('* @mmacklin\n/docs/ @org/docs\n/mail/ dev@example.com\n') });
		const person = whoDecides(ctx, 'warp/native/tile_reduce.h');
		assert.deepEqual(ownerLabel(person), { label: 'Owner', value: '@mmacklin', team: null, hint: noDomainsHint });
		assert.deepEqual(ownerLabel(whoDecides(ctx, 'docs/a.md'))?.label, 'Team');
		assert.deepEqual(ownerLabel(whoDecides(ctx, 'mail/x'))?.label, 'Owner');
		const text = renderDecisionText(person).split('\n');
		assert.equal(text[1], `Owner: @mmacklin (from CODEOWNERS; ${noDomainsHint})`);
		assert.ok(!renderDecisionMarkdown(person).includes('**Domain:**'));
		assert.match(renderDecisionMarkdown(whoDecides(ctx, 'docs/a.md')), /\*\*Team:\*\* @org\/docs/);
		// With guardrails.yaml the domain keeps its name.
		assert.deepEqual(ownerLabel(whoDecides(bank(), 'services/payments/api/openapi.yaml'))?.label, 'Domain');
	});

	test('a path with code owners needs "code owner review", not "none" (issue 13 item 5)', () => {
		const ctx = createDecisionContext({ config: null, codeowners: codeownersInput('* @mmacklin\n/scratch/\n') });
		const owned = whoDecides(ctx, 'src/a.c');
		assert.equal(reviewText(owned), 'code owner review (required when branch protection asks for code owner approval)');
		assert.match(renderDecisionText(owned), /^Review: code owner review \(required when branch protection asks for code owner approval\)$/m);
		assert.equal(reviewText(whoDecides(ctx, 'scratch/x')), 'none');
	});

	test('text reads as an answer, most local decider first', () => {
		const text = renderDecisionText(whoDecides(bank({ who: 'fay' }), 'services/payments/api/openapi.yaml'));
		const lines = text.split('\n');
		assert.equal(lines[0], 'Who decides services/payments/api/openapi.yaml?');
		assert.equal(lines[1], 'Domain: Payments (team Payments)');
		assert.match(lines[3], /^ {2}1\. Alice Ng \(@alice-ng\), domain lead: .*\[guardrails\.yaml:\d+\]$/);
		assert.match(lines[5], /^ {2}3\. @bank\/payments, code owner: Code owner of record: \.github\/CODEOWNERS line \d+/);
		assert.ok(text.indexOf('Bob Ortiz') < text.indexOf('@bank/payments'));
		assert.ok(text.indexOf('@bank/payments') < text.indexOf('Architecture Review'));
		assert.match(text, /Payments HTTP API v2 \(api, owned by payments\): architecture review, 2 approvals, ADR required/);
		assert.match(text, /Review: architecture \(architecture forum needed\)/);
		assert.match(text, /cross-team edit/);
	});

	test('markdown card has the chain table and escapes cells', () => {
		const config = parseGuardrails(configText.replace('title: Payments\n', 'title: Pay|ments\n'), 'guardrails.yaml');
		const md = renderDecisionMarkdown(whoDecides(bank({ config }), 'services/payments/api/openapi.yaml'));
		assert.match(md, /^### Who decides `services\/payments\/api\/openapi\.yaml`\?/);
		assert.match(md, /\*\*Domain:\*\* Pay\\\|ments/);
		assert.match(md, /\| 1 \| Alice Ng \(@alice-ng\) \| domain lead \|/);
		assert.match(md, /Code owner of record: \.github\/CODEOWNERS line \d+ \(`\/services\/payments\/`\)/, 'code spans in the why text stay code');
		assert.match(md, /\[Version the payments API\]\(docs\/adr\/0012-version-the-payments-api\.md\) — proposed/);
	});

	test('contract crossings carry what the editor warning needs', () => {
		const ctx = bank({ who: 'fay' });
		const crossings = findContractCrossings(whoDecides(ctx, 'services/payments/api/openapi.yaml'), ctx.config);
		assert.equal(crossings.crossTeam, true);
		assert.equal(crossings.owningTeam, 'Payments');
		assert.equal(crossings.contracts.length, 1);
		const [c] = crossings.contracts;
		assert.deepEqual(c.owner, { id: 'payments', title: 'Payments' });
		assert.equal(c.ownerLead?.id, 'alice');
		assert.equal(c.level, 'architecture');
		assert.equal(c.approvals, 2);
		assert.deepEqual(c.consumers, ['Core Banking']);
		assert.match(c.guidance ?? '', /proposed ADR/);
		assert.deepEqual(c.adrs.map((a) => a.path), ['docs/adr/0012-version-the-payments-api.md']);
		assert.equal(c.source.line, lineOf(configText, 'payments-api:'));
		const everyone = findContractCrossings(whoDecides(ctx, 'libs/shared-models/customer/customer.ts'), ctx.config);
		assert.deepEqual(everyone.contracts[0].consumers, ['everyone']);
	});

	test('review request names who must review and why', () => {
		const text = reviewRequestText(whoDecides(bank(), 'services/payments/api/openapi.yaml'));
		assert.match(text, /^Review request for services\/payments\/api\/openapi\.yaml \(Payments\)\./);
		assert.match(text, /- @alice-ng: domain lead, contract owner/);
		assert.match(text, /- @bank\/payments: CODEOWNERS/);
		assert.match(text, /- Architecture Review: architecture forum/);
		assert.doesNotMatch(text, /@bob-o/, 'deputies are fall-backs');
		assert.match(text, /This touches contract Payments HTTP API v2/);
		const plain = reviewRequestText(whoDecides(bank(), 'services/payments/src/charge.ts'));
		assert.doesNotMatch(plain, /Architecture Review/, 'the catch-all forum is not requested');
	});
});
