import type { AdrRequirement, Contract, ContractKind, Domain, Forum, GuardrailsConfig, Person, ReviewLevel, Team } from '../types';
import type { Severity } from '../../types';
import { staysInRepository } from '../references';
import type { ConfigReader } from './configReader';
import type { Raw } from './rawValues';
import { entries, handlesOf, isObject, str, strList } from './rawValues';

// Building the model from the plain data: people, teams, aliases, domains, contracts, the forum
// and the ADR roots, each with its `source`. Entries too broken to answer anything are skipped
// (the schema check has reported them); missing optional values get their documented defaults.

const contractKinds: readonly ContractKind[] = ['api', 'data-model', 'security-standard', 'infrastructure-pattern', 'other'];
const reviewLevels: readonly Exclude<ReviewLevel, 'none'>[] = ['notify', 'owner', 'consumers', 'architecture'];
const adrRequirements: readonly AdrRequirement[] = ['required', 'recommended', 'none'];
const severities: readonly Severity[] = ['info', 'warning', 'error'];

/** Fills `config` from the document's data; ADR roots that leave the repository are reported and dropped. */
export function readConfig(data: Raw, config: GuardrailsConfig, reader: ConfigReader): void {
	const org = isObject(data.org) ? data.org : {};
	for (const [id, raw] of entries(org.people)) {
		if (!isObject(raw)) {
			continue;
		}
		const person: Person = {
			id,
			name: str(raw.name) ?? id,
			handles: handlesOf(raw.handles),
			emails: strList(raw.emails),
			source: reader.source(`org.people.${id}`),
		};
		config.people.set(id, person);
	}
	for (const [id, raw] of entries(org.teams)) {
		if (!isObject(raw)) {
			continue;
		}
		const contact = isObject(raw.contact) ? raw.contact : {};
		const team: Team = {
			id,
			name: str(raw.name) ?? id,
			lead: str(raw.lead) ?? null,
			deputies: strList(raw.deputies),
			members: strList(raw.members),
			handles: handlesOf(raw.handles),
			contact: { ...(str(contact.chat) ? { chat: str(contact.chat) } : {}), ...(str(contact.url) ? { url: str(contact.url) } : {}) },
			source: reader.source(`org.teams.${id}`),
		};
		config.teams.set(id, team);
	}
	for (const [id, raw] of entries(org.aliases)) {
		config.aliases.set(id, strList(raw));
	}
	for (const [id, raw] of entries(data.domains)) {
		// A domain without a team or paths cannot answer anything; the schema already reported it.
		if (!isObject(raw) || typeof raw.team !== 'string') {
			continue;
		}
		const domain: Domain = {
			id,
			title: str(raw.title) ?? id,
			team: raw.team,
			lead: str(raw.lead) ?? null,
			paths: strList(raw.paths),
			adrs: strList(raw.adrs),
			...(str(raw.charter) !== undefined ? { charter: str(raw.charter) } : {}),
			source: reader.source(`domains.${id}`),
		};
		config.domains.set(id, domain);
	}
	for (const [id, raw] of entries(data.contracts)) {
		if (!isObject(raw) || typeof raw.owner !== 'string') {
			continue;
		}
		const review = isObject(raw.review) ? raw.review : {};
		const kind = contractKinds.find((k) => k === raw.kind) ?? 'other';
		const level = reviewLevels.find((l) => l === review.level) ?? 'owner';
		const approvals = typeof review.approvals === 'number' && Number.isInteger(review.approvals) && review.approvals >= 1 ? review.approvals : 1;
		const contract: Contract = {
			id,
			kind,
			title: str(raw.title) ?? id,
			owner: raw.owner,
			paths: strList(raw.paths),
			consumers: strList(raw.consumers),
			review: {
				level,
				approvals,
				reviewers: strList(review.reviewers),
				adr: adrRequirements.find((a) => a === review.adr) ?? 'none',
			},
			severity: severities.find((s) => s === raw.severity) ?? 'warning',
			...(str(raw.guidance) !== undefined ? { guidance: str(raw.guidance) } : {}),
			adrs: strList(raw.adrs),
			source: reader.source(`contracts.${id}`),
		};
		config.contracts.set(id, contract);
	}
	const escalation = isObject(data.escalation) ? data.escalation : {};
	if (isObject(escalation.forum)) {
		const raw = escalation.forum;
		const forum: Forum = {
			title: str(raw.title) ?? 'Architecture forum',
			members: strList(raw.members),
			handles: handlesOf(raw.handles),
			...(str(raw.channel) !== undefined ? { channel: str(raw.channel) } : {}),
			...(str(raw.url) !== undefined ? { url: str(raw.url) } : {}),
			...(str(raw.adrTemplate) !== undefined ? { adrTemplate: str(raw.adrTemplate) } : {}),
			source: reader.source('escalation.forum'),
		};
		config.forum = forum;
	}
	const adrs = isObject(data.adrs) ? data.adrs : {};
	if (Array.isArray(adrs.roots)) {
		const roots = strList(adrs.roots);
		roots.forEach((root, i) => {
			if (!staysInRepository(root)) {
				reader.report('path-outside-repository', 'error', `adrs.roots.${i}`, `"${root}": an ADR root must be a repository-relative folder inside the repository; it is ignored.`);
			}
		});
		config.adrRoots = roots.filter(staysInRepository).map((root) => root.replace(/^\.?\/+/, '').replace(/\/+$/, ''));
	}
}
