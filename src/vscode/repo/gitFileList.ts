// git's file list as the editor counts it: pure (no `vscode`), so unit tests cover it in plain Node.

/** git's file list of a repository, as the CLI reads it, split into tracked and untracked. */
export interface GitFileList {
	/**
	 * `git ls-files --cached` minus `--deleted`: the tracked files that exist in the working tree.
	 * `guardrails audit` and `lint` count the index, which still holds a file deleted but not staged.
	 */
	tracked: string[];
	/** `git ls-files --others --exclude-standard`: new files not ignored. */
	untracked: string[];
	/** Tracked files deleted in the working tree and not staged yet: not in `tracked`. */
	deleted: number;
}

function splitNul(output: string): string[] {
	return output.split('\0').filter((path) => path.length > 0);
}

/** Builds the list from the `-z` output of `git ls-files --cached`, `--deleted` and `--others`. */
export function parseGitFileList(cached: string, deleted: string, others: string): GitFileList {
	// A conflicted file is listed once per stage, in both --cached and --deleted.
	const gone = new Set(splitNul(deleted));
	const tracked = [...new Set(splitNul(cached))].filter((path) => !gone.has(path));
	return { tracked, untracked: splitNul(others), deleted: gone.size };
}
