import * as assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanUp, cli, demoRepo, demoRoot, emptyRepo, git, write } from './cliHarness';

interface RulesJson {
	base: string;
	edited: { file: string; kind: string; status: string }[];
	afterMerge: { filesCompared: number; filesChanged: number; examples: { path: string; aspect: string; before: string[]; after: string[] }[]; reviewers: string[] } | null;
}

interface ForecastJson {
	files: { path: string; domain: string | null; contracts: string[] }[];
	domains: { id: string | null; owners: { owners: string[] }[] }[];
	contracts: { id: string }[];
	reviewers: string[];
	rules?: RulesJson;
}

function featureBranch(): string {
	const repo = demoRepo('bob@acme-bank.example');
	git(repo, 'checkout', '-q', '-b', 'feature');
	return repo;
}

suite('cli check reads the rules at the base, as the host does', () => {
	suiteTeardown(cleanUp);

	test('a change that edits CODEOWNERS is forecast with the base branch\'s CODEOWNERS, and says what the edit changes', async () => {
		const repo = featureBranch();
		const codeowners = path.join(repo, '.github', 'CODEOWNERS');
		write(repo, '.github/CODEOWNERS', readFileSync(codeowners, 'utf8').replace(/^\/services\/payments\/ .*$/m, '/services/payments/ @acme-bank/newcomers'));
		write(repo, 'services/payments/src/refunds.ts', '// changed\n');
		git(repo, 'commit', '-q', '-am', 'hand payments to the newcomers');
		const result = await cli(['check', '--json', '--base', 'main'], repo);
		assert.equal(result.code, 0, result.stderr);
		const forecast = JSON.parse(result.stdout) as ForecastJson;
		// GitHub asks the owners on main, not the ones this pull request writes.
		assert.ok(forecast.reviewers.includes('@acme-bank/payments'), forecast.reviewers.join());
		assert.ok(!forecast.reviewers.includes('@acme-bank/newcomers'));
		assert.equal(forecast.rules?.base, 'main');
		assert.deepEqual(forecast.rules?.edited, [{ file: '.github/CODEOWNERS', kind: 'codeowners', status: 'modified' }]);
		const after = forecast.rules?.afterMerge;
		assert.ok(after !== null && after !== undefined);
		assert.ok(after.filesChanged >= 4, String(after.filesChanged));
		assert.deepEqual(after.examples.find((e) => e.path === 'services/payments/src/refunds.ts'),
			{ path: 'services/payments/src/refunds.ts', aspect: 'owners', before: ['@acme-bank/payments'], after: ['@acme-bank/newcomers'] });
		assert.ok(after.reviewers.includes('@acme-bank/newcomers'));
		const text = await cli(['check', '--base', 'main'], repo);
		assert.match(text.stdout, /^Rules: this change edits \.github\/CODEOWNERS \(modified\)\. The forecast above uses the rules on main, as the host does for this pull request; the new rules take effect after merge\.$/m);
		assert.match(text.stdout, /^ {2}services\/payments\/src\/refunds\.ts: owners @acme-bank\/payments → @acme-bank\/newcomers$/m);
		const markdown = await cli(['check', '--base', 'main', '--format', 'markdown'], repo);
		assert.match(markdown.stdout, /### ⚠️ This change edits the ownership rules/);
	});

	test('a change that edits guardrails.yaml is forecast with the base\'s domains and contracts', async () => {
		const repo = featureBranch();
		const config = readFileSync(path.join(repo, 'guardrails.yaml'), 'utf8');
		// Drop the payments-api contract on the branch: the host still sees it on main.
		const withoutContract = config.replace('paths: [services/payments/api/openapi.yaml, libs/payments/contracts/**]', 'paths: [libs/payments/contracts/**]');
		assert.notEqual(withoutContract, config, 'the demo names the contract path as expected');
		write(repo, 'guardrails.yaml', withoutContract);
		write(repo, 'services/payments/api/openapi.yaml', 'openapi: 3.1.0\n');
		git(repo, 'commit', '-q', '-am', 'quietly drop the contract');
		const result = await cli(['check', '--json', '--base', 'main'], repo);
		const forecast = JSON.parse(result.stdout) as ForecastJson;
		assert.deepEqual(forecast.contracts.map((c) => c.id), ['payments-api']);
		assert.equal(result.code, 1, 'the base\'s contract still requires an ADR');
		assert.deepEqual(forecast.rules?.edited, [{ file: 'guardrails.yaml', kind: 'guardrails', status: 'modified' }]);
		assert.deepEqual(forecast.rules?.afterMerge?.examples.find((e) => e.path === 'services/payments/api/openapi.yaml'),
			{ path: 'services/payments/api/openapi.yaml', aspect: 'contracts', before: ['payments-api'], after: [] });
	});

	test('a change that edits neither file says whose rules it used, and nothing more', async () => {
		const repo = featureBranch();
		write(repo, 'services/payments/src/refunds.ts', '// changed\n');
		const result = await cli(['check', '--json'], repo);
		const forecast = JSON.parse(result.stdout) as ForecastJson;
		assert.deepEqual(forecast.rules, { base: 'main', edited: [], afterMerge: null });
		assert.match((await cli(['check'], repo)).stdout, /^Rules: read from main, as the host does \(this change edits neither CODEOWNERS nor guardrails\.yaml\)\.$/m);
	});

	test('a CODEOWNERS the change adds takes effect only after merge', async () => {
		const repo = emptyRepo();
		write(repo, 'src/a.ts', 'a');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'no owners yet');
		git(repo, 'checkout', '-q', '-b', 'own-it');
		write(repo, 'CODEOWNERS', '* @org/platform\n');
		write(repo, 'src/a.ts', 'b');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'add CODEOWNERS');
		const result = await cli(['check', '--json'], repo);
		assert.equal(result.code, 0, result.stderr);
		const forecast = JSON.parse(result.stdout) as ForecastJson;
		assert.deepEqual(forecast.reviewers, []);
		assert.deepEqual(forecast.rules?.edited, [{ file: 'CODEOWNERS', kind: 'codeowners', status: 'added' }]);
		assert.deepEqual(forecast.rules?.afterMerge?.reviewers, ['@org/platform']);
	});

	test('the lookup order applies at the base, and a root in a subdirectory reads its own files there', async () => {
		const repo = emptyRepo();
		cpSync(demoRoot, path.join(repo, 'bank'), { recursive: true });
		write(repo, 'bank/CODEOWNERS', '* @lower-precedence\n');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'one');
		git(repo, 'checkout', '-q', '-b', 'topic');
		git(repo, 'rm', '-q', 'bank/.github/CODEOWNERS');
		write(repo, 'bank/libs/ledger/money.ts', '// changed\n');
		git(repo, 'commit', '-q', '-am', 'drop the GitHub one');
		const forecast = JSON.parse((await cli(['check', '--json', '--root', 'bank'], repo)).stdout) as ForecastJson;
		// On main .github/CODEOWNERS outranks the root file.
		assert.ok(forecast.reviewers.includes('@acme-bank/core-banking'), forecast.reviewers.join());
		assert.ok(!forecast.reviewers.includes('@lower-precedence'));
		assert.deepEqual(forecast.rules?.edited.map((e) => [e.file, e.status]), [['.github/CODEOWNERS', 'deleted']]);
	});
});
