import * as assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { cleanUp, cli, demoRepo, demoRoot, emptyRepo, git, tempDir, testEnv, write } from './cliHarness';

interface DecisionJson {
	path: string;
	domain: { id: string; title: string } | null;
	lead: { id: string; name: string } | null;
	deputies: { id: string; name: string }[];
	codeowners: { owners: string[]; file: string; line: number; pattern: string } | null;
	contracts: { id: string; level: string; approvals: number; adr: string }[];
	review: { level: string; forum: boolean };
	crossTeam: boolean | null;
}

interface ForecastJson {
	files: { path: string; status: string; oldPath?: string; domain: string | null; contracts: string[] }[];
	contracts: { id: string; level: string }[];
	forum: boolean;
	adrRequired: boolean;
	adrIncluded: boolean;
}

suite('cli who', () => {
	suiteTeardown(cleanUp);

	test('--json answers with the domain lead, deputies, code owners and contracts', async () => {
		const result = await cli(['who', '--json', '--me', 'bob', 'services/payments/api/openapi.yaml', 'libs/ledger/journal.ts'], demoRoot);
		assert.equal(result.code, 0, result.stderr);
		const [api, ledger] = JSON.parse(result.stdout) as DecisionJson[];
		assert.deepEqual(api.domain, { id: 'payments', title: 'Payments' });
		assert.deepEqual(api.lead, { id: 'alice', name: 'Alice Ng' });
		assert.deepEqual(api.deputies, [{ id: 'bob', name: 'Bob Ortiz' }]);
		assert.deepEqual(api.contracts.map((c) => [c.id, c.level, c.approvals, c.adr]), [['payments-api', 'architecture', 2, 'required']]);
		assert.deepEqual(api.review, { level: 'architecture', forum: true });
		assert.equal(api.crossTeam, false);
		assert.equal(ledger.domain?.id, 'core-banking');
		assert.deepEqual(ledger.codeowners?.owners, ['@acme-bank/core-banking']);
		assert.equal(ledger.crossTeam, true);
	});

	test('identity defaults to git config user.email', async () => {
		const repo = demoRepo('chen@acme-bank.example');
		const [decision] = JSON.parse((await cli(['who', '--json', 'libs/ledger/journal.ts'], repo)).stdout) as DecisionJson[];
		assert.equal(decision.crossTeam, false);
		const [other] = JSON.parse((await cli(['who', '--json', 'services/payments/src/index.ts'], repo)).stdout) as DecisionJson[];
		assert.equal(other.crossTeam, true);
	});

	test('CODEOWNERS alone still answers: the owners are known, no lead or contract', async () => {
		const root = tempDir();
		write(root, '.github/CODEOWNERS', '* @org/platform\n/api/ @org/api-team\n');
		const result = await cli(['who', '--json', 'api/spec.yaml'], root);
		assert.equal(result.code, 0, result.stderr);
		const [decision] = JSON.parse(result.stdout) as DecisionJson[];
		assert.deepEqual(decision.codeowners, { owners: ['@org/api-team'], file: '.github/CODEOWNERS', line: 2, pattern: '/api/' });
		assert.equal(decision.lead, null);
		assert.deepEqual(decision.contracts, []);
	});

	test('the text answer names the lead first and warns about an unknown --me', async () => {
		const result = await cli(['who', '--me', 'nobody@example.com', 'services/payments/src/refunds.ts'], demoRoot);
		assert.equal(result.code, 0);
		const lines = result.stdout.split('\n');
		const first = lines.findIndex((line) => /^\s+1\. /.test(line));
		assert.match(lines[first], /Alice Ng/);
		assert.match(result.stderr, /^guardrails: warning: --me nobody@example\.com matches no person in guardrails\.yaml\n$/);
	});
});

suite('cli check', () => {
	suiteTeardown(cleanUp);

	function featureBranch(email = 'bob@acme-bank.example'): string {
		const repo = demoRepo(email);
		git(repo, 'checkout', '-q', '-b', 'feature');
		return repo;
	}

	test('touching a contract that requires an ADR fails until an ADR is part of the change', async () => {
		const repo = featureBranch();
		write(repo, 'services/payments/api/openapi.yaml', 'openapi: 3.1.0\n');
		git(repo, 'commit', '-q', '-am', 'change the API');
		const failing = await cli(['check', '--json'], repo);
		assert.equal(failing.code, 1);
		assert.match(failing.stderr, /^guardrails: check failed: contract payments-api requires an ADR/);
		const forecast = JSON.parse(failing.stdout) as ForecastJson;
		assert.deepEqual(forecast.files, [{ path: 'services/payments/api/openapi.yaml', status: 'modified', domain: 'payments', contracts: ['payments-api'] }]);
		assert.equal(forecast.adrRequired, true);
		assert.equal(forecast.adrIncluded, false);
		// An ADR left untracked in the working tree counts: the forecast covers the working tree.
		write(repo, 'docs/adr/0007-payments-api-v3.md', '# Payments API v3\n\n## Status\n\nProposed\n');
		const passing = await cli(['check', '--json'], repo);
		assert.equal(passing.code, 0, passing.stderr);
		const after = JSON.parse(passing.stdout) as ForecastJson;
		assert.equal(after.adrIncluded, true);
		assert.ok(after.files.some((f) => f.path === 'docs/adr/0007-payments-api-v3.md' && f.status === 'added'));
	});

	test('--fail-on architecture fails on architecture-level contracts; never always passes', async () => {
		const repo = featureBranch();
		write(repo, 'infra/terraform/modules/network/main.tf', '# changed\n');
		assert.equal((await cli(['check'], repo)).code, 0);
		const strict = await cli(['check', '--fail-on', 'architecture'], repo);
		assert.equal(strict.code, 1);
		assert.match(strict.stderr, /terraform-modules needs architecture review/);
		write(repo, 'libs/security/index.ts', '// weaker\n');
		assert.equal((await cli(['check', '--fail-on', 'never'], repo)).code, 0);
		assert.equal((await cli(['check'], repo)).code, 1);
	});

	test('renames, deletions and staged changes are part of the change set', async () => {
		const repo = featureBranch();
		git(repo, 'mv', 'libs/ledger/money.ts', 'libs/ledger/amounts.ts');
		git(repo, 'rm', '-q', 'db/migrations/0003_create_refunds.sql');
		const forecast = JSON.parse((await cli(['check', '--json'], repo)).stdout) as ForecastJson;
		assert.deepEqual(forecast.files.map((f) => [f.path, f.status, f.oldPath ?? null]), [
			['db/migrations/0003_create_refunds.sql', 'deleted', null],
			['libs/ledger/amounts.ts', 'renamed', 'libs/ledger/money.ts'],
		]);
		assert.deepEqual(forecast.contracts.map((c) => c.id), ['db-migrations']);
	});

	test('--base compares with another ref; the default falls back to master', async () => {
		const repo = emptyRepo();
		git(repo, 'checkout', '-q', '-b', 'master');
		write(repo, 'CODEOWNERS', '* @everyone\n');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'one');
		write(repo, 'a.txt', 'a');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'two');
		const fromMaster = JSON.parse((await cli(['check', '--json'], repo)).stdout) as ForecastJson;
		assert.deepEqual(fromMaster.files, []);
		const fromParent = JSON.parse((await cli(['check', '--json', '--base', 'HEAD~1'], repo)).stdout) as ForecastJson;
		assert.deepEqual(fromParent.files.map((f) => f.path), ['a.txt']);
	});

	test('without a merge base the base ref itself is used, with a warning', async () => {
		const repo = emptyRepo();
		write(repo, 'CODEOWNERS', '* @everyone\n');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'main');
		git(repo, 'checkout', '-q', '--orphan', 'unrelated');
		write(repo, 'b.txt', 'b');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'unrelated');
		const result = await cli(['check', '--json', '--base', 'main'], repo);
		assert.equal(result.code, 0);
		assert.equal(result.stderr, 'guardrails: warning: HEAD and main have no merge base (a shallow clone?); comparing with main itself\n');
		assert.deepEqual((JSON.parse(result.stdout) as ForecastJson).files.map((f) => [f.path, f.status]), [['b.txt', 'added']]);
	});

	test('given paths are checked as modified without git', async () => {
		const result = await cli(['check', '--json', 'libs/shared-models/customer/index.ts'], demoRoot);
		assert.equal(result.code, 0, result.stderr);
		const forecast = JSON.parse(result.stdout) as ForecastJson;
		assert.deepEqual(forecast.files, [{ path: 'libs/shared-models/customer/index.ts', status: 'modified', domain: 'core-banking', contracts: ['customer-model'] }]);
	});

	test('markdown and github formats', async () => {
		const repo = demoRepo();
		const markdown = await cli(['check', '--format', 'markdown', '--fail-on', 'never', 'services/payments/api/openapi.yaml'], repo);
		assert.match(markdown.stdout, /^## Review forecast\n/);
		const github = await cli(['check', '--format', 'github', 'services/payments/api/openapi.yaml'], repo);
		assert.equal(github.code, 1);
		assert.match(github.stdout, /^::warning file=services\/payments\/api\/openapi\.yaml,line=1,/m);
		assert.match(github.stdout, /^::error title=ADR required::/m);
	});

	test('a repository without commits, a missing ref and no default branch are clear errors', async () => {
		const repo = emptyRepo();
		write(repo, 'CODEOWNERS', '* @a\n');
		const noCommits = await cli(['check'], repo);
		assert.equal(noCommits.code, 2);
		assert.equal(noCommits.stderr, 'guardrails: the repository has no commits yet; commit something or pass the paths to check\n');
		git(repo, 'checkout', '-q', '-b', 'topic');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'one');
		const missingRef = await cli(['check', '--base', 'origin/nope'], repo);
		assert.equal(missingRef.code, 2);
		assert.equal(missingRef.stderr, "guardrails: unknown revision 'origin/nope' (--base)\n");
		const noDefault = await cli(['check'], repo);
		assert.equal(noDefault.code, 2);
		assert.match(noDefault.stderr, /^guardrails: cannot find the default branch .*pass --base REF\n$/);
		const optionLike = await cli(['check', '--base=--output=x'], repo);
		assert.equal(optionLike.code, 2);
	});

	test('a root inside a larger repository: changes are limited to it, annotations name repository paths', async () => {
		const repo = emptyRepo();
		write(repo, 'other/file.txt', 'x');
		cpSync(demoRoot, path.join(repo, 'bank'), { recursive: true });
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'one');
		write(repo, 'other/file.txt', 'changed');
		write(repo, 'bank/services/payments/api/openapi.yaml', 'openapi: 3.1.0\n');
		const forecast = JSON.parse((await cli(['check', '--json', '--root', 'bank'], repo)).stdout) as ForecastJson;
		assert.deepEqual(forecast.files.map((f) => f.path), ['services/payments/api/openapi.yaml']);
		const github = await cli(['check', '--format', 'github'], path.join(repo, 'bank', 'services'));
		assert.match(github.stdout, /^::warning file=bank\/services\/payments\/api\/openapi\.yaml,line=1,/m);
	});

	test('git missing from PATH is one clear line', async () => {
		const repo = demoRepo();
		const result = await cli(['check'], repo, testEnv({ PATH: '' }));
		assert.equal(result.code, 2);
		assert.equal(result.stderr, 'guardrails: git was not found on PATH; install git or pass the paths explicitly\n');
	});
});
