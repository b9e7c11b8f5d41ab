import * as assert from 'node:assert/strict';
import { generateImportRepo } from '../../../tools/bench/importRepo';
import { compileGuardrails } from '../../../src/engine/guardrails/domainIndex';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { BoundaryRulesIndex } from '../../../src/engine/imports/boundaryCheck';
import { extractImports, scanBoundaries } from '../../../src/engine/imports/boundaryScan';

// Small: the generator's shape does not depend on scale.
const files = 1_000;

suite('bench: synthetic import repository', () => {
	test('the same seed gives the same repository, of about the asked size', () => {
		const a = generateImportRepo({ seed: 's', files });
		const b = generateImportRepo({ seed: 's', files });
		assert.deepEqual([...a.files.entries()], [...b.files.entries()]);
		assert.ok(a.files.size <= files && a.files.size > files * 0.95, `${a.files.size} files`);
		assert.notDeepEqual([...generateImportRepo({ seed: 't', files }).files.values()], [...a.files.values()]);
	});

	test('the config is valid and the engine finds every kind of verdict in it', async () => {
		const repo = generateImportRepo({ seed: 's', files });
		const config = parseGuardrails(repo.files.get('guardrails.yaml') ?? '', 'guardrails.yaml');
		assert.deepEqual(config.problems.filter((p) => p.severity === 'error'), []);
		const report = await scanBoundaries({ readFile: async (p) => repo.files.get(p) }, [...repo.files.keys()], new BoundaryRulesIndex(config, compileGuardrails(config)));
		const count = (status: string): number => report.findings.filter((f) => f.status === status).length;
		assert.ok(count('allowed-public') > 100, `public uses: ${count('allowed-public')}`);
		assert.ok(count('violation') > 0 && count('violation') < report.findings.length / 10, `violations: ${count('violation')}`);
		assert.ok(count('allowed-exception') > 0, 'some deep imports are accepted exceptions');
		assert.ok(count('dependency-not-declared') > 0, 'some imports reach a domain not in dependsOn');
		assert.equal(count('violation') + count('allowed-exception'), repo.deepImports, 'every deep import, and nothing else, reaches internals');
		assert.deepEqual(report.skipped, []);
	});

	test('imports written in comments and strings are not imports', () => {
		const repo = generateImportRepo({ seed: 's', files });
		const sources = [...repo.files.entries()].filter(([p]) => p.endsWith('.ts'));
		const extracted = sources.reduce((n, [p, text]) => n + extractImports(p, text).imports.length, 0);
		const exportLines = sources.reduce((n, [p, text]) => n + (p.endsWith('/index.ts') ? text.split('\n').filter((l) => l.startsWith('export *')).length : 0), 0);
		assert.equal(extracted, repo.imports + exportLines);
	});
});
