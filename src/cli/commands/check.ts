import { escapeAnnotationData, escapeAnnotationProperty, forecastProblems, forecastToJson, renderForecastAnnotations, renderForecastMarkdown, renderForecastText } from '../../engine/guardrails/forecast';
import type { Change, ReviewForecast } from '../../engine/guardrails/types';
import { compareRules, renderRuleChangesMarkdown, renderRuleChangesText, ruleChangeProblems, ruleChangesToJson, ruleFileEdits } from '../../engine/ruleChanges/ruleChanges';
import type { RuleChanges } from '../../engine/ruleChanges/ruleChanges';
import type { WorkspaceModel } from '../../engine/workspaceModel';
import { oneOf, stringFlag } from '../args';
import type { ParsedCommand } from '../args';
import type { CommandContext } from '../context';
import { CliError } from '../errors';
import { identityFor } from '../identity';
import { loadModel } from '../model';
import { problemToFinding } from '../formats/findings';
import { toGitlabCodeQuality } from '../formats/gitlabCodeQuality';
import { toSarifLog } from '../formats/sarif';
import { json, line } from '../output';
import { boundaryProblemsInChange, hasBoundaryRules } from '../boundaryChanges';
import { boundaryFindingToJson, boundaryProblems, renderBoundariesAnnotations } from '../../engine/imports/boundaryRender';
import type { BoundaryFinding } from '../../engine/imports/boundaryCheck';
import { packageVersion } from '../version';

export const checkFormats = ['text', 'markdown', 'github', 'json', 'sarif', 'gitlab'] as const;
export type CheckFormat = (typeof checkFormats)[number];
export type FailOn = 'never' | 'contract' | 'architecture' | 'boundary';

/**
 * Why a forecast fails the check, or undefined when it passes. `contract`: a touched contract
 * requires an ADR and the change adds or edits none. `architecture`: that, or any touched
 * architecture-level contract (the forum must look at it whatever else the change contains).
 */
export function failureReason(forecast: ReviewForecast, failOn: FailOn): string | undefined {
	if (failOn === 'never') {
		return undefined;
	}
	if (forecast.adrRequired && !forecast.adrIncluded) {
		const ids = forecast.contracts.filter((c) => c.contract.review.adr === 'required').map((c) => c.contract.id);
		return `contract ${ids.join(', ')} requires an ADR, and this change adds or edits none`;
	}
	if (failOn === 'architecture') {
		const ids = forecast.contracts.filter((c) => c.level === 'architecture').map((c) => c.contract.id);
		if (ids.length > 0) {
			return `contract ${ids.join(', ')} needs architecture review (--fail-on architecture)`;
		}
	}
	return undefined;
}

/** A copy of the forecast whose file paths carry `prefix`. */
function withRepositoryPaths(forecast: ReviewForecast, prefix: string): ReviewForecast {
	if (prefix === '') {
		return forecast;
	}
	return { ...forecast, files: forecast.files.map((file) => ({ ...file, path: prefix + file.path })) };
}

interface GitChangeSet {
	changes: Change[];
	/** The ref named by --base (or the default branch) and the commit it points at. */
	ref: string;
	tip: string;
	/** The commit the changes are measured from (the merge base, else the tip). */
	commit: string;
}

async function changesFromGit(ctx: CommandContext, baseFlag: string | undefined): Promise<GitChangeSet> {
	if ((await ctx.gitTopLevel()) === undefined) {
		throw new CliError(`${ctx.root} is not in a git work tree; pass the PATHs to check`);
	}
	const base = await ctx.git.changeBase(baseFlag);
	if (!base.mergeBase) {
		// Comparing with the tip instead of the fork point also lists the base branch's own changes.
		ctx.io.stderr(`guardrails: warning: HEAD and ${base.ref} have no merge base (a shallow clone?); comparing with ${base.ref} itself\n`);
	}
	return { changes: await ctx.git.changesSince(base.commit), ref: base.ref, tip: base.tip, commit: base.commit };
}

function hasRules(model: WorkspaceModel): boolean {
	return model.codeowners !== null || model.config !== null;
}

/**
 * The forecast for a git change set, with the rules the host uses: CODEOWNERS and guardrails.yaml
 * as they are on the base branch's tip (GitHub and GitLab read the target branch's files). When
 * the change edits either file, also what its own rules would change after merge.
 */
async function forecastAgainstBase(ctx: CommandContext, parsed: ParsedCommand, set: GitChangeSet, identity: string | undefined): Promise<{ forecast: ReviewForecast; model: WorkspaceModel; rules: RuleChanges }> {
	const options = identity !== undefined ? { identity } : {};
	const head = await loadModel(ctx, parsed, options);
	const base = await loadModel(ctx, parsed, { ...options, revision: set.tip });
	if (!hasRules(head) && !hasRules(base)) {
		throw new CliError(`no CODEOWNERS file and no guardrails config in ${ctx.root} or on ${set.ref}; pass --root DIR, --codeowners FILE or --config FILE`);
	}
	const forecast = base.forecast(set.changes);
	const explicit = (flag: string): string[] => {
		const value = stringFlag(parsed.values, flag);
		return value === undefined ? [] : ctx.rootPaths([value]);
	};
	const edited = ruleFileEdits(set.changes, {
		codeowners: [head.codeowners?.file, base.codeowners?.file, ...explicit('codeowners')],
		guardrails: [head.config?.file, base.config?.file, ...explicit('config')],
	});
	// Comparing every file costs a lookup per file and model: only worth it when the rules changed.
	const files = edited.length === 0 ? [] : [...(await ctx.git.trackedFiles()), ...set.changes.map((c) => c.path)];
	const rules = compareRules({ baseRef: set.ref, base, head, files, changes: set.changes, edited, baseForecast: forecast });
	return { forecast, model: head, rules };
}

function ruleAnnotations(rules: RuleChanges | undefined, prefix: string): string {
	return (rules === undefined ? [] : ruleChangeProblems(rules))
		.map((p) => `::notice file=${escapeAnnotationProperty(prefix + p.file)},line=1,title=${escapeAnnotationProperty('Ownership rules edited')}::${escapeAnnotationData(p.message)}\n`)
		.join('');
}

/**
 * `guardrails check`: the review forecast for the changes since the merge base with `--base` (or
 * the default branch), working tree included, or for the given paths. With git, the rules are
 * read at the base branch, as the host reads them. Exit 1 when `--fail-on` says the change needs
 * what it does not have.
 */
export async function checkCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<number> {
	const formatFlag = parsed.values.json === true ? 'json' : parsed.values.format;
	if (parsed.values.json === true && parsed.values.format !== undefined && parsed.values.format !== 'json') {
		throw new CliError(`--json and --format ${String(parsed.values.format)} contradict each other`);
	}
	const format = oneOf('format', formatFlag, checkFormats, 'text');
	const failOn = oneOf('fail-on', parsed.values['fail-on'], ['never', 'contract', 'architecture', 'boundary'] as const, 'contract');
	const baseFlag = stringFlag(parsed.values, 'base');
	const me = await identityFor(ctx, parsed);
	let forecast: ReviewForecast;
	let model: WorkspaceModel;
	let rules: RuleChanges | undefined;
	let changes: Change[];
	let baseCommit: string | undefined;
	if (parsed.positionals.length > 0) {
		if (baseFlag !== undefined) {
			throw new CliError('check: give either --base REF or PATHs, not both');
		}
		changes = ctx.rootPaths(parsed.positionals).map((path) => ({ path, status: 'modified' }));
		model = await loadModel(ctx, parsed, { ...(me.who !== undefined ? { identity: me.who } : {}), requireAny: true });
		forecast = model.forecast(changes);
	} else {
		const set = await changesFromGit(ctx, baseFlag);
		({ forecast, model, rules } = await forecastAgainstBase(ctx, parsed, set, me.who));
		changes = set.changes;
		baseCommit = set.commit;
	}
	me.warnIfUnknown(model);
	// Boundaries are judged with the working tree's config: the imports are the change's own code.
	const lines = baseCommit === undefined ? undefined : await ctx.git.changedLines(baseCommit);
	const boundary = await boundaryProblemsInChange(ctx, model, changes, lines);
	switch (format) {
		case 'json':
			ctx.io.stdout(json({
				...forecastToJson(forecast),
				...(rules === undefined ? {} : { rules: ruleChangesToJson(rules) }),
				...(hasBoundaryRules(model) ? { boundaries: boundary.map(boundaryFindingToJson) } : {}),
			}));
			break;
		case 'markdown': {
			const section = rules === undefined ? '' : renderRuleChangesMarkdown(rules);
			ctx.io.stdout(`${renderForecastMarkdown(forecast)}${section === '' ? '' : `\n${section}`}${renderBoundaryMarkdown(boundary)}`);
			break;
		}
		case 'github': {
			const prefix = await ctx.repositoryPrefix();
			ctx.io.stdout(renderForecastAnnotations(withRepositoryPaths(forecast, prefix)) + ruleAnnotations(rules, prefix) + renderBoundariesAnnotations(boundary, prefix));
			break;
		}
		case 'sarif':
		case 'gitlab': {
			const prefix = await ctx.repositoryPrefix();
			const problems = [...forecastProblems(forecast), ...(rules === undefined ? [] : ruleChangeProblems(rules))];
			const findings = [...problems.map((p) => problemToFinding(p, prefix)), ...boundaryProblems(boundary, prefix)];
			ctx.io.stdout(json(format === 'sarif' ? toSarifLog(findings, { version: packageVersion() }) : toGitlabCodeQuality(findings)));
			break;
		}
		default:
			ctx.io.stdout(renderForecastText(forecast) + (rules === undefined ? '' : renderRuleChangesText(rules)) + renderBoundaryText(boundary));
	}
	const reason = failureReason(forecast, failOn === 'boundary' ? 'contract' : failOn)
		?? (failOn === 'boundary' && boundary.length > 0 ? `the change adds ${boundary.length} import(s) that break a domain boundary` : undefined);
	if (reason !== undefined) {
		ctx.io.stderr(`guardrails: check failed: ${reason}\n`);
		return 1;
	}
	return 0;
}

function renderBoundaryText(findings: readonly BoundaryFinding[]): string {
	if (findings.length === 0) {
		return '';
	}
	return `\nImports that break a domain boundary (new or changed lines):\n${findings.map((f) => line`  ${f.file}:${f.line}:${f.column}  ${f.message}\n`).join('')}`;
}

function renderBoundaryMarkdown(findings: readonly BoundaryFinding[]): string {
	if (findings.length === 0) {
		return '';
	}
	const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/`/g, "'");
	return `\n### Imports that break a domain boundary\n\n| where | reaches | why |\n| --- | --- | --- |\n${findings.map((f) => line`| \`${cell(f.file)}:${f.line}\` | \`${cell(f.target)}\` | ${cell(f.message)} |\n`).join('')}`;
}
