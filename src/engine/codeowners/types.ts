import type { Problem } from '../types';

/** The two CODEOWNERS dialects, read exactly as their hosts read them. */
export type Dialect = 'github' | 'gitlab';

/** How the dialect was chosen, reported to the user. */
export interface DialectChoice {
	dialect: Dialect;
	reason: 'explicit' | 'location' | 'content' | 'default';
}

/** One owner token as written (`@user`, `@org/team`, `a@b.example`, GitLab `@@maintainer`). */
export interface OwnerToken {
	text: string;
	kind: 'user' | 'team' | 'email' | 'role';
	/** 1-based column of the token on its line. */
	column: number;
}

/** One pattern line of a CODEOWNERS file, kept with its position. */
export interface CodeownersRule {
	/** Position in the list of rules (0-based, file order). */
	index: number;
	/** 1-based line and column of the pattern. */
	line: number;
	column: number;
	/** The pattern exactly as written (escapes kept), without a leading `!` for GitLab exclusions. */
	pattern: string;
	/** The valid owners written on the line (GitLab: section defaults are not copied here). */
	readonly owners: OwnerToken[];
	/**
	 * The texts of `owners`, frozen; rules whose owner text is the same share one array, so treat
	 * it as a value (GitLab: section defaults are not copied here either).
	 */
	readonly ownerNames: readonly string[];
	/** GitLab: a `!pattern` exclusion entry. Always false on GitHub. */
	exclusion: boolean;
	/** GitLab: index into `ParsedCodeowners.sections` (0 is the unnamed section). GitHub: 0. */
	section: number;
	/** Text of an inline comment (GitHub only), without the `#`. */
	comment?: string;
	/** The whole line as written. */
	text: string;
}

/** A GitLab section (GitHub files have exactly one unnamed section). */
export interface CodeownersSection {
	index: number;
	/** Null for the unnamed section before the first header. Spelling of the first header. */
	name: string | null;
	/** 1-based line of the first header with this name (0 for the unnamed section). */
	line: number;
	/** True only when every header with this name has `^`. */
	optional: boolean;
	/** Effective approvals (missing, `[0]` or non-numeric count as 1). */
	approvals: number;
	/** Default owners of the first header; per-header defaults are resolved into `RuleDefaults`. */
	defaultOwners: OwnerToken[];
}

/**
 * The rules' fields the index reads, one array per field by rule index: bulk resolution needs no
 * rule objects.
 */
export interface RuleColumns {
	readonly count: number;
	readonly patterns: readonly string[];
	/** As `CodeownersRule.ownerNames`: frozen, shared between rules with the same owner text. */
	readonly ownerNames: readonly (readonly string[])[];
	/** GitLab: the section of each rule. Empty on GitHub, where every rule is in section 0. */
	readonly sections: readonly number[];
	/** GitLab: whether each rule is an `!exclusion`. Empty on GitHub, which has none. */
	readonly exclusions: readonly boolean[];
}

/** The result of parsing: everything the host would use, plus the problems it would report. */
export interface ParsedCodeowners {
	readonly dialect: Dialect;
	/** Repository-relative path of the file the text came from (for problems and sources). */
	readonly file: string;
	/** The rules in file order (built on first read: prefer `columns` for bulk work). */
	readonly rules: CodeownersRule[];
	readonly columns: RuleColumns;
	sections: CodeownersSection[];
	/**
	 * GitLab: the default owners that apply to each rule with no owners of its own, by rule index
	 * (each header's own defaults apply to the entries under it). Empty on GitHub.
	 */
	ruleDefaults: Map<number, OwnerToken[]>;
	problems: Problem[];
	/** Byte length of the text (for the 3 MB GitHub limit). */
	size: number;
	/**
	 * True when the host ignores the whole file (GitHub: 3 MB or more). The index then resolves no
	 * owners; the rules are still listed so an editor can show them.
	 */
	ignored?: boolean;
}

/** Per-section answer for GitLab. */
export interface SectionResolution {
	/** Null for the unnamed section. */
	name: string | null;
	owners: string[];
	optional: boolean;
	approvals: number;
	/** The winning rule of this section. */
	rule: CodeownersRule;
	/** 1-based line of the winning rule. */
	line: number;
}

/** Who owns one path, and which rule says so. */
export interface OwnerResolution {
	path: string;
	/** GitHub: the winning rule's owners. GitLab: the union over sections, in section order. */
	owners: string[];
	/** GitHub: the winning rule (null: no rule matched). GitLab: the winning rule of the last contributing section. */
	rule: CodeownersRule | null;
	/** GitLab only; empty for GitHub. */
	sections: SectionResolution[];
}

/** Every rule that matched a path, which one won and which ones it shadowed. */
export interface OwnerExplanation extends OwnerResolution {
	/** All matching rules in file order (GitLab: including exclusions). */
	matches: CodeownersRule[];
	/** Rules that matched but lost (GitHub: all but the last; GitLab: per section). */
	shadowed: CodeownersRule[];
	/** GitLab: sections dropped for this path by an exclusion. */
	excludedSections: (string | null)[];
}
