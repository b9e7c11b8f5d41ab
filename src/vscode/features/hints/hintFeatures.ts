import * as vscode from 'vscode';
import { ModuleIndex } from '../../repo/moduleIndex';
import { workspaceDocuments } from '../../repo/workspaceHost';
import { ToggledFeature } from '../feature';
import type { FeatureHost } from '../feature';
import { ContractHintsProvider } from './contractHintsProvider';
import { importHintSelector, ImportHintsProvider } from './importHintsProvider';

/** Contract inlay hints, registered only while `ownershipGuardrails.inlineHints.enabled` is on. */
export class ContractHints extends ToggledFeature {
	constructor(private readonly host: FeatureHost) {
		super(['inlineHints']);
		this.start();
	}

	protected enable(): void {
		const provider = this.track(new ContractHintsProvider(this.host.service));
		this.track(vscode.languages.registerInlayHintsProvider(workspaceDocuments(), provider));
		this.track(this.host.service.onDidChangeModel(() => provider.refresh()));
	}
}

/**
 * Import inlay hints, registered only while `ownershipGuardrails.importHints.enabled` is on; the
 * module index they resolve with lives and dies with them.
 */
export class ImportHints extends ToggledFeature {
	constructor(private readonly host: FeatureHost) {
		super(['importHints']);
		this.start();
	}

	protected enable(): void {
		const modules = this.track(new ModuleIndex(this.host.repos, this.host.logger));
		const provider = this.track(new ImportHintsProvider(this.host.service, modules));
		this.track(vscode.languages.registerInlayHintsProvider(importHintSelector(), provider));
		this.track(this.host.service.onDidChangeModel(() => provider.refresh()));
		this.track(modules.onDidChange(() => provider.refresh()));
	}
}
