import * as assert from 'assert';
import { buildRepoModules } from '../../../src/engine/imports/repoModules';
import { resolveSourceImport } from '../../../src/engine/imports/resolveImports';
import type { SourceImport } from '../../../src/engine/imports/types';

// The shape found in gitpod-io/gitpod: a workspace package whose `main` and deep imports name the
// compiled `lib/` output, which is not in the repository; the sources are under `src/`.
const files = [
	'components/protocol/.eslintrc',
	'components/protocol/package.json',
	'components/protocol/src/index.ts',
	'components/protocol/src/util/logging.ts',
	'components/server/package.json',
	'components/server/src/app.ts',
	'components/bare/package.json',
	'components/bare/src/index.ts',
];
const configs = new Map([
	['components/protocol/package.json', '{ "name": "@acme/protocol", "main": "./lib/index.js", "types": "./lib/index.d.ts" }'],
	['components/server/package.json', '{ "name": "@acme/server" }'],
	['components/bare/package.json', '{ "name": "@acme/bare" }'],
]);

function resolve(specifier: string): string[] {
	const imp: SourceImport = { language: 'typescript', specifier, line: 1, column: 1, endColumn: 1 + specifier.length };
	return resolveSourceImport(imp, 'components/server/src/app.ts', buildRepoModules(files, configs)).map((t) => (t.kind === 'file' ? t.path : t.kind));
}

suite('TypeScript resolution: packages that point at their build output', () => {
	test('a package whose main is lib/index.js resolves to src/index.ts, not to the folder\'s first file', () => {
		assert.deepStrictEqual(resolve('@acme/protocol'), ['components/protocol/src/index.ts']);
	});

	test('a deep import into lib/ resolves to the same path under src/', () => {
		assert.deepStrictEqual(resolve('@acme/protocol/lib/util/logging'), ['components/protocol/src/util/logging.ts']);
	});

	test('a package without main or index.ts falls back to src/index.ts', () => {
		assert.deepStrictEqual(resolve('@acme/bare'), ['components/bare/src/index.ts']);
	});

	test('a path into lib/ with no source behind it stays unresolved', () => {
		assert.deepStrictEqual(resolve('@acme/protocol/lib/missing'), ['unresolved']);
	});
});
