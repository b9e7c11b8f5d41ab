import * as vscode from 'vscode';
import { changed, getConfig } from '../../configuration';
import type { Container } from '../../container';
import { ContractHintsProvider } from './contractHintsProvider';
import { importHintSelector, ImportHintsProvider } from './importHintsProvider';
import { ModuleIndex } from '../../repo/moduleIndex';
import { workspaceDocuments } from '../../repo/workspaceHost';

/**
 * Owns the two inlay-hint surfaces. Each exists only while its setting is on
 * (`ownershipGuardrails.inlineHints.enabled` for contract hints, `importHints.enabled` for import
 * hints): turning one off disposes its provider and listeners.
 */
export class HintsController implements vscode.Disposable {
	private contract: vscode.Disposable | undefined;
	private imports: vscode.Disposable | undefined;
	private readonly disposables: vscode.Disposable[] = [];

	constructor(private readonly container: Container) {
		this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
			if (changed(e, 'inlineHints') || changed(e, 'importHints')) {
				this.update();
			}
		}));
		this.update();
	}

	private update(): void {
		// Hint providers are registered once for all folders, so the window-level value decides.
		const config = getConfig();
		if (config.inlineHints.enabled && this.contract === undefined) {
			const provider = new ContractHintsProvider(this.container.service);
			this.contract = vscode.Disposable.from(
				provider,
				vscode.languages.registerInlayHintsProvider(workspaceDocuments(), provider),
				this.container.service.onDidChangeModel(() => provider.refresh()),
			);
		} else if (!config.inlineHints.enabled && this.contract !== undefined) {
			this.contract.dispose();
			this.contract = undefined;
		}
		if (config.importHints.enabled && this.imports === undefined) {
			const modules = new ModuleIndex(this.container.repos, this.container.logger);
			const provider = new ImportHintsProvider(this.container.service, modules);
			this.imports = vscode.Disposable.from(
				modules,
				provider,
				vscode.languages.registerInlayHintsProvider(importHintSelector(), provider),
				this.container.service.onDidChangeModel(() => provider.refresh()),
				modules.onDidChange(() => provider.refresh()),
			);
		} else if (!config.importHints.enabled && this.imports !== undefined) {
			this.imports.dispose();
			this.imports = undefined;
		}
	}

	/** True while the surface's provider is registered (for tests and the log). */
	get active(): { contract: boolean; imports: boolean } {
		return { contract: this.contract !== undefined, imports: this.imports !== undefined };
	}

	dispose(): void {
		this.contract?.dispose();
		this.imports?.dispose();
		for (const disposable of this.disposables) {
			disposable.dispose();
		}
	}
}
