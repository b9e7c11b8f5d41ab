import type { GuardrailsConfig, Person, Team } from './types';

/** A resolved user: the person and every team they lead, deputise or belong to. */
export interface Identity {
	person: Person;
	teams: Team[];
}

function bareHandle(handle: string): string {
	return handle.trim().replace(/^@+/, '').toLowerCase();
}

/**
 * Finds the person a `who` string names: a person id, a handle on any host (with or without `@`,
 * case-insensitive) or an e-mail (case-insensitive), then the teams they lead, deputise or are a
 * member of. Null when `who` is empty or matches nobody.
 */
export function resolveIdentity(config: GuardrailsConfig, who: string | undefined): Identity | null {
	const wanted = who?.trim();
	if (!wanted) {
		return null;
	}
	let person = config.people.get(wanted);
	if (!person) {
		const lower = wanted.toLowerCase();
		const handle = bareHandle(wanted);
		for (const candidate of config.people.values()) {
			if (candidate.id.toLowerCase() === lower
				|| candidate.emails.some((e) => e.trim().toLowerCase() === lower)
				|| Object.values(candidate.handles).some((h) => bareHandle(h) === handle)) {
				person = candidate;
				break;
			}
		}
	}
	if (!person) {
		return null;
	}
	const id = person.id;
	const teams = [...config.teams.values()].filter((t) => t.lead === id || t.deputies.includes(id) || t.members.includes(id));
	return { person, teams };
}
