import * as assert from 'assert';
import { extractPythonImports } from '../../../src/engine/imports/pythonImports';
import { scanFixture, summary } from './helpers';

suite('boundaries: Python fixture', () => {
	test('absolute imports through src/ and package_dir roots, namespace packages, relative imports, exceptions', async () => {
		const report = await scanFixture('python');
		assert.deepStrictEqual(summary(report), [
			'services/payments/src/payments/refunds.py:7 ledger -> libs/ledger/src/ledger/api.py allowed-public',
			'services/payments/src/payments/refunds.py:8 ledger.internal -> libs/ledger/src/ledger/internal/postings.py violation',
			'services/payments/src/payments/refunds.py:9 ledger.internal.legacy -> libs/ledger/src/ledger/internal/legacy.py allowed-exception',
			'services/payments/src/payments/refunds.py:10 customers.model -> libs/customers/lib/customers/model.py allowed-public',
			'services/payments/src/payments/refunds.py:15 infra -> infra/infra/client.py dependency-not-declared',
			'services/payments/src/payments/refunds.py:21 ledger -> libs/ledger/src/ledger/__init__.py allowed-public',
		]);
	});

	test('comments, docstrings and f-strings that look like imports do not count', () => {
		const text = [
			'"""import a.b"""',
			"s = 'from x import y'",
			'# import c',
			'x = f"""',
			'import d',
			'"""',
			'rb"import e"',
			'import real.one as r, other',
			'from ..pkg.mod import (a as b,',
			'    c)',
			'value.import_thing()',
		].join('\n');
		assert.deepStrictEqual(extractPythonImports(text).map((i) => [i.specifier, i.line, i.names ?? null]), [
			['real.one', 8, null],
			['other', 8, null],
			['..pkg.mod', 9, ['a', 'c']],
		]);
	});

	test('a syntax error mid-edit still yields the complete statements before and after it', () => {
		const text = 'import ok\nfrom broken import (\nimport later\n';
		const specs = extractPythonImports(text).map((i) => i.specifier);
		assert.ok(specs.includes('ok'));
	});
});
