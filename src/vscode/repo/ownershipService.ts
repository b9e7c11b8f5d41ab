import * as vscode from 'vscode';
import type { Decision, GuardrailsConfig } from '../../engine/guardrails/types';
import { normalizeRepoPath } from '../../engine/paths';
import { codeownersReadLimit, guardrailsConfigReadLimit } from '../../engine/safety/readLimits';
import { loadWorkspaceModel } from '../../engine/workspaceModel';
import type { WorkspaceModel, WorkspaceModelOptions } from '../../engine/workspaceModel';
import { getConfig } from '../configuration';
import type { Logger } from '../logger';
import { WorkspaceHost } from './workspaceHost';
import { gitUserEmail } from './gitApi';
import type { RepoRegistry } from './repoRegistry';
import type { RepoState } from './repoState';

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

/**
 * The ownership answers: one model per repository root, kept as the `model` part of the root's
 * {@link RepoState} in the {@link RepoRegistry} (which holds its watchers and drops it when CODEOWNERS
 * or the guardrails config changes on disk). A workspace folder nested inside a repository uses the
 * repository's CODEOWNERS, because that is the file the code host reads.
 */
export class OwnershipService implements vscode.Disposable {
	/** Fires with the root whose model was dropped (undefined: all of them); the next request rebuilds. */
	readonly onDidChangeModel: vscode.Event<vscode.Uri | undefined>;
	private readonly onDidChangeModelEmitter = new vscode.EventEmitter<vscode.Uri | undefined>();
	private readonly subscription: vscode.Disposable;

	constructor(
		private readonly logger: Logger,
		private readonly repos: RepoRegistry,
	) {
		this.onDidChangeModel = this.onDidChangeModelEmitter.event;
		this.subscription = repos.onDidChange((change) => {
			if (change.part === 'model') {
				this.onDidChangeModelEmitter.fire(change.root);
			}
		});
	}

	/** Drops every repository's state; the next request rebuilds. */
	reset(): void {
		this.repos.reset();
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
		const state = this.repos.peekState(uri);
		if (!state) {
			return state;
		}
		const known = state.peek<RepoModel | undefined>('model');
		if (known === undefined) {
			return null;
		}
		return known.value ? this.answerIn(known.value, uri) : undefined;
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

	/** The repository model for a file or folder URI (any scheme `workspace.fs` reads). */
	async repoFor(uri: vscode.Uri): Promise<RepoModel | undefined> {
		const state = await this.repos.stateFor(uri);
		return state ? this.repos.load(state.root, 'model', () => this.build(state)) : undefined;
	}

	/** Every repository model of the open workspace folders (deduplicated). */
	async allRepos(): Promise<RepoModel[]> {
		const states = await this.repos.allStates();
		const repos = await Promise.all(states.map((state) => this.repos.load(state.root, 'model', () => this.build(state))));
		return repos.filter((repo): repo is RepoModel => repo !== undefined);
	}

	private async build(state: RepoState): Promise<RepoModel | undefined> {
		const root = state.root;
		const started = Date.now();
		const config = getConfig(state.settingsScope);
		const host = new WorkspaceHost(root, this.logger);
		// Files the settings name are read under their role's limit, whatever their name.
		if (config.codeownersPath) {
			host.limits.assign(normalizeRepoPath(config.codeownersPath), codeownersReadLimit);
		}
		if (config.configPath) {
			host.limits.assign(normalizeRepoPath(config.configPath), guardrailsConfigReadLimit);
		}
		try {
			// git's user.email is its own part: it rarely changes, and spawning git costs more than a rebuild.
			const identity = config.identity || await this.repos.load(root, 'identity', () => gitUserEmail(root, this.logger));
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

	/** Rebuild timers waiting to fire (at most one per root). */
	get pendingRebuilds(): number {
		return this.repos.pendingRebuilds;
	}

	dispose(): void {
		this.subscription.dispose();
		this.onDidChangeModelEmitter.dispose();
	}
}
