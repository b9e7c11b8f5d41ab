/**
 * An error meant for the user: printed as one `guardrails: ...` line on stderr, never as a stack
 * trace. Exit code 2 is for usage and input errors (bad flag, missing file, unknown ref).
 */
export class CliError extends Error {
	constructor(message: string, readonly exitCode: number = 2) {
		super(message);
		this.name = 'CliError';
	}
}

/** A short reason for a Node system error (`ENOENT` → "no such file"), without the stack. */
export function describeSystemError(error: unknown): string {
	const code = (error as { code?: unknown } | null)?.code;
	switch (code) {
		case 'ENOENT':
			return 'no such file or directory';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'EISDIR':
			return 'is a directory';
		case 'ENOTDIR':
			return 'not a directory';
		default:
			return error instanceof Error ? error.message : String(error);
	}
}
