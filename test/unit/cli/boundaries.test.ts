import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cleanUp, cli, demoRepo, git, repoRoot, write } from './cliHarness';

const fixture = path.join(repoRoot, 'test', 'fixtures', 'boundaries', 'typescript');

interface BoundariesJson {
	files: number;
	imports: { file: string; line: number; status: string; code: string | null; severity: string | null; target: string; from: string; to: string }[];
	edges: { from: string; to: string; total: number; counts: Record<string, number> }[];
	skipped: { file: string; reason: string }[];
}

suite('cli boundaries', () => {
	suiteTeardown(cleanUp);

	test('text lists each verdict, the edge counts and a summary; exit 0 without --fail-on', async () => {
		const result = await cli(['boundaries', '--root', fixture], repoRoot);
		assert.equal(result.code, 0, result.stderr);
		assert.match(result.stdout, /^violation \(1\)\n {2}services\/payments\/src\/bad\.ts:1:27 {2}payments -> ledger {2}@ledger\/internal\/postings -> libs\/ledger\/internal\/postings\.ts\n/);
		assert.match(result.stdout, /payments -> ledger {5}4 \(1 breaking\)/);
		assert.match(result.stdout, /6 cross-domain import\(s\) in 12 file\(s\): 1 violation\(s\), 1 undeclared dependency, 1 exception\(s\), 3 public use\(s\)\.\n$/);
	});

	test('--json carries every import with status, code and severity, and the edges', async () => {
		const result = await cli(['boundaries', '--root', fixture, '--json'], repoRoot);
		const data = JSON.parse(result.stdout) as BoundariesJson;
		assert.deepEqual(data.imports.map((i) => [i.file, i.line, i.status, i.code, i.severity]), [
			['services/payments/src/bad.ts', 1, 'violation', 'boundary-violation', 'error'],
			['services/payments/src/bad.ts', 2, 'dependency-not-declared', 'undeclared-dependency', 'warning'],
			['services/payments/src/legacy.ts', 1, 'allowed-exception', null, null],
			['services/payments/src/ok.ts', 1, 'allowed-public', null, null],
			['services/payments/src/ok.ts', 2, 'allowed-public', null, null],
			['services/payments/src/ok.ts', 3, 'allowed-public', null, null],
		]);
		assert.deepEqual(data.edges.map((e) => `${e.from}>${e.to}:${e.total}`), ['payments>customers:1', 'payments>infra:1', 'payments>ledger:4']);
	});

	test('markdown has the edge table and the breaking imports', async () => {
		const result = await cli(['boundaries', '--root', fixture, '--format', 'markdown'], repoRoot);
		assert.match(result.stdout, /^## Domain boundaries\n/);
		assert.match(result.stdout, /\| payments \| ledger \| 4 \| 1 \| 0 \| 1 \|/);
		assert.match(result.stdout, /### Imports that break a boundary\n\n\| where \| import \| reaches \| why \|\n\| --- \| --- \| --- \| --- \|\n\| `services\/payments\/src\/bad\.ts:1` \| `@ledger\/internal\/postings` \|/);
		assert.match(result.stdout, /### Accepted exceptions[\s\S]*Legacy refunds read postings[\s\S]*\(\[ADR\]\(docs\/adr\/0007-legacy-postings\.md\)\)/);
	});

	test('github annotations name the file from the repository root, one per breaking import', async () => {
		const result = await cli(['boundaries', '--root', fixture, '--format', 'github'], repoRoot);
		const lines = result.stdout.trim().split('\n');
		assert.equal(lines.length, 2);
		assert.match(lines[0], /^::error file=test\/fixtures\/boundaries\/typescript\/services\/payments\/src\/bad\.ts,line=1,col=27,title=boundary-violation::Payments → Ledger/);
		assert.match(lines[1], /^::warning file=.*bad\.ts,line=2,col=25,title=undeclared-dependency::/);
	});

	test('sarif is a valid 2.1.0 log with a rule per code and a located result per breaking import', async () => {
		const result = await cli(['boundaries', '--root', fixture, '--format', 'sarif'], repoRoot);
		const log = JSON.parse(result.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
		assert.equal(log.version, '2.1.0');
		const run = log.runs[0];
		assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ['boundary-violation', 'undeclared-dependency']);
		assert.deepEqual(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]), [
			['boundary-violation', 0, 'error', 'test/fixtures/boundaries/typescript/services/payments/src/bad.ts', 1],
			['undeclared-dependency', 1, 'warning', 'test/fixtures/boundaries/typescript/services/payments/src/bad.ts', 2],
		]);
	});

	test('html is one self-contained page with the SVG graph, violations marked, and no script', async () => {
		const result = await cli(['boundaries', '--root', fixture, '--format', 'html'], repoRoot);
		assert.match(result.stdout, /^<!DOCTYPE html>/);
		assert.match(result.stdout, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" role="img"/);
		assert.match(result.stdout, /<g class="edge violation" data-from="payments" data-to="ledger">/);
		assert.match(result.stdout, /<g class="edge" data-from="payments" data-to="customers">/);
		assert.match(result.stdout, /data-domain="infra"/);
		assert.doesNotMatch(result.stdout, /<script|src=|href="http/);
	});

	test('--fail-on violation exits 1; bad flags are usage errors', async () => {
		const failing = await cli(['boundaries', '--root', fixture, '--fail-on', 'violation'], repoRoot);
		assert.equal(failing.code, 1);
		assert.match(failing.stderr, /boundaries failed: 2 import\(s\) break a domain boundary/);
		const bad = await cli(['boundaries', '--root', fixture, '--format', 'pdf'], repoRoot);
		assert.equal(bad.code, 2);
		assert.match(bad.stderr, /--format must be one of text, markdown, github, json, sarif, gitlab, html/);
		const contradict = await cli(['boundaries', '--root', fixture, '--json', '--format', 'text'], repoRoot);
		assert.equal(contradict.code, 2);
	});
});

suite('cli check: boundaries in a change', () => {
	suiteTeardown(cleanUp);

	test('reports only the breaking imports on new or changed lines, and fails with --fail-on boundary', async () => {
		const repo = demoRepo();
		git(repo, 'checkout', '-q', '-b', 'feature');
		// refunds.ts already imports libs/ledger/journal (a violation on main): not this change's doing.
		write(repo, 'services/payments/src/fees.ts', "import { postJournalEntry } from '@ledger/journal';\nexport const fee = postJournalEntry;\n");
		const text = await cli(['check', '--me', 'alice'], repo);
		assert.match(text.stdout, /Imports that break a domain boundary \(new or changed lines\):\n {2}services\/payments\/src\/fees\.ts:1:35 {2}Payments → Core Banking: libs\/ledger\/journal\.ts is internal/);
		assert.doesNotMatch(text.stdout, /refunds\.ts:2/);
		const json = JSON.parse((await cli(['check', '--me', 'alice', '--json'], repo)).stdout) as { boundaries: { file: string; line: number; code: string }[] };
		assert.deepEqual(json.boundaries.map((b) => [b.file, b.line, b.code]), [['services/payments/src/fees.ts', 1, 'boundary-violation']]);
		assert.equal(text.code, 0, 'the default --fail-on contract does not fail on imports');
		const failing = await cli(['check', '--me', 'alice', '--fail-on', 'boundary'], repo);
		assert.equal(failing.code, 1);
		assert.match(failing.stderr, /the change adds 1 import\(s\) that break a domain boundary/);
		const annotations = await cli(['check', '--me', 'alice', '--format', 'github'], repo);
		assert.match(annotations.stdout, /::warning file=services\/payments\/src\/fees\.ts,line=1,col=35,title=boundary-violation::/);
	});

	test('an edit on another line of a file with an old violation adds nothing', async () => {
		const repo = demoRepo();
		git(repo, 'checkout', '-q', '-b', 'feature');
		write(repo, 'services/payments/src/refunds.ts', `${(await import('node:fs')).readFileSync(path.join(repo, 'services/payments/src/refunds.ts'), 'utf8')}\nexport const touched = true;\n`);
		const result = await cli(['check', '--me', 'alice', '--fail-on', 'boundary', '--json'], repo);
		assert.equal(result.code, 0, result.stderr);
		assert.deepEqual((JSON.parse(result.stdout) as { boundaries: unknown[] }).boundaries, []);
	});
});
