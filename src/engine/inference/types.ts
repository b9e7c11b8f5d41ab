// Plain data of `guardrails init`: what the repository already says, turned into a draft model.
// Every inferred item carries its evidence so the draft can say where it came from.
import type { ContractKind, ReviewLevel } from '../guardrails/types';

/** One commit of recent history: its author and the repository-relative files it touched. */
export interface HistoryCommit {
	name: string;
	email: string;
	files: string[];
}

/** A person the draft names: a CODEOWNERS user or e-mail owner, or a Backstage User. */
export interface InferredPerson {
	id: string;
	name: string;
	handles: Record<string, string>;
	emails: string[];
	evidence: string;
}

/** A suggested lead: an active author under the domain's files. Never written as `lead:`. */
export interface LeadCandidate {
	name: string;
	email: string;
	commits: number;
}

/** A team inferred from a CODEOWNERS team handle, a GitLab section or a Backstage Group. */
export interface InferredTeam {
	id: string;
	name: string;
	handles: Record<string, string>;
	/** Person ids. */
	members: string[];
	/** Most active authors under the team's domains in the history window, most active first. */
	leadCandidates: LeadCandidate[];
	evidence: string;
}

/** A domain: the files one team owns, as the smallest set of directory globs that covers them. */
export interface InferredDomain {
	id: string;
	title: string;
	team: string;
	paths: string[];
	/** Files of the repository the domain was drafted from. */
	files: number;
	/** True for the owners of the catch-all rule: the domain of everything nobody else claims. */
	fallback: boolean;
	adrs: string[];
	evidence: string;
}

/** A contract detected from what the files are. */
export interface InferredContract {
	id: string;
	kind: ContractKind;
	/** What was recognised: `openapi`, `proto`, `migrations`, `shared-code`, … */
	format: string;
	title: string;
	owner: string;
	paths: string[];
	consumers: string[];
	level: Exclude<ReviewLevel, 'none'>;
	adrs: string[];
	evidence: string;
}

/** Something the inference looked at and left out, with the reason (shown in the draft). */
export interface SkippedItem {
	path: string;
	reason: string;
}

/** The inferred model: everything the draft will contain, each item with its evidence. */
export interface InferredModel {
	sources: {
		codeowners: string | null;
		rules: number;
		files: number;
		/** Commits read from history, or null when no history was given. */
		commits: number | null;
		catalogs: string[];
	};
	people: InferredPerson[];
	teams: InferredTeam[];
	domains: InferredDomain[];
	contracts: InferredContract[];
	adrRoots: { path: string; evidence: string }[];
	skipped: SkippedItem[];
	/** Facts worth a line in the draft's header (files owned only by people, files left out, …). */
	notes: string[];
}
