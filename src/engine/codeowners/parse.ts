import type { Problem, Severity } from '../types';
import { replacementCharacterProblem } from '../encoding';
import { classifyOwner } from './owners';
import type { CodeownersRule, CodeownersSection, Dialect, OwnerToken, ParsedCodeowners } from './types';

// Problem codes (kebab-case, derived from GitLab's `error.rb` names where one exists):
//   malformed-entry-owner         an owner token the host rejects (GitHub: the whole line is skipped;
//                                 GitLab: the token is dropped, the line kept)
//   missing-entry-owner           GitLab entry with no owners and no section defaults (still matches)
//   missing-section-name          GitLab `[]` header (a section named "" is opened)
//   invalid-approval-requirement  GitLab `^[x][n]` with n > 0
//   invalid-section-format        GitLab `[x` without `]` (read as an entry instead)
//   invalid-section-owner-format  GitLab header defaults with no valid owner
//   invalid-pattern               GitHub `!pattern` (negation is unsupported; line skipped)
//   unsupported-escape            GitHub `\#…` (escaping `#` is unsupported; line skipped)
//   unsupported-character-range   GitHub `[…]` (read literally, never as a range: gh-disputed-02 is
//                                 undecided between "skip the line" and "literal"; we keep the line
//                                 so `[abc].js` owns only a file literally named so, never `a.js`)
//   exclusion-owners-ignored      GitLab owners written after an `!exclusion`
//   never-matches                 GitHub `/` pattern ("will never match anything")
//   file-too-large                GitHub file of 3 MB or more (GitHub ignores the whole file)
// Lint adds: duplicate-pattern, shadowed-rule, no-match, unowned-files (see lint.ts).

/** GitHub does not load a CODEOWNERS file of this many bytes or more. */
export const githubSizeLimit = 3 * 1024 * 1024;

interface Token {
	text: string;
	/** 0-based index in the line. */
	start: number;
}

interface LineContext {
	file: string;
	line: number;
	/** Where the line starts in the text: positions passed to `report` are relative to it. */
	offset: number;
	problems: Problem[];
}

/**
 * Parses CODEOWNERS text the way the dialect's host reads it and never throws: GitHub skips a line
 * with invalid syntax, GitLab drops a bad owner token and keeps the line, implements sections,
 * exclusions and `\#`. Lines break at LF, CRLF or a lone CR; a BOM is ignored. Every rule keeps its
 * 1-based line and column, and every problem is a value with a position.
 */
export function parseCodeowners(text: string, options: { dialect: Dialect; file?: string }): ParsedCodeowners {
	const dialect = options.dialect;
	const file = options.file ?? 'CODEOWNERS';
	const size = utf8Length(text);
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const rules: CodeownersRule[] = [];
	const problems: Problem[] = [];
	const sections: CodeownersSection[] = [{ index: 0, name: null, line: 0, optional: false, approvals: 1, defaultOwners: [] }];
	const ruleDefaults = new Map<number, OwnerToken[]>();
	const sectionByKey = new Map<string, number>();
	const intern: Intern = new Map();
	let currentSection = 0;
	let currentDefaults: OwnerToken[] = [];

	// One context for every line (problems copy what they need from it).
	const ctx: LineContext = { file, line: 0, offset: 0, problems };
	let lineNo = 0;
	let pos = 0;
	const length = body.length;
	// The next CR at or after `pos` (-1: none left), so a lone CR far ahead is searched for once.
	let nextCr = body.indexOf('\r');
	while (pos <= length) {
		let end = body.indexOf('\n', pos);
		if (end < 0) {
			end = length;
		}
		if (nextCr >= 0 && nextCr < pos) {
			nextCr = body.indexOf('\r', pos);
		}
		if (nextCr >= 0 && nextCr < end) {
			end = nextCr;
		}
		lineNo++;
		const lineStart = pos;
		const lineEnd = end;
		if (end < length && body.charCodeAt(end) === 13 && body.charCodeAt(end + 1) === 10) {
			pos = end + 2;
		} else {
			pos = end + 1;
		}
		// Scanned in place (the text is flat); a line is sliced only when it holds an entry.
		let start = lineStart;
		while (start < lineEnd && isSpace(body.charCodeAt(start))) {
			start++;
		}
		let stop = lineEnd;
		while (stop > start && isSpace(body.charCodeAt(stop - 1))) {
			stop--;
		}
		if (stop < lineEnd && endsWithEscape(body, start, stop)) {
			// `foo\ ` keeps its escaped trailing space (gitignore rule).
			stop++;
		}
		if (start === stop || body.charCodeAt(start) === 35 /* # */) {
			continue;
		}
		ctx.line = lineNo;
		const line = body.slice(lineStart, lineEnd);
		if (dialect === 'gitlab' && (body[start] === '[' || (body[start] === '^' && body[start + 1] === '['))) {
			ctx.offset = 0;
			const header = parseHeader(line, start - lineStart, stop - lineStart, ctx, intern);
			if (header !== undefined) {
				const key = header.name.toLowerCase();
				const existing = sectionByKey.get(key);
				if (existing === undefined) {
					const index = sections.length;
					sections.push({
						index,
						name: header.name,
						line: lineNo,
						optional: header.optional,
						approvals: header.approvals,
						defaultOwners: header.defaults,
					});
					sectionByKey.set(key, index);
					currentSection = index;
				} else {
					// Same name, any case: one section keeping the first spelling and position;
					// it is optional only if every header says so.
					const section = sections[existing];
					section.optional = section.optional && header.optional;
					currentSection = existing;
				}
				currentDefaults = header.defaults;
				continue;
			}
			ctx.offset = lineStart;
			report(ctx, 'invalid-section-format', 'error', start, stop,
				'Section header has no closing `]`; GitLab reads this line as a path entry instead.');
		}
		ctx.offset = lineStart;
		const rule = dialect === 'github'
			? parseGithubEntry(body, line, start, stop, rules.length, ctx, intern)
			: parseGitlabEntry(body, line, start, stop, rules.length, currentSection, ctx, intern);
		if (rule === undefined) {
			continue;
		}
		if (dialect === 'gitlab' && !rule.rule.exclusion && rule.ownerTextEmpty) {
			if (currentDefaults.length > 0) {
				ruleDefaults.set(rule.rule.index, currentDefaults);
			} else {
				const at = lineStart + rule.rule.column - 1;
				report(ctx, 'missing-entry-owner', 'error', at, at + rule.rule.pattern.length,
					'Entry has no owners and its section has no default owners; GitLab still uses it (the files are unowned).');
			}
		}
		rules.push(rule.rule);
	}

	const encoding = replacementCharacterProblem(body, file);
	if (encoding !== undefined) {
		problems.push(encoding);
	}
	const parsed: ParsedCodeowners = { dialect, file, rules, sections, ruleDefaults, problems, size };
	if (dialect === 'github' && size >= githubSizeLimit) {
		parsed.ignored = true;
		problems.unshift({
			code: 'file-too-large', severity: 'error', file, line: 1, column: 1, endColumn: 2,
			message: `CODEOWNERS is ${size} bytes; GitHub ignores a file of 3 MB or more, so no reviews are requested from it.`,
		});
	}
	return parsed;
}

function endsWithEscape(line: string, start: number, stop: number): boolean {
	let backslashes = 0;
	for (let i = stop - 1; i >= start && line.charCodeAt(i) === 92; i--) {
		backslashes++;
	}
	return backslashes % 2 === 1;
}

function isSpace(c: number): boolean {
	// Ruby's `\s` and GitHub's separators: space, tab, vertical tab, form feed (CR ends a line).
	return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

function report(ctx: LineContext, code: string, severity: Severity, start: number, end: number, message: string): void {
	const offset = ctx.offset;
	ctx.problems.push({ code, severity, file: ctx.file, line: ctx.line, column: start - offset + 1, endColumn: Math.max(end, start + 1) - offset + 1, message });
}

/** Splits a line into the pattern (up to the first unescaped whitespace) and the rest. */
function patternEnd(line: string, start: number, stop: number): number {
	let i = start;
	while (i < stop) {
		const c = line.charCodeAt(i);
		if (c === 92 /* \ */) {
			i += 2;
			continue;
		}
		if (isSpace(c)) {
			break;
		}
		i++;
	}
	return Math.min(i, stop);
}

function tokens(line: string, from: number, stop: number): Token[] {
	const out: Token[] = [];
	let i = from;
	while (i < stop) {
		while (i < stop && isSpace(line.charCodeAt(i))) {
			i++;
		}
		if (i >= stop) {
			break;
		}
		const s = i;
		while (i < stop && !isSpace(line.charCodeAt(i))) {
			i++;
		}
		out.push({ text: line.slice(s, i), start: s });
	}
	return out;
}

interface KnownOwner {
	text: string;
	kind: OwnerToken['kind'] | undefined;
}

/** Classifies a token once per distinct text and interns it (big files repeat a few owners). */
function knownOwner(intern: Intern, text: string, dialect: Dialect): KnownOwner {
	let known = intern.get(text);
	if (known === undefined) {
		known = { text, kind: classifyOwner(text, dialect) };
		intern.set(text, known);
	}
	return known;
}

type Intern = Map<string, KnownOwner>;

function hasUnescaped(pattern: string, char: string): boolean {
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i] === '\\') {
			i++;
		} else if (pattern[i] === char) {
			return true;
		}
	}
	return false;
}

/**
 * Owner tokens of the entry being read; each rule keeps an exact-size copy. The rules live as long
 * as the index, and an array grown by `push` keeps room for 17 (about 100 bytes more per rule
 * that every garbage collection of a large file copies).
 */
const ownerScratch: OwnerToken[] = [];

/** The first `count` scratch tokens as the rule's own array (a scratch grown by a huge line is dropped). */
function takeOwners(count: number): OwnerToken[] {
	const owners = ownerScratch.slice(0, count);
	if (count > 256) {
		ownerScratch.length = 0;
	}
	return owners;
}

interface ParsedEntry {
	rule: CodeownersRule;
	ownerTextEmpty: boolean;
}

/** Reads an entry from `body[start, stop)`; positions are in the text, `line` is the whole line. */
function parseGithubEntry(body: string, line: string, start: number, stop: number, index: number, ctx: LineContext, intern: Intern): ParsedEntry | undefined {
	const pend = patternEnd(body, start, stop);
	const pattern = body.slice(start, pend);
	if (pattern.startsWith('!')) {
		report(ctx, 'invalid-pattern', 'error', start, pend, 'GitHub does not support `!` negation in CODEOWNERS; the line is skipped.');
		return undefined;
	}
	if (pattern.startsWith('\\#')) {
		report(ctx, 'unsupported-escape', 'error', start, pend, 'GitHub does not support escaping a leading `#`; the line is skipped.');
		return undefined;
	}
	const owners = ownerScratch;
	let ownerCount = 0;
	let comment: string | undefined;
	let bad: Token[] | undefined;
	let i = pend;
	while (i < stop) {
		while (i < stop && isSpace(body.charCodeAt(i))) {
			i++;
		}
		if (i >= stop) {
			break;
		}
		const s = i;
		if (body.charCodeAt(s) === 35 /* # */) {
			// GitHub strips an inline comment; mentions in it are not owners.
			comment = body.slice(s + 1, stop).trim();
			break;
		}
		while (i < stop && !isSpace(body.charCodeAt(i))) {
			i++;
		}
		const text = body.slice(s, i);
		const known = knownOwner(intern, text, 'github');
		const kind = known.kind;
		if (kind === undefined) {
			(bad ??= []).push({ text, start: s });
			continue;
		}
		owners[ownerCount++] = { text: known.text, kind, column: s - ctx.offset + 1 };
	}
	if (bad !== undefined) {
		reportBadOwners(ctx, bad, 'error', 'not a valid owner (@user, @org/team or e-mail); GitHub skips this line.');
		return undefined;
	}
	// Both checks need a `[`; most patterns have none, so one native scan skips a regex per rule.
	if (pattern.includes('[')) {
		if (gitlabSectionHeader.test(pattern)) {
			report(ctx, 'unsupported-character-range', 'warning', start, pend,
				'This looks like a GitLab section header; GitHub has no sections and reads it as a pattern with literal brackets. Remove it, or set the dialect to GitLab if this file is for GitLab.');
		} else if (hasUnescaped(pattern, '[')) {
			report(ctx, 'unsupported-character-range', 'warning', start, pend,
				'GitHub does not support `[ ]` character ranges; the brackets are read as literal characters.');
		}
	}
	if (pattern === '/') {
		report(ctx, 'never-matches', 'warning', start, pend, 'The pattern `/` will never match anything; did you mean `*`?');
	}
	const rule: CodeownersRule = { index, line: ctx.line, column: start - ctx.offset + 1, pattern, owners: takeOwners(ownerCount), exclusion: false, section: 0, text: line };
	if (comment !== undefined) {
		rule.comment = comment;
	}
	return { rule, ownerTextEmpty: ownerCount === 0 };
}

function parseGitlabEntry(body: string, line: string, start: number, stop: number, index: number, section: number, ctx: LineContext, intern: Intern): ParsedEntry {
	const pend = patternEnd(body, start, stop);
	let pattern = body.slice(start, pend);
	const exclusion = pattern.startsWith('!');
	if (exclusion) {
		pattern = pattern.slice(1);
	}
	const owners = ownerScratch;
	let ownerCount = 0;
	let bad: Token[] | undefined;
	// Owner tokens scanned in place: the first token's start and the last one's end, for reports.
	let first = -1;
	let lastEnd = -1;
	let i = pend;
	while (i < stop) {
		while (i < stop && isSpace(body.charCodeAt(i))) {
			i++;
		}
		if (i >= stop) {
			break;
		}
		const s = i;
		while (i < stop && !isSpace(body.charCodeAt(i))) {
			i++;
		}
		if (first < 0) {
			first = s;
		}
		lastEnd = i;
		if (exclusion) {
			continue;
		}
		const text = body.slice(s, i);
		const known = knownOwner(intern, text, 'gitlab');
		const kind = known.kind;
		if (kind === undefined) {
			(bad ??= []).push({ text, start: s });
			continue;
		}
		owners[ownerCount++] = { text: known.text, kind, column: s - ctx.offset + 1 };
	}
	if (bad !== undefined) {
		reportBadOwners(ctx, bad, 'warning', 'not a valid owner; GitLab ignores it (inline comments are not supported, words after `#` are read as owners).');
	}
	if (exclusion && first >= 0) {
		report(ctx, 'exclusion-owners-ignored', 'info', first, lastEnd, 'Owners written after an exclusion are ignored by GitLab.');
	}
	return {
		rule: { index, line: ctx.line, column: start - ctx.offset + 1 + (exclusion ? 1 : 0), pattern, owners: takeOwners(ownerCount), exclusion, section, text: line },
		ownerTextEmpty: first < 0,
	};
}

interface Header {
	name: string;
	optional: boolean;
	approvals: number;
	defaults: OwnerToken[];
}

const headerOwnerChar = /[@A-Za-z0-9_.\-/+ \t\v\f]/;

/**
 * Reads a GitLab section header (`^[Name][n] @defaults`). GitLab's header regex is anchored only at
 * the start, so text after the header that is not whitespace plus owner characters is dropped.
 * Returns undefined when there is no closing `]` (the caller reports it and parses an entry).
 */
function parseHeader(line: string, start: number, stop: number, ctx: LineContext, intern: Intern): Header | undefined {
	const optional = line[start] === '^';
	const open = optional ? start + 1 : start;
	const close = line.indexOf(']', open + 1);
	if (close < 0 || close >= stop) {
		return undefined;
	}
	const name = line.slice(open + 1, close);
	if (name.length === 0) {
		report(ctx, 'missing-section-name', 'error', start, close + 1, 'Section header has no name.');
	}
	let k = close + 1;
	let approvals = 1;
	if (line[k] === '[') {
		const end = line.indexOf(']', k + 1);
		if (end > 0 && end < stop && /^\d*$/.test(line.slice(k + 1, end))) {
			const digits = line.slice(k + 1, end);
			const n = digits.length > 0 ? Number.parseInt(digits, 10) : 0;
			if (optional && n > 0) {
				report(ctx, 'invalid-approval-requirement', 'error', k, end + 1,
					'An optional section (`^`) cannot require approvals.');
			}
			approvals = n >= 1 ? n : 1;
			k = end + 1;
		}
	}
	const defaults: OwnerToken[] = [];
	if (k < stop && isSpace(line.charCodeAt(k))) {
		let e = k;
		while (e < stop && headerOwnerChar.test(line[e])) {
			e++;
		}
		const written = tokens(line, k, e);
		for (const token of written) {
			const known = knownOwner(intern, token.text, 'gitlab');
			if (known.kind !== undefined) {
				defaults.push({ text: known.text, kind: known.kind, column: token.start + 1 });
			}
		}
		if (written.length > 0 && defaults.length === 0) {
			const last = written[written.length - 1];
			report(ctx, 'invalid-section-owner-format', 'error', written[0].start, last.start + last.text.length,
				'Section default owners contain no valid owner.');
		}
	}
	return { name, optional, approvals, defaults };
}

/** A GitLab section header (`[Name]`, `^[Name][2]`, with or without owners after it). */
const gitlabSectionHeader = /^\^?\[[^\]]*\](\[\d*\])?$/;

/**
 * One problem for all the bad owner tokens of a line, spanning the first to the last, naming each:
 * ten problems for one line read worse than one that lists ten tokens.
 */
function reportBadOwners(ctx: LineContext, bad: readonly Token[], severity: Severity, reason: string): void {
	const last = bad[bad.length - 1];
	const named = bad.map((t) => `\`${truncate(t.text)}\``);
	const subject = bad.length === 1 ? `${named[0]} is` : `${named.join(', ')} are`;
	const text = bad.length === 1 ? reason : reason.replace('not a valid owner', 'not valid owners').replace('GitLab ignores it', 'GitLab ignores them');
	report(ctx, 'malformed-entry-owner', severity, bad[0].start, last.start + last.text.length, `${subject} ${text}`);
}

function truncate(text: string): string {
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const nonAscii = /[^\x00-\x7f]/;

/** UTF-8 byte length without TextEncoder (the engine has no DOM or Node globals). */
export function utf8Length(text: string): number {
	// Most files are ASCII: one native scan instead of a loop over every character.
	if (!nonAscii.test(text)) {
		return text.length;
	}
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) {
			bytes += 1;
		} else if (c < 0x800) {
			bytes += 2;
		} else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			const d = text.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				bytes += 4;
				i++;
			} else {
				bytes += 3;
			}
		} else {
			bytes += 3;
		}
	}
	return bytes;
}

/**
 * A CODEOWNERS too large to read (`size` ≥ 3 MB, known from the file system): nothing of it is
 * read, it owns nothing, and `file-too-large` says why with the size. GitHub ignores such a
 * file; GitLab documents no limit, and we apply GitHub's so a lookup never parses megabytes.
 */
export function unreadCodeowners(file: string, dialect: Dialect, size: number): ParsedCodeowners {
	const parsed = parseCodeowners('', { dialect, file });
	parsed.size = size;
	parsed.ignored = true;
	const bytes = `${String(size).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes`;
	parsed.problems.unshift({
		code: 'file-too-large', severity: 'error', file, line: 1, column: 1, endColumn: 2,
		message: dialect === 'github'
			? `CODEOWNERS is ${bytes}; GitHub ignores a file of 3 MB or more, so no reviews are requested from it (not read).`
			: `CODEOWNERS is ${bytes}, over the 3 MB read limit (GitLab documents none); it is not read and owns nothing.`,
	});
	return parsed;
}
