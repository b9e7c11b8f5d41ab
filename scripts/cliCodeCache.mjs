// Writes V8's code cache for the CLI bundle (dist/cli-main.js.cache), read by src/cli/codeCache.ts
// when `guardrails` starts: the SHA-256 of the bundle's text, then the cached data. Made with the
// Node that builds; another Node version rejects it and compiles as usual.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import vm from 'node:vm';

export function writeCodeCache(bundle) {
	const source = readFileSync(bundle, 'utf8');
	// The same text src/cli/codeCache.ts compiles: the shebang line commented out, wrapped as require does.
	const script = new vm.Script(Module.wrap(source.startsWith('#!') ? `//${source.slice(2)}` : source), { filename: bundle });
	const digest = createHash('sha256').update(source).digest();
	writeFileSync(`${bundle}.cache`, Buffer.concat([digest, script.createCachedData()]));
}

/** A cache that would no longer match (watch mode rebuilds the bundle without one). */
export function removeCodeCache(bundle) {
	rmSync(`${bundle}.cache`, { force: true });
}
