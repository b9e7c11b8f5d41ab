import * as vscode from 'vscode';
import { BoundaryRulesIndex } from '../../engine/imports/boundaryCheck';
import { loadRepoModules, scanBoundaries } from '../../engine/imports/boundaryScan';
import type { BoundaryReport } from '../../engine/imports/boundaryScan';
import type { RepoModules } from '../../engine/imports/repoModules';
import type { Logger } from '../logger';
import type { RepoFiles } from './repoFiles';
import type { OwnershipService, RepoModel } from './ownershipService';
import type { RepoRegistry } from './repoRegistry';

/** What checking one file's imports needs for one repository: resolution context and compiled rules. */
export interface BoundaryContext {
	repo: RepoModel;
	modules: RepoModules;
	rules: BoundaryRulesIndex;
}

/**
 * The boundary context per repository root: the `boundaries` part of its {@link RepoState}, built
 * in the background on first need (the file list and the few configuration files resolution
 * reads). The registry drops it with the file list, the model, or when a module configuration file
 * changes. Disposing the index (the surface turned off) releases the part in every repository.
 */
export class BoundaryIndex implements vscode.Disposable {
	private readonly subscription: vscode.Disposable;
	private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
	/** Fires when a context was dropped or a model changed: diagnostics recompute. */
	readonly onDidChange = this.onDidChangeEmitter.event;

	constructor(
		private readonly logger: Logger,
		private readonly service: OwnershipService,
		private readonly repos: RepoRegistry,
		/** The container's file list (one view of the registry's `files` part, shared with the features). */
		private readonly files: RepoFiles,
	) {
		this.subscription = repos.onDidChange((change) => {
			if (change.part === 'boundaries' || change.part === 'model') {
				this.onDidChangeEmitter.fire();
			}
		});
	}

	/** The context of the repository holding `uri`, or undefined when it has no boundary rules to check. */
	async contextFor(uri: vscode.Uri): Promise<BoundaryContext | undefined> {
		const repo = await this.service.repoFor(uri);
		if (repo === undefined || repo.config === null || repo.model.context.index === null) {
			return undefined;
		}
		const load = (): Promise<BoundaryContext | undefined> => this.repos.load(repo.root, 'boundaries', () => this.build(repo).catch((error: unknown) => {
			this.logger.error(`boundaries: index of ${repo.root.fsPath} failed: ${String(error)}`);
			return undefined;
		}));
		const built = await load();
		if (built === undefined || built.repo === repo) {
			return built;
		}
		// A model rebuilt since: the rules must come from the current config.
		this.repos.stateOf(repo.root)?.forget('boundaries');
		return load();
	}

	private async build(repo: RepoModel): Promise<BoundaryContext | undefined> {
		const config = repo.config;
		const index = repo.model.context.index;
		if (config === null || index === null) {
			return undefined;
		}
		const started = Date.now();
		const list = await this.files.get(repo.root);
		const modules = await loadRepoModules(repo.host, list.files);
		this.logger.info(`Boundaries: indexed ${list.files.length} files of ${repo.root.fsPath} in ${Date.now() - started} ms`);
		return { repo, modules, rules: new BoundaryRulesIndex(config, index) };
	}

	/** Every cross-domain import of the repository holding `uri` (for the dependency graph). */
	async report(uri: vscode.Uri): Promise<{ report: BoundaryReport; context: BoundaryContext } | undefined> {
		const context = await this.contextFor(uri);
		if (context === undefined) {
			return undefined;
		}
		const list = await this.files.get(context.repo.root);
		return { report: await scanBoundaries(context.repo.host, list.files, context.rules, context.modules), context };
	}

	dispose(): void {
		this.subscription.dispose();
		this.onDidChangeEmitter.dispose();
		this.repos.release('boundaries');
	}
}
