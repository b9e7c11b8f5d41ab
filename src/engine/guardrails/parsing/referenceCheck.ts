import { braceExpansionCount, maxBraceExpansions, maxGlobLength } from '../domainIndex';
import { expandAlias, staysInRepository } from '../references';
import type { GuardrailsConfig } from '../types';
import type { ConfigReader } from './configReader';

// Checking the built model's references: every person, team, alias, domain and forum named must be
// declared, paths must stay in the repository and be simple enough to compile. Runs after the
// model is built, so it sees exactly the entities that will answer.

/**
 * Reports unknown references and bad paths, drops an ADR template outside the repository, and
 * expands the forum's aliases into person ids.
 */
export function checkReferences(config: GuardrailsConfig, reader: ConfigReader): void {
	const checkPerson = (id: string, path: string, role: string): void => {
		if (!config.people.has(id)) {
			reader.report('unknown-person', 'error', path, `Unknown person "${id}" as ${role}; declare it under org.people.`);
		}
	};
	const checkGroupEntry = (entry: string, path: string, role: string, allowTeams: boolean): void => {
		if (entry.startsWith('$')) {
			if (!config.aliases.has(entry.slice(1))) {
				reader.report('unknown-alias', 'error', path, `Unknown alias "${entry}" in ${role}; declare it under org.aliases.`);
			}
		} else if (entry.startsWith('team:')) {
			if (!allowTeams) {
				reader.report('invalid-reference', 'error', path, `"${entry}": ${role} takes person ids and $aliases only.`);
			} else if (!config.teams.has(entry.slice(5))) {
				reader.report('unknown-team', 'error', path, `Unknown team "${entry.slice(5)}" in ${role}; declare it under org.teams.`);
			}
		} else if (entry.startsWith('@')) {
			if (!allowTeams) {
				reader.report('invalid-reference', 'error', path, `"${entry}": ${role} takes person ids and $aliases only.`);
			}
		} else {
			checkPerson(entry, path, role);
		}
	};
	for (const [id, members] of config.aliases) {
		members.forEach((member, i) => checkGroupEntry(member, `org.aliases.${id}.${i}`, `alias $${id}`, false));
	}
	for (const team of config.teams.values()) {
		if (team.lead !== null) {
			checkPerson(team.lead, `org.teams.${team.id}.lead`, `lead of team ${team.id}`);
		}
		team.deputies.forEach((p, i) => checkPerson(p, `org.teams.${team.id}.deputies.${i}`, `deputy of team ${team.id}`));
		team.members.forEach((p, i) => checkPerson(p, `org.teams.${team.id}.members.${i}`, `member of team ${team.id}`));
	}
	for (const domain of config.domains.values()) {
		const team = config.teams.get(domain.team);
		if (!team) {
			reader.report('unknown-team', 'error', `domains.${domain.id}.team`, `Unknown team "${domain.team}" for domain ${domain.id}; declare it under org.teams.`);
		}
		if (domain.lead !== null) {
			checkPerson(domain.lead, `domains.${domain.id}.lead`, `lead of domain ${domain.id}`);
		} else if (team && team.lead === null) {
			reader.report('lead-missing', 'warning', `domains.${domain.id}`, `Lead not set for domain ${domain.id}: set org.teams.${team.id}.lead (or domains.${domain.id}.lead) to the person who decides here.`, true);
		}
		checkPaths(reader, domain.paths, `domains.${domain.id}.paths`);
	}
	for (const contract of config.contracts.values()) {
		const base = `contracts.${contract.id}`;
		if (contract.owner === 'forum') {
			if (!config.forum) {
				reader.report('missing-forum', 'error', `${base}.owner`, `Contract ${contract.id} is owned by the forum, but escalation.forum is not configured.`);
			}
		} else if (!config.domains.has(contract.owner)) {
			reader.report('unknown-domain', 'error', `${base}.owner`, `Unknown domain "${contract.owner}" as owner of contract ${contract.id}; use a domain id or forum.`);
		}
		contract.consumers.forEach((consumer, i) => {
			if (consumer !== '*' && !config.domains.has(consumer)) {
				reader.report('unknown-domain', 'error', `${base}.consumers.${i}`, `Unknown domain "${consumer}" as consumer of contract ${contract.id}.`);
			}
		});
		contract.review.reviewers.forEach((r, i) => checkGroupEntry(r, `${base}.review.reviewers.${i}`, `reviewers of contract ${contract.id}`, true));
		if (contract.review.level === 'architecture' && !config.forum) {
			reader.report('architecture-without-forum', 'error', `${base}.review.level`, `Contract ${contract.id} asks for architecture review, but escalation.forum is not configured.`);
		}
		checkPaths(reader, contract.paths, `${base}.paths`);
	}
	const outside = (key: string, path: string, what: string): void => {
		reader.report('path-outside-repository', 'error', key, `"${path}": ${what} must be a repository-relative path inside the repository; it is ignored.`);
	};
	for (const domain of config.domains.values()) {
		domain.adrs.forEach((adr, i) => {
			if (!staysInRepository(adr)) {
				outside(`domains.${domain.id}.adrs.${i}`, adr, 'an ADR');
			}
		});
	}
	for (const contract of config.contracts.values()) {
		contract.adrs.forEach((adr, i) => {
			if (!staysInRepository(adr)) {
				outside(`contracts.${contract.id}.adrs.${i}`, adr, 'an ADR');
			}
		});
	}
	if (config.forum?.adrTemplate !== undefined && !staysInRepository(config.forum.adrTemplate)) {
		outside('escalation.forum.adrTemplate', config.forum.adrTemplate, 'the ADR template');
		delete config.forum.adrTemplate;
	}
	if (config.forum) {
		config.forum.members.forEach((m, i) => checkGroupEntry(m, `escalation.forum.members.${i}`, 'forum members', false));
		// Person ids after alias expansion, as the type promises; unknown names were reported above.
		config.forum.members = [...new Set(config.forum.members.flatMap((m) => (m.startsWith('$') ? expandAlias(config, m.slice(1)) : [m])))];
	}
}

function checkPaths(reader: ConfigReader, paths: readonly string[], base: string): void {
	paths.forEach((pattern, i) => {
		const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
		if (body.startsWith('/') || body.startsWith('./')) {
			reader.report('invalid-path', 'warning', `${base}.${i}`, `"${pattern}": paths are repository-relative, without a leading "/" or "./"; it is read as "${body.replace(/^\.?\/+/, '')}".`);
		} else if (body === '') {
			reader.report('invalid-path', 'error', `${base}.${i}`, 'Empty path pattern.');
		}
		if (body.length > maxGlobLength) {
			reader.report('pattern-too-complex', 'error', `${base}.${i}`, `"${pattern.slice(0, 77)}...": a pattern longer than ${maxGlobLength} characters is ignored.`);
		} else if (braceExpansionCount(body) > maxBraceExpansions) {
			reader.report('pattern-too-complex', 'error', `${base}.${i}`, `"${pattern.length > 80 ? `${pattern.slice(0, 77)}...` : pattern}": its braces expand to more than ${maxBraceExpansions} patterns; it is ignored.`);
		}
	});
}
