import type { OwnerResolution } from '../codeowners/types';
import type { Contract, GuardrailsConfig, Team } from '../guardrails/types';
import { atHandle } from '../guardrails/whoDecides';
import type { DecisionContext } from '../guardrails/whoDecides';
import { expandAlias } from '../guardrails/references';
import type { DeciderKind } from './types';

/** One approver, under the id the report shows (the host handle when there is one). */
export interface DeciderInfo {
	index: number;
	id: string;
	kind: DeciderKind;
	name?: string;
	/** Person ids that can give this decider's approval (empty when unknown, e.g. a bare handle). */
	people: string[];
	/** True when the decider came from a CODEOWNERS line (for stale-owner checks). */
	codeowner: boolean;
	domains: Set<string>;
	contracts: Set<string>;
}

/** What one path needs: computed once per distinct path. */
export interface PathDeciders {
	/** Decider indices, each once. */
	deciders: number[];
	/** Indices of the CODEOWNERS owners among them. */
	codeowners: number[];
	domain: string | null;
	contracts: string[];
	/** No CODEOWNERS owner and no domain. */
	unowned: boolean;
	/** The decider that alone can approve this path, or -1. */
	sole: number;
	/** Map group: the domain, else the first CODEOWNERS owner, else null (unowned). */
	group: string | null;
}

function lower(text: string): string {
	return text.trim().replace(/^@+/, '').toLowerCase();
}

/**
 * Names every approver once, whatever the source says (a CODEOWNERS handle, a person id, an
 * e-mail, `team:<id>`), so a lead who is also the code owner counts once per commit, and answers
 * which deciders each path needs. Paths are resolved once and memoised.
 */
export class DeciderCatalog {
	readonly deciders: DeciderInfo[] = [];
	private readonly byId = new Map<string, DeciderInfo>();
	private readonly personByToken = new Map<string, string>();
	private readonly teamByToken = new Map<string, Team>();
	private readonly contractDeciders = new Map<string, number[]>();
	private readonly memo = new Map<string, PathDeciders>();
	private readonly config: GuardrailsConfig | null;

	constructor(private readonly ctx: DecisionContext) {
		this.config = ctx.config;
		for (const person of this.config?.people.values() ?? []) {
			for (const handle of Object.values(person.handles)) {
				this.personByToken.set(lower(handle), person.id);
			}
			for (const email of person.emails) {
				this.personByToken.set(lower(email), person.id);
			}
		}
		for (const team of this.config?.teams.values() ?? []) {
			for (const handle of Object.values(team.handles)) {
				this.teamByToken.set(lower(handle), team);
			}
		}
	}

	private intern(id: string, kind: DeciderKind, people: readonly string[], name?: string): DeciderInfo {
		let info = this.byId.get(id.toLowerCase());
		if (!info) {
			info = { index: this.deciders.length, id, kind, people: [...new Set(people)], codeowner: false, domains: new Set(), contracts: new Set(), ...(name !== undefined ? { name } : {}) };
			this.deciders.push(info);
			this.byId.set(id.toLowerCase(), info);
		}
		return info;
	}

	/** A configured person, under their handle for the active host (else their id). */
	person(personId: string): DeciderInfo {
		const person = this.config?.people.get(personId);
		const handle = person?.handles[this.ctx.dialect];
		return this.intern(handle ? atHandle(handle) : personId, 'person', [personId], person?.name);
	}

	/** People who can speak for a team: lead, deputies and members. */
	teamPeople(team: Team): string[] {
		return [...new Set([...(team.lead !== null ? [team.lead] : []), ...team.deputies, ...team.members])];
	}

	team(team: Team): DeciderInfo {
		const handle = team.handles[this.ctx.dialect];
		return this.intern(handle ? atHandle(handle) : `team:${team.id}`, 'team', this.teamPeople(team), team.name);
	}

	/** A CODEOWNERS owner token, matched to a configured person or team when guardrails.yaml knows it. */
	owner(token: string): DeciderInfo {
		const key = lower(token);
		const personId = this.personByToken.get(key);
		if (personId !== undefined) {
			return this.person(personId);
		}
		const team = this.teamByToken.get(key);
		if (team) {
			return this.team(team);
		}
		const forumHandle = this.config?.forum?.handles[this.ctx.dialect];
		if (forumHandle !== undefined && lower(forumHandle) === key) {
			return this.forum() as DeciderInfo;
		}
		if (token.startsWith('@@')) {
			return this.intern(token, 'alias', []);
		}
		if (token.startsWith('@')) {
			return this.intern(token, token.includes('/') ? 'team' : 'person', []);
		}
		return this.intern(token, 'email', []);
	}

	/** The architecture forum: its host handle when it has one, else its title. */
	forum(): DeciderInfo | null {
		const forum = this.config?.forum;
		if (!forum) {
			return null;
		}
		const handle = forum.handles[this.ctx.dialect];
		const key = handle ? lower(handle) : '';
		const team = this.teamByToken.get(key);
		if (team) {
			return this.team(team);
		}
		const info = this.intern(handle ? atHandle(handle) : forum.title, handle ? 'team' : 'alias', forum.members, forum.title);
		if (info.people.length === 0) {
			info.people = [...new Set(forum.members)];
		}
		return info;
	}

	/** A `review.reviewers` entry: a person id, `team:<id>`, `$alias` or an `@handle`. */
	private reviewerEntry(entry: string): DeciderInfo | null {
		const config = this.config;
		if (!config) {
			return null;
		}
		if (entry.startsWith('$')) {
			return this.intern(entry, 'alias', expandAlias(config, entry.slice(1)));
		}
		if (entry.startsWith('team:')) {
			const team = config.teams.get(entry.slice(5));
			return team ? this.team(team) : null;
		}
		if (entry.startsWith('@')) {
			return this.owner(entry);
		}
		return config.people.has(entry) ? this.person(entry) : null;
	}

	private leadOfDomain(domainId: string): DeciderInfo | null {
		const domain = this.config?.domains.get(domainId);
		if (!domain) {
			return null;
		}
		const lead = domain.lead ?? this.config?.teams.get(domain.team)?.lead ?? null;
		return lead === null ? null : this.person(lead);
	}

	/**
	 * Who approves a change to a contract: its `review.reviewers` when listed; else by level, the
	 * owning domain's lead (`owner`), plus the consumers' leads (`consumers`), or the forum
	 * (`architecture`, and forum-owned contracts). `notify` asks for no approval.
	 */
	contract(contract: Contract): number[] {
		const cached = this.contractDeciders.get(contract.id);
		if (cached) {
			return cached;
		}
		const out: DeciderInfo[] = [];
		const push = (info: DeciderInfo | null): void => {
			if (info) {
				out.push(info);
			}
		};
		if (contract.review.reviewers.length > 0) {
			contract.review.reviewers.forEach((entry) => push(this.reviewerEntry(entry)));
		} else if (contract.review.level === 'architecture' || contract.owner === 'forum') {
			push(this.forum() ?? this.leadOfDomain(contract.owner));
		} else if (contract.review.level !== 'notify') {
			push(this.leadOfDomain(contract.owner));
			if (contract.review.level === 'consumers') {
				this.ctx.consumerLeads(contract).forEach((c) => push(this.person(c.lead.id)));
			}
		}
		const indices = [...new Set(out.map((info) => info.index))];
		for (const index of indices) {
			this.deciders[index].contracts.add(contract.id);
		}
		this.contractDeciders.set(contract.id, indices);
		return indices;
	}

	/**
	 * People who can give a contract's approvals (each reviewer entry expanded to its people). A
	 * bare `@handle` nobody in guardrails.yaml has counts as one person.
	 */
	contractPeople(contract: Contract): string[] {
		const people = new Set<string>();
		for (const index of this.contract(contract)) {
			const info = this.deciders[index];
			if (info.people.length > 0) {
				info.people.forEach((p) => people.add(p));
			} else {
				people.add(info.id);
			}
		}
		if (contract.review.reviewers.length === 0 && contract.review.level !== 'architecture' && contract.owner !== 'forum') {
			// The owning domain's deputies can approve for its lead.
			const domain = this.config?.domains.get(contract.owner);
			const team = domain ? this.config?.teams.get(domain.team) : undefined;
			team?.deputies.forEach((p) => people.add(p));
		}
		return [...people];
	}

	private codeownerTokens(resolution: OwnerResolution): string[] {
		if (this.ctx.dialect === 'gitlab' && resolution.sections.length > 0) {
			// GitLab: every required section must approve; optional sections ask nobody.
			return resolution.sections.filter((s) => !s.optional).flatMap((s) => s.owners);
		}
		return resolution.owners;
	}

	/** What a path needs (memoised: each distinct path is resolved once). */
	resolve(path: string): PathDeciders {
		const hit = this.memo.get(path);
		if (hit) {
			return hit;
		}
		const resolution = this.ctx.codeowners?.index.resolve(path) ?? null;
		const seen = new Set<number>();
		const codeowners: number[] = [];
		for (const token of resolution ? this.codeownerTokens(resolution) : []) {
			const info = this.owner(token);
			info.codeowner = true;
			if (!seen.has(info.index)) {
				seen.add(info.index);
				codeowners.push(info.index);
			}
		}
		const domain = this.ctx.index?.domainOf(path)?.domain ?? null;
		let deputies = 0;
		if (domain) {
			const lead = this.leadOfDomain(domain.id);
			if (lead) {
				seen.add(lead.index);
			}
			deputies = this.config?.teams.get(domain.team)?.deputies.length ?? 0;
			for (const index of seen) {
				this.deciders[index].domains.add(domain.id);
			}
		}
		const contracts: string[] = [];
		for (const contract of this.ctx.index?.contractsOf(path) ?? []) {
			contracts.push(contract.id);
			this.contract(contract).forEach((index) => seen.add(index));
		}
		const deciders = [...seen];
		const only = deciders.length === 1 ? this.deciders[deciders[0]] : undefined;
		const sole = only && (only.kind === 'person' || only.kind === 'email') && deputies === 0 ? only.index : -1;
		const group = domain ? domain.id : codeowners.length > 0 ? this.deciders[codeowners[0]].id : null;
		const result: PathDeciders = { deciders, codeowners, domain: domain?.id ?? null, contracts, unowned: codeowners.length === 0 && domain === null, sole, group };
		this.memo.set(path, result);
		return result;
	}

	/** Number of distinct paths resolved so far. */
	get resolvedPaths(): number {
		return this.memo.size;
	}
}
