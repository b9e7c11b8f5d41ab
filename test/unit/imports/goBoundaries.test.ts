import * as assert from 'assert';
import { extractGoImports, parseGoMod } from '../../../src/engine/imports/goImports';
import { scanFixture, summary } from './helpers';

suite('boundaries: Go fixture', () => {
	test('import blocks across two modules joined by a replace directive', async () => {
		const report = await scanFixture('go');
		assert.deepStrictEqual(summary(report), [
			'services/payments/refunds.go:7 example.com/bank/ledger -> libs/ledger/ledger.go allowed-public',
			'services/payments/refunds.go:8 example.com/bank/ledger/internal/postings -> libs/ledger/internal/postings/postings.go violation',
		]);
	});

	test('a replace that leaves the repository is noted, not followed', async () => {
		const report = await scanFixture('go');
		assert.strictEqual(report.notes.length, 1);
		assert.match(report.notes[0], /example\.com\/outside => \.\.\/\.\.\/\.\.\/\.\.\/outside leaves the repository/);
	});

	test('comments, raw strings and later declarations do not count', () => {
		const text = 'package x\n// import "a"\nimport (\n\t"b" // c\n\t/* "d" */\n\tm "e"\n)\nvar s = `import "f"`\nfunc g() {}\nimport "h"\n';
		assert.deepStrictEqual(extractGoImports(text).map((i) => i.specifier), ['b', 'e']);
	});

	test('go.mod: module with a trailing comment, replace blocks, versioned replaces ignored', () => {
		const mod = parseGoMod('module example.com/m // c\nreplace (\n\ta => ./a\n\tb v1 => ../b\n\tc => d v1.0.0\n)\n');
		assert.strictEqual(mod.module, 'example.com/m');
		assert.deepStrictEqual([...mod.replaces], [['a', './a'], ['b', '../b']]);
	});
});
