import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EngineHost } from '../engine/types';
import { ReadLimits } from '../engine/safety/readLimits';
import { readBounded } from './boundedRead';
import { describeSystemError } from './errors';

/** Directories never worth walking when the host has to list files itself. */
const skippedDirectories = new Set(['.git', 'node_modules']);

/** `absolute` is `root` or inside it. */
function isInside(root: string, absolute: string): boolean {
	const back = path.relative(root, absolute);
	return !back.startsWith('..') && !path.isAbsolute(back);
}

/**
 * The engine's file access through `node:fs`, rooted at the repository root. When the CLI knows
 * the tracked files (from `git ls-files` or `--files-from`), listing uses them, so ADR discovery
 * sees the same files as the rest of the command.
 *
 * Every read is safe against a hostile checkout, whoever calls it: the path's real location
 * (symbolic links resolved) must be inside the root's, only a regular file is opened, and its
 * size must be within the limit for its kind (src/engine/safety/readLimits.ts) before anything
 * is read. A refused file reads as undefined and its reason, in words, is kept in `unreadable`.
 */
export class NodeHost implements EngineHost {
	/** Files that exist but were not read, with the reason in words; the CLI reports the ones it needs. */
	readonly unreadable = new Map<string, string>();
	/** The limit of each file; `loadModel` assigns the CODEOWNERS and config limits to files named by flags. */
	readonly limits = new ReadLimits();

	constructor(
		readonly root: string,
		private readonly files?: readonly string[],
		private readonly onLog?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void,
	) {}

	/** Absolute path of a repository-relative path, or undefined when it would leave the root. */
	absolute(relative: string): string | undefined {
		const absolute = path.resolve(this.root, ...relative.split('/').filter((part) => part.length > 0));
		const back = path.relative(this.root, absolute);
		if (back.startsWith('..') || path.isAbsolute(back)) {
			return undefined;
		}
		return absolute;
	}

	private realRoot: Promise<string> | undefined;

	/** The real (symlink-resolved) location of a path inside the root, or why it has none. */
	private async realInside(relative: string): Promise<{ real: string } | { missing: true } | { reason: string }> {
		const absolute = this.absolute(relative);
		if (absolute === undefined) {
			return { reason: 'outside the repository' };
		}
		this.realRoot ??= fs.realpath(this.root).catch(() => this.root);
		let real: string;
		try {
			real = await fs.realpath(absolute);
		} catch (error) {
			const code = (error as { code?: string }).code;
			return code === 'ENOENT' || code === 'ENOTDIR' ? { missing: true } : { reason: describeSystemError(error) };
		}
		if (!isInside(await this.realRoot, real)) {
			return { reason: 'a symbolic link to outside the repository; not read' };
		}
		return { real };
	}

	async readFile(relative: string): Promise<string | undefined> {
		const located = await this.realInside(relative);
		if ('missing' in located) {
			// The engine probes several locations, so a missing file is a normal answer.
			return undefined;
		}
		if ('reason' in located) {
			this.refuse(relative, located.reason);
			return undefined;
		}
		const read = await readBounded(located.real, this.limits.for(relative).maxBytes, (size) => this.limits.tooLargeReason(relative, size));
		if ('text' in read) {
			return read.text;
		}
		if ('reason' in read) {
			this.refuse(relative, read.reason);
		}
		return undefined;
	}

	private refuse(relative: string, reason: string): void {
		this.unreadable.set(relative, reason);
		this.log('debug', `Not reading ${relative}: ${reason}`);
	}

	/** Why a file that exists was not read, in words (size limit, not a regular file, outside the root, …). */
	unreadableReason(relative: string): string | undefined {
		return this.unreadable.get(relative);
	}

	async fileSize(relative: string): Promise<number | undefined> {
		const located = await this.realInside(relative);
		if (!('real' in located)) {
			return undefined;
		}
		try {
			const stat = await fs.stat(located.real);
			return stat.isFile() ? stat.size : undefined;
		} catch {
			return undefined;
		}
	}

	async listFiles(dir: string): Promise<string[] | undefined> {
		const base = dir.replace(/^\/+|\/+$/g, '');
		if (this.files) {
			const prefix = base === '' ? '' : `${base}/`;
			const listed = this.files.filter((file) => file.startsWith(prefix));
			return listed.length > 0 ? listed : undefined;
		}
		const absolute = this.absolute(base);
		if (absolute === undefined) {
			return undefined;
		}
		const result: string[] = [];
		const walk = async (abs: string, rel: string): Promise<void> => {
			const entries = await fs.readdir(abs, { withFileTypes: true });
			for (const entry of entries) {
				const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
				if (entry.isDirectory()) {
					if (!skippedDirectories.has(entry.name)) {
						await walk(path.join(abs, entry.name), childRel);
					}
				} else if (entry.isFile()) {
					result.push(childRel);
				}
			}
		};
		try {
			await walk(absolute, base);
		} catch {
			return undefined;
		}
		return result.sort();
	}

	log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
		this.onLog?.(level, message);
	}
}
