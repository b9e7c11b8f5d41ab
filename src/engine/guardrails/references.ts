// Reference helpers shared by the parser and the answers; no YAML or JSON Schema code, so a
// CODEOWNERS-only run never loads those.
import type { GuardrailsConfig } from './types';

/**
 * Expands `$alias` entries (aliases may name other aliases) into person ids; unknown names are
 * reported by the caller, cycles stop silently because every member is already collected.
 */
export function expandAlias(config: GuardrailsConfig, name: string, seen: Set<string> = new Set()): string[] {
	if (seen.has(name)) {
		return [];
	}
	seen.add(name);
	const out: string[] = [];
	for (const entry of config.aliases.get(name) ?? []) {
		if (entry.startsWith('$')) {
			out.push(...expandAlias(config, entry.slice(1), seen));
		} else {
			out.push(entry);
		}
	}
	return [...new Set(out)];
}

/**
 * True when a path written in the config stays inside the repository: relative, without a `..`
 * segment, a drive letter or a UNC prefix (either slash). The engine reads these files through
 * the host, so an escaping path would let a workspace make us read anything on disk.
 */
export function staysInRepository(path: string): boolean {
	const p = path.replace(/\\/g, '/');
	return !p.startsWith('/') && !/^[A-Za-z]:/.test(p) && !p.split('/').includes('..');
}
