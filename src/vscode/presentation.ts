import * as vscode from 'vscode';
import type { Decision, PersonRef } from '../engine/guardrails/types';
import type { SectionResolution } from '../engine/codeowners/types';
import { isCodeownersStandIn, leadAction } from '../engine/guardrails/decisionRender';
import type { Severity } from '../engine/types';
import type { WorkspaceModel } from '../engine/workspaceModel';
import { commands, docsBaseUrl } from './constants';

/**
 * What a card shows: the file, its decision, and which rule files its repository has. Named in
 * engine types so this module stays below repo/ and the features; a `FileAnswer` fits it.
 */
export interface AnswerView {
	readonly path: string;
	readonly decision: Decision;
	readonly repo: { readonly model: Pick<WorkspaceModel, 'codeowners' | 'config'> };
}

/** Where the guardrails.yaml reference lives: the "set up domains" link. */
export const domainsSetupUrl = `${docsBaseUrl}guardrails-config.md`;

/** "Team" for a team handle (`@org/team`, GitLab `@group/subgroup`), else "Owner". */
export function ownerKindLabel(handle: string): string {
	return handle.includes('/') ? vscode.l10n.t('Team') : vscode.l10n.t('Owner');
}

/** `@a`, or `@a +2` when more owners share the file: the status bar must not hide them. */
export function ownersSummary(owners: readonly string[]): string | undefined {
	if (owners.length === 0) {
		return undefined;
	}
	return owners.length === 1 ? owners[0] : `${owners[0]} +${owners.length - 1}`;
}

/** "[Tiles]" or "(unnamed section)". */
export function sectionLabel(section: Pick<SectionResolution, 'name'>): string {
	return section.name === null ? vscode.l10n.t('(unnamed section)') : `[${section.name}]`;
}

/** Whether a GitLab section asks for approval: optional sections never block a merge. */
export function sectionApproval(section: SectionResolution): string {
	return section.optional
		? vscode.l10n.t('optional, approval not required')
		: vscode.l10n.t('{0} approval(s) required', section.approvals);
}

/** "Alice Ng (@alice-ng)" or just the name. */
export function personLabel(person: PersonRef): string {
	return person.handle ? `${person.name} (@${person.handle.replace(/^@/, '')})` : person.name;
}

/** The owning domain or, on CODEOWNERS alone, the owners; undefined when nobody owns the file. */
export function ownerTitle(decision: Decision): string | undefined {
	if (decision.domain && !isCodeownersStandIn(decision)) {
		return decision.domain.title;
	}
	return ownersSummary(decision.codeowners?.owners ?? []);
}

/** True when the engine knows something about the file (a CODEOWNERS file or a domain/contract). */
export function hasData(decision: Decision): boolean {
	return decision.codeowners !== null || decision.domain !== null || decision.contracts.length > 0;
}

/**
 * The card shown in the status bar tooltip. Workspace text goes through `appendText` (escaped), so a
 * hostile CODEOWNERS or guardrails.yaml cannot inject links or command URIs; the only links are
 * our own commands, and `isTrusted` allows nothing else.
 */
export function decisionTooltip(answer: AnswerView): vscode.MarkdownString {
	const { decision } = answer;
	// Icons on from the start: appendText then escapes `$(…)` in workspace text.
	const md = new vscode.MarkdownString(undefined, true);
	md.isTrusted = { enabledCommands: [commands.whoDecides, commands.openCodeownersRule, commands.draftConfig] };
	md.appendMarkdown('**');
	md.appendText(vscode.l10n.t('Ownership of {0}', answer.path));
	md.appendMarkdown('**\n\n');
	const standIn = isCodeownersStandIn(decision);
	if (decision.domain && !standIn) {
		md.appendText(vscode.l10n.t('Domain: {0}', decision.domain.title));
		md.appendMarkdown('  \n');
	} else if (standIn && decision.domain) {
		md.appendText(`${ownerKindLabel(decision.domain.id)}: ${decision.domain.id}`);
		md.appendMarkdown('  \n');
		md.appendText(vscode.l10n.t('No domains yet: guardrails.yaml names the team and lead who decide.'));
		md.appendMarkdown(` [${escapeLinkText(vscode.l10n.t('Set up domains'))}](${domainsSetupUrl})  \n`);
	}
	if (decision.team) {
		md.appendText(vscode.l10n.t('Team: {0}', decision.team.name));
		md.appendMarkdown('  \n');
	}
	if (decision.lead) {
		md.appendText(vscode.l10n.t('Lead: {0}', personLabel(decision.lead)));
		md.appendMarkdown('  \n');
	} else if (decision.domain) {
		md.appendText(vscode.l10n.t('Lead: not set. {0}', leadAction(decision)));
		md.appendMarkdown('  \n');
	}
	if (decision.deputies.length > 0) {
		md.appendText(vscode.l10n.t('Deputies: {0}', decision.deputies.map(personLabel).join(', ')));
		md.appendMarkdown('  \n');
	}
	const codeowners = decision.codeowners;
	if (codeowners && codeowners.sections.length > 0) {
		// GitLab: each section is its own approval rule, so each gets its line, rule and optionality.
		md.appendText(vscode.l10n.t('CODEOWNERS ({0}), {1} section(s):', codeowners.file, codeowners.sections.length));
		md.appendMarkdown('  \n');
		for (const section of codeowners.sections) {
			md.appendText(
				vscode.l10n.t(
					'{0} {1} (rule {2} at {3}:{4}; {5})',
					sectionLabel(section),
					section.owners.length > 0 ? section.owners.join(' ') : vscode.l10n.t('no owners'),
					section.rule.pattern,
					codeowners.file,
					section.line,
					sectionApproval(section),
				),
			);
			md.appendMarkdown('  \n');
		}
		if (codeowners.sections.every((section) => section.optional)) {
			md.appendText(vscode.l10n.t('Every section is optional: no code owner approval is required.'));
			md.appendMarkdown('  \n');
		}
	} else if (codeowners) {
		if (codeowners.rule) {
			md.appendText(
				vscode.l10n.t(
					'CODEOWNERS: {0} (rule {1} at {2}:{3})',
					codeowners.owners.length > 0 ? codeowners.owners.join(' ') : vscode.l10n.t('no owners'),
					codeowners.rule.pattern,
					codeowners.file,
					codeowners.rule.line,
				),
			);
		} else {
			md.appendText(vscode.l10n.t('CODEOWNERS: no rule matches ({0})', codeowners.file));
		}
		md.appendMarkdown('  \n');
	}
	if (decision.crossTeam === true) {
		md.appendText(vscode.l10n.t('You are not on this team.'));
		md.appendMarkdown('  \n');
	}
	for (const fact of decision.contracts) {
		const contract = fact.contract;
		md.appendMarkdown('\n$(law) ');
		md.appendText(
			vscode.l10n.t(
				'Contract "{0}" ({1}): review {2}, {3} approval(s){4}',
				contract.title,
				contract.id,
				contract.review.level,
				contract.review.approvals,
				fact.ownerLead ? vscode.l10n.t(', owner lead {0}', personLabel(fact.ownerLead)) : '',
			),
		);
		md.appendMarkdown('  \n');
	}
	if (decision.adrs.length > 0) {
		md.appendMarkdown('\n');
		md.appendText(vscode.l10n.t('ADRs: {0}', decision.adrs.map((adr) => `${adr.title} (${adr.status})`).join('; ')));
		md.appendMarkdown('  \n');
	}
	md.appendMarkdown(`\n[${escapeLinkText(vscode.l10n.t('Who decides this?'))}](command:${commands.whoDecides})`);
	if (codeowners?.rule) {
		md.appendMarkdown(` · [${escapeLinkText(vscode.l10n.t('Open CODEOWNERS rule'))}](command:${commands.openCodeownersRule})`);
	}
	if (offersSetup(answer)) {
		md.appendMarkdown(`\n\n$(sparkle) [${escapeLinkText(vscode.l10n.t('Set up domains and leads…'))}](command:${commands.draftConfig}) `);
		md.appendText(vscode.l10n.t('Only CODEOWNERS is known: draft guardrails.yaml from it.'));
	}
	return md;
}

/**
 * The day-one offer: a repository with a CODEOWNERS and no guardrails config gets "Set up domains
 * and leads…" where the user already looks (the status-bar card, Who Decides This?), never a pop-up.
 */
export function offersSetup(answer: AnswerView): boolean {
	return answer.repo.model.codeowners !== null && answer.repo.model.config === null;
}

function escapeLinkText(text: string): string {
	return text.replace(/[\\[\]()`*_]/g, (c) => `\\${c}`);
}

/** An engine severity as the editor's (every diagnostic surface maps it the same way). */
export function toDiagnosticSeverity(severity: Severity): vscode.DiagnosticSeverity {
	switch (severity) {
		case 'error':
			return vscode.DiagnosticSeverity.Error;
		case 'warning':
			return vscode.DiagnosticSeverity.Warning;
		default:
			return vscode.DiagnosticSeverity.Information;
	}
}
