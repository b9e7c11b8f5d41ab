// Starts the CLI bundle with V8's code cache, written next to it at build time
// (scripts/cliCodeCache.mjs). Without it, every `guardrails` call pre-parses the whole bundle (about
// 530 KB) before doing any work; with it V8 reads the compiled top level instead.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** The cache file: the SHA-256 of the bundle's text, then V8's cached data for exactly that text. */
export function codeCacheFile(bundle: string): string {
	return `${bundle}.cache`;
}

/** The SHA-256 of the bundle's text (of its UTF-8 bytes when given bytes: the same digest). */
export function sourceDigest(source: string | Buffer): Buffer {
	return createHash('sha256').update(source).digest();
}

/**
 * V8's cached data for `source` when the cache file was made from this very text, else undefined.
 * V8 itself only checks the length of the text and its own version, so a stale cache from an
 * edited bundle of the same length must be refused here.
 */
export function readCodeCache(bundle: string, source: string | Buffer): Buffer | undefined {
	let cache: Buffer;
	try {
		cache = fs.readFileSync(codeCacheFile(bundle));
	} catch {
		return undefined;
	}
	return cache.length > 32 && cache.subarray(0, 32).equals(sourceDigest(source)) ? cache.subarray(32) : undefined;
}

/** Runs a CommonJS bundle as `require` would, with the code cache when there is a valid one. */
export function runBundle(bundle: string): void {
	// Hashed as read: hashing the decoded text would encode it to UTF-8 again first.
	const bytes = fs.readFileSync(bundle);
	const cachedData = readCodeCache(bundle, bytes);
	const source = bytes.toString('utf8');
	// Module.wrap: the same wrapper `require` and the build script use, so the cache matches.
	const script = new vm.Script(Module.wrap(source.startsWith('#!') ? `//${source.slice(2)}` : source), {
		filename: bundle,
		...(cachedData !== undefined ? { cachedData } : {}),
	});
	const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
	const module = { exports: {}, filename: bundle, id: '.', loaded: false };
	wrapper.call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
}
