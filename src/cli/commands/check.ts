import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { forecastToJson, renderForecastAnnotations, renderForecastMarkdown, renderForecastText } from '../../engine/guardrails/forecast';
import type { Change, ReviewForecast } from '../../engine/guardrails/types';
import { oneOf, stringFlag } from '../args';
import type { ParsedCommand } from '../args';
import type { CommandContext } from '../context';
import { CliError } from '../errors';
import { identityFor } from '../identity';
import { loadModel } from '../model';
import { json } from '../output';
import { boundaryProblemsInChange, hasBoundaryRules } from '../boundaryChanges';
import { boundaryFindingToJson, renderBoundariesAnnotations } from '../../engine/imports/boundaryRender';
import type { BoundaryFinding } from '../../engine/imports/boundaryCheck';

export type CheckFormat = 'text' | 'markdown' | 'github' | 'json';
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

/**
 * The root's path inside its git work tree (`demo/acme-bank/`), or '' at the top. GitHub resolves
 * annotation paths against the repository, so a root in a subdirectory needs the prefix.
 */
export async function repositoryPrefix(ctx: CommandContext): Promise<string> {
	let top: string | undefined;
	try {
		top = await ctx.gitTopLevel();
	} catch {
		// Without git the root is taken as the repository.
		return '';
	}
	if (top === undefined) {
		return '';
	}
	const relative = path.relative(realpathSync(top), realpathSync(ctx.root));
	return relative === '' || relative.startsWith('..') ? '' : `${relative.split(path.sep).join('/')}/`;
}

/** A copy of the forecast whose file paths carry `prefix`. */
function withRepositoryPaths(forecast: ReviewForecast, prefix: string): ReviewForecast {
	if (prefix === '') {
		return forecast;
	}
	return { ...forecast, files: forecast.files.map((file) => ({ ...file, path: prefix + file.path })) };
}

async function changesFromGit(ctx: CommandContext, baseFlag: string | undefined): Promise<{ changes: Change[]; base: string; commit: string }> {
	if ((await ctx.gitTopLevel()) === undefined) {
		throw new CliError(`${ctx.root} is not in a git work tree; pass the PATHs to check`);
	}
	const base = await ctx.git.changeBase(baseFlag);
	if (!base.mergeBase) {
		// Comparing with the tip instead of the fork point also lists the base branch's own changes.
		ctx.io.stderr(`guardrails: warning: HEAD and ${base.ref} have no merge base (a shallow clone?); comparing with ${base.ref} itself\n`);
	}
	return { changes: await ctx.git.changesSince(base.commit), base: base.ref, commit: base.commit };
}

/**
 * `guardrails check`: the review forecast for the changes since the merge base with `--base` (or
 * the default branch), working tree included, or for the given paths. Exit 1 when `--fail-on`
 * says the change needs what it does not have.
 */
export async function checkCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<number> {
	const formatFlag = parsed.values.json === true ? 'json' : parsed.values.format;
	if (parsed.values.json === true && parsed.values.format !== undefined && parsed.values.format !== 'json') {
		throw new CliError(`--json and --format ${String(parsed.values.format)} contradict each other`);
	}
	const format = oneOf('format', formatFlag, ['text', 'markdown', 'github', 'json'] as const, 'text');
	const failOn = oneOf('fail-on', parsed.values['fail-on'], ['never', 'contract', 'architecture', 'boundary'] as const, 'contract');
	const baseFlag = stringFlag(parsed.values, 'base');
	let changes: Change[];
	let baseCommit: string | undefined;
	if (parsed.positionals.length > 0) {
		if (baseFlag !== undefined) {
			throw new CliError('check: give either --base REF or PATHs, not both');
		}
		changes = ctx.rootPaths(parsed.positionals).map((path) => ({ path, status: 'modified' }));
	} else {
		const fromGit = await changesFromGit(ctx, baseFlag);
		changes = fromGit.changes;
		baseCommit = fromGit.commit;
	}
	const me = await identityFor(ctx, parsed);
	const model = await loadModel(ctx, parsed, { ...(me.who !== undefined ? { identity: me.who } : {}), requireAny: true });
	me.warnIfUnknown(model);
	const forecast = model.forecast(changes);
	const lines = baseCommit === undefined ? undefined : await ctx.git.changedLines(baseCommit);
	const boundary = await boundaryProblemsInChange(ctx, model, changes, lines);
	switch (format) {
		case 'json': {
			const data = forecastToJson(forecast);
			ctx.io.stdout(json(hasBoundaryRules(model) ? { ...data, boundaries: boundary.map(boundaryFindingToJson) } : data));
			break;
		}
		case 'markdown':
			ctx.io.stdout(renderForecastMarkdown(forecast) + renderBoundaryMarkdown(boundary));
			break;
		case 'github': {
			const prefix = await repositoryPrefix(ctx);
			ctx.io.stdout(renderForecastAnnotations(withRepositoryPaths(forecast, prefix)) + renderBoundariesAnnotations(boundary, prefix));
			break;
		}
		default:
			ctx.io.stdout(renderForecastText(forecast) + renderBoundaryText(boundary));
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
	return `\nImports that break a domain boundary (new or changed lines):\n${findings.map((f) => `  ${f.file}:${f.line}:${f.column}  ${f.message}\n`).join('')}`;
}

function renderBoundaryMarkdown(findings: readonly BoundaryFinding[]): string {
	if (findings.length === 0) {
		return '';
	}
	const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
	return `\n### Imports that break a domain boundary\n\n| where | reaches | why |\n| --- | --- | --- |\n${findings.map((f) => `| \`${cell(f.file)}:${f.line}\` | \`${cell(f.target)}\` | ${cell(f.message)} |\n`).join('')}`;
}
