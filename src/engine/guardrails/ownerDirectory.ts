// Who a CODEOWNERS owner token is, according to guardrails.yaml: a team (by its handle for the
// host), a person (by handle or e-mail) or the architecture forum. Pure: engine types only.

import type { Domain, GuardrailsConfig, Person, Team } from './types';

export type OwnerIdentity =
	| { kind: 'team'; team: Team; lead: Person | undefined; domains: Domain[] }
	| { kind: 'person'; person: Person; teams: Team[] }
	| { kind: 'forum'; title: string };

/** Handles compare without the `@` and case-insensitively, as both hosts compare names. */
export function normalizeHandle(handle: string): string {
	return handle.trim().replace(/^@/, '').toLowerCase();
}

function handleMatches(handles: Record<string, string>, owner: string): boolean {
	const wanted = normalizeHandle(owner);
	return Object.values(handles).some((handle) => normalizeHandle(handle) === wanted);
}

/** The guardrails.yaml entry an owner token stands for, or undefined when the config does not know it. */
export function identifyOwner(config: GuardrailsConfig, owner: string): OwnerIdentity | undefined {
	if (owner.startsWith('@@')) {
		return undefined;
	}
	if (owner.startsWith('@')) {
		for (const team of config.teams.values()) {
			if (handleMatches(team.handles, owner)) {
				const domains = [...config.domains.values()].filter((domain) => domain.team === team.id);
				return { kind: 'team', team, lead: team.lead === null ? undefined : config.people.get(team.lead), domains };
			}
		}
		if (config.forum !== null && handleMatches(config.forum.handles, owner)) {
			return { kind: 'forum', title: config.forum.title };
		}
	}
	const email = owner.toLowerCase();
	for (const person of config.people.values()) {
		const byHandle = owner.startsWith('@') && handleMatches(person.handles, owner);
		const byEmail = !owner.startsWith('@') && person.emails.some((e) => e.toLowerCase() === email);
		if (byHandle || byEmail) {
			const teams = [...config.teams.values()].filter((team) => team.lead === person.id || team.deputies.includes(person.id) || team.members.includes(person.id));
			return { kind: 'person', person, teams };
		}
	}
	return undefined;
}

/**
 * Every owner handle guardrails.yaml knows for a host (teams, people, the forum), written as in
 * CODEOWNERS (`@org/team`, `@user`), with a short description, for completion.
 */
export function knownOwners(config: GuardrailsConfig, host: 'github' | 'gitlab'): { owner: string; detail: string }[] {
	const result: { owner: string; detail: string }[] = [];
	const add = (handle: string | undefined, detail: string): void => {
		if (handle !== undefined && handle.trim() !== '') {
			result.push({ owner: `@${handle.trim().replace(/^@/, '')}`, detail });
		}
	};
	for (const team of config.teams.values()) {
		add(team.handles[host], team.name);
	}
	for (const person of config.people.values()) {
		add(person.handles[host], person.name);
	}
	if (config.forum !== null) {
		add(config.forum.handles[host], config.forum.title);
	}
	return result;
}
