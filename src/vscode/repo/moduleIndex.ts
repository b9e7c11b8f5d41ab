import * as vscode from 'vscode';
import type { Logger } from '../logger';
import type { RepoRegistry } from './repoRegistry';
import { WorkspaceHost } from './workspaceHost';
import { packageNameOf, readTsconfigPaths } from '../../engine/imports/modulePaths';
import type { ModuleContext, WorkspacePackage } from '../../engine/imports/modulePaths';

/** Monorepos have tens to hundreds of packages; beyond this the scan is not worth its cost. */
const maxPackages = 2000;

/**
 * What import resolution needs per repository root: the root tsconfig's `paths` and the workspace
 * packages (every package.json outside node_modules, by `name`). The `modules` part of the root's
 * {@link RepoState}: read once, dropped by the registry's module-configuration watcher when a
 * package.json or a tsconfig is created, changed or deleted. Disposing the index (import hints
 * turned off) releases the part in every repository.
 */
export class ModuleIndex implements vscode.Disposable {
	private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
	readonly onDidChange = this.onDidChangeEmitter.event;
	private readonly subscription: vscode.Disposable;

	constructor(
		private readonly repos: RepoRegistry,
		private readonly logger: Logger,
	) {
		this.subscription = repos.onDidChange((change) => {
			if (change.part === 'modules') {
				this.onDidChangeEmitter.fire();
			}
		});
	}

	get(root: vscode.Uri): Promise<ModuleContext> {
		return this.repos.load(root, 'modules', () => this.load(root));
	}

	private async load(root: vscode.Uri): Promise<ModuleContext> {
		const started = Date.now();
		const host = new WorkspaceHost(root, this.logger);
		const tsconfigText = await host.readFile('tsconfig.json').catch(() => undefined);
		const tsconfig = tsconfigText === undefined ? undefined : readTsconfigPaths(tsconfigText);
		const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/package.json'), '**/node_modules/**', maxPackages);
		const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
		const packages: WorkspacePackage[] = [];
		await Promise.all(uris.map(async (uri) => {
			if (!uri.path.startsWith(prefix)) {
				return;
			}
			const rel = uri.path.slice(prefix.length);
			const text = await host.readFile(rel).catch(() => undefined);
			const name = text === undefined ? undefined : packageNameOf(text);
			if (name !== undefined) {
				packages.push({ name, dir: rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '' });
			}
		}));
		// The root package (dir '') names the repository, not an importable library.
		const importable = packages.filter((p) => p.dir !== '').sort((a, b) => a.dir.localeCompare(b.dir));
		this.logger.info(`Import hints: ${importable.length} workspace packages, ${tsconfig?.paths.size ?? 0} tsconfig paths in ${Date.now() - started} ms`);
		return { tsconfig, packages: importable };
	}

	dispose(): void {
		this.subscription.dispose();
		this.onDidChangeEmitter.dispose();
		this.repos.release('modules');
	}
}
