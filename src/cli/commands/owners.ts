import type { CodeownersRule, OwnerExplanation, OwnerResolution } from '../../engine/codeowners/types';
import type { ParsedCommand } from '../args';
import type { CodeownersInfo } from '../../engine/workspaceModel';
import { loadCodeownersModel } from '../model';
import type { CommandContext } from '../context';
import { CliError } from '../errors';
import { json, line, oneLine, table } from '../output';

/** One path in `owners --json` (the documented shape; `--explain` adds the matching rules). */
export interface OwnersJson {
	path: string;
	owners: string[];
	rule: { line: number; pattern: string } | null;
	sections: { name: string | null; owners: string[]; optional: boolean; approvals: number; line: number }[];
	matches?: RuleJson[];
	shadowed?: RuleJson[];
	excludedSections?: (string | null)[];
}

interface RuleJson {
	line: number;
	pattern: string;
	owners: string[];
	exclusion: boolean;
	section: string | null;
}

function ruleJson(loaded: CodeownersInfo, rule: CodeownersRule): RuleJson {
	return {
		line: rule.line,
		pattern: rule.pattern,
		owners: [...loaded.index.ownersOf(rule.index)],
		exclusion: rule.exclusion,
		section: loaded.parsed.sections[rule.section]?.name ?? null,
	};
}

export function ownersToJson(resolution: OwnerResolution): OwnersJson {
	return {
		path: resolution.path,
		owners: [...resolution.owners],
		rule: resolution.rule ? { line: resolution.rule.line, pattern: resolution.rule.pattern } : null,
		sections: resolution.sections.map((section) => ({
			name: section.name,
			owners: [...section.owners],
			optional: section.optional,
			approvals: section.approvals,
			line: section.line,
		})),
	};
}

function explanationToJson(loaded: CodeownersInfo, explanation: OwnerExplanation): OwnersJson {
	return {
		...ownersToJson(explanation),
		matches: explanation.matches.map((rule) => ruleJson(loaded, rule)),
		shadowed: explanation.shadowed.map((rule) => ruleJson(loaded, rule)),
		excludedSections: [...explanation.excludedSections],
	};
}

function sectionLabel(name: string | null): string {
	return name === null ? '(unnamed section)' : `[${name}]`;
}

function ruleText(loaded: CodeownersInfo, rule: CodeownersRule): string {
	const owners = loaded.index.ownersOf(rule.index);
	const pattern = rule.exclusion ? `!${rule.pattern}` : rule.pattern;
	return line`${loaded.file}:${rule.line}  ${pattern}${owners.length > 0 && !rule.exclusion ? `  ${owners.join(' ')}` : rule.exclusion ? '  (exclusion)' : '  (no owners)'}`;
}

function summaryRow(loaded: CodeownersInfo, resolution: OwnerResolution): string[] {
	if (resolution.rule === null) {
		return [resolution.path, '(unowned)', 'no rule matches'];
	}
	const where = line`${loaded.file}:${resolution.rule.line} ${resolution.rule.pattern}`;
	if (resolution.owners.length === 0) {
		return [resolution.path, '(unowned)', `${where} has no owners`];
	}
	return [resolution.path, resolution.owners.join(' '), where];
}

function explainText(loaded: CodeownersInfo, explanation: OwnerExplanation): string {
	const lines: string[] = [oneLine(explanation.path)];
	lines.push(line`  owners:   ${explanation.owners.length > 0 ? explanation.owners.join(' ') : '(unowned)'}`);
	if (loaded.parsed.dialect === 'gitlab') {
		for (const section of explanation.sections) {
			const flags = [`${section.approvals} approval${section.approvals === 1 ? '' : 's'}`];
			if (section.optional) {
				flags.push('optional');
			}
			lines.push(line`  section:  ${sectionLabel(section.name)} ${section.owners.join(' ') || '(no owners)'} (${flags.join(', ')})`);
			lines.push(line`    winner: ${ruleText(loaded, section.rule)}`);
		}
		for (const name of explanation.excludedSections) {
			lines.push(line`  excluded: ${sectionLabel(name)} (an exclusion matches this path)`);
		}
	} else {
		lines.push(line`  winner:   ${explanation.rule ? ruleText(loaded, explanation.rule) : 'no rule matches'}`);
	}
	if (explanation.shadowed.length > 0) {
		lines.push('  shadowed (matched, but a later rule wins):');
		for (const rule of explanation.shadowed) {
			lines.push(line`    ${ruleText(loaded, rule)}`);
		}
	}
	const exclusions = explanation.matches.filter((rule) => rule.exclusion);
	for (const rule of exclusions) {
		lines.push(line`  exclusion: ${ruleText(loaded, rule)}`);
	}
	return `${lines.join('\n')}\n`;
}

/** `guardrails owners PATH...`: the CODEOWNERS answer for each path, optionally with every matching rule. */
export async function ownersCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<number> {
	if (parsed.positionals.length === 0) {
		throw new CliError("owners: name at least one PATH. Run 'guardrails owners --help' for usage.");
	}
	const paths = ctx.rootPaths(parsed.positionals);
	const loaded = (await loadCodeownersModel(ctx, parsed)).codeowners;
	const explain = parsed.values.explain === true;
	if (parsed.values.json === true) {
		ctx.io.stdout(json(paths.map((path) => (explain ? explanationToJson(loaded, loaded.index.explain(path)) : ownersToJson(loaded.index.resolve(path))))));
		return 0;
	}
	if (explain) {
		ctx.io.stdout(paths.map((path) => explainText(loaded, loaded.index.explain(path))).join('\n'));
		return 0;
	}
	const rows = paths.map((path) => summaryRow(loaded, loaded.index.resolve(path)));
	let out = table(rows);
	if (loaded.parsed.dialect === 'gitlab') {
		// Sections matter on GitLab (each is its own approval rule), so list them under the table.
		for (const path of paths) {
			const resolution = loaded.index.resolve(path);
			for (const section of resolution.sections) {
				out += line`  ${path} ${sectionLabel(section.name)} ${section.owners.join(' ') || '(no owners)'} (${section.approvals} approval${section.approvals === 1 ? '' : 's'}${section.optional ? ', optional' : ''}, line ${section.line})\n`;
			}
		}
	}
	ctx.io.stdout(out);
	return 0;
}
