import type * as vscode from 'vscode';
import { KeyedDebouncer } from '../keyedDebouncer';
import { canSpawnGit } from './gitRunner';
import { canReadLocally } from './workspaceHost';

/**
 * What a repository's state is made of. Each part is built on first need and kept until something it
 * was built from changes: `model` (CODEOWNERS and guardrails config), `identity` (git's user.email),
 * `files` (the file list), `modules` (workspace packages and tsconfig paths), `boundaries` (the
 * import index) and `remote` (the origin URL from .git/config).
 */
export type RepoPart = 'model' | 'identity' | 'files' | 'modules' | 'boundaries' | 'remote';

/** A part of one repository was dropped (the next request rebuilds it); `root` undefined: every repository. */
export interface RepoChange {
	root: vscode.Uri | undefined;
	part: RepoPart;
}

/**
 * The watchers of one repository, each kept while a part that needs it has been loaded: `rules` (the
 * exact CODEOWNERS and guardrails paths, for `model`), `moduleConfig` (package.json, tsconfig and the
 * other module files, for `modules` and `boundaries`) and `git` (the git extension's status of this
 * repository, for `files`).
 */
export type WatcherSet = 'rules' | 'moduleConfig' | 'git';

/** Parts built from another part: dropped with it. */
const dependents: Readonly<Record<RepoPart, readonly RepoPart[]>> = {
	model: ['boundaries', 'remote'],
	files: ['boundaries'],
	modules: [],
	boundaries: [],
	identity: [],
	remote: [],
};

/** What the test API reports of one repository: never the data, only what is held. */
export interface RepoStateSnapshot {
	root: string;
	/** The open workspace folders that map to this root. */
	folders: string[];
	/** Parts loaded or loading, sorted. */
	parts: RepoPart[];
	/** Watcher sets alive, sorted. */
	watchers: WatcherSet[];
	/** Debounced drops waiting to fire. */
	timers: number;
}

/**
 * The cached state of one repository root: each part behind one shared promise (concurrent first
 * requests share it), the watcher sets that invalidate them, and the debounce timers of pending
 * drops. `dispose()` releases all of it; the registry calls it when no open folder uses the root.
 */
export class RepoState implements vscode.Disposable {
	private readonly parts = new Map<RepoPart, Promise<unknown>>();
	private readonly resolved = new Map<RepoPart, unknown>();
	private readonly watchers = new Map<WatcherSet, vscode.Disposable>();
	private readonly timers = new KeyedDebouncer();
	/** The open workspace folders that map here, by URI string. */
	readonly folders = new Map<string, vscode.Uri>();
	/** The last value a watcher saw per part, to notice a change (git's status signature); kept while the watcher lives. */
	readonly signatures = new Map<RepoPart, string>();
	private disposed = false;

	constructor(
		readonly root: vscode.Uri,
		private readonly fire: (change: RepoChange) => void,
	) {}

	/** Files on this machine's disk: real paths can be checked (reads through `workspace.fs` work on any scheme). */
	get canReadLocally(): boolean {
		return canReadLocally(this.root);
	}

	/** git may run here (a trusted workspace on the local disk). */
	get canSpawnGit(): boolean {
		return canSpawnGit(this.root);
	}

	/** Where the repository's settings are read: its first open folder (settings are per folder in multi-root). */
	get settingsScope(): vscode.Uri {
		return this.folders.values().next().value ?? this.root;
	}

	/** The part, built by `build` on first need; a failed build is not kept, so the next request retries. */
	load<T>(part: RepoPart, build: () => Promise<T>): Promise<T> {
		const cached = this.parts.get(part) as Promise<T> | undefined;
		if (cached !== undefined) {
			return cached;
		}
		const promise: Promise<T> = build().then(
			(value) => {
				if (this.parts.get(part) === promise) {
					this.resolved.set(part, value);
				}
				return value;
			},
			(error: unknown) => {
				if (this.parts.get(part) === promise) {
					this.parts.delete(part);
				}
				throw error;
			},
		);
		if (!this.disposed) {
			this.parts.set(part, promise);
		}
		return promise;
	}

	/** The part when it is built, without waiting: `{ value }`, or undefined while unknown. */
	peek<T>(part: RepoPart): { value: T } | undefined {
		return this.resolved.has(part) ? { value: this.resolved.get(part) as T } : undefined;
	}

	/** Whether the part is loaded or loading. */
	has(part: RepoPart): boolean {
		return this.parts.has(part);
	}

	/** Forgets the part and those built from it, and says so (the part always; a dependent when it was held). */
	drop(part: RepoPart): void {
		this.timers.cancel(part);
		this.forget(part);
		this.fire({ root: this.root, part });
		for (const dependent of dependents[part]) {
			if (this.forget(dependent)) {
				this.fire({ root: this.root, part: dependent });
			}
		}
	}

	/** Drops the part after `delayMs` of quiet: files change in bursts (save, checkout, install). */
	dropLater(part: RepoPart, delayMs: number, before?: () => void): void {
		if (this.disposed) {
			return;
		}
		this.timers.schedule(part, delayMs, () => {
			before?.();
			this.drop(part);
		});
	}

	/** Whether a drop of the part is waiting to fire. */
	dropPending(part: RepoPart): boolean {
		return this.timers.has(part);
	}

	/** Forgets the part without an event (its surface was turned off); true when it was held. */
	forget(part: RepoPart): boolean {
		this.resolved.delete(part);
		return this.parts.delete(part);
	}

	/** Starts the watcher set once; it lives until the state is disposed. */
	watch(set: WatcherSet, start: () => vscode.Disposable | undefined): void {
		if (this.disposed || this.watchers.has(set)) {
			return;
		}
		const watcher = start();
		if (watcher !== undefined) {
			this.watchers.set(set, watcher);
		}
	}

	/** Stops a watcher set (its parts were released). */
	unwatch(set: WatcherSet): void {
		this.watchers.get(set)?.dispose();
		this.watchers.delete(set);
	}

	snapshot(): RepoStateSnapshot {
		return {
			root: this.root.toString(),
			folders: [...this.folders.keys()].sort(),
			parts: [...this.parts.keys()].sort(),
			watchers: [...this.watchers.keys()].sort(),
			timers: this.timers.size,
		};
	}

	dispose(): void {
		this.disposed = true;
		this.timers.dispose();
		for (const watcher of this.watchers.values()) {
			watcher.dispose();
		}
		this.watchers.clear();
		this.parts.clear();
		this.resolved.clear();
		this.signatures.clear();
	}
}
