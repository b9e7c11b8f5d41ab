import * as assert from 'assert';
import { parseJsonc, stripJsonc } from '../../../src/engine/imports/jsonc';

suite('jsonc', () => {
	test('removes comments and trailing commas but not text inside strings', () => {
		const text = `{\n\t// line\n\t"a": "http://x/*y*/", /* block */\n\t"b": [1, 2,],\n}`;
		assert.deepStrictEqual(parseJsonc(text), { a: 'http://x/*y*/', b: [1, 2] });
	});

	test('keeps newlines so line numbers survive', () => {
		const text = `{ /* a\nb */ "x": 1 }`;
		assert.strictEqual(stripJsonc(text).split('\n').length, 2);
	});

	test('keeps a comma inside a string and an escaped quote', () => {
		assert.deepStrictEqual(parseJsonc(`{ "a": "x,}", "b": "say \\"hi\\"", }`), { a: 'x,}', b: 'say "hi"' });
	});

	test('returns undefined for text that is not JSON even without comments', () => {
		assert.strictEqual(parseJsonc('{ "a": }'), undefined);
	});
});
