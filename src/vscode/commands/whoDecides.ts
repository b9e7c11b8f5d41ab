import * as vscode from 'vscode';
import { explainUnowned } from '../../engine/codeowners/unowned';
import type { PersonRef } from '../../engine/guardrails/types';
import { leadAction } from '../../engine/guardrails/decisionRender';
import { commands } from '../constants';
import type { Container } from '../container';
import type { FileAnswer } from '../repo/ownershipService';
import { offersSetup, personLabel } from '../presentation';
import { copyReviewRequest } from './copyReviewRequest';
import { openDecisionCard } from './openDecisionCard';
import { contributingRules } from './openCodeownersRule';
import { openAt, targetUri } from './target';

/** One row of the "Who Decides This?" pick; `run` is what choosing it does. */
export interface WhoDecidesItem extends vscode.QuickPickItem {
	/** Stable kind for tests: `lead`, `deputy`, `codeowner`, `contract`, `adr`, `rule`, `chat`, `request`, `card`, … */
	id: string;
	run?: () => Thenable<unknown>;
}

function separator(label: string): WhoDecidesItem {
	return { id: 'separator', label, kind: vscode.QuickPickItemKind.Separator };
}

function isPerson(who: unknown): who is PersonRef {
	return typeof who === 'object' && who !== null && 'id' in who && 'name' in who;
}

/** Opens http(s) links only: a config could hold any scheme, and `command:` must never run. */
function safeExternal(url: string | undefined): vscode.Uri | undefined {
	if (!url) {
		return undefined;
	}
	try {
		const uri = vscode.Uri.parse(url, true);
		return uri.scheme === 'https' || uri.scheme === 'http' ? uri : undefined;
	} catch {
		return undefined;
	}
}

/** The decision chain as pick items, most local first, each of which does something. */
export function buildWhoDecidesItems(container: Container, answer: FileAnswer): WhoDecidesItem[] {
	const { decision, repo } = answer;
	const items: WhoDecidesItem[] = [];
	const open = (file: string, line: number, column = 1) => () => openAt(repo.uri(file), line, column);
	const copy = (text: string) => async () => {
		await vscode.env.clipboard.writeText(text);
		void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', text), 3000);
	};

	items.push(separator(vscode.l10n.t('Decides')));
	if (decision.domain && decision.lead === null) {
		const source = decision.team?.source ?? decision.domain.source;
		items.push({
			id: 'lead-missing',
			label: `$(person) ${vscode.l10n.t('Lead not set')}`,
			description: vscode.l10n.t('open the config to set it'),
			detail: leadAction(decision),
			run: open(source.file, source.line, source.column),
		});
	}
	for (const decider of decision.chain) {
		const who = decider.who;
		if (isPerson(who)) {
			const handle = who.handle ? `@${who.handle.replace(/^@/, '')}` : who.name;
			items.push({
				id: decider.role,
				label: `$(person) ${who.name}`,
				description: `${decider.role}${who.handle ? ` · ${handle}` : ''}`,
				detail: decider.why,
				run: copy(handle),
			});
		} else if ('forum' in who) {
			items.push({
				id: decider.role,
				label: `$(organization) ${who.forum}`,
				description: decider.role,
				detail: decider.why,
				run: open(decider.source.file, decider.source.line, decider.source.column),
			});
		} else {
			items.push({
				id: decider.role,
				label: `$(account) ${who.handle}`,
				description: decider.role,
				detail: decider.why,
				run: open(decider.source.file, decider.source.line, decider.source.column),
			});
		}
	}
	const chat = decision.team?.contact.chat;
	const contactUrl = safeExternal(decision.team?.contact.url);
	if (chat || contactUrl) {
		items.push({
			id: 'chat',
			label: `$(comment-discussion) ${chat ?? decision.team?.name ?? ''}`,
			description: contactUrl ? vscode.l10n.t('open team page') : vscode.l10n.t('copy channel'),
			run: contactUrl ? () => vscode.env.openExternal(contactUrl) : copy(chat ?? ''),
		});
	}

	if (decision.contracts.length > 0) {
		items.push(separator(vscode.l10n.t('Contracts')));
		for (const fact of decision.contracts) {
			const contract = fact.contract;
			items.push({
				id: 'contract',
				label: `$(law) ${contract.title}`,
				description: vscode.l10n.t('{0} review · {1} approval(s)', contract.review.level, contract.review.approvals),
				detail: fact.ownerLead ? vscode.l10n.t('Owner lead: {0}', personLabel(fact.ownerLead)) : contract.guidance,
				run: open(contract.source.file, contract.source.line, contract.source.column),
			});
		}
	}

	if (decision.adrs.length > 0) {
		items.push(separator(vscode.l10n.t('Decision records')));
		for (const adr of decision.adrs) {
			items.push({ id: 'adr', label: `$(book) ${adr.title}`, description: adr.status, detail: adr.path, run: open(adr.path, 1) });
		}
	}

	items.push(...unownedItems(answer, open, copy));

	items.push(separator(vscode.l10n.t('Actions')));
	if (offersSetup(answer)) {
		items.push({
			id: 'setup',
			label: `$(sparkle) ${vscode.l10n.t('Set up domains and leads…')}`,
			description: vscode.l10n.t('Draft guardrails.yaml'),
			detail: vscode.l10n.t('Only CODEOWNERS is known here: draft domains, leads and contracts from what the repository already says (opens unsaved).'),
			run: () => vscode.commands.executeCommand(commands.draftConfig, repo.uri(answer.path)),
		});
	}
	const codeowners = decision.codeowners;
	if (codeowners?.rule) {
		// GitLab: one item per contributing section, so no owner is credited to another section's line.
		for (const choice of contributingRules(answer)) {
			items.push({
				id: 'rule',
				label: `$(go-to-file) ${vscode.l10n.t('Open CODEOWNERS rule')}`,
				description: choice.description,
				detail: codeowners.sections.length > 0 ? `${choice.label} · ${choice.detail ?? ''}` : codeowners.rule.text.trim().replace(/\s+/g, ' '),
				run: open(codeowners.file, choice.line, choice.column),
			});
		}
	}
	items.push({
		id: 'request',
		label: `$(copy) ${vscode.l10n.t('Copy review request')}`,
		run: () => copyReviewRequest(container, repo.uri(answer.path)),
	});
	items.push({
		id: 'card',
		label: `$(preview) ${vscode.l10n.t('Open decision card')}`,
		run: () => openDecisionCard(container, repo.uri(answer.path)),
	});
	return items;
}

type Opener = (file: string, line: number, column?: number) => () => Thenable<unknown>;

/**
 * For a file nobody owns: why (the engine's explanation), the owning rule that came closest, and a
 * line that would own it. Empty when the file has owners or there is no CODEOWNERS.
 */
function unownedItems(answer: FileAnswer, open: Opener, copy: (text: string) => () => Thenable<unknown>): WhoDecidesItem[] {
	const info = answer.repo.model.codeowners;
	const explained = info ? explainUnowned(info.parsed, info.index, answer.path) : null;
	if (!info || !explained) {
		return [];
	}
	const items: WhoDecidesItem[] = [separator(vscode.l10n.t('Unowned'))];
	const ownerless = explained.ownerlessRule;
	items.push({
		id: 'unowned',
		label: `$(circle-slash) ${vscode.l10n.t('No CODEOWNERS rule owns this file')}`,
		description: ownerless ? `${info.file}:${ownerless.line}` : info.file,
		detail: ownerless
			? vscode.l10n.t('Line {0} ({1}) matches it last and names no owners.', ownerless.line, ownerless.pattern)
			: vscode.l10n.t('No line of {0} matches it.', info.file),
		run: open(info.file, ownerless?.line ?? 1, ownerless?.column ?? 1),
	});
	const closest = explained.closest;
	if (closest) {
		items.push({
			id: 'closest',
			label: `$(go-to-file) ${vscode.l10n.t('Closest rule: {0}', closest.rule.pattern)}`,
			description: `${info.file}:${closest.rule.line} · ${closest.owners.join(' ')}`,
			detail: closest.matches
				? vscode.l10n.t('Matches this file, but a later line without owners wins.')
				: vscode.l10n.t('Covers a neighbouring folder, not this file.'),
			run: open(info.file, closest.rule.line, closest.rule.column),
		});
	}
	items.push({
		id: 'own',
		label: `$(add) ${vscode.l10n.t('Own it: {0}', explained.suggestion)}`,
		description: vscode.l10n.t('copy the line'),
		detail: explained.advice,
		run: copy(explained.suggestion),
	});
	return items;
}

/** "Who Decides This?": the decision chain as a quick pick whose items act. */
export async function whoDecides(container: Container, arg?: unknown): Promise<WhoDecidesItem | undefined> {
	const uri = targetUri(arg);
	const answer = uri ? await container.service.answer(uri) : undefined;
	if (!answer) {
		void vscode.window.setStatusBarMessage(vscode.l10n.t('No ownership information for this file.'), 4000);
		return undefined;
	}
	const picked = await vscode.window.showQuickPick(buildWhoDecidesItems(container, answer), {
		title: vscode.l10n.t('Who decides {0}?', answer.path),
		matchOnDescription: true,
		matchOnDetail: true,
	});
	await picked?.run?.();
	return picked;
}
