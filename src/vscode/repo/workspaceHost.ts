import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import type { EngineHost } from '../../engine/types';
import { ReadLimits } from '../../engine/safety/readLimits';
import type { Logger } from '../logger';

/** True when a `..` segment would take a repository-relative path out of the root (`joinPath` resolves it). */
function leavesRoot(path: string): boolean {
	return path.split(/[\\/]/).includes('..');
}

function isInside(root: string, absolute: string): boolean {
	const back = nodePath.relative(root, absolute);
	return !back.startsWith('..') && !nodePath.isAbsolute(back);
}

/**
 * Whether the files under `uri` are on this machine's disk (the `file` scheme): only then can real
 * paths be checked and git or Node's file system be used. Reads through `workspace.fs` work on
 * every scheme, so a virtual workspace still gets the model, the file list and the code host.
 */
export function canReadLocally(uri: vscode.Uri): boolean {
	return uri.scheme === 'file';
}

/** Whether `uri` lies in an open workspace folder, of any scheme: the documents the surfaces answer for. */
export function inWorkspaceFolder(uri: vscode.Uri): boolean {
	return vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

/**
 * A document selector for the schemes of the open workspace folders (`file` at least), so providers
 * serve a virtual workspace's documents too; taken when the provider is registered.
 */
export function workspaceDocuments(language?: string): vscode.DocumentFilter[] {
	const schemes = new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.scheme)]);
	return [...schemes].map((scheme) => (language === undefined ? { scheme } : { scheme, language }));
}

/** A file the host may read: its URI and size, or why not (undefined reason: it does not exist). */
type Located = { uri: vscode.Uri; size: number; reason?: undefined } | { uri?: undefined; reason?: string; size?: number };

/**
 * The engine's file access through `workspace.fs`, rooted at the repository root. Going through
 * `workspace.fs` rather than `node:fs` keeps remote and virtual workspaces working.
 */
export class WorkspaceHost implements EngineHost {
	private readonly decoder = new TextDecoder('utf-8');

	constructor(
		readonly root: vscode.Uri,
		private readonly logger?: Logger,
	) {}

	uri(path: string): vscode.Uri {
		return vscode.Uri.joinPath(this.root, ...path.split('/').filter((part) => part.length > 0));
	}

	/** Files that exist but were not read, with the reason in words. */
	readonly unreadable = new Map<string, string>();
	/** The limit of each file; the model assigns the CODEOWNERS and config limits to the files the settings name. */
	readonly limits = new ReadLimits();
	private realRoot: Promise<string> | undefined;

	/**
	 * Where a repository-relative file is, if the host may read it: inside the root also after
	 * resolving symbolic links (checked on the real path for local folders; elsewhere a linked
	 * file is refused, since its target cannot be known), a regular file (a FIFO or a device
	 * would block or never end), and within the size limit for its kind.
	 */
	private async locate(path: string): Promise<Located> {
		if (leavesRoot(path)) {
			return { reason: 'outside the repository' };
		}
		const uri = this.uri(path);
		let stat: vscode.FileStat;
		try {
			stat = await vscode.workspace.fs.stat(uri);
		} catch {
			return {};
		}
		if (stat.type & vscode.FileType.Directory) {
			return { reason: 'is a directory' };
		}
		if (!(stat.type & vscode.FileType.File)) {
			return { reason: 'not a regular file' };
		}
		if (canReadLocally(this.root)) {
			this.realRoot ??= fs.realpath(this.root.fsPath).catch(() => this.root.fsPath);
			try {
				if (!isInside(await this.realRoot, await fs.realpath(uri.fsPath))) {
					return { reason: 'a symbolic link to outside the repository; not read' };
				}
			} catch {
				return {};
			}
		} else if (stat.type & vscode.FileType.SymbolicLink) {
			return { reason: 'a symbolic link; not read outside a local folder' };
		}
		if (stat.size > this.limits.for(path).maxBytes) {
			return { reason: this.limits.tooLargeReason(path, stat.size), size: stat.size };
		}
		return { uri, size: stat.size };
	}

	unreadableReason(path: string): string | undefined {
		return this.unreadable.get(path);
	}

	private refuse(path: string, reason: string): undefined {
		if (this.unreadable.get(path) !== reason) {
			this.unreadable.set(path, reason);
			this.log('warn', `Not reading ${path}: ${reason}`);
		}
		return undefined;
	}

	async readFile(path: string): Promise<string | undefined> {
		const located = await this.locate(path);
		if (located.uri === undefined) {
			return located.reason === undefined ? undefined : this.refuse(path, located.reason);
		}
		try {
			const bytes = await vscode.workspace.fs.readFile(located.uri);
			// The file may have grown since it was sized.
			if (bytes.byteLength > this.limits.for(path).maxBytes) {
				return this.refuse(path, this.limits.tooLargeReason(path, bytes.byteLength));
			}
			this.unreadable.delete(path);
			return this.decoder.decode(bytes);
		} catch {
			// A missing file is a normal answer for the engine (it probes several locations).
			return undefined;
		}
	}

	/** Size of a file the host would read, or of one refused only for its size (so the engine can say so). */
	async fileSize(path: string): Promise<number | undefined> {
		return (await this.locate(path)).size;
	}

	async listFiles(dir: string): Promise<string[] | undefined> {
		const base = dir.replace(/\/+$/, '');
		if (leavesRoot(base)) {
			return undefined;
		}
		try {
			const result: string[] = [];
			const walk = async (rel: string): Promise<void> => {
				for (const [name, type] of await vscode.workspace.fs.readDirectory(this.uri(rel))) {
					const child = `${rel}/${name}`;
					// Linked folders are not followed: two links to `.` would make the walk exponential.
					if (type & vscode.FileType.Directory && !(type & vscode.FileType.SymbolicLink)) {
						await walk(child);
					} else if (type & vscode.FileType.File) {
						result.push(child);
					}
				}
			};
			await walk(base);
			return result;
		} catch {
			return undefined;
		}
	}

	log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
		this.logger?.[level](message);
	}
}
