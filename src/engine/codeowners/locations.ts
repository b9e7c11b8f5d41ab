import type { EngineHost } from '../types';
import { detectDialect } from './dialect';
import type { Dialect, DialectChoice } from './types';
import { readFirstExisting } from '../readFirst';
import { codeownersReadLimit } from '../safety/readLimits';

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
): Promise<{ file: string; text: string; choice: DialectChoice; tooLarge?: number } | undefined> {
	const explicit = options?.dialect;
	const candidates = options?.file !== undefined
		? [options.file]
		: codeownersLocations(explicit === 'github' || explicit === 'gitlab' ? explicit : undefined);
	for (const file of candidates) {
		// Sized before reading: GitHub ignores a file of 3 MB or more, so it is never read whole.
		const size = await Promise.resolve(host.fileSize?.(file)).catch(() => undefined);
		if (size !== undefined && size >= codeownersReadLimit.maxBytes) {
			host.log?.('warn', `${file} is ${size} bytes; not read (3 MB limit)`);
			return { file, text: '', choice: detectDialect(file, '', explicit), tooLarge: size };
		}
		const found = await readFirstExisting(host, [file]);
		if (found) {
			host.log?.('debug', `Using ${found.file} as CODEOWNERS`);
			return { ...found, choice: detectDialect(found.file, found.text, explicit) };
		}
	}
	return undefined;
}
