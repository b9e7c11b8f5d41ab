// Plain data shared by every part of the engine. Nothing here does I/O.

/** How loud a problem is; maps to VS Code's Error / Warning / Information. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem found in an input file. Positions are 1-based; `endColumn` is exclusive.
 * Problems are values, never exceptions: every parser returns them alongside what it could read.
 */
export interface Problem {
	/** Stable machine code, e.g. `invalid-owner`, `shadowed-rule`, `unknown-team`. */
	code: string;
	severity: Severity;
	/** Repository-relative posix path of the file the problem is in. */
	file: string;
	line: number;
	column: number;
	endLine?: number;
	endColumn?: number;
	message: string;
}

/** Where a fact came from, so every answer can say why. */
export interface Source {
	/** Repository-relative posix path, e.g. `.github/CODEOWNERS` or `guardrails.yaml`. */
	file: string;
	/** 1-based line. */
	line: number;
	/** 1-based column. */
	column: number;
	/** The key path in a config file (`contracts.payments-api.review.level`) or the rule text. */
	detail?: string;
}

/**
 * The engine's only window on the outside world. Implemented with `node:fs` in the CLI and with
 * `workspace.fs` in the extension; tests use an in-memory map.
 */
export interface EngineHost {
	/** Text of a repository-relative file, or undefined when it does not exist or cannot be read. */
	readFile(path: string): Promise<string | undefined>;
	/**
	 * Why a file that exists was not read (over its size limit, not a regular file, a link out of
	 * the repository, …), in words; undefined when it was read or does not exist.
	 */
	unreadableReason?(path: string): string | undefined;
	/** Size in bytes, or undefined when the file does not exist. */
	fileSize?(path: string): Promise<number | undefined>;
	log?(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
	/**
	 * Repository-relative paths of the files under a folder, recursively (for ADR roots), or
	 * undefined when the folder does not exist or the host cannot list.
	 */
	listFiles?(dir: string): Promise<string[] | undefined>;
}
