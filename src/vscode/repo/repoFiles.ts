import * as vscode from 'vscode';
import { gitFileList } from './gitApi';
import type { Logger } from '../logger';
import type { RepoRegistry } from './repoRegistry';

/** Every file (and the directories holding them) of one repository, repository-relative. */
export interface RepoFileList {
	files: readonly string[];
	/** Every directory that holds a listed file, without a trailing `/`. */
	dirs: ReadonlySet<string>;
	/** True when the repository has more files than the cap: "matches no file" is then unknowable. */
	capped: boolean;
	/**
	 * `git`: git's list (tracked plus untracked, not ignored; symlinks not followed; files deleted in the
	 * working tree left out), the list the CLI
	 * counts. `workspace`: VS Code's file search, when git cannot run (untrusted, virtual, no repository).
	 */
	source: 'git' | 'workspace';
	/** With `source: 'git'`, how many of `files` git does not track yet (the CLI does not count them). */
	untracked: number;
	/** With `source: 'git'`, tracked files deleted in the working tree: not in `files` (the CLI counts them). */
	deleted: number;
}

/** Beyond this many files a full listing costs more than the lint and completion it feeds. */
const fileCap = 50_000;
const excluded = '**/{node_modules,.git}/**';

/**
 * The file list of each repository root: the `files` part of its {@link RepoState}, listed once
 * (git's list, else `workspace.findFiles`) and dropped by the registry when files are created,
 * deleted or renamed through VS Code, when git's status of the repository adds or removes paths, or
 * on Refresh. Only roots someone asked about are listed.
 */
export class RepoFiles implements vscode.Disposable {
	private readonly onDidChangeEmitter = new vscode.EventEmitter<vscode.Uri>();
	/** Fires with the root whose list was dropped (the next `get` relists). */
	readonly onDidChange = this.onDidChangeEmitter.event;
	private readonly subscription: vscode.Disposable;

	constructor(
		private readonly repos: RepoRegistry,
		private readonly logger: Logger,
	) {
		this.subscription = repos.onDidChange((change) => {
			if (change.part === 'files' && change.root !== undefined) {
				this.onDidChangeEmitter.fire(change.root);
			}
		});
	}

	/** Relists still pending (tests: leak checks). */
	get pendingTimers(): number {
		return this.repos.pendingRelists;
	}

	get(root: vscode.Uri): Promise<RepoFileList> {
		return this.repos.load(root, 'files', () => this.list(root));
	}

	private async list(root: vscode.Uri): Promise<RepoFileList> {
		const started = Date.now();
		// git's list first: the CLI counts it, and it does not follow symlinked directories as the search does.
		const fromGit = await gitFileList(root);
		let listed: string[];
		if (fromGit) {
			listed = [...fromGit.tracked, ...fromGit.untracked];
		} else {
			const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/*'), excluded, fileCap + 1);
			const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
			listed = uris.filter((uri) => uri.path.startsWith(prefix)).map((uri) => uri.path.slice(prefix.length));
		}
		const capped = listed.length > fileCap;
		const files = capped ? listed.slice(0, fileCap) : listed;
		const dirs = new Set<string>();
		for (const path of files) {
			for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
				const dir = path.slice(0, slash);
				if (dirs.has(dir)) {
					break;
				}
				dirs.add(dir);
			}
		}
		files.sort();
		const source = fromGit ? 'git' : 'workspace';
		if (capped) {
			this.logger.warn(`${root.fsPath} has more than ${fileCap} files: listed the first ${fileCap}; "pattern matches no file" checks are off for it`);
		} else {
			this.logger.info(`Listed ${files.length} files of ${root.fsPath} (${source === 'git' ? 'git ls-files' : 'workspace search'}) in ${Date.now() - started} ms`);
		}
		return { files, dirs, capped, source, untracked: fromGit && !capped ? fromGit.untracked.length : 0, deleted: fromGit?.deleted ?? 0 };
	}

	dispose(): void {
		this.subscription.dispose();
		this.onDidChangeEmitter.dispose();
	}
}
