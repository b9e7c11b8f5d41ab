import * as vscode from 'vscode';
import type { EngineHost } from '../engine/types';
import type { Logger } from './logger';

/** True when a `..` segment would take a repository-relative path out of the root (`joinPath` resolves it). */
function leavesRoot(path: string): boolean {
	return path.split(/[\\/]/).includes('..');
}

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

	async readFile(path: string): Promise<string | undefined> {
		if (leavesRoot(path)) {
			return undefined;
		}
		try {
			return this.decoder.decode(await vscode.workspace.fs.readFile(this.uri(path)));
		} catch {
			// A missing file is a normal answer for the engine (it probes several locations).
			return undefined;
		}
	}

	async fileSize(path: string): Promise<number | undefined> {
		if (leavesRoot(path)) {
			return undefined;
		}
		try {
			return (await vscode.workspace.fs.stat(this.uri(path))).size;
		} catch {
			return undefined;
		}
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
