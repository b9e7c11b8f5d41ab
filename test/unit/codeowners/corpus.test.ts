import * as assert from 'node:assert/strict';
import { lintCodeowners } from '../../../src/engine/codeowners/lint';
import type { Dialect } from '../../../src/engine/codeowners/types';
import { bruteForceOwners, parseAndCompile, readCorpus } from './helpers';

// Real files from /work/shared/bench/corpus (../shared/bench/corpus from the repository root).
// Unowned counts are the ones the corpus README gives for the right dialect.
const corpus: { folder: string; dialect: Dialect; unowned: number; files: number }[] = [
	{ folder: 'DataDog__integrations-extras', dialect: 'github', unowned: 30, files: 4320 },
	{ folder: 'DataDog__dd-trace-py', dialect: 'github', unowned: 0, files: 9995 },
	{ folder: 'espressif__esp-idf', dialect: 'gitlab', unowned: 0, files: 21202 },
	{ folder: 'NVIDIA__warp', dialect: 'gitlab', unowned: 585, files: 1228 },
];

suite('CODEOWNERS corpus', () => {
	for (const c of corpus) {
		test(`${c.folder}: ${c.unowned} of ${c.files} files unowned (${c.dialect})`, function () {
			const data = readCorpus(c.folder);
			if (data === undefined) {
				this.skip();
			}
			const { parsed, index } = parseAndCompile(data.text, c.dialect);
			assert.equal(data.files.length, c.files);
			const unowned = data.files.filter((f) => index.resolve(f).owners.length === 0).length;
			assert.equal(unowned, c.unowned);
			const summary = lintCodeowners(parsed, { files: data.files, index }).filter((p) => p.code === 'unowned-files');
			assert.equal(summary.length, c.unowned > 0 ? 1 : 0);
			// Every 7th path against brute force: the index must not change any answer.
			for (let i = 0; i < data.files.length; i += 7) {
				assert.deepEqual(index.resolve(data.files[i]).owners, bruteForceOwners(parsed, data.files[i]).owners, data.files[i]);
			}
		});
	}

	test('NVIDIA__warp: 16 sections, path lines inherit their header defaults', function () {
		const data = readCorpus('NVIDIA__warp');
		if (data === undefined) {
			this.skip();
		}
		const { parsed, index } = parseAndCompile(data.text, 'gitlab');
		assert.equal(parsed.sections.length, 17, 'unnamed + 16 named');
		assert.equal(parsed.rules.length, 74);
		assert.equal(parsed.problems.length, 0);
		const docs = index.resolve('docs/index.rst');
		assert.ok(docs.sections.some((s) => s.name === 'Docs and Examples' && s.optional));
	});

	test('apache__nuttx parses, skips the lines with bad owners and reports them', function () {
		const data = readCorpus('apache__nuttx');
		if (data === undefined) {
			this.skip();
		}
		const { parsed, index } = parseAndCompile(data.text, 'github');
		const badLines = new Set(parsed.problems.filter((p) => p.code === 'malformed-entry-owner').map((p) => p.line));
		assert.equal(parsed.rules.length, 16717 - badLines.size);
		// The README names these kinds of bad tokens: a {ID}+{username} template, dependabot[bot],
		// and `git diff --stat` text; all must be reported.
		const text = parsed.problems.map((p) => p.message).join('\n');
		assert.match(text, /\{ID\}\+\{username\}@users\.noreply\.github\.com/);
		assert.match(text, /dependabot\[bot\]@users\.noreply\.github\.com/);
		assert.match(text, /`insertion\(\+\)`/);
		assert.ok(badLines.has(246));
		// One problem per line, however many bad tokens it has (line 246 has ten).
		assert.equal(parsed.problems.filter((p) => p.code === 'malformed-entry-owner').length, badLines.size);
		assert.ok(badLines.size >= 16);
		const lines = data.text.split('\n');
		for (const line of badLines) {
			assert.ok(!parsed.rules.some((r) => r.line === line), `line ${line} is skipped`);
			assert.ok(lines[line - 1].trim().length > 0);
		}
		// Documentation/components/* appears twice: the earlier copy is dead.
		const duplicates = lintCodeowners(parsed, { index }).filter((p) => p.code === 'duplicate-pattern');
		assert.deepEqual(duplicates.map((p) => p.line), [66]);
		// `dir/*` is single-level on GitHub: roughly a third of the files are unowned.
		const unowned = data.files.filter((f) => index.resolve(f).owners.length === 0).length;
		assert.ok(unowned > data.files.length / 4 && unowned < data.files.length / 2, `${unowned}`);
		for (let i = 0; i < data.files.length; i += 97) {
			assert.deepEqual(index.resolve(data.files[i]).owners, bruteForceOwners(parsed, data.files[i]).owners, data.files[i]);
		}
	});
});
