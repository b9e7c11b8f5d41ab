import type { Problem } from '../types';
import { classifyOwner } from './owners';
import type { CodeownersRule, CodeownersSection, Dialect, OwnerToken, ParsedCodeowners, RuleColumns } from './types';

// What the parser hands out. Rules are kept in columns (one array per field) and become objects
// only when someone reads `rules`: bulk resolution (`audit` over a 17,000-rule file) needs just
// the patterns and owner names, and every object kept from parse to exit is copied by each
// garbage collection in between.

/** Separators between owners: space, tab, vertical tab, form feed, CR (as the parser reads them). */
function isSpace(c: number): boolean {
	return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

/**
 * A rule as `ParsedFile.rules` makes it. The owner tokens with their kinds and columns are read
 * again from the line the first time someone asks (lint, links, completion): resolution needs only
 * the owners' names, which rules with the same owner text share.
 */
export class ParsedRule implements CodeownersRule {
	private tokens: OwnerToken[] | undefined = undefined;

	constructor(
		readonly index: number,
		readonly line: number,
		readonly column: number,
		readonly pattern: string,
		readonly exclusion: boolean,
		readonly section: number,
		readonly text: string,
		readonly ownerNames: readonly string[],
		readonly comment: string | undefined,
		/** Where the owner tokens are in `text` (`[ownerStart, ownerEnd)`, comment included). */
		private readonly ownerStart: number,
		private readonly ownerEnd: number,
		private readonly dialect: Dialect,
	) {}

	get owners(): OwnerToken[] {
		this.tokens ??= ownerTokens(this.text, this.ownerStart, this.ownerEnd, this.dialect);
		return this.tokens;
	}
}

/**
 * The valid owner tokens of `text[start, stop)` with 1-based columns: GitHub stops at an inline
 * comment, GitLab drops tokens it rejects. The parser has already reported the rejected ones.
 */
function ownerTokens(text: string, start: number, stop: number, dialect: Dialect): OwnerToken[] {
	const out: OwnerToken[] = [];
	let i = start;
	while (i < stop) {
		while (i < stop && isSpace(text.charCodeAt(i))) {
			i++;
		}
		if (i >= stop || (dialect === 'github' && text.charCodeAt(i) === 35 /* # */)) {
			break;
		}
		const s = i;
		while (i < stop && !isSpace(text.charCodeAt(i))) {
			i++;
		}
		const token = text.slice(s, i);
		const kind = classifyOwner(token, dialect);
		if (kind !== undefined) {
			out.push({ text: token, kind, column: s + 1 });
		}
	}
	return out;
}

/** The columns of the parsed rules, filled by the parser one rule at a time. */
export class RuleTable implements RuleColumns {
	count = 0;
	readonly patterns: string[] = [];
	readonly ownerNames: (readonly string[])[] = [];
	readonly sections: number[] = [];
	readonly exclusions: boolean[] = [];
	/** 1-based line and column of each pattern. */
	readonly lines: number[] = [];
	readonly columns: number[] = [];
	/** Where each rule's line starts and ends in the text. */
	readonly lineStarts: number[] = [];
	readonly lineEnds: number[] = [];
	/** Where each rule's owner text starts and ends, relative to its line. */
	readonly ownerStarts: number[] = [];
	readonly ownerEnds: number[] = [];
	/** GitHub inline comments by rule index (few rules have one). */
	comments: Map<number, string> | undefined = undefined;

	add(line: number, column: number, pattern: string, exclusion: boolean, section: number, lineStart: number, lineEnd: number, ownerNames: readonly string[], ownerStart: number, ownerEnd: number, comment: string | undefined): void {
		const index = this.count++;
		this.patterns.push(pattern);
		this.ownerNames.push(ownerNames);
		this.sections.push(section);
		this.exclusions.push(exclusion);
		this.lines.push(line);
		this.columns.push(column);
		this.lineStarts.push(lineStart);
		this.lineEnds.push(lineEnd);
		this.ownerStarts.push(ownerStart);
		this.ownerEnds.push(ownerEnd);
		if (comment !== undefined) {
			(this.comments ??= new Map()).set(index, comment);
		}
	}
}

/** A parsed CODEOWNERS file whose rule objects are built on first read of `rules`. */
export class ParsedFile implements ParsedCodeowners {
	ignored?: boolean;
	private built: CodeownersRule[] | undefined = undefined;

	constructor(
		readonly dialect: Dialect,
		readonly file: string,
		/** The text the positions refer to (without a BOM). */
		private readonly body: string,
		readonly table: RuleTable,
		readonly sections: CodeownersSection[],
		readonly ruleDefaults: Map<number, OwnerToken[]>,
		readonly problems: Problem[],
		public size: number,
	) {}

	get columns(): RuleColumns {
		return this.table;
	}

	get rules(): CodeownersRule[] {
		this.built ??= this.build();
		return this.built;
	}

	private build(): CodeownersRule[] {
		const t = this.table;
		const rules: CodeownersRule[] = [];
		for (let i = 0; i < t.count; i++) {
			const lineStart = t.lineStarts[i];
			rules.push(new ParsedRule(i, t.lines[i], t.columns[i], t.patterns[i], t.exclusions[i], t.sections[i],
				this.body.slice(lineStart, t.lineEnds[i]), t.ownerNames[i], t.comments?.get(i), t.ownerStarts[i], t.ownerEnds[i], this.dialect));
		}
		return rules;
	}
}
