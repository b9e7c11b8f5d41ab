import * as assert from 'node:assert/strict';
import { parseCatalog } from '../../../src/engine/inference/backstage';
import { renderDraft } from '../../../src/engine/inference/renderDraft';
import { infer, lintDraft, many } from './helpers';
import type { Repo } from './helpers';

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: payments, title: Payments }
spec: { owner: group:default/payments-team }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: checkout }
spec: { owner: payments-team, domain: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments-team }
spec: { type: team, profile: { displayName: Payments Team }, parent: engineering, children: [], members: [alice, bob] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { profile: { displayName: Alice Ng, email: alice@bank.example }, memberOf: [payments-team] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { profile: { displayName: Bob Ortiz }, memberOf: [payments-team] }
`;

const paymentsComponent = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-service }
spec: { type: service, owner: payments-team, system: checkout, providesApis: [payments-api] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: payments-api, title: Payments HTTP API }
spec: { type: openapi, owner: payments-team, system: checkout, definition: { $text: ./api/openapi.yaml } }
`;

const ledgerComponent = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ledger }
spec: { type: service, owner: group:ledger-team, consumesApis: [api:payments-api] }
`;

function backstageRepo(): Repo {
	return {
		'.github/CODEOWNERS': '* @bank/platform\n/services/payments/ @bank/payments-team\n',
		'catalog-info.yaml': catalog,
		'services/payments/catalog-info.yaml': paymentsComponent,
		'services/payments/api/openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: Payments\n',
		...many('services/payments/src', 3, 'ts'),
		'services/ledger/catalog-info.yaml': ledgerComponent,
		...many('services/ledger/src', 2, 'ts'),
		'README.md': '',
	};
}

suite('init: Backstage catalogs', () => {
	test('Domains/Systems become domains, Groups teams with members, APIs contracts with consumers', async () => {
		const model = await infer(backstageRepo());
		assert.deepEqual(model.sources.catalogs, ['catalog-info.yaml', 'services/ledger/catalog-info.yaml', 'services/payments/catalog-info.yaml']);
		assert.deepEqual(model.domains.map((d) => [d.id, d.title, d.team, d.paths.join(' ')]), [
			['ledger-team', 'ledger-team', 'ledger-team', 'services/ledger/**'],
			['payments', 'Payments', 'payments-team', 'services/payments/**'],
			['platform', 'platform', 'platform', '**'],
		]);
		const team = model.teams.find((t) => t.id === 'payments-team');
		assert.deepEqual(team && [team.name, team.members, team.handles], ['Payments Team', ['alice', 'bob'], { github: '@bank/payments-team' }]);
		assert.ok(team);
		assert.match(team.evidence, /Backstage Group payments-team \(catalog-info\.yaml:\d+\), parent engineering; CODEOWNERS @bank\/payments-team/);
		assert.deepEqual(model.people.map((p) => [p.id, p.name, p.emails]), [['alice', 'Alice Ng', ['alice@bank.example']], ['bob', 'Bob Ortiz', []]]);
		const api = model.contracts.filter((c) => c.kind === 'api').map((c) => [c.id, c.title, c.owner, c.paths.join(' '), c.consumers.join(' '), c.level]);
		assert.deepEqual(api, [['payments-api', 'Payments HTTP API', 'payments', 'services/payments/api/openapi.yaml', 'ledger-team', 'consumers']]);
	});

	test('hostile catalogs are skipped with the reason, never a crash or a read outside the repository', async () => {
		const bomb = `kind: Component\nmetadata:\n  name: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
		assert.match(parseCatalog('bomb/catalog-info.yaml', bomb).skipped[0].reason, /alias/i);
		assert.match(parseCatalog('big/catalog-info.yaml', `# ${'x'.repeat(600 * 1024)}\n`).skipped[0].reason, /larger than 512 KB/);
		assert.match(parseCatalog('bad/catalog-info.yaml', 'kind: [unclosed\n').skipped[0].reason, /YAML error at line 2: Flow sequence/);
		const escape = parseCatalog('svc/catalog-info.yaml', 'kind: API\nmetadata: { name: a }\nspec: { definition: { $text: ../../../etc/passwd } }\n---\nkind: API\nmetadata: { name: b }\nspec: { definition: { $text: "https://evil.example/x.yaml" } }\n---\nkind: Spaceship\nmetadata: { name: c }\n');
		assert.deepEqual(escape.skipped.map((s) => s.reason), [
			'API a: its definition "../../../etc/passwd" leaves the repository; no contract drafted',
			'API b: its definition "https://evil.example/x.yaml" is outside the repository; no contract drafted',
			'unknown Backstage kind "Spaceship"; skipped',
		]);
		const model = await infer({ ...many('src', 2), 'catalog-info.yaml': bomb, 'x/catalog-info.yaml': '\u0000\u0001' });
		assert.deepEqual(model.domains, []);
		assert.equal(model.skipped.length, 2, JSON.stringify(model.skipped));
	});
});

suite('init: the draft', () => {
	test('passes guardrails lint with no errors; each unset lead is a lead-missing warning', async () => {
		const repo = backstageRepo();
		const draft = renderDraft(await infer(repo));
		const problems = await lintDraft(repo, draft);
		assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
		assert.deepEqual([...new Set(problems.filter((p) => p.severity === 'warning').map((p) => p.code))], ['lead-missing']);
		assert.match(draft, /^ {2}payments: {2}# \d+ files, Backstage Domain payments \(catalog-info\.yaml:1\)/m);
		assert.match(draft, /# lead: not set\./);
		assert.doesNotMatch(draft, /^\s+lead:/m, 'a lead is never written');
	});

	test('is byte-for-byte deterministic, whatever the order of the file list', async () => {
		const repo = backstageRepo();
		const once = renderDraft(await infer(repo));
		const reversed: Repo = Object.fromEntries(Object.entries(repo).reverse());
		assert.equal(renderDraft(await infer(reversed)), once);
	});

	test('suggested leads are a comment, marked as suggestions', async () => {
		const repo = backstageRepo();
		const draft = renderDraft(await infer(repo, { history: [{ name: 'Alice Ng', email: 'alice@bank.example', files: ['services/payments/src/f0.ts'] }] }));
		assert.match(draft, /# Suggested from git history, most active in the last 12 months \(suggestions only, not verified\): Alice Ng <alice@bank\.example> \(1 commit\)/);
	});

	test('with nothing to infer it is a commented skeleton that still lints clean', async () => {
		const repo = { 'main.c': 'int main;' };
		const draft = renderDraft(await infer(repo));
		assert.match(draft, /^version: 1$/m);
		assert.match(draft, /# Nothing to infer domains from/);
		assert.deepEqual(await lintDraft(repo, draft), []);
	});

	test('repository text in comments cannot break the YAML', async () => {
		const repo = { '.gitlab/CODEOWNERS': '[Evil\u2028Section\r] @a\nsrc/\n', 'src/a': '' };
		const draft = renderDraft(await infer(repo));
		assert.deepEqual((await lintDraft(repo, draft)).filter((p) => p.severity === 'error'), []);
	});
});
