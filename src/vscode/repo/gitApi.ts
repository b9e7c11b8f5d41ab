import * as vscode from 'vscode';
import type { Change } from '../../engine/guardrails/types';
import { parseLsTreeLong } from '../../engine/safety/treeEntries';
import type { TreeEntry } from '../../engine/safety/treeEntries';
import { canSpawnGit, runHardenedGit } from './gitRunner';
import type { GitRunOptions } from './gitRunner';
import { parseGitFileList } from './gitFileList';
import type { GitFileList } from './gitFileList';
import type { Logger } from '../logger';

export { canSpawnGit } from './gitRunner';

// The slice of the built-in git extension's API (extensions/git/src/api/git.d.ts, version 1) that
// we use, typed here because the extension ships no types package.

/** Status values of the git API's `Change.status` that matter here. */
const enum GitStatus {
	IndexModified = 0,
	IndexAdded = 1,
	IndexDeleted = 2,
	IndexRenamed = 3,
	IndexCopied = 4,
	Modified = 5,
	Deleted = 6,
	Untracked = 7,
	Ignored = 8,
	IntentToAdd = 9,
	IntentToRename = 10,
}

interface GitChange {
	readonly uri: vscode.Uri;
	readonly originalUri: vscode.Uri;
	readonly renameUri: vscode.Uri | undefined;
	readonly status: number;
}

interface GitRepositoryState {
	readonly HEAD?: { readonly commit?: string };
	readonly workingTreeChanges: GitChange[];
	readonly indexChanges: GitChange[];
	readonly untrackedChanges?: GitChange[];
	readonly onDidChange: vscode.Event<void>;
}

export interface GitRepository {
	readonly rootUri: vscode.Uri;
	readonly state: GitRepositoryState;
	show(ref: string, path: string): Promise<string>;
	/** `git ls-tree -l` for one path: throws when the path is not in the tree. */
	getObjectDetails?(treeish: string, path: string): Promise<{ mode: string; object: string; size: number }>;
}

export interface GitApi {
	readonly repositories: GitRepository[];
	getRepository(uri: vscode.Uri): GitRepository | null;
	readonly onDidOpenRepository: vscode.Event<GitRepository>;
	readonly onDidCloseRepository: vscode.Event<GitRepository>;
}

interface GitExtensionExports {
	readonly enabled: boolean;
	getAPI(version: 1): GitApi;
}

/** The git extension's API, or undefined when it is missing, disabled or fails to activate. */
export async function getGitApi(): Promise<GitApi | undefined> {
	const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
	if (!extension) {
		return undefined;
	}
	try {
		const exports = extension.isActive ? extension.exports : await extension.activate();
		return exports?.enabled ? exports.getAPI(1) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Calls `onChange` on every status change of the git extension's repository at `root`, whether it is
 * open now or opens later (`initial` on attaching); nothing happens without the git extension.
 */
export function followRepository(root: vscode.Uri, onChange: (repository: GitRepository, initial: boolean) => void): vscode.Disposable {
	let disposed = false;
	const subscriptions: vscode.Disposable[] = [];
	const key = root.toString();
	void getGitApi().then((api) => {
		if (disposed || api === undefined) {
			return;
		}
		const attach = (repository: GitRepository): void => {
			if (repository.rootUri.toString() === key) {
				subscriptions.push(repository.state.onDidChange(() => onChange(repository, false)));
				onChange(repository, true);
			}
		};
		api.repositories.forEach(attach);
		subscriptions.push(api.onDidOpenRepository(attach));
	});
	return {
		dispose: () => {
			disposed = true;
			for (const subscription of subscriptions.splice(0)) {
				subscription.dispose();
			}
		},
	};
}

/**
 * What in a repository's git status decides its file list: HEAD's commit (a commit or checkout
 * changes what is tracked) and the paths added, deleted, renamed or untracked. Content edits leave it
 * unchanged, so saving a file does not relist the repository.
 */
export function fileListSignature(repository: GitRepository): string {
	const { state } = repository;
	const entries: string[] = [];
	for (const change of [...(state.untrackedChanges ?? []), ...state.workingTreeChanges, ...state.indexChanges]) {
		if (change.status !== GitStatus.Modified && change.status !== GitStatus.IndexModified && change.status !== GitStatus.Ignored) {
			entries.push(`${change.status}:${change.uri.path}:${change.renameUri?.path ?? ''}`);
		}
	}
	return `${state.HEAD?.commit ?? ''}\n${entries.sort().join('\n')}`;
}

/**
 * git's stdout, or undefined (untrusted workspace, not a local folder, git missing or failing).
 * Every git run of the extension goes through here, and only this module may call it (it is not
 * exported): the runs are hardened (src/vscode/repo/gitRunner.ts) and guarded by `canSpawnGit`.
 */
function runGit(root: vscode.Uri, args: string[], maxBuffer = 64 * 1024 * 1024, options: GitRunOptions = {}): Promise<string | undefined> {
	return canSpawnGit(root) ? runHardenedGit(root, args, { maxBuffer, ...options }) : Promise.resolve(undefined);
}

/**
 * The file's text at HEAD, or undefined when it is not in HEAD (new file) or git is unavailable.
 * Uses the git extension when it knows the repository, else runs git (trusted workspaces only).
 */
/**
 * The tree entry of `path` at HEAD (mode, type, size), through the git extension or git itself;
 * undefined when the path is not at HEAD or HEAD cannot be read.
 */
export async function headEntry(api: GitApi | undefined, root: vscode.Uri, uri: vscode.Uri, path: string): Promise<TreeEntry | undefined> {
	const repository = api?.getRepository(uri);
	if (repository?.getObjectDetails) {
		try {
			const { mode, size } = await repository.getObjectDetails('HEAD', uri.fsPath);
			const type = mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
			return { mode, type, size: type === 'blob' ? size : undefined };
		} catch {
			return undefined;
		}
	}
	const output = await runGit(root, ['ls-tree', '-l', '-z', 'HEAD', '--', path]);
	return output === undefined ? undefined : parseLsTreeLong(output).get(path);
}

export async function headText(api: GitApi | undefined, root: vscode.Uri, uri: vscode.Uri, path: string): Promise<string | undefined> {
	const repository = api?.getRepository(uri);
	if (repository) {
		try {
			return await repository.show('HEAD', uri.fsPath);
		} catch {
			return undefined;
		}
	}
	// `HEAD:<path>` is one argument starting with HEAD, so a path cannot be read as an option.
	return runGit(root, ['show', '--no-textconv', `HEAD:${path}`]);
}

function relative(root: vscode.Uri, uri: vscode.Uri): string | undefined {
	const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
	return uri.path.startsWith(base) ? uri.path.slice(base.length) : undefined;
}

function toChange(root: vscode.Uri, change: GitChange): Change | undefined {
	const path = relative(root, change.renameUri ?? change.uri);
	if (!path) {
		return undefined;
	}
	switch (change.status) {
		case GitStatus.IndexAdded:
		case GitStatus.Untracked:
		case GitStatus.IntentToAdd:
		case GitStatus.IndexCopied:
			return { path, status: 'added' };
		case GitStatus.IndexDeleted:
		case GitStatus.Deleted:
			return { path, status: 'deleted' };
		case GitStatus.IndexRenamed:
		case GitStatus.IntentToRename: {
			const oldPath = relative(root, change.originalUri);
			return oldPath && oldPath !== path ? { path, status: 'renamed', oldPath } : { path, status: 'modified' };
		}
		case GitStatus.Ignored:
			return undefined;
		default:
			return { path, status: 'modified' };
	}
}

/**
 * The files git lists at `root` (trusted local workspaces only), or undefined when git cannot run or
 * `root` is not a work tree. A symlink is listed as itself and never followed, as the code host sees it;
 * a tracked file deleted in the working tree is left out (see `parseGitFileList`).
 */
export async function gitFileList(root: vscode.Uri): Promise<GitFileList | undefined> {
	const [cached, deleted, others] = await Promise.all([
		runGit(root, ['ls-files', '-z', '--cached'], 256 * 1024 * 1024),
		runGit(root, ['ls-files', '-z', '--deleted'], 256 * 1024 * 1024),
		runGit(root, ['ls-files', '-z', '--others', '--exclude-standard'], 256 * 1024 * 1024),
	]);
	if (cached === undefined || deleted === undefined || others === undefined) {
		return undefined;
	}
	return parseGitFileList(cached, deleted, others);
}

/** `git config user.email` takes a few milliseconds; a hung git must not hold the model back. */
const emailTimeoutMs = 3000;

/**
 * `git config user.email` for the repository, or undefined. Only in a trusted workspace (a
 * repository's own git config could point git at programs to run) and only for local files; no shell.
 */
export async function gitUserEmail(root: vscode.Uri, logger: Logger): Promise<string | undefined> {
	const stdout = await runGit(root, ['config', '--get', 'user.email'], undefined, {
		timeoutMs: emailTimeoutMs,
		onError: (message) => logger.debug(`git config user.email: ${message}`),
	});
	const email = stdout?.trim();
	if (email) {
		logger.debug(`git user.email: ${email}`);
	}
	return email || undefined;
}

/** Parses `git status --porcelain -z` output into changes. */
export function parsePorcelain(output: string): Change[] {
	const entries = output.split('\0');
	const changes: Change[] = [];
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i];
		if (entry.length < 4) {
			continue;
		}
		const xy = entry.slice(0, 2);
		const path = entry.slice(3);
		if (xy === '!!') {
			continue;
		}
		if (xy.includes('R') || xy.includes('C')) {
			const oldPath = entries[++i];
			changes.push(xy.includes('R') && oldPath ? { path, status: 'renamed', oldPath } : { path, status: 'added' });
		} else if (xy === '??' || xy.includes('A')) {
			changes.push({ path, status: 'added' });
		} else if (xy.includes('D')) {
			changes.push({ path, status: 'deleted' });
		} else {
			changes.push({ path, status: 'modified' });
		}
	}
	return changes;
}

/**
 * Working-tree, index and untracked changes of the repository at `root`, one entry per path (the
 * index entry wins over the working-tree one for the same path), or undefined when unknown.
 */
export async function workingChanges(api: GitApi | undefined, root: vscode.Uri): Promise<Change[] | undefined> {
	const repository = api?.repositories.find((repo) => repo.rootUri.toString() === root.toString());
	if (repository) {
		const byPath = new Map<string, Change>();
		const all = [...(repository.state.untrackedChanges ?? []), ...repository.state.workingTreeChanges, ...repository.state.indexChanges];
		for (const gitChange of all) {
			const change = toChange(root, gitChange);
			if (change) {
				byPath.set(change.path, change);
			}
		}
		return [...byPath.values()];
	}
	const output = await runGit(root, ['status', '--porcelain', '-z', '--untracked-files=all', '--ignore-submodules=dirty']);
	return output === undefined ? undefined : parsePorcelain(output);
}

/** Tracked files, repository-relative (trusted local workspaces only), or undefined. */
export async function trackedFiles(root: vscode.Uri): Promise<string[] | undefined> {
	const output = await runGit(root, ['-c', 'core.quotepath=off', 'ls-files', '-z', '--cached'], 256 * 1024 * 1024);
	return output === undefined ? undefined : [...new Set(output.split('\0').filter((path) => path.length > 0))];
}

/**
 * `git log` since `since` in the format the engine's `parseGitLog` reads (trusted local workspaces
 * only), or undefined. Diff drivers and textconv stay off: a repository's config could name programs.
 */
export function recentHistory(root: vscode.Uri, since: string, format: string, limit: number): Promise<string | undefined> {
	return runGit(root, ['-c', 'core.quotepath=off', 'log', `--since=${since}`, '--no-merges', '--no-renames', `--format=${format}`, '--name-only', '--relative', '--no-ext-diff', '--no-textconv', `--max-count=${limit}`, '--'], 256 * 1024 * 1024);
}

/** A window of history is one `git log` of up to a few hundred MB; give it longer than a status. */
const historyTimeoutMs = 30_000;

/**
 * The `git log` text of the non-merge commits of a window under `root` (see `gitLogArgs`), or
 * undefined when git cannot run here (untrusted or virtual workspace) or fails.
 */
export function gitHistory(root: vscode.Uri, args: string[]): Promise<string | undefined> {
	return runGit(root, args, 512 * 1024 * 1024, { timeoutMs: historyTimeoutMs });
}
