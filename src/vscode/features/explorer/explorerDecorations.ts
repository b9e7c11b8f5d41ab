import * as vscode from 'vscode';
import { ToggledFeature } from '../feature';
import type { FeatureHost } from '../feature';

/**
 * Explorer decorations: contract files get a badge; every owned file's tooltip names its domain and
 * lead. Registered only while `explorerDecorations.enabled` is on.
 */
export class ExplorerDecorations extends ToggledFeature implements vscode.FileDecorationProvider {
	private readonly onDidChangeEmitter = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
	readonly onDidChangeFileDecorations = this.onDidChangeEmitter.event;

	constructor(private readonly host: FeatureHost) {
		super(['explorerDecorations']);
		this.start();
	}

	protected enable(): void {
		this.track(vscode.window.registerFileDecorationProvider(this));
		this.track(this.host.service.onDidChangeModel(() => this.onDidChangeEmitter.fire(undefined)));
	}

	async provideFileDecoration(uri: vscode.Uri): Promise<vscode.FileDecoration | undefined> {
		if (!this.enabled) {
			return undefined;
		}
		const answer = await this.host.service.answer(uri);
		const decision = answer?.decision;
		if (!decision) {
			return undefined;
		}
		const lead = decision.lead?.name;
		if (decision.contracts.length > 0) {
			const fact = decision.contracts[0];
			const owner = decision.domain?.title ?? fact.contract.owner;
			const ownerLead = fact.ownerLead?.name ?? lead;
			const tooltip = ownerLead
				? vscode.l10n.t('Contract "{0}" · {1} · lead {2}', fact.contract.title, owner, ownerLead)
				: vscode.l10n.t('Contract "{0}" · {1}', fact.contract.title, owner);
			// Badges are at most two characters; "C" for contract, "C2" when several apply.
			const badge = decision.contracts.length > 1 ? `C${Math.min(decision.contracts.length, 9)}` : 'C';
			return new vscode.FileDecoration(badge, tooltip);
		}
		if (decision.domain) {
			const tooltip = lead ? vscode.l10n.t('{0} · lead {1}', decision.domain.title, lead) : decision.domain.title;
			return new vscode.FileDecoration(undefined, tooltip);
		}
		return undefined;
	}

	dispose(): void {
		super.dispose();
		this.onDidChangeEmitter.dispose();
	}
}
