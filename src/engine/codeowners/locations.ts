import type { EngineHost } from '../types';
import { detectDialect } from './dialect';
import type { Dialect, DialectChoice } from './types';

const githubOrder = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;
const gitlabOrder = ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'] as const;

/**
 * The CODEOWNERS locations in the order the host tries them; the first existing file is used.
 * GitHub: `.github/`, root, `docs/`. GitLab: root, `docs/`, `.gitlab/`. Without a dialect: GitHub's
 * order followed by `.gitlab/CODEOWNERS`.
 */
export function codeownersLocations(dialect?: Dialect): string[] {
	if (dialect === 'github') {
		return [...githubOrder];
	}
	if (dialect === 'gitlab') {
		return [...gitlabOrder];
	}
	return [...githubOrder, '.gitlab/CODEOWNERS'];
}

/**
 * Finds the CODEOWNERS file a host would use: a user-given file wins, otherwise the first existing
 * file in the dialect's lookup order (GitHub's order then `.gitlab/` for `auto`). Returns the file
 * used, its text and the dialect choice with its reason, or undefined when there is none.
 */
export async function findCodeowners(
	host: EngineHost,
	options?: { dialect?: Dialect | 'auto'; file?: string },
): Promise<{ file: string; text: string; choice: DialectChoice } | undefined> {
	const explicit = options?.dialect;
	const candidates = options?.file !== undefined
		? [options.file]
		: codeownersLocations(explicit === 'github' || explicit === 'gitlab' ? explicit : undefined);
	for (const file of candidates) {
		let text: string | undefined;
		try {
			text = await host.readFile(file);
		} catch {
			// A host that throws is treated like a missing file: lookup must not fail the caller.
			text = undefined;
		}
		if (text !== undefined) {
			host.log?.('debug', `Using ${file} as CODEOWNERS`);
			return { file, text, choice: detectDialect(file, text, explicit) };
		}
	}
	return undefined;
}
