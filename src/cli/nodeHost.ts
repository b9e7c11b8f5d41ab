import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EngineHost } from '../engine/types';

/** Directories never worth walking when the host has to list files itself. */
const skippedDirectories = new Set(['.git', 'node_modules']);

/**
 * The engine's file access through `node:fs`, rooted at the repository root. When the CLI knows
 * the tracked files (from `git ls-files` or `--files-from`), listing uses them, so ADR discovery
 * sees the same files as the rest of the command.
 */
export class NodeHost implements EngineHost {
	/** Files that exist but could not be read, with the reason; the CLI reports the ones it needs. */
	readonly unreadable = new Map<string, string>();

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

	async readFile(relative: string): Promise<string | undefined> {
		const absolute = this.absolute(relative);
		if (absolute === undefined) {
			return undefined;
		}
		try {
			return await fs.readFile(absolute, 'utf8');
		} catch (error) {
			const code = (error as { code?: string }).code;
			// The engine probes several locations, so a missing file is a normal answer.
			if (code !== 'ENOENT' && code !== 'ENOTDIR') {
				this.unreadable.set(relative, code ?? String(error));
			}
			return undefined;
		}
	}

	async fileSize(relative: string): Promise<number | undefined> {
		const absolute = this.absolute(relative);
		if (absolute === undefined) {
			return undefined;
		}
		try {
			const stat = await fs.stat(absolute);
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
