import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { readCodeCache, runBundle, sourceDigest } from '../../../src/cli/codeCache';
import { cleanUp, tempDir } from './cliHarness';

const repoRoot = path.resolve(__dirname, '../../../..');

/** What the build does after bundling: scripts/cliCodeCache.mjs, run as esbuild.config.mjs runs it. */
function writeCache(bundle: string): void {
	const script = path.join(repoRoot, 'scripts', 'cliCodeCache.mjs');
	execFileSync(process.execPath, ['--input-type=module', '-e', `import { writeCodeCache } from ${JSON.stringify(script)}; writeCodeCache(${JSON.stringify(bundle)});`]);
}

/** A bundle that records what it ran with; `answer` keeps the text's length fixed across edits. */
function bundleText(answer: number): string {
	return `#!/usr/bin/env node\nglobalThis.codeCacheProbe = { answer: ${answer}, file: __filename, dir: __dirname, path: require('node:path').sep, module: typeof module.exports };\n`;
}

function probe(): { answer: number; file: string; dir: string; path: string; module: string } {
	return (globalThis as unknown as { codeCacheProbe: ReturnType<typeof probe> }).codeCacheProbe;
}

suite('CLI code cache (dist/cli.js starts dist/cli-main.js with it)', () => {
	suiteTeardown(cleanUp);

	test('without a cache the bundle runs as require would run it', () => {
		const bundle = path.join(tempDir('guardrails-cache-'), 'cli-main.js');
		writeFileSync(bundle, bundleText(1));
		assert.equal(readCodeCache(bundle, bundleText(1)), undefined);
		runBundle(bundle);
		assert.deepEqual(probe(), { answer: 1, file: bundle, dir: path.dirname(bundle), path: path.sep, module: 'object' });
	});

	test('the cache the build writes is read and accepted by V8 for that very text', () => {
		const bundle = path.join(tempDir('guardrails-cache-'), 'cli-main.js');
		writeFileSync(bundle, bundleText(2));
		writeCache(bundle);
		const cached = readCodeCache(bundle, bundleText(2));
		assert.ok(cached !== undefined && cached.length > 0);
		// runBundle hashes the bytes it read; they must give the digest of the text.
		assert.ok(readCodeCache(bundle, readFileSync(bundle))?.equals(cached));
		assert.ok(sourceDigest(Buffer.from('é // ünïcode', 'utf8')).equals(sourceDigest('é // ünïcode')));
		const text = bundleText(2);
		const script = new vm.Script(Module.wrap(`//${text.slice(2)}`), { filename: bundle, cachedData: cached });
		assert.equal(script.cachedDataRejected, false);
		runBundle(bundle);
		assert.equal(probe().answer, 2);
	});

	test('a cache from an edited bundle of the same length is refused, and the new text runs', () => {
		const bundle = path.join(tempDir('guardrails-cache-'), 'cli-main.js');
		writeFileSync(bundle, bundleText(3));
		writeCache(bundle);
		writeFileSync(bundle, bundleText(4));
		assert.equal(bundleText(3).length, bundleText(4).length);
		assert.equal(readCodeCache(bundle, bundleText(4)), undefined);
		runBundle(bundle);
		assert.equal(probe().answer, 4);
	});

	test('a truncated or foreign cache file is ignored', () => {
		const bundle = path.join(tempDir('guardrails-cache-'), 'cli-main.js');
		writeFileSync(bundle, bundleText(5));
		for (const junk of [Buffer.alloc(0), Buffer.from('not a cache'), Buffer.alloc(64, 7)]) {
			writeFileSync(`${bundle}.cache`, junk);
			assert.equal(readCodeCache(bundle, bundleText(5)), undefined);
			runBundle(bundle);
			assert.equal(probe().answer, 5);
		}
	});
});
