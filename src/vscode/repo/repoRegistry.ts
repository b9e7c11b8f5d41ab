import * as vscode from 'vscode';
import { changed, getConfig } from '../configuration';
import { codeownersLocations, guardrailsLocations } from '../constants';
import type { Logger } from '../logger';
import { fileListSignature, followRepository } from './gitApi';
import { RepoState } from './repoState';
import type { RepoChange, RepoPart, RepoStateSnapshot, WatcherSet } from './repoState';

/** What the test API reports of the registry: the repositories held and the folders mapped. */
export interface RepoRegistrySnapshot {
	repos: RepoStateSnapshot[];
	/** Each workspace folder whose root was looked up: its root (undefined: none), and whether it waits for a first CODEOWNERS. */
	folders: { folder: string; root: string | undefined; watching: boolean }[];
}

/** Editors save the rule files in bursts (write, rename, touch): rebuild once per burst. */
const rulesDelayMs = 150;
/** Checkouts, installs and branch switches create files in bursts: relist once per burst. */
const filesDelayMs = 1000;
const moduleConfigDelayMs = 500;
const moduleConfigGlob = '**/{package.json,tsconfig.json,tsconfig.base.json,pyproject.toml,setup.cfg,go.mod}';

/** The watcher set each part needs. */
const watcherOf: Readonly<Record<RepoPart, WatcherSet | undefined>> = {
	model: 'rules',
	files: 'git',
	modules: 'moduleConfig',
	boundaries: 'moduleConfig',
	identity: undefined,
	remote: undefined,
};

function isUnder(root: vscode.Uri, uri: vscode.Uri): boolean {
	const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
	return uri.scheme === root.scheme && uri.authority === root.authority && uri.path.startsWith(prefix);
}

/**
 * The one place that holds per-repository state in the extension. It maps each workspace folder to
 * its repository root (the git root above it, else the folder when it holds a rule file) and keeps
 * one {@link RepoState} per root, with one watcher set. Folder removal, trust and setting changes
 * all arrive here: removing the last open folder of a root disposes its state (parts, watchers,
 * timers); trust and the settings the model is built from drop everything.
 *
 * The file list is kept fresh without a `**` watcher: VS Code's file operation events (explorer,
 * refactorings, workspace edits), the git extension's status of the repository, and Refresh.
 */
export class RepoRegistry implements vscode.Disposable {
	private readonly onDidChangeEmitter = new vscode.EventEmitter<RepoChange>();
	/** Fires when a part was dropped (the next request rebuilds it). */
	readonly onDidChange = this.onDidChangeEmitter.event;
	/** Folder URI → its repository root (or undefined); concurrent look-ups share the promise. */
	private readonly roots = new Map<string, Promise<vscode.Uri | undefined>>();
	private readonly resolvedRoots = new Map<string, vscode.Uri | undefined>();
	/** Root URI → its state. */
	private readonly states = new Map<string, RepoState>();
	/** Folder URI → the watcher for a first rule file, for folders with no root yet. */
	private readonly firstFileWatchers = new Map<string, vscode.Disposable>();
	private readonly disposables: vscode.Disposable[] = [];
	/** Bumped by every reset, so a root found before it is not stored after it. */
	private generation = 0;

	constructor(private readonly logger: Logger) {
		this.disposables.push(
			this.onDidChangeEmitter,
			vscode.workspace.onDidChangeWorkspaceFolders((e) => this.foldersChanged(e.removed)),
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (changed(e, 'identity') || changed(e, 'dialect') || changed(e, 'codeownersPath') || changed(e, 'configPath')) {
					this.reset();
				}
			}),
			// Trust lets git run: the identity, the file list and HEAD's rules all change source.
			vscode.workspace.onDidGrantWorkspaceTrust(() => this.reset()),
			vscode.workspace.onDidCreateFiles((e) => this.filesChanged(e.files)),
			vscode.workspace.onDidDeleteFiles((e) => this.filesChanged(e.files)),
			vscode.workspace.onDidRenameFiles((e) => this.filesChanged(e.files.flatMap((file) => [file.oldUri, file.newUri]))),
		);
	}

	/** Drops every state and folder mapping (Refresh, trust, settings); the next request rebuilds. */
	reset(): void {
		this.generation++;
		this.releaseAll();
		this.onDidChangeEmitter.fire({ root: undefined, part: 'model' });
	}

	/** Disposes every state and folder watcher and forgets every folder's root. */
	private releaseAll(): void {
		this.roots.clear();
		this.resolvedRoots.clear();
		for (const state of this.states.values()) {
			state.dispose();
		}
		this.states.clear();
		for (const watcher of this.firstFileWatchers.values()) {
			watcher.dispose();
		}
		this.firstFileWatchers.clear();
	}

	/** The state of the repository holding `uri` (any scheme `workspace.fs` reads), or undefined outside every repository. */
	async stateFor(uri: vscode.Uri): Promise<RepoState | undefined> {
		const folder = vscode.workspace.getWorkspaceFolder(uri);
		if (!folder) {
			return undefined;
		}
		const root = await this.rootOf(folder);
		// The folder may have been removed while its root was looked up.
		return root && this.roots.has(folder.uri.toString()) ? this.stateAt(root, folder) : undefined;
	}

	/** Without waiting: the state (undefined: no repository), or null while the folder's root is not known yet. */
	peekState(uri: vscode.Uri): RepoState | undefined | null {
		const folder = vscode.workspace.getWorkspaceFolder(uri);
		if (!folder) {
			return undefined;
		}
		const key = folder.uri.toString();
		if (!this.resolvedRoots.has(key)) {
			return null;
		}
		const root = this.resolvedRoots.get(key);
		return root ? this.states.get(root.toString()) ?? null : undefined;
	}

	/** The state of the repository at `root`, if an open folder maps to it. */
	stateOf(root: vscode.Uri): RepoState | undefined {
		return this.states.get(root.toString());
	}

	/** The states of every open workspace folder's repository (deduplicated). */
	async allStates(): Promise<RepoState[]> {
		const states = await Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => this.stateFor(folder.uri)));
		return [...new Set(states.filter((state): state is RepoState => state !== undefined))];
	}

	/**
	 * The part of the repository at `root`, built once and kept until it changes; its watchers start
	 * with it. A root no open folder maps to (any more) gets the part built afresh and not kept.
	 */
	load<T>(root: vscode.Uri, part: RepoPart, build: (state: RepoState | undefined) => Promise<T>): Promise<T> {
		const state = this.states.get(root.toString());
		if (state === undefined) {
			return build(undefined);
		}
		const set = watcherOf[part];
		if (set !== undefined) {
			state.watch(set, () => this.startWatchers(state, set));
		}
		return state.load(part, () => build(state));
	}

	/** Forgets `part` in every repository and stops the watchers no held part needs (a surface was turned off). */
	release(part: RepoPart): void {
		for (const state of this.states.values()) {
			state.forget(part);
			const set = watcherOf[part];
			if (set !== undefined && !(Object.keys(watcherOf) as RepoPart[]).some((other) => watcherOf[other] === set && state.has(other))) {
				state.unwatch(set);
			}
		}
	}

	/** Drops `part` in every repository now (a setting it is built from changed). */
	dropEverywhere(part: RepoPart): void {
		for (const state of this.states.values()) {
			state.drop(part);
		}
	}

	/** Debounced drops of the model waiting to fire (at most one per root). */
	get pendingRebuilds(): number {
		return [...this.states.values()].filter((state) => state.dropPending('model')).length;
	}

	/** Debounced relists of the file list waiting to fire. */
	get pendingRelists(): number {
		return [...this.states.values()].filter((state) => state.dropPending('files')).length;
	}

	snapshot(): RepoRegistrySnapshot {
		return {
			repos: [...this.states.values()].map((state) => state.snapshot()).sort((a, b) => a.root.localeCompare(b.root)),
			folders: [...this.resolvedRoots.entries()].map(([folder, root]) => ({ folder, root: root?.toString(), watching: this.firstFileWatchers.has(folder) }))
				.sort((a, b) => a.folder.localeCompare(b.folder)),
		};
	}

	private rootOf(folder: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
		const key = folder.uri.toString();
		let promise = this.roots.get(key);
		if (!promise) {
			const generation = this.generation;
			promise = findRoot(folder.uri).then((root) => {
				if (this.roots.get(key) === promise && this.generation === generation) {
					this.resolvedRoots.set(key, root);
					if (root) {
						this.stateAt(root, folder);
					} else {
						this.watchForFirstFile(folder);
					}
				}
				return root;
			});
			this.roots.set(key, promise);
		}
		return promise;
	}

	private stateAt(root: vscode.Uri, folder: vscode.WorkspaceFolder): RepoState {
		const key = root.toString();
		let state = this.states.get(key);
		if (!state) {
			state = new RepoState(root, (change) => this.onDidChangeEmitter.fire(change));
			this.states.set(key, state);
		}
		state.folders.set(folder.uri.toString(), folder.uri);
		return state;
	}

	/** Removed folders forget their root; a root no open folder maps to any more is released whole. */
	private foldersChanged(removed: readonly vscode.WorkspaceFolder[]): void {
		for (const folder of removed) {
			const key = folder.uri.toString();
			this.roots.delete(key);
			this.resolvedRoots.delete(key);
			this.firstFileWatchers.get(key)?.dispose();
			this.firstFileWatchers.delete(key);
			for (const [rootKey, state] of this.states) {
				state.folders.delete(key);
				if (state.folders.size === 0) {
					this.logger.info(`Released the state of ${state.root.toString(true)} (no open folder uses it)`);
					state.dispose();
					this.states.delete(rootKey);
				}
			}
		}
		// A file's folder (and so its repository) may have changed: every surface asks again.
		this.onDidChangeEmitter.fire({ root: undefined, part: 'model' });
	}

	/** Files created, deleted or renamed through VS Code: relist the repositories they are in. */
	private filesChanged(uris: readonly vscode.Uri[]): void {
		for (const state of this.states.values()) {
			if (state.has('files') && uris.some((uri) => isUnder(state.root, uri) && !/\/(node_modules|\.git)\//.test(uri.path))) {
				state.dropLater('files', filesDelayMs);
			}
		}
	}

	private startWatchers(state: RepoState, set: WatcherSet): vscode.Disposable {
		switch (set) {
			case 'rules':
				return this.watchRules(state);
			case 'moduleConfig':
				return watchFiles(state.root, moduleConfigGlob, (uri) => {
					if (!uri.path.includes('/node_modules/')) {
						state.dropLater('modules', moduleConfigDelayMs);
						state.dropLater('boundaries', moduleConfigDelayMs);
					}
				});
			case 'git':
				// Without the git extension this follows nothing: file operations and Refresh remain.
				return followRepository(state.root, (repository, initial) => {
					const signature = fileListSignature(repository);
					const previous = state.signatures.get('files');
					state.signatures.set('files', signature);
					if (!initial && previous !== undefined && previous !== signature && state.has('files')) {
						state.dropLater('files', filesDelayMs);
					}
				});
		}
	}

	/** Watches only the exact files the model is built from (and the places they could appear). */
	private watchRules(state: RepoState): vscode.Disposable {
		const config = getConfig(state.settingsScope);
		const paths = new Set<string>([...codeownersLocations, ...guardrailsLocations]);
		if (config.codeownersPath) {
			paths.add(config.codeownersPath);
		}
		if (config.configPath) {
			paths.add(config.configPath);
		}
		return vscode.Disposable.from(...[...paths].map((path) => watchFiles(state.root, path, () => {
			state.dropLater('model', rulesDelayMs, () => {
				this.logger.info(`${path} changed; rebuilding`);
			});
		})));
	}

	/** A folder with nothing to read yet: the first CODEOWNERS or guardrails file created makes it one. */
	private watchForFirstFile(folder: vscode.WorkspaceFolder): void {
		const key = folder.uri.toString();
		if (this.firstFileWatchers.has(key)) {
			return;
		}
		const disposables: vscode.Disposable[] = [];
		for (const path of [...codeownersLocations, ...guardrailsLocations]) {
			const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, path), false, true, true);
			disposables.push(watcher, watcher.onDidCreate(() => this.reset()));
		}
		this.firstFileWatchers.set(key, vscode.Disposable.from(...disposables));
	}

	dispose(): void {
		this.releaseAll();
		for (const disposable of this.disposables) {
			disposable.dispose();
		}
	}
}

/** One watcher on `pattern` under `root` whose create, change and delete events all call `onEvent`. */
function watchFiles(root: vscode.Uri, pattern: string, onEvent: (uri: vscode.Uri) => void): vscode.Disposable {
	const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, pattern));
	return vscode.Disposable.from(watcher, watcher.onDidCreate(onEvent), watcher.onDidChange(onEvent), watcher.onDidDelete(onEvent));
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
