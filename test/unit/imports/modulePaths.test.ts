import * as assert from 'assert';
import { resolveDotSegments } from '../../../src/engine/paths';
import { packageNameOf, probePaths, readTsconfigPaths, resolveImport, resolveTsconfigPaths } from '../../../src/engine/imports/modulePaths';
import type { ModuleContext } from '../../../src/engine/imports/modulePaths';

const demoTsconfig = `{
	// the demo's root tsconfig, with a comment and trailing commas
	"compilerOptions": {
		"baseUrl": ".",
		"paths": {
			"@ledger/*": ["libs/ledger/*"],
			"@acme/customer-model": ["libs/shared-models/customer/index.ts"],
			"@acme/*": ["libs/fallback/*"],
		},
	},
}`;

suite('modulePaths', () => {
	test('resolveDotSegments applies . and .. and refuses to leave the root', () => {
		assert.strictEqual(resolveDotSegments('services/payments/src/../../../libs/ledger'), 'libs/ledger');
		assert.strictEqual(resolveDotSegments('./a//b/'), 'a/b');
		assert.strictEqual(resolveDotSegments('a/../../b'), undefined);
	});

	test('readTsconfigPaths reads JSONC and resolves targets against baseUrl', () => {
		const tsconfig = readTsconfigPaths(demoTsconfig);
		assert.ok(tsconfig);
		assert.deepStrictEqual(tsconfig.paths.get('@ledger/*'), ['libs/ledger/*']);
		const nested = readTsconfigPaths(`{ "compilerOptions": { "baseUrl": "src", "paths": { "~/*": ["./*"] } } }`, 'apps/web');
		assert.deepStrictEqual(nested?.paths.get('~/*'), ['apps/web/src/*']);
		assert.strictEqual(readTsconfigPaths('not json'), undefined);
	});

	test('resolveTsconfigPaths prefers an exact pattern, then the longest wildcard prefix', () => {
		const tsconfig = readTsconfigPaths(demoTsconfig);
		assert.ok(tsconfig);
		assert.deepStrictEqual(resolveTsconfigPaths('@acme/customer-model', tsconfig), ['libs/shared-models/customer/index.ts']);
		assert.deepStrictEqual(resolveTsconfigPaths('@ledger/src/post', tsconfig), ['libs/ledger/src/post']);
		assert.deepStrictEqual(resolveTsconfigPaths('@acme/other', tsconfig), ['libs/fallback/other']);
		assert.deepStrictEqual(resolveTsconfigPaths('lodash', tsconfig), []);
	});

	test('resolveImport handles relative paths, tsconfig aliases, workspace packages and externals', () => {
		const context: ModuleContext = {
			tsconfig: readTsconfigPaths(`{ "compilerOptions": { "paths": { "@ledger/*": ["libs/ledger/*"] } } }`),
			packages: [{ name: '@acme/security', dir: 'libs/security' }],
		};
		const from = 'services/payments/src/refunds.ts';
		assert.deepStrictEqual(resolveImport('../../../libs/ledger/src/post', from, context), ['libs/ledger/src/post']);
		assert.deepStrictEqual(resolveImport('./util', from, context), ['services/payments/src/util']);
		assert.deepStrictEqual(resolveImport('@ledger/index', from, context), ['libs/ledger/index']);
		assert.deepStrictEqual(resolveImport('@acme/security', from, context), ['libs/security']);
		assert.deepStrictEqual(resolveImport('@acme/security/crypto', from, context), ['libs/security/crypto']);
		assert.deepStrictEqual(resolveImport('node:fs', from, context), []);
		assert.deepStrictEqual(resolveImport('react', from, context), []);
		assert.deepStrictEqual(resolveImport('../../../../outside', from, context), []);
	});

	test('packageNameOf and probePaths', () => {
		assert.strictEqual(packageNameOf('{ "name": "@acme/ledger", "version": "1.0.0" }'), '@acme/ledger');
		assert.strictEqual(packageNameOf('{ "private": true }'), undefined);
		assert.deepStrictEqual(probePaths('libs/ledger'), ['libs/ledger', 'libs/ledger.ts', 'libs/ledger/index.ts']);
		assert.deepStrictEqual(probePaths('libs/ledger/post.ts'), ['libs/ledger/post.ts']);
	});
});
