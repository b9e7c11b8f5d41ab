import type * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { BoundaryDiagnostics } from './features/boundaries/boundaryDiagnostics';
import { ContractDiagnostics } from './features/contracts/contractDiagnostics';
import { ExplorerDecorations } from './features/explorer/explorerDecorations';
import type { FeatureHost } from './features/feature';
import { ContractHints, ImportHints } from './features/hints/hintFeatures';
import { LanguageController } from './features/language/languageController';
import { Logger } from './logger';
import { OwnershipMapPanel } from './features/ownershipMap/ownershipMapPanel';
import { BoundaryIndex } from './repo/boundaryIndex';
import { OwnershipService } from './repo/ownershipService';
import { RepoFiles } from './repo/repoFiles';
import { RepoRegistry } from './repo/repoRegistry';
import { ReviewRoutingView } from './features/reviewRouting/reviewRoutingView';
import { StatusBarController } from './features/statusBar/statusBarController';

/**
 * The composition root. Cheap things (the logger, the service shell, UI objects) are created
 * eagerly; the models themselves are built on first need by the service. Every feature is a
 * controller that owns its UI and listeners; add one with a single `this.register(...)` line.
 * Features get the container as a `FeatureHost` and see nothing else of it.
 */
export class Container implements vscode.Disposable, FeatureHost {
	readonly logger: Logger;
	/** Every per-repository cache and watcher, by repository root. */
	readonly repos: RepoRegistry;
	readonly service: OwnershipService;
	readonly files: RepoFiles;
	readonly boundaryIndex: BoundaryIndex;
	readonly statusBar: StatusBarController;
	readonly contractDiagnostics: ContractDiagnostics;
	readonly explorerDecorations: ExplorerDecorations;
	readonly reviewRouting: ReviewRoutingView;
	readonly language: LanguageController;
	readonly ownershipMap: OwnershipMapPanel;
	readonly boundaries: BoundaryDiagnostics;
	/** True once `dispose()` ran (tests check that a disposed container does no more work). */
	disposed = false;
	private readonly disposables: vscode.Disposable[] = [];
	/** Construction time of each registered part, for the activation log line. */
	readonly timings: string[] = [];
	private lastMark = performance.now();

	constructor(readonly context: vscode.ExtensionContext) {
		this.logger = this.register(new Logger(), 'logger');
		this.repos = this.register(new RepoRegistry(this.logger), 'repos');
		this.service = this.register(new OwnershipService(this.logger, this.repos), 'service');
		this.files = this.register(new RepoFiles(this.repos, this.logger), 'files');
		this.boundaryIndex = this.register(new BoundaryIndex(this.logger, this.service, this.repos, this.files), 'boundaryIndex');
		this.statusBar = this.register(new StatusBarController(this), 'statusBar');
		this.contractDiagnostics = this.register(new ContractDiagnostics(this), 'contractDiagnostics');
		this.explorerDecorations = this.register(new ExplorerDecorations(this), 'explorerDecorations');
		this.reviewRouting = this.register(new ReviewRoutingView(this), 'reviewRouting');
		for (const disposable of registerCommands(this)) {
			this.register(disposable, 'command');
		}
		// Other features (language support, hints) register here, one line each.
		this.language = this.register(new LanguageController(this));
		this.register(new ContractHints(this), 'contractHints');
		this.register(new ImportHints(this), 'importHints');
		this.ownershipMap = this.register(new OwnershipMapPanel(this), 'ownershipMap');
		this.boundaries = this.register(new BoundaryDiagnostics(this), 'boundaries');
	}

	/** Takes ownership of a disposable: it is disposed with the container, in reverse order. */
	register<T extends vscode.Disposable>(disposable: T, label?: string): T {
		const now = performance.now();
		// Bundles are minified: class names are not readable labels, so callers may pass one.
		this.timings.push(`${label ?? disposable.constructor.name} ${(now - this.lastMark).toFixed(1)}`);
		this.lastMark = now;
		this.disposables.push(disposable);
		return disposable;
	}

	dispose(): void {
		this.disposed = true;
		for (const disposable of this.disposables.splice(0).reverse()) {
			try {
				disposable.dispose();
			} catch (error) {
				console.error(error);
			}
		}
	}
}
