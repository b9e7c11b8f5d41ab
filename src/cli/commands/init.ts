import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { guardrailsLocations } from '../../engine/guardrails/locations';
import { gitLogFormat, parseGitLog } from '../../engine/inference/history';
import { inferModel } from '../../engine/inference/inferModel';
import type { HistoryCommit, InferredModel } from '../../engine/inference/types';
import { renderDraft } from '../../engine/inference/renderDraft';
import { stringFlag } from '../args';
import type { ParsedCommand } from '../args';
import type { CommandContext } from '../context';
import { CliError, describeSystemError } from '../errors';
import { loadModel } from '../model';
import { json, plural } from '../output';

/** The file `init` writes, at the repository root. */
export const draftFile = 'guardrails.yaml';
/** How far back suggested leads look, and how many commits at most. */
const historyWindow = '12 months ago';
const historyLimit = 5000;

async function existingConfig(ctx: CommandContext, files: readonly string[] | undefined): Promise<string | undefined> {
	const host = ctx.host(files);
	for (const location of guardrailsLocations) {
		if ((await host.fileSize(location)) !== undefined) {
			return location;
		}
	}
	return undefined;
}

async function history(ctx: CommandContext): Promise<HistoryCommit[] | undefined> {
	if ((await ctx.gitTopLevel()) === undefined) {
		return undefined;
	}
	return parseGitLog(await ctx.git.recentHistory(historyWindow, gitLogFormat, historyLimit));
}

function summary(model: InferredModel, written: string | undefined): string {
	const leads = model.teams.length;
	return [
		`${written !== undefined ? `Wrote ${written}` : 'Drafted'}: ${plural(model.domains.length, 'domain')}, ${plural(model.teams.length, 'team')}, ${plural(model.contracts.length, 'contract')}, ${plural(model.adrRoots.length, 'ADR folder')}${model.skipped.length > 0 ? `, ${model.skipped.length} skipped (listed at the end of the file)` : ''}.`,
		...(leads > 0 ? [`Leads are not set (never guessed): guardrails lint reports each as lead-missing; the draft lists suggestions from git history in comments.`] : []),
		'Review it, then run: guardrails lint',
	].map((line) => `${line}\n`).join('');
}

/**
 * `guardrails init`: drafts guardrails.yaml from CODEOWNERS, Backstage catalogs, the files and
 * recent git history. Never overwrites a config without --force (exit 2), never writes outside
 * the root, runs nothing from the repository. --stdout prints the draft, --json the model.
 */
export async function initCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<number> {
	if (parsed.positionals.length > 0) {
		throw new CliError(`init takes no paths (got '${parsed.positionals[0]}'); use --root DIR to choose the repository`);
	}
	const filesFrom = stringFlag(parsed.values, 'files-from');
	const listed = await ctx.repositoryFiles(filesFrom);
	const files = listed ?? (await ctx.host().listFiles('')) ?? [];
	const toStdout = parsed.values.stdout === true || parsed.values.json === true;
	const existing = await existingConfig(ctx, listed);
	if (existing !== undefined && !toStdout && parsed.values.force !== true) {
		throw new CliError(`${existing} already exists in ${ctx.root}; init never overwrites it. Use --stdout to print a draft, or --force to replace ${draftFile}`);
	}
	const model = await loadModel(ctx, parsed, { files });
	const host = ctx.host(files);
	const inferred = await inferModel({
		files,
		codeowners: model.codeowners === null ? null : { file: model.codeowners.file, parsed: model.codeowners.parsed, index: model.codeowners.index },
		host,
		...(filesFrom === undefined ? { history: await history(ctx) } : {}),
	});
	if (parsed.values.json === true) {
		ctx.io.stdout(json(inferred));
		return 0;
	}
	const draft = renderDraft(inferred);
	if (parsed.values.stdout === true) {
		ctx.io.stdout(draft);
		return 0;
	}
	const target = host.absolute(draftFile);
	if (target === undefined) {
		throw new CliError(`cannot write ${draftFile} inside ${ctx.root}`);
	}
	const link = await fs.lstat(target).catch(() => undefined);
	if (link !== undefined && !link.isFile()) {
		throw new CliError(`${draftFile} in ${ctx.root} is not a regular file (a link or a folder); init does not write through it`);
	}
	try {
		// `wx` refuses to follow or replace anything that appeared since the check above.
		await fs.writeFile(target, draft, { encoding: 'utf8', flag: parsed.values.force === true ? 'w' : 'wx' });
	} catch (error) {
		throw new CliError(`cannot write ${path.relative(ctx.io.cwd, target) || target}: ${describeSystemError(error)}`);
	}
	ctx.io.stdout(summary(inferred, draftFile));
	if (existing !== undefined && existing !== draftFile) {
		ctx.io.stderr(`guardrails: warning: ${existing} also exists; ${draftFile} is found first and now takes its place\n`);
	}
	return 0;
}
