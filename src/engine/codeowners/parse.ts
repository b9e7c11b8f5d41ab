import type { Problem, Severity } from '../types';
import { replacementCharacterProblem } from '../encoding';
import { contentStart, contentStop, isSpace, patternEnd, skipSpaces, tokenEnd } from './lineScan';
import { OwnerClassifier } from './owners';
import { ParsedFile, RuleTable } from './parsedFile';
import type { CodeownersSection, Dialect, OwnerToken, ParsedCodeowners } from './types';

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
	const table = new RuleTable();
	const problems: Problem[] = [];
	const sections: CodeownersSection[] = [{ index: 0, name: null, line: 0, optional: false, approvals: 1, defaultOwners: [] }];
	const ruleDefaults = new Map<number, OwnerToken[]>();
	const sectionByKey = new Map<string, number>();
	const owners = new OwnerClassifier(dialect);
	const ctx: LineContext = { file, line: 0, offset: 0, problems };
	const scope: EntryScope = { ctx, owners, lists: new Map(), table };
	let currentSection = 0;
	let currentDefaults: OwnerToken[] = [];

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
		const start = contentStart(body, lineStart, lineEnd);
		const stop = contentStop(body, start, lineEnd);
		if (start === stop || body.charCodeAt(start) === 35 /* # */) {
			continue;
		}
		ctx.line = lineNo;
		if (dialect === 'gitlab' && (body[start] === '[' || (body[start] === '^' && body[start + 1] === '['))) {
			ctx.offset = 0;
			const line = body.slice(lineStart, lineEnd);
			const header = parseHeader(line, start - lineStart, stop - lineStart, ctx, owners);
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
		const result = dialect === 'github'
			? parseGithubEntry(body, start, stop, scope)
			: parseGitlabEntry(body, start, stop, currentSection, scope);
		if (result !== addedWithoutOwners) {
			continue;
		}
		// A GitLab entry without owners: the header's defaults, or nobody.
		const index = table.count - 1;
		if (currentDefaults.length > 0) {
			ruleDefaults.set(index, currentDefaults);
		} else {
			report(ctx, 'missing-entry-owner', 'error', start, start + table.patterns[index].length,
				'Entry has no owners and its section has no default owners; GitLab still uses it (the files are unowned).');
		}
	}

	const encoding = replacementCharacterProblem(body, file);
	if (encoding !== undefined) {
		problems.push(encoding);
	}
	const parsed = new ParsedFile(owners, file, body, table, sections, ruleDefaults, problems, size);
	if (dialect === 'github' && size >= githubSizeLimit) {
		parsed.ignored = true;
		problems.unshift({
			code: 'file-too-large', severity: 'error', file, line: 1, column: 1, endColumn: 2,
			message: `CODEOWNERS is ${size} bytes; GitHub ignores a file of 3 MB or more, so no reviews are requested from it.`,
		});
	}
	return parsed;
}

function report(ctx: LineContext, code: string, severity: Severity, start: number, end: number, message: string): void {
	const offset = ctx.offset;
	ctx.problems.push({ code, severity, file: ctx.file, line: ctx.line, column: start - offset + 1, endColumn: Math.max(end, start + 1) - offset + 1, message });
}

function tokens(line: string, from: number, stop: number): Token[] {
	const out: Token[] = [];
	for (let s = skipSpaces(line, from, stop); s < stop;) {
		const end = tokenEnd(line, s, stop);
		out.push({ text: line.slice(s, end), start: s });
		s = skipSpaces(line, end, stop);
	}
	return out;
}

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
 * Owner names by the exact text from the first owner to the end of the line. Large files repeat
 * the same owners on many lines (nuttx: 7,000 distinct texts on 17,000 lines); a repeat costs one
 * lookup and shares the frozen names. Only texts without problems are kept: a bad token is reported on every line.
 */
type OwnerLists = Map<string, readonly string[]>;

const noNames: readonly string[] = Object.freeze([]);

/** Names of the entry being read; each distinct list keeps an exact-size frozen copy. */
const nameScratch: string[] = [];

function takeNames(count: number): readonly string[] {
	if (count === 0) {
		return noNames;
	}
	const names = Object.freeze(nameScratch.slice(0, count));
	if (count > 256) {
		nameScratch.length = 0;
	}
	return names;
}

interface EntryScope {
	ctx: LineContext;
	/** The file's classifier; its dialect is the file's. */
	owners: OwnerClassifier;
	lists: OwnerLists;
	table: RuleTable;
}

/**
 * Reads the owners in `body[from, stop)`: the cached list when this text was seen before, else
 * each token classified; bad tokens are reported with `severity`. Returns undefined when a token
 * is bad and `rejectLine` is set (GitHub skips such a line).
 */
function readOwners(body: string, from: number, stop: number, scope: EntryScope, rejectLine: boolean): readonly string[] | undefined {
	// The key starts at the first owner, so the same owners after differently padded patterns
	// (columns aligned with spaces) share one list.
	const first = skipSpaces(body, from, stop);
	if (first >= stop) {
		return noNames;
	}
	const key = body.slice(first, stop);
	const known = scope.lists.get(key);
	if (known !== undefined) {
		return known;
	}
	const github = scope.owners.dialect === 'github';
	let count = 0;
	let bad: Token[] | undefined;
	for (let s = first; s < stop;) {
		if (github && body.charCodeAt(s) === 35 /* # */) {
			// GitHub strips an inline comment; mentions in it are not owners.
			break;
		}
		const end = tokenEnd(body, s, stop);
		const text = body.slice(s, end);
		const owner = scope.owners.of(text);
		if (owner.kind === undefined) {
			(bad ??= []).push({ text, start: s });
		} else {
			nameScratch[count++] = owner.text;
		}
		s = skipSpaces(body, end, stop);
	}
	if (bad !== undefined) {
		if (github) {
			reportBadOwners(scope.ctx, bad, 'error', 'not a valid owner (@user, @org/team or e-mail); GitHub skips this line.');
		} else {
			reportBadOwners(scope.ctx, bad, 'warning', 'not a valid owner; GitLab ignores it (inline comments are not supported, words after `#` are read as owners).');
		}
		return rejectLine ? undefined : takeNames(count);
	}
	const names = takeNames(count);
	scope.lists.set(key, names);
	return names;
}

/** What reading an entry did: skipped the line, added a rule, or added a GitLab entry with no owner text. */
const skipped = 0;
const added = 1;
const addedWithoutOwners = 2;
type EntryResult = typeof skipped | typeof added | typeof addedWithoutOwners;

/**
 * Reads an entry from `body[start, stop)` into the rule table (with where its line starts: the
 * rest of its position is read again from there when rule objects are built).
 */
function parseGithubEntry(body: string, start: number, stop: number, scope: EntryScope): EntryResult {
	const ctx = scope.ctx;
	const pend = patternEnd(body, start, stop);
	const pattern = body.slice(start, pend);
	if (pattern.startsWith('!')) {
		report(ctx, 'invalid-pattern', 'error', start, pend, 'GitHub does not support `!` negation in CODEOWNERS; the line is skipped.');
		return skipped;
	}
	if (pattern.startsWith('\\#')) {
		report(ctx, 'unsupported-escape', 'error', start, pend, 'GitHub does not support escaping a leading `#`; the line is skipped.');
		return skipped;
	}
	const owners = readOwners(body, pend, stop, scope, true);
	if (owners === undefined) {
		return skipped;
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
	scope.table.add(pattern, owners, ctx.offset);
	return added;
}

function parseGitlabEntry(body: string, start: number, stop: number, section: number, scope: EntryScope): EntryResult {
	const ctx = scope.ctx;
	const pend = patternEnd(body, start, stop);
	const pattern = body.slice(start, pend);
	const offset = ctx.offset;
	if (pattern.startsWith('!')) {
		// Owners written after an exclusion are ignored (and reported once, spanning them all).
		const first = skipSpaces(body, pend, stop);
		let last = stop;
		while (last > first && isSpace(body.charCodeAt(last - 1))) {
			last--;
		}
		if (first < stop) {
			report(ctx, 'exclusion-owners-ignored', 'info', first, last, 'Owners written after an exclusion are ignored by GitLab.');
		}
		// An exclusion takes no owners, so it never reads as an entry without them.
		scope.table.addGitlab(pattern.slice(1), noNames, offset, section, true);
		return added;
	}
	const owners = readOwners(body, pend, stop, scope, false) as readonly string[];
	scope.table.addGitlab(pattern, owners, offset, section, false);
	return pend < stop ? added : addedWithoutOwners;
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
function parseHeader(line: string, start: number, stop: number, ctx: LineContext, owners: OwnerClassifier): Header | undefined {
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
			const known = owners.of(token.text);
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
