// Rule files read from a commit (`git show <commit>:<path>`) get the same protection as files read
// from the working tree: a blob larger than its read limit is never loaded, and a symbolic link or a
// submodule is never followed (git would print the link's target path, or fail, as the file's text).
// The sizes and modes come from `git ls-tree -l -z`, parsed here.
import { formatBytes, formatLimit } from './readLimits';
import type { ReadLimit } from './readLimits';

/** One entry of `git ls-tree -l`: its mode, object type and, for a blob, its size in bytes. */
export interface TreeEntry {
	mode: string;
	type: string;
	/** Undefined for a tree or a submodule (`-`). */
	size: number | undefined;
}

/**
 * Parses `git ls-tree -l -z` output: `<mode> SP <type> SP <object> SP+ <size> TAB <path>` records,
 * each ended by NUL. Paths are raw (`-z`), so any byte but NUL is part of the path.
 */
export function parseLsTreeLong(output: string): Map<string, TreeEntry> {
	const entries = new Map<string, TreeEntry>();
	for (const record of output.split('\0')) {
		const tab = record.indexOf('\t');
		if (tab < 0) {
			continue;
		}
		const [mode = '', type = '', , size = '-'] = record.slice(0, tab).split(/ +/);
		entries.set(record.slice(tab + 1), { mode, type, size: /^\d+$/.test(size) ? Number(size) : undefined });
	}
	return entries;
}

/**
 * Why a rule file at a commit is not read, in words, or undefined when it may be: only a regular
 * blob (mode 100644 or 100755) within `limit` is read.
 */
export function treeEntryRefusal(entry: TreeEntry, limit: ReadLimit, commit: string): string | undefined {
	const at = `at ${commit.slice(0, 12)}`;
	if (entry.mode === '120000') {
		return `a symbolic link ${at}; not followed`;
	}
	if (entry.mode === '160000' || entry.type === 'commit') {
		return `a submodule ${at}, not a file`;
	}
	if (entry.type !== 'blob') {
		return `not a regular file ${at} (a ${entry.type})`;
	}
	if (entry.size !== undefined && entry.size > limit.maxBytes) {
		return `${formatBytes(entry.size)} ${at}, larger than the ${formatLimit(limit.maxBytes)} limit for ${limit.kind === 'file' ? 'a file read' : limit.kind}`;
	}
	return undefined;
}
