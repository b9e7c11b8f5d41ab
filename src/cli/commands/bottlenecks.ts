import * as path from 'node:path';
import { oneOf, stringFlag } from '../args';
import type { ParsedCommand } from '../args';
import type { CommandContext } from '../context';
import { CliError } from '../errors';
import { json } from '../output';
import { loadModel } from '../model';
import { analyseBottlenecks } from '../../engine/history/bottlenecks';
import { renderBottlenecksHtml } from '../../engine/history/htmlReport';
import { buildOwnershipMap } from '../../engine/history/ownershipMap';
import { renderBottlenecksMarkdown, renderBottlenecksText } from '../../engine/history/render';
import { gitLogArgs, parseGitLog } from '../../engine/history/gitLog';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * A `--since`/`--until` value as a Date: `90d`, `12w`, `6m`, `1y` back from `now`, or a date
 * (`2024-05-01`, or ISO 8601 with a time).
 */
export function parseWhen(flag: string, value: string, now: Date): Date {
	const relative = /^(\d{1,5})([dwmy])$/.exec(value.trim());
	if (relative) {
		const days = Number(relative[1]) * { d: 1, w: 7, m: 30, y: 365 }[relative[2] as 'd' | 'w' | 'm' | 'y'];
		return new Date(now.getTime() - days * dayMs);
	}
	if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
		const date = new Date(value.trim());
		if (!Number.isNaN(date.getTime())) {
			return date;
		}
	}
	throw new CliError(`--${flag} '${value}' is not a date (YYYY-MM-DD) or an age such as 90d, 12w, 6m, 1y`);
}

/** `guardrails bottlenecks`: where decisions wait on too few people, from the window's history. */
export async function bottlenecksCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<number> {
	if (parsed.positionals.length > 0) {
		throw new CliError(`bottlenecks takes no paths (got '${parsed.positionals[0]}')`);
	}
	const format = parsed.values.json === true ? 'json' : oneOf('format', parsed.values.format, ['text', 'markdown', 'html', 'json'] as const, 'text');
	const now = new Date();
	const since = parseWhen('since', stringFlag(parsed.values, 'since') ?? '90d', now);
	const untilFlag = stringFlag(parsed.values, 'until');
	let until = untilFlag === undefined ? now : parseWhen('until', untilFlag, now);
	if (untilFlag !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(untilFlag.trim())) {
		// A bare date means "up to the end of that day".
		until = new Date(until.getTime() + dayMs - 1);
	}
	if (since.getTime() > until.getTime()) {
		throw new CliError(`--since ${since.toISOString().slice(0, 10)} is after --until ${until.toISOString().slice(0, 10)}`);
	}
	if ((await ctx.gitTopLevel()) === undefined) {
		throw new CliError(`${ctx.root} is not in a git work tree; bottlenecks reads the git history`);
	}
	if ((await ctx.git.resolveCommit('HEAD')) === undefined) {
		throw new CliError('the repository has no commits yet, so there is no history to measure');
	}
	const files = await ctx.repositoryFiles(undefined) ?? [];
	const model = await loadModel(ctx, parsed, { files, requireAny: true });
	const log = await ctx.git.run(gitLogArgs(since.toISOString(), until.toISOString()));
	if (log.code !== 0) {
		throw new CliError(`git log failed: ${log.stderr.trim().split('\n')[0] ?? ''}`);
	}
	const commits = parseGitLog(log.stdout);
	const notes: string[] = [];
	const shallow = await ctx.git.run(['rev-parse', '--is-shallow-repository']);
	if (shallow.stdout.trim() === 'true') {
		const dates = await ctx.git.run(['log', '--format=%aI', 'HEAD', '--']);
		const oldest = dates.stdout.trim().split('\n').pop() ?? '';
		notes.push(`This is a shallow clone: history is only seen back to ${oldest.slice(0, 10) || 'an unknown date'} (${commits.length} commits in the window); fetch more history (git fetch --unshallow) for the full picture.`);
	}
	if (commits.length === 0) {
		notes.push('No commits in the window: the review load is empty; widen --since to measure it.');
	}
	const analysis = analyseBottlenecks(model.context, {
		commits,
		files,
		window: { since: since.toISOString(), until: until.toISOString() },
		notes,
	});
	const report = analysis.json;
	if (format === 'json') {
		ctx.io.stdout(json(report));
	} else if (format === 'markdown') {
		ctx.io.stdout(renderBottlenecksMarkdown(report));
	} else if (format === 'html') {
		const map = buildOwnershipMap(analysis.catalog, model.config, analysis.files, analysis.pathCommits);
		ctx.io.stdout(renderBottlenecksHtml(report, map, path.basename(ctx.root)));
	} else {
		ctx.io.stdout(renderBottlenecksText(report));
	}
	return 0;
}
