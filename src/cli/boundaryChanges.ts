import { BoundaryRulesIndex, boundaryCode } from '../engine/imports/boundaryCheck';
import type { BoundaryFinding } from '../engine/imports/boundaryCheck';
import { fileBoundaryFindings, isImportSource, loadRepoModules } from '../engine/imports/boundaryScan';
import type { Change } from '../engine/guardrails/types';
import type { WorkspaceModel } from '../engine/workspaceModel';
import type { CommandContext } from './context';

/** True when the config declares any import boundary rule (exports, dependsOn or allow). */
export function hasBoundaryRules(model: WorkspaceModel): boolean {
	const rules = model.config?.boundaries;
	return rules !== undefined && (rules.allow.length > 0 || [...rules.domains.values()].some((d) => d.exports.length > 0 || d.dependsOn !== null));
}

/**
 * The imports that break a domain boundary on the new or changed lines of a change set (every
 * line of an added or untracked file; with `lines` undefined, every line of every changed file).
 */
export async function boundaryProblemsInChange(ctx: CommandContext, model: WorkspaceModel, changes: readonly Change[], lines: Map<string, [number, number][]> | undefined): Promise<BoundaryFinding[]> {
	if (!hasBoundaryRules(model) || model.config === null || model.context.index === null) {
		return [];
	}
	const sources = changes.filter((c) => c.status !== 'deleted' && isImportSource(c.path));
	if (sources.length === 0) {
		return [];
	}
	const rules = new BoundaryRulesIndex(model.config, model.context.index);
	const tracked = (await ctx.repositoryFiles(undefined)) ?? [];
	const files = [...new Set([...tracked, ...changes.filter((c) => c.status !== 'deleted').map((c) => c.path)])];
	const host = ctx.host(files);
	const modules = await loadRepoModules(host, files);
	const found: BoundaryFinding[] = [];
	for (const change of sources) {
		const text = await host.readFile(change.path);
		if (text === undefined) {
			continue;
		}
		const ranges = lines?.get(change.path);
		const whole = lines === undefined || change.status === 'added' || ranges === undefined && change.status !== 'modified';
		for (const finding of fileBoundaryFindings(change.path, text, modules, rules).findings) {
			if (boundaryCode(finding.status) === undefined) {
				continue;
			}
			if (whole || (ranges ?? []).some(([start, end]) => finding.line >= start && finding.line <= end)) {
				found.push(finding);
			}
		}
	}
	return found;
}
