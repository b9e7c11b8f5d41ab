import * as assert from 'assert';
import { extractImportSpecifiers } from '../../../src/engine/imports/importSpecifiers';

function specifiers(text: string): string[] {
	return extractImportSpecifiers(text).map((s) => `${s.kind}:${s.specifier}`);
}

suite('extractImportSpecifiers', () => {
	test('finds every import form in file order', () => {
		const text = [
			`import { post } from '../../../libs/ledger/src/post';`,
			`import type { Customer } from "@acme/customer-model";`,
			`import './polyfill';`,
			`export { a } from './a';`,
			`export * from './b'`,
			`const fs = require('fs');`,
			`const lazy = await import('./lazy');`,
			`import x = require('./legacy');`,
		].join('\n');
		assert.deepStrictEqual(specifiers(text), [
			'import:../../../libs/ledger/src/post',
			'import:@acme/customer-model',
			'import:./polyfill',
			'export:./a',
			'export:./b',
			'require:fs',
			'dynamic:./lazy',
			'require:./legacy',
		]);
	});

	test('reports the line and the columns of the string literal', () => {
		const text = `// header\nimport {\n\ta,\n\tb,\n} from '@ledger/post';\n`;
		const [found] = extractImportSpecifiers(text);
		assert.strictEqual(found.line, 4);
		assert.strictEqual(found.startColumn, 7);
		assert.strictEqual(found.endColumn, 21);
		assert.strictEqual(text.split('\n')[4].slice(found.startColumn, found.endColumn), `'@ledger/post'`);
	});

	test('ignores imports inside comments, strings and templates', () => {
		const text = [
			`// import { a } from './commented';`,
			`/* require('./block') */`,
			`const s = "import x from './in-string'";`,
			'const t = `import("./in-template")`;',
			`import { real } from './real';`,
		].join('\n');
		assert.deepStrictEqual(specifiers(text), ['import:./real']);
	});

	test('ignores member calls and a `from` outside import/export statements', () => {
		const text = [
			`const list = Array.from('abc');`,
			`loader.require('./not-an-import');`,
			`const from = 'x';`,
		].join('\n');
		assert.deepStrictEqual(specifiers(text), []);
	});

	test('keeps escaped quotes inside a specifier and skips an unterminated string', () => {
		assert.deepStrictEqual(specifiers(`import a from 'it\\'s';\nimport b from './broken\n`), ['import:it\'s']);
	});
});
