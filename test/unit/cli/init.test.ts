import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { cleanUp, cli, emptyRepo, git, tempDir, write } from './cliHarness';

interface ProblemJson {
	severity: string;
	code: string;
	file: string;
}

/** A small monorepo: CODEOWNERS with an umbrella and a catch-all, an OpenAPI spec, an ADR, one commit. */
function fixtureRepo(): string {
	const repo = emptyRepo();
	write(repo, '.github/CODEOWNERS', [
		'*                     @acme/platform',
		'/services/payments/   @acme/maintainers @acme/payments',
		'/services/ledger/     @acme/maintainers @acme/ledger',
		'/libs/models/         @acme/maintainers @acme/ledger',
		'/web/                 @acme/maintainers @acme/web',
		'',
	].join('\n'));
	write(repo, 'services/payments/src/refunds.ts', 'import { Customer } from "../../../libs/models/customer";\n');
	write(repo, 'services/payments/http/service.yaml', 'openapi: 3.1.0\ninfo:\n  title: Payments API\n');
	write(repo, 'services/ledger/src/post.ts', 'export const post = 1;\n');
	write(repo, 'services/ledger/db/migrations/001_init.sql', 'create table entry();\n');
	write(repo, 'libs/models/customer.ts', 'export interface Customer { id: string }\n');
	write(repo, 'web/app.ts', 'import "../libs/models/customer";\n');
	write(repo, 'docs/adr/0001-version-the-payments-api.md', '# Version the Payments API\n\nStatus: accepted\n');
	write(repo, '.github/workflows/ci.yml', 'on: push\n');
	write(repo, 'README.md', '# acme\n');
	git(repo, 'add', '-A');
	git(repo, 'commit', '-q', '-m', 'init');
	return repo;
}

suite('cli init', () => {
	suiteTeardown(cleanUp);

	test('writes a draft that lints with no errors, and never overwrites it without --force', async () => {
		const repo = fixtureRepo();
		const first = await cli(['init'], repo);
		assert.equal(first.code, 0, first.stderr);
		assert.match(first.stdout, /^Wrote guardrails\.yaml: 4 domains, 4 teams, 5 contracts, 1 ADR folder\./);
		const draft = readFileSync(path.join(repo, 'guardrails.yaml'), 'utf8');
		assert.match(draft, /^ {2}payments: {2}# 2 files, \.github\/CODEOWNERS line 2$/m);
		assert.match(draft, /^ {2}platform: {2}# \d+ files, \.github\/CODEOWNERS line 1 \(catch-all rule: the fallback domain\)$/m);
		assert.match(draft, /@acme\/maintainers co-owns 4 rules \(nearly all\): read as an umbrella group, not a domain/);
		assert.match(draft, /Suggested from git history.*Test User <alice@acme-bank\.example> \(1 commit\)/);
		assert.match(draft, /^ {2}payments-api: {2}# OpenAPI 3\.1\.0 document in services\/payments\/http\/service\.yaml$/m);
		assert.match(draft, /^ {2}shared-models: {2}# imported 2 times from 2 other domains \(payments, web\)$/m);

		const lint = await cli(['lint', '--json'], repo);
		const problems = JSON.parse(lint.stdout) as ProblemJson[];
		assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
		assert.deepEqual([...new Set(problems.filter((p) => p.file === 'guardrails.yaml' && p.severity === 'warning').map((p) => p.code))], ['lead-missing']);

		const who = await cli(['who', 'services/payments/src/refunds.ts'], repo);
		assert.match(who.stdout, /^Lead: not set\. Set org\.teams\.payments\.lead \(or domains\.payments\.lead\) in guardrails\.yaml to the person who decides here\.$/m);

		const again = await cli(['init'], repo);
		assert.equal(again.code, 2);
		assert.match(again.stderr, /^guardrails: guardrails\.yaml already exists in .*; init never overwrites it\. Use --stdout to print a draft, or --force to replace guardrails\.yaml\n$/);
		assert.equal(readFileSync(path.join(repo, 'guardrails.yaml'), 'utf8'), draft);
		const forced = await cli(['init', '--force'], repo);
		assert.equal(forced.code, 0, forced.stderr);
		assert.equal(readFileSync(path.join(repo, 'guardrails.yaml'), 'utf8'), draft, 'same repository, same bytes');
	});

	test('--stdout prints the same bytes it would write; --json prints the model with evidence', async () => {
		const repo = fixtureRepo();
		const printed = await cli(['init', '--stdout'], repo);
		assert.equal(printed.code, 0);
		assert.equal(existsSync(path.join(repo, 'guardrails.yaml')), false, '--stdout writes nothing');
		await cli(['init'], repo);
		assert.equal(readFileSync(path.join(repo, 'guardrails.yaml'), 'utf8'), printed.stdout);
		const json = await cli(['init', '--json'], repo);
		const model = JSON.parse(json.stdout) as { domains: { id: string; paths: string[]; evidence: string }[]; sources: { codeowners: string } };
		assert.equal(model.sources.codeowners, '.github/CODEOWNERS');
		assert.deepEqual(model.domains.map((d) => [d.id, d.paths]), [
			['ledger', ['libs/models/**', 'services/ledger/**']],
			['payments', ['services/payments/**']],
			['platform', ['**']],
			['web', ['web/**']],
		]);
		assert.ok(model.domains.every((d) => d.evidence.length > 0));
	});

	test('--files-from drafts from a list and reads no history', async () => {
		const dir = tempDir();
		write(dir, 'CODEOWNERS', '/a/ @o/alpha\n/b/ @o/beta\n');
		write(dir, 'files.txt', 'a/1.py\na/2.py\nb/1.py\nCODEOWNERS\n');
		const result = await cli(['init', '--stdout', '--files-from', 'files.txt'], dir);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^# CODEOWNERS \(2 rules\), 4 files, no git history\.$/m);
		assert.match(result.stdout, /^ {2}alpha: {2}# 2 files, CODEOWNERS line 1$/m);
	});

	test('no CODEOWNERS and no catalog: a commented skeleton', async () => {
		const repo = emptyRepo();
		write(repo, 'main.c', 'int main;\n');
		git(repo, 'add', '-A');
		const result = await cli(['init', '--stdout'], repo);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /# Nothing to infer domains from/);
	});

	test('refuses to write through a symbolic link, and takes no paths', async () => {
		const repo = fixtureRepo();
		const outside = tempDir();
		symlinkSync(path.join(outside, 'target.yaml'), path.join(repo, 'guardrails.yaml'));
		const result = await cli(['init', '--force'], repo);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /is not a regular file \(a link or a folder\); init does not write through it/);
		assert.equal(existsSync(path.join(outside, 'target.yaml')), false);
		const paths = await cli(['init', 'src'], repo);
		assert.equal(paths.code, 2);
		assert.match(paths.stderr, /init takes no paths/);
	});
});
