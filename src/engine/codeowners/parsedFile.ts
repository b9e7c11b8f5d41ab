import type { Problem } from '../types';
import { contentStart, contentStop, inlineComment, lineEndOf, patternEnd, skipSpaces, tokenEnd } from './lineScan';
import type { OwnerClassifier } from './owners';
import type { CodeownersRule, CodeownersSection, Dialect, OwnerToken, ParsedCodeowners, RuleColumns } from './types';

// What the parser hands out. Rules are kept in columns (one array per field) and become objects
// only when someone reads `rules`: bulk resolution (`audit` over a 17,000-rule file) needs just
// the patterns and owner names, and every object kept from parse to exit is copied by each
// garbage collection in between.

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
		/** The file's classifier: each distinct owner was classified once, while parsing. */
		private readonly classifier: OwnerClassifier,
	) {}

	get owners(): OwnerToken[] {
		this.tokens ??= ownerTokens(this.text, this.ownerStart, this.ownerEnd, this.classifier);
		return this.tokens;
	}
}

/**
 * The valid owner tokens of `text[start, stop)` with 1-based columns: GitHub stops at an inline
 * comment, GitLab drops tokens it rejects. The parser has already reported the rejected ones.
 */
function ownerTokens(text: string, start: number, stop: number, classifier: OwnerClassifier): OwnerToken[] {
	const out: OwnerToken[] = [];
	const github = classifier.dialect === 'github';
	for (let s = skipSpaces(text, start, stop); s < stop && !(github && text.charCodeAt(s) === 35 /* # */);) {
		const end = tokenEnd(text, s, stop);
		const known = classifier.of(text.slice(s, end));
		if (known.kind !== undefined) {
			out.push({ text: known.text, kind: known.kind, column: s + 1 });
		}
		s = skipSpaces(text, end, stop);
	}
	return out;
}

/**
 * The columns of the parsed rules, filled by the parser one rule at a time. Only what the index
 * reads is kept, and where each rule's line starts: the rest of a rule's position is read again
 * from the text when rule objects are built, which keeps a large parse to three arrays.
 */
export class RuleTable implements RuleColumns {
	readonly patterns: string[] = [];
	readonly ownerNames: (readonly string[])[] = [];
	readonly sections: number[] = [];
	readonly exclusions: boolean[] = [];
	readonly lineStarts: number[] = [];

	get count(): number {
		return this.patterns.length;
	}

	/** A GitHub rule (section 0, never an exclusion). */
	add(pattern: string, ownerNames: readonly string[], lineStart: number): void {
		this.patterns.push(pattern);
		this.ownerNames.push(ownerNames);
		this.lineStarts.push(lineStart);
	}

	/** A GitLab entry or exclusion (`pattern` without the `!`). */
	addGitlab(pattern: string, ownerNames: readonly string[], lineStart: number, section: number, exclusion: boolean): void {
		this.add(pattern, ownerNames, lineStart);
		this.sections.push(section);
		this.exclusions.push(exclusion);
	}
}

/** A parsed CODEOWNERS file whose rule objects are built on first read of `rules`. */
export class ParsedFile implements ParsedCodeowners {
	ignored?: boolean;
	private built: CodeownersRule[] | undefined = undefined;

	readonly dialect: Dialect;

	constructor(
		private readonly classifier: OwnerClassifier,
		readonly file: string,
		/** The text the positions refer to (without a BOM). */
		private readonly body: string,
		private readonly table: RuleTable,
		readonly sections: CodeownersSection[],
		readonly ruleDefaults: Map<number, OwnerToken[]>,
		readonly problems: Problem[],
		public size: number,
	) {
		this.dialect = classifier.dialect;
	}

	get columns(): RuleColumns {
		return this.table;
	}

	get rules(): CodeownersRule[] {
		this.built ??= this.build();
		return this.built;
	}

	/** The rule objects, each read again from where its line starts (lines counted on the way). */
	private build(): CodeownersRule[] {
		const { body, table: t, classifier } = this;
		const gitlab = this.dialect === 'gitlab';
		const hasCr = body.includes('\r');
		const rules: CodeownersRule[] = [];
		let line = 1;
		let counted = 0;
		// The next `#` at or after the rule being built (-1: none left). Searched forward once for
		// the whole text: a search per rule would run to the end of a file that has none.
		let nextHash = gitlab ? -1 : body.indexOf('#');
		for (let i = 0; i < t.count; i++) {
			const lineStart = t.lineStarts[i];
			if (!hasCr) {
				for (let lf = body.indexOf('\n', counted); lf >= 0 && lf < lineStart; lf = body.indexOf('\n', lf + 1)) {
					line++;
				}
				counted = lineStart;
			}
			for (; counted < lineStart; counted++) {
				const c = body.charCodeAt(counted);
				// LF, CRLF (counted at its LF) and a lone CR each end a line, as the parser reads them.
				if (c === 10 || (c === 13 && body.charCodeAt(counted + 1) !== 10)) {
					line++;
				}
			}
			const lineEnd = lineEndOf(body, lineStart);
			const start = contentStart(body, lineStart, lineEnd);
			const stop = contentStop(body, start, lineEnd);
			const pend = patternEnd(body, start, stop);
			const exclusion = gitlab && t.exclusions[i];
			if (nextHash >= 0 && nextHash < pend) {
				nextHash = body.indexOf('#', pend);
			}
			const comment = nextHash >= 0 && nextHash < stop ? inlineComment(body, pend, stop) : undefined;
			const ownerStart = pend - lineStart;
			const ownerEnd = (exclusion ? pend : stop) - lineStart;
			rules.push(new ParsedRule(i, line, start - lineStart + 1 + (exclusion ? 1 : 0), t.patterns[i], exclusion, gitlab ? t.sections[i] : 0,
				body.slice(lineStart, lineEnd), t.ownerNames[i], comment, ownerStart, ownerEnd, classifier));
		}
		return rules;
	}
}
