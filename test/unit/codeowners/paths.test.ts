import * as assert from 'node:assert/strict';
import { isNormalRepoPath, normalizeRepoPath, parentPath } from '../../../src/engine/paths';

suite('engine paths', () => {
	test('isNormalRepoPath accepts engine-form paths only', () => {
		for (const ok of ['a', 'a/b.c', '.env', '.github/x', 'a/..b', '', 'a\\b']) {
			assert.equal(isNormalRepoPath(ok), true, ok);
		}
		for (const bad of ['/a', './a', 'a/', 'a//b', 'a/./b', '.', 'a/.']) {
			assert.equal(isNormalRepoPath(bad), false, bad);
		}
	});

	test('normalizeRepoPath', () => {
		assert.equal(normalizeRepoPath('./src//a.c'), 'src/a.c');
		assert.equal(normalizeRepoPath('/src/a/'), 'src/a');
		// A backslash is a character on the code hosts (issue 14).
		assert.equal(normalizeRepoPath('src\\win\\a.c'), 'src\\win\\a.c');
		assert.equal(normalizeRepoPath('a/./b'), 'a/b');
		assert.equal(normalizeRepoPath('.'), '');
		assert.equal(normalizeRepoPath('src/a.c'), 'src/a.c');
	});

	test('parentPath', () => {
		assert.equal(parentPath('a/b/c'), 'a/b');
		assert.equal(parentPath('c'), '');
	});
});
