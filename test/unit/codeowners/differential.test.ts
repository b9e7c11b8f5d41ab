import * as assert from 'node:assert/strict';
import { matchFile, parse } from 'codeowners-utils';
import { codeownersLocations } from '../../../src/engine/codeowners/locations';
import { CODEOWNERS_PATHS } from 'codeowners-utils';
import type { Dialect } from '../../../src/engine/codeowners/types';
import { parseAndCompile } from './helpers';

// Section 5.1 of the semantics reference: where codeowners-utils (gitignore via `ignore`) differs
// from the hosts. Each case asserts our answer is the host's and that the library's is the
// documented wrong one, so the baseline itself is checked too.
interface DiffCase {
	name: string;
	dialect: Dialect;
	codeowners: string;
	path: string;
	host: string[];
	library: string[] | null;
}

const cases: DiffCase[] = [
	{ name: 'docs/* owns nested files', dialect: 'github', codeowners: 'docs/* @d\n', path: 'docs/a/b.md', host: [], library: ['@d'] },
	{ name: 'docs/* after a catch-all', dialect: 'github', codeowners: '* @everyone\ndocs/* @d\n', path: 'docs/build-app/troubleshooting.md', host: ['@everyone'], library: ['@d'] },
	{ name: '/* owns src/main.c', dialect: 'github', codeowners: '/* @r\n', path: 'src/main.c', host: [], library: ['@r'] },
	{ name: 'case-insensitive', dialect: 'github', codeowners: 'README.md @a\n', path: 'readme.md', host: [], library: ['@a'] },
	{ name: '[abc] acts as a range', dialect: 'github', codeowners: '[abc].js @r\n', path: 'a.js', host: [], library: ['@r'] },
	{ name: 'invalid owners are kept', dialect: 'github', codeowners: '* @d\n*.js notanowner\n', path: 'x.js', host: ['@d'], library: ['notanowner'] },
	{ name: 'escaped spaces break', dialect: 'github', codeowners: 'foo\\ bar @a\n', path: 'foo bar', host: ['@a'], library: null },
	{ name: 'escaped ? fails', dialect: 'github', codeowners: 'f\\?o @a\n', path: 'f?o', host: ['@a'], library: null },
	{
		name: 'no GitLab sections: only the last match',
		dialect: 'gitlab',
		codeowners: '[README Owners]\nREADME.md @user1 @user2\ninternal/README.md @user4\n\n[README other owners]\nREADME.md @user3\n',
		path: 'README.md',
		host: ['@user1', '@user2', '@user3'],
		library: ['@user3'],
	},
];

function libraryOwners(text: string, path: string): string[] | null {
	const match = matchFile(path, parse(text));
	return match === null ? null : match.owners;
}

suite('differential: codeowners-utils 1.0.2 vs the hosts (reference 5.1)', () => {
	for (const c of cases) {
		test(c.name, () => {
			const { index } = parseAndCompile(c.codeowners, c.dialect);
			assert.deepEqual(index.resolve(c.path).owners, c.host, 'ours = host');
			const theirs = libraryOwners(c.codeowners, c.path);
			assert.deepEqual(theirs, c.library, 'library differs as documented');
			assert.notDeepEqual(theirs ?? [], c.host);
		});
	}

	test('lookup order: the library tries docs/ before the root, GitHub the root first', () => {
		assert.deepEqual(CODEOWNERS_PATHS, ['.github/CODEOWNERS', 'docs/CODEOWNERS', 'CODEOWNERS']);
		assert.deepEqual(codeownersLocations('github'), ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']);
	});

	test('agreement where gitignore and GitHub agree', () => {
		const text = '* @all\n/src/ @src\n*.md @docs\nbuild/ @b\n';
		const { index } = parseAndCompile(text, 'github');
		for (const path of ['x.c', 'src/a/b.c', 'src/README.md', 'a/build/x', 'docs/x.md']) {
			assert.deepEqual(index.resolve(path).owners, libraryOwners(text, path) ?? [], path);
		}
	});
});
