import type { Severity } from '../types';

/** One non-merge commit of the window, as `git log --name-only` reports it. */
export interface HistoryCommit {
	sha: string;
	authorName: string;
	authorEmail: string;
	/** ISO 8601 author date. */
	date: string;
	/** Repository-relative posix paths the commit touched. */
	files: string[];
}

/** What kind of approver a decider is. */
export type DeciderKind = 'person' | 'team' | 'email' | 'alias';

/** One decider's review load in the window (`deciders[]` of `bottlenecks --json`). */
export interface DeciderLoad {
	/** The host handle (`@alice`, `@org/team`), an e-mail, `$alias`, or a person id without a handle. */
	id: string;
	kind: DeciderKind;
	/** The person's or team's name from guardrails.yaml, when known. */
	name?: string;
	/** Commits of the window whose files need this decider (each commit counts once). */
	commits: number;
	/** `commits` divided by the window's commits. */
	share: number;
	/** Files of the repository that need this decider. */
	files: number;
	/** Files that need this decider and nobody else (one person, no team behind it, no deputy). */
	soleFiles: number;
	/** Domains this decider leads or owns files in. */
	domains: string[];
	/** Contracts whose reviewers include this decider. */
	contracts: string[];
}

/** A single point of failure, with the figures that show it. */
export interface BottleneckFinding {
	code: BottleneckCode;
	severity: Severity;
	/** A decider id, domain id, contract id or team id, depending on the code. */
	subject: string;
	message: string;
	evidence: Record<string, string | number | string[]>;
}

/** The finding codes (documented in docs/diagnostics.md). */
export type BottleneckCode =
	| 'review-concentration'
	| 'lead-without-deputy'
	| 'single-approver-contract'
	| 'single-member-team'
	| 'single-person-owner'
	| 'stale-owner'
	| 'unowned-changes';

/** A delegation suggestion in plain words, derived from one finding. */
export interface DelegationSuggestion {
	code: BottleneckCode;
	subject: string;
	text: string;
}

/** The documented `bottlenecks --json` shape. */
export interface BottlenecksJson {
	window: { since: string; until: string; commits: number };
	/** The repository's files (the basis of `files`, `soleFiles` and `single-person-owner`). */
	files: number;
	unowned: { files: number; commits: number };
	deciders: DeciderLoad[];
	findings: BottleneckFinding[];
	suggestions: DelegationSuggestion[];
	/** Caveats about the data: shallow history, CODEOWNERS changed in the window, bulk commits. */
	notes: string[];
}
