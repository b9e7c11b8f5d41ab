import type { Problem, Source } from '../types';
import type { Dialect, OwnerResolution } from '../codeowners/types';
import { sortAdrs } from './adrOrder';
import { compileGuardrails } from './domainIndex';
import type { GuardrailsIndex } from './domainIndex';
import type { Identity } from './identity';
import type { Adr, Contract, ContractFact, Decider, Decision, Domain, Forum, GuardrailsConfig, Person, PersonRef, ReviewLevel, Team } from './types';
import { expandAlias } from './references';

/** What whoDecides needs from a compiled CODEOWNERS index (the real one, or a test double). */
export interface CodeownersLookup {
	resolve(path: string): OwnerResolution;
}

/** The CODEOWNERS side of a decision context. */
export interface CodeownersInput {
	index: CodeownersLookup;
	/** Repository-relative path of the CODEOWNERS file. */
	file: string;
	dialect: Dialect;
}

/** Inputs of a decision context; everything is optional so CODEOWNERS-only and config-only both work. */
export interface DecisionContextOptions {
	config?: GuardrailsConfig | null;
	/** Compiled from `config` when not given. */
	index?: GuardrailsIndex | null;
	codeowners?: CodeownersInput | null;
	/** ADRs read from disk, by path. */
	adrs?: ReadonlyMap<string, Adr> | readonly Adr[];
	identity?: Identity | null;
	/** Host whose handles are shown; defaults to the CODEOWNERS dialect, else `github`. */
	dialect?: Dialect;
	/** Bound of the per-path memo (least recently used entries are dropped). Default 5,000. */
	cacheSize?: number;
}

/** Review levels from least to most demanding. */
export const reviewLevelOrder: readonly ReviewLevel[] = ['none', 'notify', 'owner', 'consumers', 'architecture'];

/** The more demanding of two review levels. */
export function maxLevel(a: ReviewLevel, b: ReviewLevel): ReviewLevel {
	return reviewLevelOrder.indexOf(a) >= reviewLevelOrder.indexOf(b) ? a : b;
}

/** Writes a handle as CODEOWNERS does: with one leading `@` (e-mail addresses stay as they are). */
export function atHandle(handle: string): string {
	const trimmed = handle.trim();
	return trimmed.includes('@') && !trimmed.startsWith('@') ? trimmed : `@${trimmed.replace(/^@+/, '')}`;
}

function sameHandle(a: string, b: string): boolean {
	return atHandle(a).toLowerCase() === atHandle(b).toLowerCase();
}

/**
 * Everything needed to answer "who decides this?" for many paths: the compiled config, the
 * CODEOWNERS index, ADRs and the user's identity. Answers are memoized per path in a bounded LRU
 * map, so asking again on every cursor move costs a map lookup.
 */
export class DecisionContext {
	readonly config: GuardrailsConfig | null;
	readonly index: GuardrailsIndex | null;
	readonly codeowners: CodeownersInput | null;
	readonly adrs: ReadonlyMap<string, Adr>;
	readonly identity: Identity | null;
	readonly dialect: Dialect;
	private readonly cacheSize: number;
	private readonly memo = new Map<string, Decision>();
	private readonly adrsByDomain = new Map<string, Adr[]>();
	private readonly adrsByContract = new Map<string, Adr[]>();
	private readonly domainAdrCache = new Map<Domain, Adr[]>();
	private readonly contractAdrCache = new Map<Contract, Adr[]>();
	private readonly consumerLeadCache = new Map<Contract, { domain: Domain; lead: PersonRef }[]>();

	constructor(options: DecisionContextOptions) {
		this.config = options.config ?? null;
		this.index = options.index ?? (this.config ? compileGuardrails(this.config) : null);
		this.codeowners = options.codeowners ?? null;
		const adrs = options.adrs ?? [];
		this.adrs = adrs instanceof Map ? adrs : new Map((adrs as readonly Adr[]).map((a) => [a.path, a]));
		this.identity = options.identity ?? null;
		this.dialect = options.dialect ?? this.codeowners?.dialect ?? 'github';
		this.cacheSize = Math.max(1, options.cacheSize ?? 5000);
		for (const adr of this.adrs.values()) {
			for (const id of adr.domains) {
				this.adrsByDomain.set(id, [...(this.adrsByDomain.get(id) ?? []), adr]);
			}
			for (const id of adr.contracts) {
				this.adrsByContract.set(id, [...(this.adrsByContract.get(id) ?? []), adr]);
			}
		}
	}

	/** The memoized decision for a path, or undefined; refreshes its recency. */
	cached(path: string): Decision | undefined {
		const hit = this.memo.get(path);
		if (hit) {
			this.memo.delete(path);
			this.memo.set(path, hit);
		}
		return hit;
	}

	remember(path: string, decision: Decision): void {
		this.memo.set(path, decision);
		if (this.memo.size > this.cacheSize) {
			const oldest = this.memo.keys().next().value;
			if (oldest !== undefined) {
				this.memo.delete(oldest);
			}
		}
	}

	/** Number of memoized paths (bounded by `cacheSize`). */
	get cachedCount(): number {
		return this.memo.size;
	}

	/** A person as shown to the user, with the active host's handle. */
	personRef(id: string): PersonRef {
		const person: Person | undefined = this.config?.people.get(id);
		const handle = person?.handles[this.dialect];
		return { id, name: person?.name ?? id, ...(handle ? { handle: atHandle(handle) } : {}) };
	}

	/** The lead of a domain: its own `lead`, else its team's lead. */
	leadOf(domain: Domain): PersonRef | null {
		const id = domain.lead ?? this.config?.teams.get(domain.team)?.lead ?? null;
		return id === null ? null : this.personRef(id);
	}

	/** An ADR by path; one the config names but that was not read is shown with status `unknown`. */
	adr(path: string): Adr {
		return this.adrs.get(path) ?? { path, title: path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, ''), status: 'unknown', domains: [], contracts: [] };
	}

	/** The ADRs of a domain (config `adrs` and front matter), current first; computed once per domain. */
	domainAdrs(domain: Domain): Adr[] {
		let adrs = this.domainAdrCache.get(domain);
		if (!adrs) {
			adrs = uniqueAdrs([...domain.adrs.map((p) => this.adr(p)), ...(this.adrsByDomain.get(domain.id) ?? [])]);
			this.domainAdrCache.set(domain, adrs);
		}
		return adrs;
	}

	/** The ADRs of a contract (config `adrs` and front matter), current first; computed once per contract. */
	contractAdrs(contract: Contract): Adr[] {
		let adrs = this.contractAdrCache.get(contract);
		if (!adrs) {
			adrs = uniqueAdrs([...contract.adrs.map((p) => this.adr(p)), ...(this.adrsByContract.get(contract.id) ?? [])]);
			this.contractAdrCache.set(contract, adrs);
		}
		return adrs;
	}

	/** Where a config key is, for `source` fields (falls back to the entity's position). */
	source(key: string, fallback: Source): Source {
		return this.config?.sources?.get(key) ?? fallback;
	}

	/** Host handles of the forum reviewers of a contract: `review.reviewers`, else the forum. */
	forumReviewers(contract: Contract | null): string[] {
		const out: string[] = [];
		const config = this.config;
		if (!config) {
			return out;
		}
		const addPerson = (id: string): void => {
			const handle = config.people.get(id)?.handles[this.dialect];
			if (handle) {
				out.push(atHandle(handle));
			}
		};
		const entries = contract && contract.review.reviewers.length > 0 ? contract.review.reviewers : null;
		if (entries) {
			for (const entry of entries) {
				if (entry.startsWith('$')) {
					expandAlias(config, entry.slice(1)).forEach(addPerson);
				} else if (entry.startsWith('team:')) {
					const handle = config.teams.get(entry.slice(5))?.handles[this.dialect];
					if (handle) {
						out.push(atHandle(handle));
					}
				} else if (entry.startsWith('@')) {
					out.push(entry);
				} else {
					addPerson(entry);
				}
			}
		} else if (config.forum) {
			const handle = config.forum.handles[this.dialect];
			if (handle) {
				out.push(atHandle(handle));
			} else {
				config.forum.members.forEach(addPerson);
			}
		}
		return [...new Set(out)];
	}

	/** Lead of each consumer domain of a contract (`*`: every domain except the owner); computed once per contract. */
	consumerLeads(contract: Contract): { domain: Domain; lead: PersonRef }[] {
		const cached = this.consumerLeadCache.get(contract);
		if (cached) {
			return cached;
		}
		const config = this.config;
		if (!config) {
			return [];
		}
		const ids = contract.consumers.includes('*')
			? [...config.domains.keys()].filter((id) => id !== contract.owner)
			: contract.consumers;
		const out: { domain: Domain; lead: PersonRef }[] = [];
		for (const id of new Set(ids)) {
			const domain = config.domains.get(id);
			const lead = domain ? this.leadOf(domain) : null;
			if (domain && lead) {
				out.push({ domain, lead });
			}
		}
		this.consumerLeadCache.set(contract, out);
		return out;
	}
}

function uniqueAdrs(adrs: readonly Adr[]): Adr[] {
	const seen = new Map<string, Adr>();
	for (const adr of adrs) {
		if (!seen.has(adr.path)) {
			seen.set(adr.path, adr);
		}
	}
	return sortAdrs([...seen.values()]);
}

/** Builds a decision context; see {@link DecisionContext}. */
export function createDecisionContext(options: DecisionContextOptions): DecisionContext {
	return new DecisionContext(options);
}

function codeownersSource(ctx: DecisionContext, resolution: OwnerResolution): Source {
	const rule = resolution.rule;
	return { file: ctx.codeowners?.file ?? 'CODEOWNERS', line: rule?.line ?? 1, column: rule?.column ?? 1, ...(rule ? { detail: rule.text } : {}) };
}

/** Whether any owner is the team's handle or the handle of one of its people. */
function ownersIncludeTeam(ctx: DecisionContext, team: Team, owners: readonly string[]): boolean {
	const handles: string[] = [];
	const teamHandle = team.handles[ctx.dialect];
	if (teamHandle) {
		handles.push(teamHandle);
	}
	for (const id of [team.lead, ...team.deputies, ...team.members]) {
		const person = id === null ? undefined : ctx.config?.people.get(id);
		if (person) {
			const h = person.handles[ctx.dialect];
			if (h) {
				handles.push(h);
			}
			handles.push(...person.emails);
		}
	}
	return owners.some((owner) => handles.some((h) => sameHandle(owner, h)));
}

/**
 * Drift between a domain's team and the CODEOWNERS owners of one path: a warning when the path has
 * owners and none of them is the team's handle (for the active host) or one of its people.
 */
export function driftOf(ctx: DecisionContext, path: string, domain: Domain, resolution: OwnerResolution | null): Problem | null {
	const team = ctx.config?.teams.get(domain.team);
	if (!team || !resolution || !resolution.rule || resolution.owners.length === 0 || !team.handles[ctx.dialect]) {
		return null;
	}
	if (ownersIncludeTeam(ctx, team, resolution.owners)) {
		return null;
	}
	return {
		code: 'codeowners-drift',
		severity: 'warning',
		file: ctx.codeowners?.file ?? 'CODEOWNERS',
		line: resolution.rule.line,
		column: resolution.rule.column,
		message: `CODEOWNERS gives ${path} to ${resolution.owners.join(', ')}, but it is in the ${domain.title} domain (${atHandle(team.handles[ctx.dialect])}).`,
	};
}

function isCrossTeam(ctx: DecisionContext, domain: Domain | null, fromConfig: boolean, owners: readonly string[]): boolean | null {
	const identity = ctx.identity;
	if (!identity) {
		return null;
	}
	if (domain && fromConfig) {
		return !identity.teams.some((t) => t.id === domain.team);
	}
	if (owners.length === 0) {
		return null;
	}
	const mine: string[] = [...Object.values(identity.person.handles), ...identity.person.emails];
	for (const team of identity.teams) {
		mine.push(...Object.values(team.handles));
	}
	return !owners.some((owner) => mine.some((h) => sameHandle(owner, h)));
}

/**
 * Answers "who decides this path?": the domain (most specific pattern), its lead and deputies, the
 * CODEOWNERS owners and the rule that matched, every contract on the path with what it asks for,
 * the review level (the highest of the contracts), the ADRs, whether the user is on another team,
 * and the decision chain most local first. Without guardrails.yaml the "domain" is the owning
 * CODEOWNERS handle. Results are memoized per path.
 */
export function whoDecides(ctx: DecisionContext, path: string): Decision {
	const cached = ctx.cached(path);
	if (cached) {
		return cached;
	}
	const decision = decide(ctx, path);
	ctx.remember(path, decision);
	return decision;
}

// `decide` builds the answer in the order the chain is read, most local first: the domain's lead
// and deputies, the CODEOWNERS owners, whoever each contract on the path calls in, then the forum.
// Each step appends its deciders to the chain, so the order stays in one place.

function decide(ctx: DecisionContext, path: string): Decision {
	const config = ctx.config;
	const resolution = ctx.codeowners ? ctx.codeowners.index.resolve(path) : null;
	const owners = resolution?.owners ?? [];
	const chain: Decider[] = [];
	let domain: Domain | null = ctx.index?.domainOf(path)?.domain ?? null;
	const fromConfig = domain !== null;
	const team = domain ? config?.teams.get(domain.team) ?? null : null;
	let lead: PersonRef | null = null;
	let deputies: PersonRef[] = [];
	if (domain && config) {
		lead = addDomainLead(ctx, domain, team, chain);
		deputies = team ? addDeputies(ctx, team, chain) : [];
	} else if (!config && resolution && owners.length > 0) {
		domain = codeownersDomain(ctx, resolution, owners);
	}
	if (resolution) {
		addCodeowners(ctx, resolution, chain);
	}
	const contracts: ContractFact[] = [];
	let level: ReviewLevel = 'none';
	let forum = false;
	if (config && ctx.index) {
		for (const contract of ctx.index.contractsOf(path)) {
			level = maxLevel(level, contract.review.level);
			forum ||= contract.review.level === 'architecture';
			contracts.push(addContract(ctx, config, contract, chain));
		}
	}
	if (config?.forum && !chain.some((d) => d.role === 'forum')) {
		chain.push(forumFallback(config.forum));
	}
	const domainAdrs = domain && fromConfig ? ctx.domainAdrs(domain) : [];
	const adrs = contracts.length === 0 ? domainAdrs : uniqueAdrs([...domainAdrs, ...contracts.flatMap((c) => c.adrs)]);
	const drift = domain && fromConfig ? driftOf(ctx, path, domain, resolution) : null;
	return {
		path,
		domain,
		team,
		lead,
		deputies,
		codeowners: resolution && ctx.codeowners ? { ...resolution, file: ctx.codeowners.file } : null,
		contracts,
		review: { level, forum },
		adrs,
		crossTeam: isCrossTeam(ctx, domain, fromConfig, owners),
		chain,
		drift: drift ? [drift] : [],
	};
}

/** The domain's lead (its own, else its team's) heads the chain; returns it, or null when none is set. */
function addDomainLead(ctx: DecisionContext, domain: Domain, team: Team | null, chain: Decider[]): PersonRef | null {
	const lead = ctx.leadOf(domain);
	if (lead) {
		const key = domain.lead !== null ? `domains.${domain.id}.lead` : `org.teams.${domain.team}.lead`;
		chain.push({
			role: 'lead',
			who: lead,
			why: domain.lead !== null
				? `Lead of the ${domain.title} domain: decides inside the domain.`
				: `Lead of team ${team?.name ?? domain.team}, which owns the ${domain.title} domain: decides inside the domain.`,
			source: ctx.source(key, domain.source),
		});
	}
	return lead;
}

/** The owning team's deputies decide when the lead is away; returns them in config order. */
function addDeputies(ctx: DecisionContext, team: Team, chain: Decider[]): PersonRef[] {
	const deputies = team.deputies.map((id) => ctx.personRef(id));
	deputies.forEach((deputy, i) => chain.push({
		role: 'deputy',
		who: deputy,
		why: `Deputy of team ${team.name}: decides when the lead is away.`,
		source: ctx.source(`org.teams.${team.id}.deputies.${i}`, team.source),
	}));
	return deputies;
}

/** CODEOWNERS-only mode: the first owning handle stands in for the domain. */
function codeownersDomain(ctx: DecisionContext, resolution: OwnerResolution, owners: readonly string[]): Domain {
	const source = codeownersSource(ctx, resolution);
	return { id: owners[0], title: owners[0], team: owners[0], lead: null, paths: [], adrs: [], source };
}

/** The code owners of record: per GitLab section (with its line and approvals), else of the winning rule; none without a rule. */
function addCodeowners(ctx: DecisionContext, resolution: OwnerResolution, chain: Decider[]): void {
	const rule = resolution.rule;
	if (!rule) {
		return;
	}
	const source = codeownersSource(ctx, resolution);
	if (resolution.sections.length > 0) {
		for (const section of resolution.sections) {
			const sectionSource: Source = { file: source.file, line: section.line, column: section.rule.column, detail: section.rule.text };
			const label = section.name === null ? '' : ` in section [${section.name}]${section.optional ? ' (optional)' : ''}`;
			for (const owner of section.owners) {
				chain.push({
					role: 'codeowner',
					who: { handle: owner },
					why: `Code owner of record${label}: ${source.file} line ${section.line} (\`${section.rule.pattern}\`)${section.approvals > 1 ? `, ${section.approvals} approvals` : ''}.`,
					source: sectionSource,
				});
			}
		}
		return;
	}
	const where = `${ctx.codeowners?.file ?? 'CODEOWNERS'} line ${rule.line} (\`${rule.pattern}\`)`;
	for (const owner of resolution.owners) {
		chain.push({ role: 'codeowner', who: { handle: owner }, why: `Code owner of record: ${where}.`, source });
	}
}

/**
 * One contract on the path: its owner (the owning domain's lead, or the forum), the consumer leads
 * when it asks for consumer review, and the forum when it asks for architecture review; returns
 * the contract's facts.
 */
function addContract(ctx: DecisionContext, config: GuardrailsConfig, contract: Contract, chain: Decider[]): ContractFact {
	const ownerDomain = contract.owner === 'forum' ? null : config.domains.get(contract.owner) ?? null;
	const ownerLead = ownerDomain ? ctx.leadOf(ownerDomain) : null;
	const consumerLeads = ctx.consumerLeads(contract);
	const describe = `contract "${contract.title}" (${contract.kind}, ${contract.review.level} review)`;
	if (contract.owner === 'forum' && config.forum) {
		chain.push({ role: 'forum', who: { forum: config.forum.title }, why: `Owns ${describe}.`, source: ctx.source(`contracts.${contract.id}.owner`, contract.source) });
	} else if (ownerDomain && ownerLead) {
		chain.push({
			role: 'contract-owner',
			who: ownerLead,
			why: `Lead of the ${ownerDomain.title} domain, which owns ${describe}.`,
			source: ctx.source(`contracts.${contract.id}.owner`, contract.source),
		});
	}
	if (contract.review.level === 'consumers') {
		for (const consumer of consumerLeads) {
			chain.push({
				role: 'consumer-lead',
				who: consumer.lead,
				why: `Lead of the ${consumer.domain.title} domain, a consumer of ${describe}.`,
				source: ctx.source(`contracts.${contract.id}.consumers`, contract.source),
			});
		}
	}
	if (contract.review.level === 'architecture') {
		if (config.forum) {
			chain.push({
				role: 'forum',
				who: { forum: config.forum.title },
				why: `${describe.charAt(0).toUpperCase()}${describe.slice(1)} needs architecture review${contract.review.adr === 'required' ? ' and an ADR' : ''}.`,
				source: ctx.source(`contracts.${contract.id}.review.level`, contract.source),
			});
		}
	}
	return { contract, ownerLead, consumerLeads: consumerLeads.map((c) => c.lead), adrs: ctx.contractAdrs(contract) };
}

/** The forum closes every chain it is not already in: it decides what crosses domains without a contract. */
function forumFallback(forum: Forum): Decider {
	return {
		role: 'forum',
		who: { forum: forum.title },
		why: 'Decides anything that crosses domains and has no contract yet.',
		source: forum.source,
	};
}
