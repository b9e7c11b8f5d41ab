// Finds the folders teams keep their decision records in: the usual names, the folder adr-tools
// names in `.adr-dir`, and log4brains' `adrFolder`. A folder counts when it holds Markdown.
import { resolveDotSegments } from '../paths';

/** Decision-record folders by convention, most common first. */
export const conventionalAdrFolders: readonly string[] = [
	'docs/adr', 'doc/adr', 'docs/adrs', 'docs/decisions', 'docs/architecture/decisions',
	'architecture/decisions', 'adr', 'adrs', 'decisions',
];

/** One ADR folder with what pointed at it. */
export interface AdrFolder {
	path: string;
	evidence: string;
	records: string[];
}

const recordFile = /\.(?:md|markdown|mdx|adoc|rst)$/i;
const nonRecord = /(?:^|\/)(?:README|index|template)[^/]*$/i;

/** The folder named by adr-tools' `.adr-dir` (first line), inside the repository, or undefined. */
export function readAdrDir(text: string): string | undefined {
	const first = text.split(/\r?\n/, 1)[0]?.trim() ?? '';
	return first.length === 0 ? undefined : resolveDotSegments(first);
}

/** log4brains' `project.adrFolder` from `.log4brains.yml`, inside the repository, or undefined. */
export function readLog4brainsFolder(text: string): string | undefined {
	const match = /^[ \t]+adrFolder[ \t]*:[ \t]*["']?([^"'\r\n#]+)/m.exec(text);
	return match ? resolveDotSegments(match[1].trim()) : undefined;
}

/**
 * The ADR folders of a repository: `.adr-dir` and `.log4brains.yml` first (they name the folder
 * explicitly), then the conventional names, each only if it holds at least one record (Markdown,
 * AsciiDoc or reST other than a README, index or template), sorted by path.
 */
export function findAdrFolders(files: readonly string[], configured: { adrDir?: string; log4brains?: string }): AdrFolder[] {
	const named = new Map<string, string>();
	if (configured.adrDir !== undefined && configured.adrDir !== '') {
		named.set(configured.adrDir, 'named in .adr-dir (adr-tools)');
	}
	if (configured.log4brains !== undefined && configured.log4brains !== '' && !named.has(configured.log4brains)) {
		named.set(configured.log4brains, 'named in .log4brains.yml (adrFolder)');
	}
	for (const folder of conventionalAdrFolders) {
		if (!named.has(folder)) {
			named.set(folder, 'conventional ADR folder');
		}
	}
	const records = new Map<string, string[]>();
	for (const file of files) {
		if (!recordFile.test(file) || nonRecord.test(file)) {
			continue;
		}
		// Only the deepest named folder claims a record, so `docs/adr` inside `adr` is not counted twice.
		let dir = file;
		for (;;) {
			const slash = dir.lastIndexOf('/');
			if (slash < 0) {
				break;
			}
			dir = dir.slice(0, slash);
			if (named.has(dir)) {
				const list = records.get(dir) ?? [];
				list.push(file);
				records.set(dir, list);
				break;
			}
		}
	}
	return [...records.entries()]
		.map(([path, list]) => ({ path, evidence: `${list.length} record${list.length === 1 ? '' : 's'}, ${named.get(path)!}`, records: list.sort() }))
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
