import type { Problem, Source } from '../types';
import type { OwnerResolution } from '../codeowners/types';

/** What a contract protects. */
export type ContractKind = 'api' | 'data-model' | 'security-standard' | 'infrastructure-pattern' | 'other';
/** Ordered from least to most demanding. */
export type ReviewLevel = 'none' | 'notify' | 'owner' | 'consumers' | 'architecture';
/** Whether a change to a contract needs an ADR. */
export type AdrRequirement = 'required' | 'recommended' | 'none';

/** A person from `org.people`; `handles` per host as written in CODEOWNERS. */
export interface Person {
	id: string;
	name: string;
	handles: Record<string, string>;
	emails: string[];
	source: Source;
}

/** A team from `org.teams`; a person is on it as lead, deputy or member. */
export interface Team {
	id: string;
	name: string;
	lead: string | null;
	deputies: string[];
	members: string[];
	/** As written in CODEOWNERS, per host (`github`, `gitlab`). */
	handles: Record<string, string>;
	contact: { chat?: string; url?: string };
	source: Source;
}

/** A domain: the files one team owns and one lead decides (most specific pattern wins). */
export interface Domain {
	id: string;
	title: string;
	team: string;
	/** Overrides the team's lead when set. */
	lead: string | null;
	paths: string[];
	adrs: string[];
	charter?: string;
	source: Source;
}

/** A cross-team contract: files that need more than the owning domain's review (contracts are additive). */
export interface Contract {
	id: string;
	kind: ContractKind;
	title: string;
	/** A domain id, or `forum`. */
	owner: string;
	paths: string[];
	/** Domain ids, or `*`. */
	consumers: string[];
	review: {
		level: Exclude<ReviewLevel, 'none'>;
		approvals: number;
		/** Raw entries: person ids, `team:<id>`, `$alias`, `@handles`. */
		reviewers: string[];
		adr: AdrRequirement;
	};
	severity: 'info' | 'warning' | 'error';
	guidance?: string;
	adrs: string[];
	source: Source;
}

/** The architecture forum (`escalation.forum`): where cross-domain decisions go. */
export interface Forum {
	title: string;
	/** Person ids after alias expansion. */
	members: string[];
	handles: Record<string, string>;
	channel?: string;
	url?: string;
	/** Repository-relative ADR template path, if configured (`escalation.forum.adrTemplate`). */
	adrTemplate?: string;
	source: Source;
}

/** A parsed and validated guardrails.yaml: the valid part, and every problem with a position. */
export interface GuardrailsConfig {
	/** Repository-relative path of the config file. */
	file: string;
	version: number;
	people: Map<string, Person>;
	teams: Map<string, Team>;
	aliases: Map<string, string[]>;
	domains: Map<string, Domain>;
	contracts: Map<string, Contract>;
	forum: Forum | null;
	adrRoots: string[];
	problems: Problem[];
	/**
	 * Position of every key path (`domains.payments.paths.0`, `contracts.payments-api`): the value for
	 * scalars and list items, the key for maps and lists. Lets answers and problems point at the line.
	 */
	sources?: Map<string, Source>;
	/** Import boundary rules (`domains.<id>.exports`, `dependsOn`, `boundarySeverity`, top-level `allow`). */
	boundaries?: BoundaryRules;
}

/** An Architecture Decision Record read from Markdown. */
export interface Adr {
	path: string;
	title: string;
	/** Lower-case status word (`accepted`, `proposed`, `superseded`, …), or `unknown`. */
	status: string;
	domains: string[];
	contracts: string[];
}

/** A person as shown in answers: id, name and the active host's handle. */
export interface PersonRef {
	id: string;
	name: string;
	/** Handle for the active host, if the person has one. */
	handle?: string;
}

/** One decider in the chain, most local first. */
export interface Decider {
	role: 'lead' | 'deputy' | 'codeowner' | 'contract-owner' | 'consumer-lead' | 'forum';
	/** A person, a team/handle string, or the forum title. */
	who: PersonRef | { handle: string } | { forum: string };
	why: string;
	source: Source;
}

/** One contract on a path, with its owner's lead, its consumers' leads and its ADRs. */
export interface ContractFact {
	contract: Contract;
	/** Lead of the owning domain (or null for forum-owned contracts). */
	ownerLead: PersonRef | null;
	consumerLeads: PersonRef[];
	adrs: Adr[];
}

/** The full answer to "who decides this?" for one path. */
export interface Decision {
	path: string;
	domain: Domain | null;
	team: Team | null;
	lead: PersonRef | null;
	deputies: PersonRef[];
	codeowners: (OwnerResolution & { file: string }) | null;
	contracts: ContractFact[];
	review: { level: ReviewLevel; forum: boolean };
	adrs: Adr[];
	/** True when the user is known and not on the domain's team; null when identity is unknown. */
	crossTeam: boolean | null;
	/** Most local decider first. */
	chain: Decider[];
	/** Drift between the domain's team handle and the CODEOWNERS owners, if any. */
	drift: Problem[];
}

/** How a file changed in a change set. */
export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed';

/** One changed file; renames carry `oldPath` and count under both paths. */
export interface Change {
	path: string;
	status: ChangeStatus;
	/** For renames. */
	oldPath?: string;
}

/** What one domain asks for in a review forecast. */
export interface ForecastOwnerGroup {
	/** GitLab section name; null for GitHub and GitLab's unnamed section. */
	section: string | null;
	/** Any of these may approve (GitHub: any one owner of each file). */
	owners: string[];
	approvals: number;
	optional: boolean;
	/** Changed paths this group must approve. */
	files: string[];
}

/** One domain (or CODEOWNERS owner, or no domain) in a forecast: its lead, owner requests and files. */
export interface ForecastDomain {
	/** Domain id; in CODEOWNERS-only mode the owning handle; null for files in no domain. */
	id: string | null;
	title: string | null;
	lead: PersonRef | null;
	owners: ForecastOwnerGroup[];
	files: string[];
}

/** One contract touched by a change set, with what it asks for. */
export interface ForecastContract {
	contract: Contract;
	level: Exclude<ReviewLevel, 'none'>;
	approvals: number;
	files: string[];
	/** Handles asked for by the contract (owner lead, consumer leads, forum). */
	reviewers: string[];
}

/** One changed file: its domain (of the new path) and the contracts of both paths of a rename. */
export interface ForecastFile {
	path: string;
	status: ChangeStatus;
	oldPath?: string;
	domain: string | null;
	contracts: string[];
}

/** Who must review a set of changes, and what the touched contracts ask for. */
export interface ReviewForecast {
	files: ForecastFile[];
	domains: ForecastDomain[];
	contracts: ForecastContract[];
	forum: boolean;
	adrRequired: boolean;
	adrIncluded: boolean;
	/** Deduplicated host handles to request, each with a leading `@`. */
	reviewers: string[];
	/** The forum (for the rendered text), or null. */
	forumInfo: Forum | null;
	/**
	 * True without guardrails.yaml: the "domains" are then the owning CODEOWNERS handles, and
	 * renderers call them owners (see `ownerLabel` in decisionRender.ts).
	 */
	ownersOnly?: boolean;
}

/** A domain's import boundary: its public surface and the domains it may depend on. */
export interface DomainBoundary {
	domain: string;
	/** Globs of the public surface; empty means the domain is open (every file may be imported). */
	exports: string[];
	/** Domain ids this domain may import from; null when not declared (any domain). */
	dependsOn: string[] | null;
	/** Severity of a violation of this domain's boundary (default `warning`). */
	severity: 'info' | 'warning' | 'error';
	source: Source;
}

/** One `allow:` exception: imports from `from` into `to` are accepted, with a reason. */
export interface BoundaryAllow {
	/** A domain id or a repository-relative glob of importing files. */
	from: string;
	/** A domain id or a repository-relative glob of imported files. */
	to: string;
	reason: string;
	adr?: string;
	/** Position in the `allow` list. */
	index: number;
	source: Source;
}

/** The import boundary rules of a config. */
export interface BoundaryRules {
	/** Every declared domain, keyed by id (open and undeclared domains included). */
	domains: Map<string, DomainBoundary>;
	allow: BoundaryAllow[];
}
