import { BoundaryRulesIndex } from '../../engine/imports/boundaryCheck';
import { scanBoundaries } from '../../engine/imports/boundaryScan';
import type { BoundaryReport } from '../../engine/imports/boundaryScan';
import { boundaryProblems, boundaryReportToJson, renderBoundariesAnnotations, renderBoundariesMarkdown, renderBoundariesText } from '../../engine/imports/boundaryRender';
import { renderBoundariesHtml } from '../../engine/imports/dependencyGraph';
import type { WorkspaceModel } from '../../engine/workspaceModel';
import { oneOf, stringFlag } from '../args';
import type { ParsedCommand } from '../args';
import type { CommandContext } from '../context';
import { CliError } from '../errors';
import { toGitlabCodeQuality } from '../formats/gitlabCodeQuality';
import { toSarifLog } from '../formats/sarif';
import { loadModel } from '../model';
import { json } from '../output';
import { packageVersion } from '../version';

export const boundaryFormats = ['text', 'markdown', 'github', 'json', 'sarif', 'gitlab', 'html'] as const;

/** The compiled boundary rules of a loaded model; a usage error when there is no guardrails config. */
export function boundaryRules(ctx: CommandContext, model: WorkspaceModel): BoundaryRulesIndex {
	if (model.config === null || model.context.index === null) {
		throw new CliError(`no guardrails config in ${ctx.root}; boundaries need domains (pass --config FILE or --root DIR)`);
	}
	return new BoundaryRulesIndex(model.config, model.context.index);
}

/** Every cross-domain import of the repository (git's files, `--files-from`, else a walk of the root). */
export async function scanRepository(ctx: CommandContext, parsed: ParsedCommand): Promise<{ report: BoundaryReport; model: WorkspaceModel }> {
	const files = await ctx.repositoryFiles(stringFlag(parsed.values, 'files-from'));
	const model = await loadModel(ctx, parsed, files !== undefined ? { files } : {});
	const rules = boundaryRules(ctx, model);
	const host = ctx.host(files);
	const list = files ?? (await host.listFiles('')) ?? [];
	return { report: await scanBoundaries(host, list, rules), model };
}

/**
 * `guardrails boundaries`: every import from one domain into another with its verdict, and the
 * imports per domain pair. Exit 1 with `--fail-on violation` when any import breaks a boundary.
 */
export async function boundariesCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<number> {
	if (parsed.values.json === true && parsed.values.format !== undefined && parsed.values.format !== 'json') {
		throw new CliError(`--json and --format ${String(parsed.values.format)} contradict each other`);
	}
	const format = oneOf('format', parsed.values.json === true ? 'json' : parsed.values.format, boundaryFormats, 'text');
	const failOn = oneOf('fail-on', parsed.values['fail-on'], ['never', 'violation'] as const, 'never');
	if (parsed.positionals.length > 0) {
		throw new CliError('boundaries takes no PATHs; it reads the whole repository');
	}
	const { report, model } = await scanRepository(ctx, parsed);
	switch (format) {
		case 'json':
			ctx.io.stdout(json(boundaryReportToJson(report)));
			break;
		case 'markdown':
			ctx.io.stdout(renderBoundariesMarkdown(report));
			break;
		case 'github':
			ctx.io.stdout(renderBoundariesAnnotations(report.findings, await ctx.repositoryPrefix()));
			break;
		case 'sarif':
		case 'gitlab': {
			const findings = boundaryProblems(report.findings, await ctx.repositoryPrefix());
			ctx.io.stdout(json(format === 'sarif' ? toSarifLog(findings, { version: packageVersion() }) : toGitlabCodeQuality(findings)));
			break;
		}
		case 'html':
			ctx.io.stdout(renderBoundariesHtml(report, model.config?.domains ?? new Map()));
			break;
		default:
			ctx.io.stdout(renderBoundariesText(report));
	}
	const breaking = boundaryProblems(report.findings).length;
	if (failOn === 'violation' && breaking > 0) {
		ctx.io.stderr(`guardrails: boundaries failed: ${breaking} import(s) break a domain boundary\n`);
		return 1;
	}
	return 0;
}
