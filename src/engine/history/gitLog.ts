import type { HistoryCommit } from './types';

/**
 * The start of a `git log --format` record, then the hash. With `-z` paths come unquoted and may
 * hold any byte but NUL, so a committed file named like a header could pass for one; no path git
 * prints starts with `/`, so a token starting with this mark is always a header.
 */
export const gitLogRecordMark = '/\u001e';

/**
 * Parses `git log -z --name-only --format=/%x1e%H%x1f%aN%x1f%aE%x1f%aI`: a NUL-terminated header
 * per commit, then its NUL-terminated paths (the first preceded by a newline). Splitting on NUL
 * only (never on the header's separators) keeps names with control characters from shifting fields.
 */
export function parseGitLog(output: string): HistoryCommit[] {
	const commits: HistoryCommit[] = [];
	let current: HistoryCommit | undefined;
	for (const token of output.split('\0')) {
		if (token.startsWith(gitLogRecordMark) && /^\/\u001e[0-9a-f]{40,64}\u001f/.test(token)) {
			const fields = token.slice(gitLogRecordMark.length).split('\u001f');
			current = {
				sha: fields[0],
				authorName: fields.slice(1, -2).join('\u001f'),
				authorEmail: fields[fields.length - 2] ?? '',
				date: fields[fields.length - 1] ?? '',
				files: [],
			};
			commits.push(current);
			continue;
		}
		const file = token.startsWith('\n') ? token.slice(1) : token;
		if (current && file.length > 0) {
			current.files.push(file);
		}
	}
	return commits;
}


/**
 * The `git log` arguments that {@link parseGitLog} reads: non-merge commits of the window under the
 * current directory, paths relative to it, renames as plain paths; everything after `--` is a path.
 */
export function gitLogArgs(sinceIso: string, untilIso: string): string[] {
	return [
		'log', '--no-merges', '-z', '--name-only', '--relative', '--no-renames',
		`--format=${gitLogRecordMark}%H%x1f%aN%x1f%aE%x1f%aI`,
		`--since=${sinceIso}`, `--until=${untilIso}`,
		'--', '.',
	];
}
