import { lintCodeowners } from '../../engine/codeowners/lint';
import type { Problem, Severity } from '../../engine/types';
import { stringFlag } from '../args';
import type { ParsedCommand } from '../args';
import type { CommandContext } from '../context';
import { CliError } from '../errors';
import { loadModel } from '../model';
import { json, line, plural } from '../output';

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

/**
 * `guardrails lint`: the problems of CODEOWNERS (parser, duplicates, and with the file list:
 * shadowed rules, patterns matching nothing, unowned files) and of guardrails.yaml (schema,
 * references, ADRs, and with the file list: ties, unused patterns, drift). Exit 1 on any error.
 */
export async function lintCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<number> {
	if (parsed.positionals.length > 0) {
		throw new CliError(`lint takes no paths (got '${parsed.positionals[0]}'); use --files-from FILE to choose files`);
	}
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
	if (parsed.values.json === true) {
		ctx.io.stdout(json(problems.map(problemToJson)));
	} else {
		const checked = [model.codeowners?.file, model.config?.file].filter((file): file is string => file !== undefined);
		const lines = problems.map((p) => line`${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code}: ${p.message}\n`).join('');
		ctx.io.stdout(`${lines}${summary(problems, checked, files !== undefined)}`);
	}
	return problems.some((p) => p.severity === 'error') ? 1 : 0;
}
