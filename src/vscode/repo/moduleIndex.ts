import * as vscode from 'vscode';
import type { Logger } from '../logger';
import { WorkspaceHost } from './workspaceHost';
import { packageNameOf, readTsconfigPaths } from '../../engine/imports/modulePaths';
import type { ModuleContext, WorkspacePackage } from '../../engine/imports/modulePaths';

/** Monorepos have tens to hundreds of packages; beyond this the scan is not worth its cost. */
const maxPackages = 2000;

/**
 * What import resolution needs per repository root: the root tsconfig's `paths` and the workspace
 * packages (every package.json outside node_modules, by `name`). Read once, dropped when a
 * package.json or the root tsconfig.json is created, changed or deleted.
 */
export class ModuleIndex implements vscode.Disposable {
	private readonly contexts = new Map<string, Promise<ModuleContext>>();
	private readonly watchers = new Map<string, vscode.Disposable>();
	private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
	readonly onDidChange = this.onDidChangeEmitter.event;

	constructor(private readonly logger: Logger) {}

	get(root: vscode.Uri): Promise<ModuleContext> {
		const key = root.toString();
		let context = this.contexts.get(key);
		if (context === undefined) {
			this.watch(root);
			context = this.load(root);
			this.contexts.set(key, context);
		}
		return context;
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

	private watch(root: vscode.Uri): void {
		const key = root.toString();
		if (this.watchers.has(key)) {
			return;
		}
		const packages = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**/package.json'));
		const tsconfig = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, 'tsconfig.json'));
		const drop = (uri: vscode.Uri): void => {
			if (uri.path.includes('/node_modules/')) {
				return;
			}
			this.contexts.delete(key);
			this.onDidChangeEmitter.fire();
		};
		this.watchers.set(key, vscode.Disposable.from(
			packages, packages.onDidCreate(drop), packages.onDidChange(drop), packages.onDidDelete(drop),
			tsconfig, tsconfig.onDidCreate(drop), tsconfig.onDidChange(drop), tsconfig.onDidDelete(drop),
		));
	}

	dispose(): void {
		for (const watcher of this.watchers.values()) {
			watcher.dispose();
		}
		this.onDidChangeEmitter.dispose();
	}
}
