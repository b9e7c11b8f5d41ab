import * as vscode from 'vscode';
import { BoundaryRulesIndex } from '../../engine/imports/boundaryCheck';
import { loadRepoModules, scanBoundaries } from '../../engine/imports/boundaryScan';
import type { BoundaryReport } from '../../engine/imports/boundaryScan';
import type { RepoModules } from '../../engine/imports/repoModules';
import type { Logger } from '../logger';
import { RepoFiles } from './repoFiles';
import type { OwnershipService, RepoModel } from './ownershipService';
import { KeyedDebouncer } from '../keyedDebouncer';

/** What checking one file's imports needs for one repository: resolution context and compiled rules. */
export interface BoundaryContext {
	repo: RepoModel;
	modules: RepoModules;
	rules: BoundaryRulesIndex;
}

const moduleConfigGlob = '**/{package.json,tsconfig.json,tsconfig.base.json,pyproject.toml,setup.cfg,go.mod}';
const rebuildDelayMs = 500;

/**
 * The boundary context per repository root, built in the background on first need (the file list
 * and the few configuration files resolution reads), and dropped when files are created or
 * deleted, a module configuration file changes, or the guardrails model is rebuilt.
 */
export class BoundaryIndex implements vscode.Disposable {
	private readonly contexts = new Map<string, Promise<BoundaryContext | undefined>>();
	private readonly files: RepoFiles;
	private readonly watchers = new Map<string, vscode.Disposable>();
	private readonly timers = new KeyedDebouncer();
	private readonly subscriptions: vscode.Disposable;
	private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
	/** Fires when a context was dropped: diagnostics recompute. */
	readonly onDidChange = this.onDidChangeEmitter.event;

	constructor(private readonly logger: Logger, private readonly service: OwnershipService) {
		this.files = new RepoFiles(logger);
		this.subscriptions = vscode.Disposable.from(
			this.files.onDidChange((root) => this.drop(root.toString())),
			service.onDidChangeModel(() => this.dropAll()),
		);
	}

	/** The context of the repository holding `uri`, or undefined when it has no boundary rules to check. */
	async contextFor(uri: vscode.Uri): Promise<BoundaryContext | undefined> {
		const repo = await this.service.repoFor(uri);
		if (repo === undefined || repo.config === null || repo.model.context.index === null) {
			return undefined;
		}
		const key = repo.root.toString();
		let context = this.contexts.get(key);
		if (context === undefined) {
			this.watch(repo.root);
			context = this.build(repo).catch((error: unknown) => {
				this.logger.error(`boundaries: index of ${repo.root.fsPath} failed: ${String(error)}`);
				return undefined;
			});
			this.contexts.set(key, context);
		}
		const built = await context;
		// A model rebuilt since: the rules must come from the current config.
		return built !== undefined && built.repo === repo ? built : built === undefined ? undefined : this.rebuild(key, repo);
	}

	private rebuild(key: string, repo: RepoModel): Promise<BoundaryContext | undefined> {
		const context = this.build(repo);
		this.contexts.set(key, context);
		return context;
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

	private watch(root: vscode.Uri): void {
		const key = root.toString();
		if (this.watchers.has(key)) {
			return;
		}
		const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, moduleConfigGlob));
		const changed = (uri: vscode.Uri): void => {
			if (!uri.path.includes('/node_modules/')) {
				this.timers.schedule(key, rebuildDelayMs, () => this.drop(key));
			}
		};
		this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)));
	}

	private drop(key: string): void {
		if (this.contexts.delete(key)) {
			this.onDidChangeEmitter.fire();
		}
	}

	private dropAll(): void {
		this.contexts.clear();
		this.onDidChangeEmitter.fire();
	}

	dispose(): void {
		this.timers.dispose();
		this.subscriptions.dispose();
		for (const watcher of this.watchers.values()) {
			watcher.dispose();
		}
		this.watchers.clear();
		this.files.dispose();
		this.onDidChangeEmitter.dispose();
	}
}
