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

/** Reasons in words for the system error codes a read can meet. */
const systemReasons: Readonly<Record<string, string>> = {
	ENOENT: 'no such file or directory',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	EISDIR: 'is a directory',
	ENOTDIR: 'not a directory',
	ELOOP: 'too many levels of symbolic links',
	ENAMETOOLONG: 'file name too long',
	EMFILE: 'too many open files',
	ENFILE: 'too many open files in the system',
	EIO: 'input/output error',
	ENXIO: 'no such device or address',
	EAGAIN: 'resource temporarily unavailable',
	EWOULDBLOCK: 'resource temporarily unavailable',
	EBUSY: 'resource busy',
	EFBIG: 'file too large',
	ERR_FS_FILE_TOO_LARGE: 'file too large',
	ERR_STRING_TOO_LONG: 'file too large to hold as text',
	EINVAL: 'invalid argument',
	ENODEV: 'no such device',
	EOVERFLOW: 'file too large',
	ETIMEDOUT: 'timed out',
	ESTALE: 'stale file handle',
	ENOMEM: 'out of memory',
};

/**
 * A short reason for a Node system error (`ENOENT` → "no such file"), without the stack. Any
 * error gives words: a known code its phrase, an Error its message, another code the code
 * itself, never `[object Object]`.
 */
export function describeSystemError(error: unknown): string {
	if (typeof error === 'string') {
		return systemReasons[error] ?? error;
	}
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code === 'string' && systemReasons[code] !== undefined) {
		return systemReasons[code];
	}
	if (error instanceof Error) {
		// Node's messages start with the code and end with the path: keep the words between.
		return error.message.replace(/^[A-Z][A-Z_]+: /, '').replace(/, \w+ '.*'$/, '') || error.name;
	}
	if (typeof code === 'string' || typeof code === 'number') {
		return `error ${code}`;
	}
	const message = (error as { message?: unknown } | null)?.message;
	return typeof message === 'string' && message.length > 0 ? message : 'unknown error';
}
