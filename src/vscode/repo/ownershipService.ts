import * as vscode from 'vscode';
import type { Decision, GuardrailsConfig } from '../../engine/guardrails/types';
import { normalizeRepoPath } from '../../engine/paths';
import { codeownersReadLimit, guardrailsConfigReadLimit } from '../../engine/safety/readLimits';
import { loadWorkspaceModel } from '../../engine/workspaceModel';
import type { WorkspaceModel, WorkspaceModelOptions } from '../../engine/workspaceModel';
import { changed, getConfig } from '../configuration';
import { codeownersLocations, guardrailsLocations } from '../constants';
import type { Logger } from '../logger';
import { WorkspaceHost } from './workspaceHost';
import { canSpawnGit, runGit } from './gitApi';
import { KeyedDebouncer } from '../keyedDebouncer';

/** One repository's engine model, with where it lives. */
export class RepoModel {
	constructor(
		readonly root: vscode.Uri,
		readonly host: WorkspaceHost,
		readonly model: WorkspaceModel,
		/** Whether the user is known (setting or git e-mail matched a person). */
		readonly identity: string | undefined,
		/** How the model was loaded (files, dialect, identity), to load HEAD's rules the same way. */
		readonly loadOptions: WorkspaceModelOptions = {},
	) {}

	/** Who decides a path; the engine memoises per path (bounded). */
	who(path: string): Decision {
		return this.model.who(path);
	}

	/** Repository-relative posix path of `uri`, or undefined when it lies outside the repository. */
	relativePath(uri: vscode.Uri): string | undefined {
		const rootPath = this.root.path.endsWith('/') ? this.root.path : `${this.root.path}/`;
		if (uri.scheme !== this.root.scheme || uri.authority !== this.root.authority || !uri.path.startsWith(rootPath)) {
			return undefined;
		}
		const rel = uri.path.slice(rootPath.length);
		return rel.length > 0 ? rel : undefined;
	}

	uri(path: string): vscode.Uri {
		return this.host.uri(path);
	}

	get config(): GuardrailsConfig | null {
		return this.model.config;
	}
}

/** An answer for one file. */
export interface FileAnswer {
	repo: RepoModel;
	path: string;
	decision: Decision;
}

const gitTimeoutMs = 3000;
const rebuildDelayMs = 150;

/**
 * One model per repository root, built on first need and rebuilt when CODEOWNERS or the guardrails
 * config changes on disk. A workspace folder nested inside a repository uses the repository's
 * CODEOWNERS, because that is the file the code host reads.
 */
export class OwnershipService implements vscode.Disposable {
	private readonly onDidChangeModelEmitter = new vscode.EventEmitter<vscode.Uri | undefined>();
	/** Fires with the root whose model was rebuilt (undefined: all of them). */
	readonly onDidChangeModel = this.onDidChangeModelEmitter.event;

	/** Folder URI → its repository root (or undefined). */
	private readonly roots = new Map<string, Promise<vscode.Uri | undefined>>();
	private readonly resolvedRoots = new Map<string, vscode.Uri | undefined>();
	/** Root URI → model promise; concurrent first requests share it. */
	private readonly models = new Map<string, Promise<RepoModel | undefined>>();
	private readonly resolvedModels = new Map<string, RepoModel | undefined>();
	private readonly watchers = new Map<string, vscode.Disposable>();
	private readonly disposables: vscode.Disposable[] = [];
	private readonly rebuildTimers = new KeyedDebouncer();
	/** git's user.email per root: it rarely changes, and spawning git costs more than a rebuild. */
	private readonly gitEmails = new Map<string, Promise<string | undefined>>();

	constructor(private readonly logger: Logger) {
		this.disposables.push(
			this.onDidChangeModelEmitter,
			vscode.workspace.onDidChangeWorkspaceFolders(() => this.reset()),
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (changed(e, 'identity')) {
					this.gitEmails.clear();
				}
				if (changed(e, 'identity') || changed(e, 'dialect') || changed(e, 'codeownersPath') || changed(e, 'configPath')) {
					this.reset();
				}
			}),
			// Trust enables the git look-up of the user's e-mail.
			vscode.workspace.onDidGrantWorkspaceTrust(() => {
				this.gitEmails.clear();
				this.reset();
			}),
		);
	}

	/** Drops every model; the next request rebuilds. */
	reset(): void {
		this.roots.clear();
		this.resolvedRoots.clear();
		this.models.clear();
		this.resolvedModels.clear();
		for (const watcher of this.watchers.values()) {
			watcher.dispose();
		}
		this.watchers.clear();
		this.onDidChangeModelEmitter.fire(undefined);
	}

	/** The answer for a document or file, or undefined (untitled, outside any repository, …). */
	async answer(uri: vscode.Uri): Promise<FileAnswer | undefined> {
		const repo = await this.repoFor(uri);
		return repo ? this.answerIn(repo, uri) : undefined;
	}

	/**
	 * The answer when the model is already built, without waiting; `null` means "not known yet, call
	 * `answer()`". Lets an editor switch update the status bar synchronously.
	 */
	peek(uri: vscode.Uri): FileAnswer | undefined | null {
		if (uri.scheme !== 'file') {
			return undefined;
		}
		const folder = vscode.workspace.getWorkspaceFolder(uri);
		if (!folder) {
			return undefined;
		}
		const folderKey = folder.uri.toString();
		if (!this.resolvedRoots.has(folderKey)) {
			return null;
		}
		const root = this.resolvedRoots.get(folderKey);
		if (!root) {
			return undefined;
		}
		const rootKey = root.toString();
		if (!this.resolvedModels.has(rootKey)) {
			return null;
		}
		const repo = this.resolvedModels.get(rootKey);
		return repo ? this.answerIn(repo, uri) : undefined;
	}

	private answerIn(repo: RepoModel, uri: vscode.Uri): FileAnswer | undefined {
		const path = repo.relativePath(uri);
		if (!path) {
			return undefined;
		}
		try {
			return { repo, path, decision: repo.who(path) };
		} catch (error) {
			this.logger.error(`who(${path}) failed: ${String(error)}`);
			return undefined;
		}
	}

	/** The repository model for a file or folder URI. */
	async repoFor(uri: vscode.Uri): Promise<RepoModel | undefined> {
		if (uri.scheme !== 'file') {
			return undefined;
		}
		const folder = vscode.workspace.getWorkspaceFolder(uri);
		if (!folder) {
			return undefined;
		}
		const root = await this.rootOf(folder);
		return root ? this.modelOf(root, folder) : undefined;
	}

	/** Every repository model of the open workspace folders (deduplicated). */
	async allRepos(): Promise<RepoModel[]> {
		const repos = await Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.repoFor(folder.uri)));
		const seen = new Set<string>();
		const result: RepoModel[] = [];
		for (const repo of repos) {
			if (repo && !seen.has(repo.root.toString())) {
				seen.add(repo.root.toString());
				result.push(repo);
			}
		}
		return result;
	}

	private rootOf(folder: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
		const key = folder.uri.toString();
		let promise = this.roots.get(key);
		if (!promise) {
			promise = findRoot(folder.uri).then((root) => {
				if (this.roots.get(key) === promise) {
					this.resolvedRoots.set(key, root);
					if (!root) {
						this.watchForFirstFile(folder);
					}
				}
				return root;
			});
			this.roots.set(key, promise);
		}
		return promise;
	}

	private modelOf(root: vscode.Uri, folder: vscode.WorkspaceFolder): Promise<RepoModel | undefined> {
		const key = root.toString();
		let promise = this.models.get(key);
		if (!promise) {
			this.watch(root, folder);
			promise = this.build(root, folder).then((repo) => {
				if (this.models.get(key) === promise) {
					this.resolvedModels.set(key, repo);
				}
				return repo;
			});
			this.models.set(key, promise);
		}
		return promise;
	}

	private async build(root: vscode.Uri, folder: vscode.WorkspaceFolder): Promise<RepoModel | undefined> {
		const started = Date.now();
		const config = getConfig(folder.uri);
		const host = new WorkspaceHost(root, this.logger);
		// Files the settings name are read under their role's limit, whatever their name.
		if (config.codeownersPath) {
			host.limits.assign(normalizeRepoPath(config.codeownersPath), codeownersReadLimit);
		}
		if (config.configPath) {
			host.limits.assign(normalizeRepoPath(config.configPath), guardrailsConfigReadLimit);
		}
		try {
			let identity = config.identity || undefined;
			if (!identity) {
				let email = this.gitEmails.get(root.toString());
				if (!email) {
					email = gitEmail(root, this.logger);
					this.gitEmails.set(root.toString(), email);
				}
				identity = await email;
			}
			const identityMs = Date.now() - started;
			const loadOptions: WorkspaceModelOptions = {
				codeownersFile: config.codeownersPath || undefined,
				configFile: config.configPath || undefined,
				dialect: config.dialect === 'auto' ? undefined : config.dialect,
				identity,
			};
			const model = await loadWorkspaceModel(host, loadOptions);
			this.logger.info(`Model for ${root.fsPath} built in ${Date.now() - started} ms (identity ${identityMs} ms)`);
			// A configured path that does not exist: the standard locations are not searched instead, so say so
			// in the log (never a pop-up); the setting has no file to carry a diagnostic.
			for (const problem of model.problems()) {
				if (problem.code === 'file-not-found') {
					this.logger.warn(`${problem.message} Check the ownershipGuardrails.${problem.message.startsWith('CODEOWNERS') ? 'codeownersPath' : 'configPath'} setting.`);
				}
			}
			return new RepoModel(root, host, model, identity, loadOptions);
		} catch (error) {
			this.logger.error(`Could not build the model for ${root.fsPath}: ${String(error)}`);
			return undefined;
		}
	}

	/** Watches only the exact files the model was built from (and the places they could appear). */
	private watch(root: vscode.Uri, folder: vscode.WorkspaceFolder): void {
		const key = root.toString();
		if (this.watchers.has(key)) {
			return;
		}
		const config = getConfig(folder.uri);
		const paths = new Set<string>([...codeownersLocations, ...guardrailsLocations]);
		if (config.codeownersPath) {
			paths.add(config.codeownersPath);
		}
		if (config.configPath) {
			paths.add(config.configPath);
		}
		const disposables: vscode.Disposable[] = [];
		for (const path of paths) {
			const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, path));
			const schedule = (): void => this.scheduleRebuild(key, path);
			disposables.push(watcher, watcher.onDidChange(schedule), watcher.onDidCreate(schedule), watcher.onDidDelete(schedule));
		}
		this.watchers.set(key, vscode.Disposable.from(...disposables));
	}

	/** A folder with nothing to read yet: the first CODEOWNERS or guardrails file created makes it one. */
	private watchForFirstFile(folder: vscode.WorkspaceFolder): void {
		const key = `none:${folder.uri.toString()}`;
		if (this.watchers.has(key)) {
			return;
		}
		const disposables: vscode.Disposable[] = [];
		for (const path of [...codeownersLocations, ...guardrailsLocations]) {
			const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, path), false, true, true);
			disposables.push(watcher, watcher.onDidCreate(() => this.reset()));
		}
		this.watchers.set(key, vscode.Disposable.from(...disposables));
	}

	private scheduleRebuild(rootKey: string, path: string): void {
		// Editors save in bursts (write, rename, touch); rebuild once per burst.
		this.rebuildTimers.schedule(rootKey, rebuildDelayMs, () => {
			this.logger.info(`${path} changed; rebuilding`);
			this.models.delete(rootKey);
			this.resolvedModels.delete(rootKey);
			this.onDidChangeModelEmitter.fire(vscode.Uri.parse(rootKey));
		});
	}

	/** Rebuild timers waiting to fire (at most one per root). */
	get pendingRebuilds(): number {
		return this.rebuildTimers.size;
	}

	dispose(): void {
		this.rebuildTimers.dispose();
		for (const watcher of this.watchers.values()) {
			watcher.dispose();
		}
		for (const disposable of this.disposables) {
			disposable.dispose();
		}
	}
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

/**
 * The repository root for a workspace folder: the nearest ancestor (or the folder) holding `.git`;
 * else the folder itself when it holds a CODEOWNERS or guardrails file; else undefined.
 */
export async function findRoot(folder: vscode.Uri): Promise<vscode.Uri | undefined> {
	let dir = folder;
	for (;;) {
		if (await exists(vscode.Uri.joinPath(dir, '.git'))) {
			return dir;
		}
		const parent = vscode.Uri.joinPath(dir, '..');
		if (parent.path === dir.path) {
			break;
		}
		dir = parent;
	}
	for (const path of [...codeownersLocations, ...guardrailsLocations]) {
		if (await exists(vscode.Uri.joinPath(folder, ...path.split('/')))) {
			return folder;
		}
	}
	return undefined;
}

/**
 * `git config user.email` for the repository. Only in a trusted workspace (a repository's own git
 * config could point git at programs to run) and only for local files; no shell.
 */
async function gitEmail(root: vscode.Uri, logger: Logger): Promise<string | undefined> {
	if (!canSpawnGit(root)) {
		return undefined;
	}
	const stdout = await runGit(root, ['config', '--get', 'user.email'], undefined, {
		timeoutMs: gitTimeoutMs,
		onError: (message) => logger.debug(`git config user.email: ${message}`),
	});
	const email = stdout?.trim();
	if (email) {
		logger.debug(`git user.email: ${email}`);
	}
	return email || undefined;
}
