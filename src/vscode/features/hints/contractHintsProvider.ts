import * as vscode from 'vscode';
import type { ContractFact, GuardrailsConfig } from '../../../engine/guardrails/types';
import type { OwnershipService } from '../../repo/ownershipService';

/** Who decides changes to a contract, most local first: its owner's lead, then the forum. */
export function contractDeciders(fact: ContractFact, config: GuardrailsConfig | null): string[] {
	const forum = config?.forum?.title ?? vscode.l10n.t('the architecture forum');
	const deciders: string[] = [];
	if (fact.contract.owner === 'forum') {
		deciders.push(forum);
	} else if (fact.ownerLead !== null) {
		deciders.push(fact.ownerLead.name);
	}
	if (fact.contract.review.level === 'consumers') {
		deciders.push(...fact.consumerLeads.map((lead) => lead.name).filter((name) => !deciders.includes(name)));
	}
	if (fact.contract.review.level === 'architecture' && !deciders.includes(forum)) {
		deciders.push(forum);
	}
	return deciders;
}

/** The one-line label: contract title, review level and who decides. */
export function contractLabel(fact: ContractFact, config: GuardrailsConfig | null): string {
	const deciders = contractDeciders(fact, config);
	const who = deciders.length > 0 ? ` · ${deciders.join(' + ')}` : '';
	return vscode.l10n.t('Contract: {0} · {1} review{2}', fact.contract.title, fact.contract.review.level, who);
}

/**
 * In a file that is part of a cross-team contract, a hint at the end of the first line names the
 * contract, its review level and who decides. An inlay hint never moves code, and users can turn
 * all inlay hints off globally.
 */
export class ContractHintsProvider implements vscode.InlayHintsProvider {
	private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
	readonly onDidChangeInlayHints = this.onDidChangeEmitter.event;

	constructor(private readonly service: OwnershipService) {}

	refresh(): void {
		this.onDidChangeEmitter.fire();
	}

	async provideInlayHints(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.InlayHint[]> {
		if (range.start.line > 0 || document.lineCount === 0) {
			return [];
		}
		const answer = await this.service.answer(document.uri);
		if (answer === undefined || answer.decision.contracts.length === 0) {
			return [];
		}
		const config = answer.repo.config;
		const facts = answer.decision.contracts;
		const label = facts.map((fact) => contractLabel(fact, config)).join('; ');
		const hint = new vscode.InlayHint(document.lineAt(0).range.end, label);
		hint.paddingLeft = true;
		const md = new vscode.MarkdownString();
		for (const fact of facts) {
			const { contract } = fact;
			md.appendMarkdown('**');
			md.appendText(contract.title);
			md.appendMarkdown('**  \n');
			md.appendText(vscode.l10n.t('{0} contract owned by {1}; {2} review, {3} approval(s).', contract.kind, contract.owner, contract.review.level, contract.review.approvals));
			md.appendMarkdown('  \n');
			md.appendText(vscode.l10n.t('Decides: {0}', contractDeciders(fact, config).join(', ')));
			if (contract.guidance !== undefined) {
				md.appendMarkdown('  \n');
				md.appendText(contract.guidance);
			}
			md.appendMarkdown('\n\n');
		}
		hint.tooltip = md;
		return [hint];
	}

	dispose(): void {
		this.onDidChangeEmitter.dispose();
	}
}
