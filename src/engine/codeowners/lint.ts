import type { Problem } from '../types';
import { normalizeRepoPath } from '../paths';
import type { CodeownersIndex } from './index/codeownersIndex';
import { compileCodeowners } from './index/codeownersIndex';
import type { CompiledPattern, Segment } from './pattern';
import { compilePattern, matchCompiled } from './pattern';
import type { CodeownersRule, ParsedCodeowners } from './types';

// Lint codes, on top of the parser's (see parse.ts):
//   duplicate-pattern  warning  the same normalised pattern appears again later in the same section;
//                               the earlier line is dead
//   shadowed-rule      warning  (file list) every file the rule matches is won by a later rule
//   no-match           warning  (file list) the pattern matches no file
//   unowned-files      info     (file list) files that resolve to no owner: one problem, a few examples

/** How many example paths the unowned-files problem names. */
const unownedExamples = 5;

/**
 * Lists everything wrong with a CODEOWNERS file: the parser's problems, duplicate patterns in one
 * section (the earlier is dead), and, when the repository's file list is given, rules shadowed on
 * every file they match by later rules, patterns that match no file, and a single summary of
 * unowned files. Problems come back sorted by line.
 */
export function lintCodeowners(parsed: ParsedCodeowners, options?: { files?: readonly string[]; index?: CodeownersIndex }): Problem[] {
	const problems: Problem[] = [...parsed.problems];
	const index = options?.index ?? compileCodeowners(parsed);
	const duplicates = new Set<number>();
	const seen = new Map<string, CodeownersRule>();
	// Walk backwards so each earlier copy names the next copy after it.
	for (let i = parsed.rules.length - 1; i >= 0; i--) {
		const rule = parsed.rules[i];
		const pattern = index.patternOf(rule.index);
		if (pattern === undefined) {
			continue;
		}
		const key = `${rule.section}|${rule.exclusion ? '!' : ''}${patternKey(pattern)}`;
		const later = seen.get(key);
		if (later !== undefined) {
			duplicates.add(rule.index);
			problems.push(ruleProblem(parsed, rule, 'duplicate-pattern', 'warning',
				`This pattern is repeated on line ${later.line}, so this line never takes effect${parsed.dialect === 'gitlab' ? ' in its section' : ''}; put all owners on one line.`));
		}
		seen.set(key, rule);
	}
	if (options?.files !== undefined && !parsed.ignored) {
		lintAgainstFiles(parsed, index, options.files.map(normalizeRepoPath), duplicates, problems);
	}
	problems.sort((a, b) => a.line - b.line || a.column - b.column);
	return problems;
}

function lintAgainstFiles(parsed: ParsedCodeowners, index: CodeownersIndex, files: string[], duplicates: Set<number>, problems: Problem[]): void {
	// The winners of every file, once: GitHub one rule, GitLab one per contributing section.
	const winners = new Map<string, number[]>();
	let unowned = 0;
	const examples: string[] = [];
	for (const file of files) {
		const resolution = index.resolve(file);
		const won = parsed.dialect === 'github'
			? (resolution.rule === null ? [] : [resolution.rule.index])
			: resolution.sections.map((s) => s.rule.index);
		winners.set(file, won);
		if (resolution.owners.length === 0) {
			unowned++;
			if (examples.length < unownedExamples) {
				examples.push(file);
			}
		}
	}
	const sorted = [...files].sort();
	for (const rule of parsed.rules) {
		const pattern = index.patternOf(rule.index);
		if (pattern === undefined) {
			continue;
		}
		const matched = candidateFiles(pattern, sorted).filter((f) => matchCompiled(pattern, f.split('/')));
		if (matched.length === 0) {
			const suggestion = directorySuggestion(parsed, rule, sorted);
			problems.push(ruleProblem(parsed, rule, 'no-match', 'warning',
				`${rule.exclusion ? 'This exclusion matches no file in the repository.' : 'This pattern matches no file in the repository.'}${suggestion}`));
			continue;
		}
		if (rule.exclusion || duplicates.has(rule.index)) {
			continue;
		}
		let wins = false;
		const by = new Map<number, number>();
		for (const file of matched) {
			const won = winners.get(file) ?? [];
			if (won.includes(rule.index)) {
				wins = true;
				break;
			}
			const rival = won.find((w) => parsed.rules[w].section === rule.section);
			if (rival !== undefined) {
				by.set(rival, (by.get(rival) ?? 0) + 1);
			}
		}
		if (wins || by.size === 0) {
			continue;
		}
		const lines = [...by.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => parsed.rules[w].line);
		const named = lines.length > 3 ? `${lines.slice(0, 3).join(', ')} and ${lines.length - 3} more` : lines.join(', ');
		problems.push(ruleProblem(parsed, rule, 'shadowed-rule', 'warning',
			`Every file this pattern matches (${matched.length}) is owned by a later rule (line${lines.length > 1 ? 's' : ''} ${named}); the last matching rule wins, so this line has no effect.`));
	}
	if (unowned > 0) {
		const more = unowned > examples.length ? ', …' : '';
		problems.push({
			code: 'unowned-files', severity: 'info', file: parsed.file, line: 1, column: 1, endColumn: 2,
			message: `${unowned} of ${files.length} files have no code owner, e.g. ${examples.join(', ')}${more}.`,
		});
	}
}

/**
 * When a pattern matches no file but names directories, the fix is a trailing slash: GitLab reads
 * `/docs` as a file named `docs` only, and on GitHub a wildcard last segment such as `esp32*` owns
 * files named so, not the contents of directories named so. Returns the hint, or ''.
 */
function directorySuggestion(parsed: ParsedCodeowners, rule: CodeownersRule, sorted: readonly string[]): string {
	if (rule.pattern.endsWith('/') || rule.pattern.length === 0) {
		return '';
	}
	const withSlash = `${rule.pattern}/`;
	const pattern = compilePattern(withSlash, parsed.dialect);
	const hits = candidateFiles(pattern, sorted).filter((f) => matchCompiled(pattern, f.split('/'))).length;
	if (hits === 0) {
		return '';
	}
	const why = parsed.dialect === 'gitlab'
		? 'GitLab reads a path without a trailing slash as a file name only'
		: 'it names only directories, and GitHub does not give a directory\'s files to a pattern whose last segment is a wildcard';
	return ` Did you mean \`${rule.exclusion ? '!' : ''}${withSlash}\` (${hits} file${hits === 1 ? '' : 's'})? ${why.charAt(0).toUpperCase()}${why.slice(1)}.`;
}

/** Files that can match: those under the pattern's literal anchored prefix, else all of them. */
function candidateFiles(pattern: CompiledPattern, sorted: readonly string[]): readonly string[] {
	if (pattern.kind !== 'segments' || !pattern.anchored || pattern.segments[0].kind !== 'literal') {
		return sorted;
	}
	let prefix = '';
	for (const seg of pattern.segments) {
		if (seg.kind !== 'literal') {
			break;
		}
		prefix += (prefix.length > 0 ? '/' : '') + seg.text;
	}
	const out: string[] = [];
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < prefix) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) {
		const f = sorted[i];
		if (f.length === prefix.length || f[prefix.length] === '/') {
			out.push(f);
		}
	}
	return out;
}

function segmentKey(seg: Segment): string {
	if (seg.kind === 'literal') {
		return `L${seg.text}`;
	}
	if (seg.kind === 'globstar') {
		return '**';
	}
	return `G${JSON.stringify(seg.tokens)}`;
}

function patternKey(pattern: CompiledPattern): string {
	return `${pattern.kind}|${pattern.anchored ? 'a' : 'u'}|${pattern.mode}|${pattern.segments.map(segmentKey).join('\u0000')}`;
}

function ruleProblem(parsed: ParsedCodeowners, rule: CodeownersRule, code: string, severity: Problem['severity'], message: string): Problem {
	const column = rule.exclusion ? rule.column - 1 : rule.column;
	const width = rule.pattern.length + (rule.exclusion ? 1 : 0);
	return { code, severity, file: parsed.file, line: rule.line, column, endColumn: column + Math.max(1, width), message };
}
