import * as vscode from 'vscode';
import type { CodeownersRule } from '../../../engine/codeowners/types';
import type { CodeownersAnalysis, CodeownersAnalyzer } from './codeownersAnalysis';
import type { CodeHostResolver } from '../../repo/codeHostResolver';
import { isSafeLink } from '../../repo/codeHostResolver';
import { ownerUrl } from '../../../engine/codeHost';
import { identifyOwner } from '../../../engine/guardrails/ownerDirectory';
import type { RepoFiles } from '../../repo/repoFiles';

/** Resolving every matched file costs time; a hover answers with a bound, and says so. */
const maxResolved = 5000;
const exampleCount = 5;
/** An owner token: `@user`, `@org/team`, `@group/sub`, `@@role`, or an e-mail. */
export const ownerTokenPattern = /@@?[A-Za-z0-9_.\-/]+|[^\s@#]+@[^\s@#]+/;

/** Markdown-escapes workspace text so a path or name can never become a link, image or HTML. */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (ch) => `\\${ch}`);
}

/** Columns (0-based, end exclusive) of a rule's pattern on its line, including a GitLab `!`. */
export function patternColumns(rule: CodeownersRule): { start: number; end: number } {
	const start = rule.column - 1;
	const written = rule.text.slice(start);
	const match = /^(?:\\.|\S)+/.exec(written);
	return { start, end: start + (match ? match[0].length : rule.pattern.length) };
}

/** The rule that owns a path instead of `rule` (GitHub: the last match; GitLab: the same section's winner). */
function winnerOf(analysis: CodeownersAnalysis, path: string, rule: CodeownersRule): CodeownersRule | null {
	const resolution = analysis.index.resolve(path);
	if (analysis.dialect === 'github') {
		return resolution.rule;
	}
	const section = resolution.sections.find((s) => s.rule.section === rule.section);
	return section?.rule ?? null;
}

/**
 * Hover on a pattern: how many files it matches and how many it owns (wins), which later rule
 * takes the rest, and example paths. Hover on an owner: the guardrails.yaml team or person with
 * that handle, its domains and lead, and a link to the code host. All workspace text is escaped
 * and the Markdown is untrusted, so no command link can come from repository data.
 */
export class CodeownersHover implements vscode.HoverProvider {
	constructor(
		private readonly analyzer: CodeownersAnalyzer,
		private readonly files: RepoFiles,
		private readonly codeHosts: CodeHostResolver,
	) {}

	async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
		const analysis = await this.analyzer.analyze(document);
		if (analysis === undefined) {
			return undefined;
		}
		const rule = analysis.parsed.rules.find((r) => r.line === position.line + 1);
		if (rule !== undefined) {
			const columns = patternColumns(rule);
			if (position.character >= columns.start && position.character <= columns.end) {
				const range = new vscode.Range(position.line, columns.start, position.line, columns.end);
				return new vscode.Hover(await this.patternHover(analysis, rule), range);
			}
		}
		const range = document.getWordRangeAtPosition(position, ownerTokenPattern);
		const textBefore = document.lineAt(position.line).text.slice(0, range?.start.character ?? 0);
		if (range === undefined || textBefore.includes('#') || textBefore.trim() === '') {
			// Tokens in a comment or in the pattern slot are not owners.
			return undefined;
		}
		return new vscode.Hover(await this.ownerHover(analysis, document.getText(range)), range);
	}

	private async patternHover(analysis: CodeownersAnalysis, rule: CodeownersRule): Promise<vscode.MarkdownString> {
		const md = new vscode.MarkdownString();
		const list = await this.files.get(analysis.root);
		const matched = analysis.index.matchingPaths(rule.index, list.files);
		const won: string[] = [];
		const shadowers = new Map<number, { rule: CodeownersRule; count: number }>();
		const checked = Math.min(matched.length, maxResolved);
		for (const path of matched.slice(0, checked)) {
			const winner = winnerOf(analysis, path, rule);
			if (winner?.index === rule.index) {
				won.push(path);
			} else if (winner !== null && !rule.exclusion) {
				const entry = shadowers.get(winner.index) ?? { rule: winner, count: 0 };
				entry.count++;
				shadowers.set(winner.index, entry);
			}
		}
		md.appendMarkdown(`**${escapeMarkdown(rule.exclusion ? `!${rule.pattern}` : rule.pattern)}**  \n`);
		if (rule.exclusion) {
			md.appendText(vscode.l10n.t('Excludes {0} files from their section\'s owners.', matched.length));
		} else {
			const bound = checked < matched.length ? vscode.l10n.t(' (of the first {0})', checked) : '';
			md.appendText(vscode.l10n.t('Owns {0} of the {1} files it matches{2}.', won.length, matched.length, bound));
		}
		md.appendMarkdown('  \n');
		if (list.capped) {
			md.appendText(vscode.l10n.t('The repository is too large to list completely; counts cover the listed files.'));
		} else if (list.source === 'git') {
			md.appendText(
				list.untracked > 0
					? vscode.l10n.t('Counted in git\'s file list ({0} files, {1} of them untracked); guardrails audit counts the tracked ones.', list.files.length, list.untracked)
					: vscode.l10n.t('Counted in git\'s file list ({0} files), as guardrails audit counts them.', list.files.length),
			);
			if (list.deleted > 0) {
				md.appendText(' ');
				md.appendText(vscode.l10n.t('Files deleted in the working tree and not staged are left out ({0}); guardrails audit still counts them.', list.deleted));
			}
		} else {
			md.appendText(vscode.l10n.t('Counted in the {0} files of the workspace (git\'s file list is unavailable here); symlinked folders are followed.', list.files.length));
		}
		const ranked = [...shadowers.values()].sort((a, b) => b.count - a.count || a.rule.line - b.rule.line);
		for (const { rule: later, count } of ranked.slice(0, 3)) {
			md.appendMarkdown('  \n');
			md.appendText(vscode.l10n.t('Shadowed by line {0} ({1}) for {2} files.', later.line, later.pattern, count));
		}
		if (ranked.length > 3) {
			md.appendMarkdown('  \n');
			md.appendText(vscode.l10n.t('…and {0} more rules.', ranked.length - 3));
		}
		const examples = (won.length > 0 ? won : matched).slice(0, exampleCount);
		if (examples.length > 0) {
			md.appendMarkdown('\n\n');
			md.appendText(won.length > 0 ? vscode.l10n.t('For example:') : vscode.l10n.t('Matches, for example:'));
			md.appendMarkdown(`\n${examples.map((path) => `- ${escapeMarkdown(path)}`).join('\n')}`);
		} else {
			md.appendMarkdown('\n\n');
			md.appendText(vscode.l10n.t('No file in the repository matches this pattern.'));
		}
		return md;
	}

	private async ownerHover(analysis: CodeownersAnalysis, owner: string): Promise<vscode.MarkdownString> {
		const md = new vscode.MarkdownString();
		md.appendMarkdown(`**${escapeMarkdown(owner)}**`);
		const config = analysis.repo?.config ?? null;
		const identity = config === null ? undefined : identifyOwner(config, owner);
		if (owner.startsWith('@@')) {
			md.appendMarkdown('  \n');
			md.appendText(vscode.l10n.t('GitLab role: every direct project member with this role.'));
		} else if (identity?.kind === 'team') {
			md.appendMarkdown('  \n');
			md.appendText(vscode.l10n.t('Team {0} in {1}', identity.team.name, config?.file ?? ''));
			if (identity.lead !== undefined) {
				md.appendMarkdown('  \n');
				md.appendText(vscode.l10n.t('Lead: {0}', identity.lead.name));
			}
			if (identity.domains.length > 0) {
				md.appendMarkdown('  \n');
				md.appendText(vscode.l10n.t('Domains: {0}', identity.domains.map((d) => d.title).join(', ')));
			}
			if (identity.team.contact.chat !== undefined) {
				md.appendMarkdown('  \n');
				md.appendText(vscode.l10n.t('Chat: {0}', identity.team.contact.chat));
			}
		} else if (identity?.kind === 'person') {
			md.appendMarkdown('  \n');
			md.appendText(identity.person.name);
			if (identity.teams.length > 0) {
				md.appendMarkdown('  \n');
				md.appendText(vscode.l10n.t('Teams: {0}', identity.teams.map((t) => (t.lead === identity.person.id ? vscode.l10n.t('{0} (lead)', t.name) : t.name)).join(', ')));
			}
		} else if (identity?.kind === 'forum') {
			md.appendMarkdown('  \n');
			md.appendText(vscode.l10n.t('{0}: the architecture forum', identity.title));
		} else if (config !== null) {
			md.appendMarkdown('  \n');
			md.appendText(vscode.l10n.t('Not in {0}.', config.file));
		}
		const host = await this.codeHosts.resolve(analysis.root, analysis.dialect);
		const url = ownerUrl(owner, host);
		if (url !== undefined && isSafeLink(url)) {
			md.appendMarkdown(`\n\n[${escapeMarkdown(vscode.l10n.t('Open on {0}', new URL(url).host || 'mail'))}](${url})`);
		}
		return md;
	}
}
