import { constants, promises as fs } from 'node:fs';
import type { Stats } from 'node:fs';
import { describeSystemError } from './errors';

// Reading a file the workspace (or a flag) names without trusting it: only a regular file is
// opened for reading (a FIFO or a device would block or never end), its size is checked before
// anything is read, and no more than the limit is ever read (the file may grow meanwhile).

/** What a bounded read gives: the text, or why there is none in words (`missing` for ENOENT). */
export type BoundedRead = { text: string } | { missing: true } | { reason: string };

/** `a FIFO`, `a character device`, … for a non-regular file. */
export function fileTypeName(stat: Stats): string {
	if (stat.isDirectory()) {
		return 'directory';
	}
	if (stat.isFIFO()) {
		return 'FIFO';
	}
	if (stat.isCharacterDevice()) {
		return 'character device';
	}
	if (stat.isBlockDevice()) {
		return 'block device';
	}
	if (stat.isSocket()) {
		return 'socket';
	}
	return 'special file';
}

/** Why `stat` is not a readable regular file within `maxBytes`, or undefined when it is. */
export function refusal(stat: Stats, maxBytes: number, tooLarge: (size: number) => string): string | undefined {
	if (stat.isDirectory()) {
		return 'is a directory';
	}
	if (!stat.isFile()) {
		return `not a regular file (a ${fileTypeName(stat)})`;
	}
	return stat.size > maxBytes ? tooLarge(stat.size) : undefined;
}

// O_NONBLOCK makes opening a FIFO return at once (it is refused after fstat); Windows has neither flag.
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Reads `absolute` as UTF-8 (invalid bytes become U+FFFD) if it is a regular file of at most
 * `maxBytes`. A missing file (or a missing folder on the way) is `missing`; anything else that
 * stops the read is a reason in words.
 */
export async function readBounded(absolute: string, maxBytes: number, tooLarge: (size: number) => string): Promise<BoundedRead> {
	let handle: fs.FileHandle;
	try {
		handle = await fs.open(absolute, openFlags);
	} catch (error) {
		const code = (error as { code?: string }).code;
		return code === 'ENOENT' || code === 'ENOTDIR' ? { missing: true } : { reason: describeSystemError(error) };
	}
	try {
		const stat = await handle.stat();
		const refused = refusal(stat, maxBytes, tooLarge);
		if (refused !== undefined) {
			return { reason: refused };
		}
		const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
		let length = 0;
		for (;;) {
			const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
			if (bytesRead === 0) {
				break;
			}
			length += bytesRead;
			if (length === buffer.length) {
				break;
			}
		}
		if (length > maxBytes) {
			return { reason: tooLarge(length) };
		}
		return { text: buffer.toString('utf8', 0, length) };
	} catch (error) {
		return { reason: describeSystemError(error) };
	} finally {
		await handle.close().catch(() => undefined);
	}
}

/** Why `absolute` cannot be read as a regular file (without reading it), or undefined when it can. */
export async function regularFileProblem(absolute: string): Promise<string | undefined> {
	let handle: fs.FileHandle;
	try {
		handle = await fs.open(absolute, openFlags);
	} catch (error) {
		return describeSystemError(error);
	}
	try {
		return refusal(await handle.stat(), Number.POSITIVE_INFINITY, () => '');
	} catch (error) {
		return describeSystemError(error);
	} finally {
		await handle.close().catch(() => undefined);
	}
}
