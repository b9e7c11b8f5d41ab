import type { Source } from '../types';
import type { Adr, AdrRequirement, Contract, ContractKind, Decider, Decision, GuardrailsConfig, PersonRef, ReviewLevel } from './types';
import { line, oneLine } from '../safety/text';

/** The documented JSON shape of a decision (CLI `who --json`). */
export interface DecisionJson {
	path: string;
	domain: { id: string; title: string } | null;
	team: { id: string; name: string } | null;
	lead: { id: string; name: string } | null;
	deputies: { id: string; name: string }[];
	codeowners: { owners: string[]; file: string; line: number; pattern: string } | null;
	contracts: { id: string; title: string; kind: ContractKind; owner: string; level: Exclude<ReviewLevel, 'none'>; approvals: number; adr: AdrRequirement }[];
	review: { level: ReviewLevel; forum: boolean };
	adrs: { path: string; title: string; status: string }[];
	crossTeam: boolean | null;
}

function idName(person: PersonRef): { id: string; name: string } {
	return { id: person.id, name: person.name };
}

/**
 * Converts a decision to exactly the documented JSON shape: no positions, no chain, keys in the
 * documented order; `codeowners` is null when no CODEOWNERS rule matched.
 */
export function decisionToJson(decision: Decision): DecisionJson {
	const rule = decision.codeowners?.rule ?? null;
	return {
		path: decision.path,
		domain: decision.domain ? { id: decision.domain.id, title: decision.domain.title } : null,
		team: decision.team ? { id: decision.team.id, name: decision.team.name } : null,
		lead: decision.lead ? idName(decision.lead) : null,
		deputies: decision.deputies.map(idName),
		codeowners: decision.codeowners && rule ? { owners: [...decision.codeowners.owners], file: decision.codeowners.file, line: rule.line, pattern: rule.pattern } : null,
		contracts: decision.contracts.map(({ contract }) => ({
			id: contract.id,
			title: contract.title,
			kind: contract.kind,
			owner: contract.owner,
			level: contract.review.level,
			approvals: contract.review.approvals,
			adr: contract.review.adr,
		})),
		review: { level: decision.review.level, forum: decision.review.forum },
		adrs: decision.adrs.map((adr) => ({ path: adr.path, title: adr.title, status: adr.status })),
		crossTeam: decision.crossTeam,
	};
}

/** A person, handle or forum as one phrase: `Alice Ng (@alice-ng)`. */
export function deciderName(who: Decider['who']): string {
	if ('forum' in who) {
		return who.forum;
	}
	if ('handle' in who && !('id' in who)) {
		return who.handle;
	}
	const person = who as PersonRef;
	return person.handle ? `${person.name} (${person.handle})` : person.name;
}

/** The role of a decider in words. */
export function roleLabel(role: Decider['role']): string {
	switch (role) {
		case 'lead':
			return 'domain lead';
		case 'deputy':
			return 'deputy';
		case 'codeowner':
			return 'code owner';
		case 'contract-owner':
			return 'contract owner';
		case 'consumer-lead':
			return 'consumer lead';
		case 'forum':
			return 'forum';
	}
}

function where(source: Source): string {
	return `${source.file}:${source.line}`;
}

function contractLine(contract: Contract): string {
	const parts = [`${contract.review.level} review`];
	if (contract.review.level !== 'notify') {
		parts.push(`${contract.review.approvals} approval${contract.review.approvals === 1 ? '' : 's'}`);
	}
	if (contract.review.adr !== 'none') {
		parts.push(`ADR ${contract.review.adr}`);
	}
	return `${contract.title} (${contract.kind}, owned by ${contract.owner}): ${parts.join(', ')}`;
}

function adrLine(adr: Adr): string {
	return `${adr.title} [${adr.status}] ${adr.path}`;
}

/** What to say where a domain would be when there is no guardrails.yaml yet. */
export const noDomainsHint = 'no domains yet: set them up in guardrails.yaml (docs/guardrails-config.md) to name leads and who decides';

/** How the top line of a decision names who owns the path, for every surface (CLI, card, view). */
export interface OwnerLabel {
	/** `Domain` (from guardrails.yaml), `Team` (a CODEOWNERS team handle) or `Owner` (a user or e-mail). */
	label: 'Domain' | 'Team' | 'Owner';
	/** The domain title, or the CODEOWNERS handle. */
	value: string;
	/** The owning team of a domain, when it has one. */
	team: string | null;
	/** Set when the value is only a CODEOWNERS handle: how to get real domains. */
	hint: string | null;
}

/**
 * Without guardrails.yaml the engine lets the first owning CODEOWNERS handle stand in for the
 * domain (see `whoDecides`); that stand-in is recognised by its source, the CODEOWNERS file.
 */
export function isCodeownersStandIn(decision: Decision): boolean {
	const domain = decision.domain;
	return domain !== null && decision.codeowners !== null && domain.paths.length === 0 && domain.source.file === decision.codeowners.file;
}

/**
 * The label decision, shared by every surface: a domain from guardrails.yaml is a `Domain`; a
 * CODEOWNERS handle standing in for one is a `Team` (`@org/team`, GitLab `@group/sub`) or an
 * `Owner` (a person, an e-mail, a role) with a hint to set up domains, since calling a person a
 * domain reads like a misconfiguration. Null when nothing owns the path.
 */
export function ownerLabel(decision: Decision): OwnerLabel | null {
	const domain = decision.domain;
	if (domain === null) {
		return null;
	}
	if (!isCodeownersStandIn(decision)) {
		return { label: 'Domain', value: domain.title, team: decision.team?.name ?? null, hint: null };
	}
	const handle = domain.id;
	const team = handle.startsWith('@') && !handle.startsWith('@@') && handle.includes('/');
	return { label: team ? 'Team' : 'Owner', value: handle, team: null, hint: noDomainsHint };
}

/**
 * The review a path needs, in words. A path with code owners needs their review wherever branch
 * protection asks for it, so `none` is only said when nobody owns the path.
 */
export function reviewText(decision: Decision): string {
	if (decision.review.level !== 'none') {
		return `${decision.review.level}${decision.review.forum ? ' (architecture forum needed)' : ''}`;
	}
	if ((decision.codeowners?.owners.length ?? 0) > 0) {
		return 'code owner review (required when branch protection asks for code owner approval)';
	}
	return 'none';
}

/**
 * Renders a decision as plain text that answers "who decides this?": the domain, then the deciders
 * most local first (each with why and where it is written), then contracts, review and ADRs.
 */
export function renderDecisionText(decision: Decision): string {
	const lines: string[] = [line`Who decides ${decision.path}?`];
	const owner = ownerLabel(decision);
	if (owner) {
		lines.push(line`${owner.label}: ${owner.value}${owner.team !== null ? ` (team ${owner.team})` : ''}${owner.hint !== null ? ` (from CODEOWNERS; ${owner.hint})` : ''}`);
		if (owner.label === 'Domain' && decision.lead === null) {
			lines.push(line`Lead: not set. ${leadAction(decision)}`);
		}
	} else {
		const rule = decision.codeowners?.rule;
		if (rule && decision.codeowners && decision.codeowners.owners.length === 0) {
			// An ownerless rule is a deliberate "unowned" marker, not a gap in CODEOWNERS.
			lines.push(line`Domain: none (unowned: ${decision.codeowners.file}:${rule.line} \`${rule.pattern}\` has no owners)`);
		} else if (rule) {
			lines.push('Domain: none (only CODEOWNERS covers this path)');
		} else {
			lines.push('Domain: none (no domain and no CODEOWNERS rule covers this path)');
		}
	}
	if (decision.chain.length === 0) {
		lines.push('Nobody is recorded as deciding this path.');
	} else {
		lines.push('Deciders, most local first:');
		decision.chain.forEach((decider, i) => {
			lines.push(line`  ${i + 1}. ${deciderName(decider.who)}, ${roleLabel(decider.role)}: ${decider.why} [${where(decider.source)}]`);
		});
	}
	if (decision.contracts.length > 0) {
		lines.push('Contracts:');
		for (const fact of decision.contracts) {
			lines.push(line`  - ${contractLine(fact.contract)}`);
			if (fact.contract.guidance) {
				lines.push(line`    ${fact.contract.guidance}`);
			}
		}
	}
	lines.push(line`Review: ${reviewText(decision)}`);
	if (decision.adrs.length > 0) {
		lines.push('ADRs:');
		decision.adrs.forEach((adr) => lines.push(line`  - ${adrLine(adr)}`));
	}
	if (decision.crossTeam === true) {
		lines.push('You are not on the owning team: this is a cross-team edit.');
	} else if (decision.crossTeam === false) {
		lines.push('You are on the owning team.');
	}
	for (const drift of decision.drift) {
		lines.push(line`Warning: ${drift.message}`);
	}
	return `${lines.join('\n')}\n`;
}

/**
 * What to do when a domain has no lead (`lead-missing`): the key to set, in the config file that
 * declares the domain. Every surface shows it next to "lead not set".
 */
export function leadAction(decision: Pick<Decision, 'domain' | 'team'>): string {
	const domain = decision.domain;
	if (domain === null) {
		return '';
	}
	const key = decision.team ? `org.teams.${decision.team.id}.lead` : `domains.${domain.id}.lead`;
	return `Set ${key} (or domains.${domain.id}.lead) in ${domain.source.file} to the person who decides here.`;
}

/** Escapes text for a Markdown table cell or inline text. */
export function escapeMarkdown(text: string): string {
	return oneLine(text.replace(/([\\`*_{}[\]<>|])/g, '\\$1'));
}

/** Escapes our own explanatory text for a table cell: code spans in it are intended, pipes and newlines are not. */
function cell(text: string): string {
	return oneLine(text.replace(/\|/g, '\\|'));
}

/**
 * Renders a decision as a shareable Markdown card: heading, a table of deciders most local first
 * with why and source, the contracts, the review level and the ADRs.
 */
export function renderDecisionMarkdown(decision: Decision): string {
	const out: string[] = [line`### Who decides \`${decision.path}\`?`, ''];
	const owner = ownerLabel(decision);
	if (owner) {
		out.push(line`**${owner.label}:** ${escapeMarkdown(owner.value)}${owner.team !== null ? ` · **Team:** ${escapeMarkdown(owner.team)}` : ''}${owner.hint !== null ? ` _(from CODEOWNERS; ${escapeMarkdown(owner.hint)})_` : ''}`);
	} else {
		out.push('**Domain:** none');
	}
	if (decision.lead) {
		out.push(line`**Lead:** ${escapeMarkdown(deciderName(decision.lead))}`);
	} else if (decision.domain && !isCodeownersStandIn(decision)) {
		out.push(line`**Lead:** not set. ${cell(leadAction(decision))}`);
	}
	out.push('');
	if (decision.chain.length > 0) {
		out.push('| # | Who | Role | Why | Source |', '| --- | --- | --- | --- | --- |');
		decision.chain.forEach((d, i) => {
			out.push(line`| ${i + 1} | ${escapeMarkdown(deciderName(d.who))} | ${roleLabel(d.role)} | ${cell(d.why)} | \`${where(d.source)}\` |`);
		});
		out.push('');
	}
	if (decision.contracts.length > 0) {
		out.push('**Contracts**', '');
		for (const fact of decision.contracts) {
			out.push(line`- ${escapeMarkdown(contractLine(fact.contract))}${fact.contract.guidance ? ` — ${escapeMarkdown(fact.contract.guidance)}` : ''}`);
		}
		out.push('');
	}
	out.push(line`**Review:** ${decision.review.level === 'none' ? escapeMarkdown(reviewText(decision)) : `${decision.review.level}${decision.review.forum ? ' · architecture forum needed' : ''}`}`);
	if (decision.adrs.length > 0) {
		out.push('', '**ADRs**', '');
		decision.adrs.forEach((adr) => out.push(line`- [${escapeMarkdown(adr.title)}](${adr.path}) — ${adr.status}`));
	}
	if (decision.crossTeam === true) {
		out.push('', '> Cross-team edit: you are not on the owning team.');
	}
	return `${out.join('\n')}\n`;
}

/** What the editor needs to warn about one contract on a path. */
export interface ContractCrossing {
	contract: Contract;
	/** Owning domain id (or `forum`) and its title. */
	owner: { id: string; title: string };
	ownerLead: PersonRef | null;
	level: Exclude<ReviewLevel, 'none'>;
	approvals: number;
	/** Consumer domain titles (`everyone` for `*`). */
	consumers: string[];
	guidance: string | undefined;
	adrs: Adr[];
	/** Position of the `contracts.<id>` entry in guardrails.yaml. */
	source: Source;
	severity: Contract['severity'];
}

/** Contract crossings of a path, and whether it is another team's file. */
export interface Crossings {
	path: string;
	contracts: ContractCrossing[];
	crossTeam: boolean | null;
	/** Owning team name (or CODEOWNERS handle) for the "another team's file" message. */
	owningTeam: string | null;
}

/**
 * Lists what an edit to the decision's path crosses: every contract with its owner and lead, level,
 * approvals, consumer titles, guidance, ADRs and the position of its guardrails.yaml entry, and
 * whether the file belongs to another team (null when the user is unknown).
 */
export function findContractCrossings(decision: Decision, config: GuardrailsConfig | null): Crossings {
	const title = (id: string): string => (id === 'forum' ? config?.forum?.title ?? 'Architecture forum' : config?.domains.get(id)?.title ?? id);
	return {
		path: decision.path,
		contracts: decision.contracts.map((fact) => ({
			contract: fact.contract,
			owner: { id: fact.contract.owner, title: title(fact.contract.owner) },
			ownerLead: fact.ownerLead,
			level: fact.contract.review.level,
			approvals: fact.contract.review.approvals,
			consumers: fact.contract.consumers.map((c) => (c === '*' ? 'everyone' : title(c))),
			guidance: fact.contract.guidance,
			adrs: fact.adrs,
			source: fact.contract.source,
			severity: fact.contract.severity,
		})),
		crossTeam: decision.crossTeam,
		owningTeam: decision.team?.name ?? decision.domain?.title ?? null,
	};
}

function handleOrName(who: Decider['who']): string {
	if ('forum' in who) {
		return who.forum;
	}
	if ('handle' in who && who.handle) {
		return who.handle;
	}
	return (who as PersonRef).name;
}

/**
 * A ready review request for the decision's path: who must review (deduplicated, most local first)
 * and why, ending with what the contracts ask for.
 */
export function reviewRequestText(decision: Decision): string {
	const seen = new Map<string, string[]>();
	for (const decider of decision.chain) {
		// The deputies and the catch-all forum are fall-backs, not reviewers to request.
		if (decider.role === 'deputy' || (decider.role === 'forum' && !decision.review.forum && decision.contracts.every((c) => c.contract.owner !== 'forum'))) {
			continue;
		}
		const name = handleOrName(decider.who);
		const reason = decider.role === 'lead' ? 'domain lead'
			: decider.role === 'codeowner' ? 'CODEOWNERS'
				: decider.role === 'contract-owner' ? 'contract owner'
					: decider.role === 'consumer-lead' ? 'consumer lead' : 'architecture forum';
		const reasons = seen.get(name) ?? [];
		if (!reasons.includes(reason)) {
			reasons.push(reason);
		}
		seen.set(name, reasons);
	}
	const lines = [`Review request for ${decision.path}${decision.domain ? ` (${decision.domain.title})` : ''}.`];
	if (seen.size === 0) {
		lines.push('No reviewer is recorded for this path.');
	} else {
		lines.push('Please review:');
		for (const [name, reasons] of seen) {
			lines.push(`- ${name}: ${reasons.join(', ')}`);
		}
	}
	for (const fact of decision.contracts) {
		lines.push(`This touches contract ${contractLine(fact.contract)}.${fact.contract.guidance ? ` ${fact.contract.guidance}` : ''}`);
	}
	return lines.join('\n');
}
