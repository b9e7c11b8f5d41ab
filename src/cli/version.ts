import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The extension's version from its package.json, found by walking up from this file: the bundle
 * lives in dist/, the test build in out/src/cli/, so no fixed relative path works for both.
 */
export function packageVersion(): string {
	let dir = __dirname;
	for (;;) {
		try {
			const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
			if (manifest.name === 'ownership-guardrails' && typeof manifest.version === 'string') {
				return manifest.version;
			}
		} catch {
			// Not here (or unreadable): keep climbing.
		}
		const parent = path.dirname(dir);
		if (parent === dir) {
			return 'unknown';
		}
		dir = parent;
	}
}
