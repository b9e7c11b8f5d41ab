import { lintCodeowners } from '../../engine/codeowners/lint';
import type { Problem, Severity } from '../../engine/types';
import { oneOf, stringFlag } from '../args';
import type { ParsedCommand } from '../args';
import type { CommandContext } from '../context';
import { CliError } from '../errors';
import { loadModel } from '../model';
import { problemToFinding } from '../formats/findings';
import { toGitlabCodeQuality } from '../formats/gitlabCodeQuality';
import { toSarifLog } from '../formats/sarif';
import { json, line, plural } from '../output';
import { packageVersion } from '../version';

/** One problem in `lint --json` (the documented shape). */
export interface ProblemJson {
	file: string;
	line: number;
	column: number;
	severity: Severity;
	code: string;
	message: string;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function compareProblems(a: Problem, b: Problem): number {
	if (a.file !== b.file) {
		return a.file < b.file ? -1 : 1;
	}
	return a.line - b.line || a.column - b.column || severityRank[a.severity] - severityRank[b.severity] || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Problems from several checks, each reported once, in file and position order. */
export function mergeProblems(lists: readonly (readonly Problem[])[]): Problem[] {
	const seen = new Set<string>();
	const merged: Problem[] = [];
	for (const list of lists) {
		for (const problem of list) {
			const key = [problem.file, problem.line, problem.column, problem.code, problem.message].join('\0');
			if (!seen.has(key)) {
				seen.add(key);
				merged.push(problem);
			}
		}
	}
	return merged.sort(compareProblems);
}

export function problemToJson(problem: Problem): ProblemJson {
	return { file: problem.file, line: problem.line, column: problem.column, severity: problem.severity, code: problem.code, message: problem.message };
}

function summary(problems: readonly Problem[], checked: string[], withFiles: boolean): string {
	const count = (severity: Severity): number => problems.filter((p) => p.severity === severity).length;
	const what = `${checked.join(' and ')}${withFiles ? '' : ' (no file list: checks against the repository\'s files skipped)'}`;
	if (problems.length === 0) {
		return `No problems in ${what}.\n`;
	}
	return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('info'), 'info', 'infos')} in ${what}.\n`;
}

/** Problems about a whole file, placed at 1:1 for want of a better position: nothing to quote. */
const fileLevelCodes = new Set(['unowned-files', 'file-too-large', 'file-not-found', 'invalid-encoding', 'empty-config', 'unsupported-version', 'rules-edited']);

/** Longest quoted span in text output; longer ones are cut with `…`. */
const quoteLimit = 60;

/**
 * The message with the text the problem points at quoted in front (`` `/docs/`: This pattern
 * matches no file ``), so a terminal or CI log shows what is wrong without opening the file. Left
 * as is when the span is empty, spans lines, or the message already quotes it.
 */
export function withQuote(problem: Problem, fileText: string | undefined): string {
	if (fileText === undefined || fileLevelCodes.has(problem.code) || problem.endColumn === undefined || (problem.endLine !== undefined && problem.endLine !== problem.line)) {
		return problem.message;
	}
	const line = fileText.split(/\r\n|\r|\n/)[problem.line - 1];
	const span = line?.slice(problem.column - 1, problem.endColumn - 1).trim() ?? '';
	if (span.length === 0 || problem.message.includes(`\`${span}\``)) {
		return problem.message;
	}
	const shown = span.length > quoteLimit ? `${span.slice(0, quoteLimit - 1)}…` : span;
	return `\`${shown.replace(/`/g, "'")}\`: ${problem.message}`;
}

/**
 * `guardrails lint`: the problems of CODEOWNERS (parser, duplicates, and with the file list:
 * shadowed rules, patterns matching nothing, unowned files) and of guardrails.yaml (schema,
 * references, ADRs, and with the file list: ties, unused patterns, drift). Exit 1 on any error.
 */
export async function lintCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<number> {
	if (parsed.positionals.length > 0) {
		throw new CliError(`lint takes no paths (got '${parsed.positionals[0]}'); use --files-from FILE to choose files`);
	}
	if (parsed.values.json === true && parsed.values.format !== undefined && parsed.values.format !== 'json') {
		throw new CliError(`--json and --format ${String(parsed.values.format)} contradict each other`);
	}
	const format = oneOf('format', parsed.values.json === true ? 'json' : parsed.values.format, ['text', 'json', 'sarif', 'gitlab'] as const, 'text');
	const files = await ctx.repositoryFiles(stringFlag(parsed.values, 'files-from'));
	const model = await loadModel(ctx, parsed, { ...(files !== undefined ? { files } : {}), requireAny: true });
	const lists: Problem[][] = [model.problems()];
	if (model.codeowners !== null) {
		lists.push(lintCodeowners(model.codeowners.parsed, { index: model.codeowners.index, ...(files !== undefined ? { files } : {}) }));
	}
	if (files !== undefined) {
		lists.push(model.lint(files));
	}
	const problems = mergeProblems(lists);
	if (format === 'json') {
		ctx.io.stdout(json(problems.map(problemToJson)));
	} else if (format === 'sarif' || format === 'gitlab') {
		const prefix = await ctx.repositoryPrefix();
		const findings = problems.map((p) => problemToFinding(p, prefix));
		ctx.io.stdout(json(format === 'sarif' ? toSarifLog(findings, { version: packageVersion() }) : toGitlabCodeQuality(findings)));
	} else {
		const checked = [model.codeowners?.file, model.config?.file].filter((file): file is string => file !== undefined);
		const texts = new Map<string, string | undefined>();
		for (const file of new Set(problems.map((p) => p.file))) {
			texts.set(file, await ctx.host().readFile(file));
		}
		const lines = problems.map((p) => line`${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${withQuote(p, texts.get(p.file))}\n`).join('');
		ctx.io.stdout(`${lines}${summary(problems, checked, files !== undefined)}`);
	}
	return problems.some((p) => p.severity === 'error') ? 1 : 0;
}
