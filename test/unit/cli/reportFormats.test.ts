import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { docsBaseUrl } from '../../../src/vscode/constants';
import { diagnosticHelpUri, docsBaseUrl as engineDocsBaseUrl } from '../../../src/engine/docs';
import { toSarifLog } from '../../../src/cli/formats/sarif';
import { toGitlabCodeQuality } from '../../../src/cli/formats/gitlabCodeQuality';
import type { Finding } from '../../../src/cli/formats/findings';
import { cleanUp, cli, demoRepo, emptyRepo, git, repoRoot, write } from './cliHarness';

const schema = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
/** The schema's string formats, checked (ajv ignores unknown formats, which would hide a bad URI). */
const formats = {
	uri: (value: string): boolean => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(value),
	'uri-reference': (value: string): boolean => !/[\s\u0000-\u001f]/.test(value),
	'date-time': (value: string): boolean => /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)),
};
const validateSarif = new Ajv({ allErrors: true, strict: false, formats }).compile(schema);

function assertValidSarif(log: unknown): void {
	const valid = validateSarif(log);
	assert.ok(valid, JSON.stringify(validateSarif.errors, null, 2));
}

interface SarifLog {
	version: string;
	runs: {
		tool: { driver: { name: string; rules: { id: string; helpUri: string; defaultConfiguration: { level: string } }[] } };
		results: {
			ruleId: string;
			ruleIndex: number;
			level: string;
			message: { text: string };
			locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endColumn?: number } } }[];
			fingerprints: Record<string, string>;
		}[];
	}[];
}

interface CodeQualityIssue {
	description: string;
	check_name: string;
	fingerprint: string;
	severity: string;
	location: { path: string; lines: { begin: number } };
}

const findings: Finding[] = [
	{ code: 'malformed-entry-owner', severity: 'error', message: '`x` is not a valid owner', path: '.github/CODEOWNERS', line: 2, column: 7, endColumn: 8 },
	{ code: 'no-match', severity: 'warning', message: 'This pattern matches no file in the repository.', path: 'dir with space/CODEOWNERS', line: 3, column: 1, endColumn: 7 },
	{ code: 'no-match', severity: 'warning', message: 'This pattern matches no file in the repository.', path: 'dir with space/CODEOWNERS', line: 9, column: 1 },
	{ code: 'unowned-files', severity: 'info', message: '3 of 45 files have no code owner.', path: '.github/CODEOWNERS', line: 1, column: 1, endLine: 1, endColumn: 2 },
];

suite('report formats: SARIF 2.1.0 and GitLab Code Quality', () => {
	suiteTeardown(cleanUp);

	test('the schema fixture rejects a log that breaks it (the validator is live)', () => {
		assert.equal(validateSarif({ version: '2.1.0', runs: [{ results: [] }] }), false, 'a run without a tool must be invalid');
		assert.equal(validateSarif({ version: '2.0.0', runs: [] }), false);
		assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x', informationUri: 'not a uri' } } }] }), false, 'formats are checked');
	});

	test('SARIF: one rule per code with its help link, one result per finding, severity as level', () => {
		const log = toSarifLog(findings, { version: '1.2.3' }) as SarifLog;
		assertValidSarif(log);
		const run = log.runs[0];
		assert.deepEqual(run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level]), [['malformed-entry-owner', 'error'], ['no-match', 'warning'], ['unowned-files', 'note']]);
		assert.equal(run.tool.driver.rules[1].helpUri, `${docsBaseUrl}diagnostics.md#no-match`);
		assert.deepEqual(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level]), [['malformed-entry-owner', 0, 'error'], ['no-match', 1, 'warning'], ['no-match', 1, 'warning'], ['unowned-files', 2, 'note']]);
		const location = run.results[1].locations[0].physicalLocation;
		assert.equal(location.artifactLocation.uri, 'dir%20with%20space/CODEOWNERS');
		assert.deepEqual(location.region, { startLine: 3, startColumn: 1, endColumn: 7 });
		// Equal findings on other lines keep apart; the same finding moved keeps its fingerprint.
		const prints = run.results.map((r) => Object.values(r.fingerprints)[0]);
		assert.equal(new Set(prints).size, prints.length);
		const moved = toSarifLog(findings.map((f) => ({ ...f, line: f.line + 5 })), { version: '1.2.3' }) as SarifLog;
		assert.deepEqual(moved.runs[0].results.map((r) => Object.values(r.fingerprints)[0]), prints);
		assertValidSarif(toSarifLog([], { version: '1.2.3' }));
	});

	test('the help links go to docs/diagnostics.md anchors, the same base as the editor\'s', () => {
		assert.equal(engineDocsBaseUrl, docsBaseUrl);
		assert.equal(diagnosticHelpUri('no-match'), `${docsBaseUrl}diagnostics.md#no-match`);
	});

	test('GitLab: description, check_name, a stable fingerprint, severity on GitLab\'s scale, path and line', () => {
		const issues = toGitlabCodeQuality(findings);
		assert.deepEqual(issues[0], {
			description: '`x` is not a valid owner',
			check_name: 'malformed-entry-owner',
			fingerprint: issues[0].fingerprint,
			severity: 'major',
			location: { path: '.github/CODEOWNERS', lines: { begin: 2 } },
		});
		assert.deepEqual(issues.map((i) => i.severity), ['major', 'minor', 'minor', 'info']);
		assert.match(issues[0].fingerprint, /^[0-9a-f]{64}$/);
		assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
		assert.deepEqual(toGitlabCodeQuality(findings).map((i) => i.fingerprint), issues.map((i) => i.fingerprint));
	});

	test('lint --format sarif and gitlab report the problems with repository paths', async () => {
		const repo = emptyRepo();
		write(repo, 'sub/CODEOWNERS', '* @org/team\n/docs/ @org/docs not-an-owner\n/nothing/ @org/x\n');
		write(repo, 'sub/a.txt', 'a');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'one');
		const sarif = await cli(['lint', '--format', 'sarif', '--root', 'sub'], repo);
		assert.equal(sarif.code, 1, 'an error still fails lint');
		const log = JSON.parse(sarif.stdout) as SarifLog;
		assertValidSarif(log);
		assert.deepEqual(log.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]),
			[['malformed-entry-owner', 'sub/CODEOWNERS', 2], ['no-match', 'sub/CODEOWNERS', 3]]);
		const gitlab = JSON.parse((await cli(['lint', '--format', 'gitlab', '--root', 'sub'], repo)).stdout) as CodeQualityIssue[];
		assert.deepEqual(gitlab.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]),
			[['malformed-entry-owner', 'major', 'sub/CODEOWNERS', 2], ['no-match', 'minor', 'sub/CODEOWNERS', 3]]);
		const contradiction = await cli(['lint', '--json', '--format', 'sarif'], repo);
		assert.equal(contradiction.code, 2);
	});

	test('check --format sarif and gitlab: contract edits, the missing ADR at its contract, rule edits', async () => {
		const repo = demoRepo('bob@acme-bank.example');
		git(repo, 'checkout', '-q', '-b', 'feature');
		write(repo, 'services/payments/api/openapi.yaml', 'openapi: 3.1.0\n');
		write(repo, 'CODEOWNERS', '* @someone-new\n');
		const sarif = await cli(['check', '--format', 'sarif'], repo);
		assert.equal(sarif.code, 1);
		const log = JSON.parse(sarif.stdout) as SarifLog;
		assertValidSarif(log);
		const results = log.runs[0].results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri]);
		assert.deepEqual(results, [
			['contract-edit', 'warning', 'services/payments/api/openapi.yaml'],
			['adr-required', 'error', 'guardrails.yaml'],
			['rules-edited', 'note', 'CODEOWNERS'],
		]);
		const gitlab = JSON.parse((await cli(['check', '--format', 'gitlab'], repo)).stdout) as CodeQualityIssue[];
		assert.deepEqual(gitlab.map((i) => [i.check_name, i.severity]), [['contract-edit', 'minor'], ['adr-required', 'major'], ['rules-edited', 'info']]);
		assert.ok(gitlab[1].location.lines.begin > 1, 'the ADR finding points at the contract entry');
	});

	test('boundaries --format sarif validates and gitlab has the documented fields, for every breaking import', async () => {
		const fixture = path.join(repoRoot, 'test', 'fixtures', 'boundaries', 'typescript');
		const sarif = await cli(['boundaries', '--root', fixture, '--format', 'sarif'], repoRoot);
		assert.equal(sarif.code, 0, sarif.stderr);
		const log = JSON.parse(sarif.stdout) as SarifLog;
		assertValidSarif(log);
		assert.deepEqual(log.runs[0].results.map((r) => r.ruleId), ['boundary-violation', 'undeclared-dependency']);
		assert.equal(log.runs[0].tool.driver.rules[0].helpUri, `${docsBaseUrl}diagnostics.md#boundary-violation`);
		const gitlab = await cli(['boundaries', '--root', fixture, '--format', 'gitlab'], repoRoot);
		const issues = JSON.parse(gitlab.stdout) as CodeQualityIssue[];
		assert.deepEqual(issues.map((i) => [i.check_name, i.location.path, i.location.lines.begin]), [
			['boundary-violation', 'test/fixtures/boundaries/typescript/services/payments/src/bad.ts', 1],
			['undeclared-dependency', 'test/fixtures/boundaries/typescript/services/payments/src/bad.ts', 2],
		]);
		assert.ok(issues.every((i) => i.description.length > 0 && i.fingerprint.length > 0 && ['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity)));
	});
});
