import * as vscode from 'vscode';
import type { Container } from '../container';
import type { FileAnswer } from '../repo/ownershipService';
import { sectionApproval, sectionLabel } from '../presentation';
import { openAt, targetUri } from './target';

/** One CODEOWNERS line that gives the file owners (GitLab: one per contributing section). */
export interface RuleChoice extends vscode.QuickPickItem {
	line: number;
	column: number;
}

/** Every line that contributes owners to the file: the winner on GitHub, each section's winner on GitLab. */
export function contributingRules(answer: FileAnswer): RuleChoice[] {
	const codeowners = answer.decision.codeowners;
	if (!codeowners) {
		return [];
	}
	if (codeowners.sections.length > 0) {
		return codeowners.sections.map((section) => ({
			label: `${sectionLabel(section)} ${section.rule.pattern}`,
			description: `${codeowners.file}:${section.line} · ${sectionApproval(section)}`,
			detail: section.owners.join(' ') || vscode.l10n.t('no owners'),
			line: section.line,
			column: section.rule.column,
		}));
	}
	const rule = codeowners.rule;
	return rule ? [{ label: rule.pattern, description: `${codeowners.file}:${rule.line}`, line: rule.line, column: rule.column }] : [];
}

/**
 * Opens CODEOWNERS at the rule that decides the file's owners. When several lines contribute (GitLab
 * sections), the user picks one: crediting every owner to the last section's line would mislead.
 */
export async function openCodeownersRule(container: Container, arg?: unknown): Promise<boolean> {
	const uri = targetUri(arg);
	const answer = uri ? await container.service.answer(uri) : undefined;
	const codeowners = answer?.decision.codeowners;
	if (!answer || !codeowners) {
		void vscode.window.setStatusBarMessage(vscode.l10n.t('No CODEOWNERS file applies to this file.'), 4000);
		return false;
	}
	const choices = contributingRules(answer);
	let choice: RuleChoice | undefined = choices[0];
	if (choices.length > 1) {
		choice = await vscode.window.showQuickPick(choices, {
			title: vscode.l10n.t('CODEOWNERS lines that own {0}', answer.path),
			matchOnDescription: true,
			matchOnDetail: true,
		});
		if (!choice) {
			return false;
		}
	}
	await openAt(answer.repo.uri(codeowners.file), choice?.line ?? 1, choice?.column ?? 1);
	return true;
}
