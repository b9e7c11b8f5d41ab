import type { GuardrailsConfig } from '../guardrails/types';
import type { DecisionContext } from '../guardrails/whoDecides';
import type { CommitFacts } from './bottlenecks';
import type { DeciderCatalog, DeciderInfo } from './deciders';
import type { BottleneckFinding, DeciderLoad, DelegationSuggestion } from './types';

/** A decider above this share of the window's commits is a bottleneck. */
export const concentrationShare = 1 / 3;
/** A single person who must approve more than this share of the files is a bottleneck. */
export const singleOwnerShare = 0.2;
/** Below this many commits a share says little: load and stale-owner findings wait for more history. */
export const minCommitsForLoad = 5;

/** Everything `analyseBottlenecks` measured, for the findings. */
export interface FindingInput {
	ctx: DecisionContext;
	catalog: DeciderCatalog;
	deciders: readonly DeciderLoad[];
	facts: readonly CommitFacts[];
	files: readonly string[];
	commitCounts: readonly number[];
	unownedFiles: number;
	unownedCommits: number;
}

function pct(part: number, whole: number): string {
	return whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`;
}

/** `services/` for `services/a/b.ts`; a top-level file stays itself. */
export function areaOf(path: string): string {
	const slash = path.indexOf('/');
	return slash < 0 ? path : path.slice(0, slash + 1);
}

/** A path as an inline code span for messages; backticks in it would end the span early. */
export function code(path: string): string {
	return `\`${path.replace(/`/g, "'")}\``;
}

function topEntries(counts: Map<string, number>, n: number): [string, number][] {
	return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
}

function bump(map: Map<string, number>, key: string, by = 1): void {
	map.set(key, (map.get(key) ?? 0) + by);
}

function squash(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Who the window's authors are, matched to guardrails.yaml people through e-mails, handles and names. */
class Authors {
	readonly emails = new Set<string>();
	readonly names = new Set<string>();
	/** Handles recovered from GitHub and GitLab no-reply addresses and e-mail local parts. */
	readonly handles = new Set<string>();
	/** Names and local parts reduced to lower-case letters and digits, for handles nobody mapped. */
	readonly loose = new Set<string>();
	private readonly personOf = new Map<string, string | null>();

	constructor(private readonly config: GuardrailsConfig | null, facts: readonly CommitFacts[]) {
		for (const { commit } of facts) {
			const email = commit.authorEmail.trim().toLowerCase();
			this.emails.add(email);
			this.names.add(commit.authorName.trim().toLowerCase());
			const local = email.split('@')[0] ?? '';
			const noreply = /^(?:\d+[+-])?([^@]+)@users\.noreply\.(?:github|gitlab)\.com$/.exec(email);
			this.handles.add(noreply ? noreply[1] : local);
			// `Arthur Silva Sens` and `arthur.sens@…` for `@ArthurSens`-style handles.
			this.loose.add(squash(commit.authorName));
			this.loose.add(squash(noreply ? noreply[1] : local));
		}
	}

	/** The configured person who wrote a commit, or null. */
	person(commit: CommitFacts['commit']): string | null {
		const key = `${commit.authorEmail.toLowerCase()}\u0000${commit.authorName.toLowerCase()}`;
		if (this.personOf.has(key)) {
			return this.personOf.get(key) ?? null;
		}
		let found: string | null = null;
		for (const person of this.config?.people.values() ?? []) {
			if (person.emails.some((e) => e.toLowerCase() === commit.authorEmail.toLowerCase()) || person.name.toLowerCase() === commit.authorName.toLowerCase()) {
				found = person.id;
				break;
			}
		}
		this.personOf.set(key, found);
		return found;
	}

	/** Whether a configured person authored anything in the window. */
	personAuthored(personId: string): boolean {
		const person = this.config?.people.get(personId);
		if (!person) {
			return this.handles.has(personId.toLowerCase()) || this.names.has(personId.toLowerCase());
		}
		return person.emails.some((e) => this.emails.has(e.toLowerCase()))
			|| Object.values(person.handles).some((h) => this.handles.has(h.replace(/^@+/, '').toLowerCase()))
			|| this.names.has(person.name.toLowerCase());
	}

	/** Whether a decider (or, for a team, any of its people) authored anything; undefined when unknowable. */
	authored(info: DeciderInfo): boolean | undefined {
		if (info.people.length > 0) {
			return info.people.some((p) => this.personAuthored(p));
		}
		if (info.kind === 'email') {
			return this.emails.has(info.id.toLowerCase());
		}
		if (info.kind === 'person') {
			const handle = info.id.replace(/^@+/, '').toLowerCase();
			return this.handles.has(handle) || this.names.has(handle) || this.loose.has(squash(handle));
		}
		return undefined;
	}
}

function label(info: DeciderInfo): string {
	return info.name !== undefined && info.kind === 'person' ? `${info.name} (${info.id})` : info.id;
}

/**
 * The single points of failure of a window, each with its evidence, and one delegation suggestion
 * per finding in plain words. See docs/diagnostics.md for every code.
 */
export function findBottlenecks(input: FindingInput): { findings: BottleneckFinding[]; suggestions: DelegationSuggestion[] } {
	const { ctx, catalog, facts, files } = input;
	const config = ctx.config;
	const authors = new Authors(config, facts);
	const findings: BottleneckFinding[] = [];
	const suggestions: DelegationSuggestion[] = [];
	const total = facts.length;
	const add = (finding: BottleneckFinding, suggestion: string): void => {
		findings.push(finding);
		suggestions.push({ code: finding.code, subject: finding.subject, text: suggestion });
	};

	// Review concentration: one decider on more than a third of the commits.
	for (const load of input.deciders) {
		if (total < minCommitsForLoad || load.commits / total <= concentrationShare) {
			continue;
		}
		const info = catalog.deciders.find((d) => d.id === load.id) as DeciderInfo;
		const areas = new Map<string, number>();
		const teamsByArea = new Map<string, Map<string, number>>();
		for (const fact of facts) {
			if (!fact.deciders.includes(info.index)) {
				continue;
			}
			const touched = new Set(fact.files.filter((f) => catalog.resolve(f).deciders.includes(info.index)).map(areaOf));
			const author = authors.person(fact.commit);
			const teams = author === null ? [] : [...(config?.teams.values() ?? [])].filter((t) => catalog.teamPeople(t).includes(author));
			for (const area of touched) {
				bump(areas, area);
				const perTeam = teamsByArea.get(area) ?? new Map<string, number>();
				teams.forEach((t) => bump(perTeam, t.name));
				teamsByArea.set(area, perTeam);
			}
		}
		const top = topEntries(areas, 3);
		const [area, areaCommits] = top[0] ?? ['', 0];
		const teams = topEntries(teamsByArea.get(area) ?? new Map(), 2);
		add({
			code: 'review-concentration',
			severity: load.kind === 'person' && load.commits / total > 0.5 ? 'error' : 'warning',
			subject: load.id,
			message: `${label(info)} must approve ${pct(load.commits, total)} of the window's commits (${load.commits} of ${total}).`,
			evidence: { commits: load.commits, total, share: load.share, areas: top.map(([a, n]) => `${a} (${n})`) },
		}, teams.length >= 2
			? `Split ${code(area)} between ${teams[0][0]} and ${teams[1][0]}, the two teams that change it most, so each approves its own part instead of ${info.id}.`
			: load.kind === 'team' || load.kind === 'alias'
				? `${info.id} approves ${pct(load.commits, total)} of all commits: give ${code(area)} (${areaCommits} of them) narrower CODEOWNERS rules for the people who change it.`
				: `Name a second approver for ${code(area)} (${areaCommits} of ${info.id}'s ${load.commits} commits): a deputy, or a team owner in CODEOWNERS.`);
	}

	if (config) {
		const domainFiles = new Map<string, number>();
		for (const file of files) {
			const domain = catalog.resolve(file).domain;
			if (domain !== null) {
				bump(domainFiles, domain);
			}
		}
		const domainCommits = new Map<string, number>();
		const domainAuthors = new Map<string, Map<string, number>>();
		for (const fact of facts) {
			const domains = new Set(fact.files.map((f) => catalog.resolve(f).domain).filter((d): d is string => d !== null));
			const author = authors.person(fact.commit);
			for (const domain of domains) {
				bump(domainCommits, domain);
				if (author !== null) {
					const perAuthor = domainAuthors.get(domain) ?? new Map<string, number>();
					bump(perAuthor, author);
					domainAuthors.set(domain, perAuthor);
				}
			}
		}
		// Domains whose team has a lead and no deputy.
		for (const domain of config.domains.values()) {
			const team = config.teams.get(domain.team);
			const leadId = domain.lead ?? team?.lead ?? null;
			if (!team || leadId === null || team.deputies.length > 0) {
				continue;
			}
			const lead = catalog.person(leadId);
			const commits = domainCommits.get(domain.id) ?? 0;
			const others = catalog.teamPeople(team).filter((p) => p !== leadId);
			const candidate = topEntries(domainAuthors.get(domain.id) ?? new Map(), 10)
				.find(([person]) => person !== leadId && catalog.teamPeople(team).includes(person));
			const candidateText = candidate ? ` ${catalog.person(candidate[0]).name ?? candidate[0]} wrote ${candidate[1]} of its ${commits} commits in the window.` : others.length > 0 ? ` Candidates on the team: ${others.map((p) => catalog.person(p).name ?? p).join(', ')}.` : ' The team has no other member yet.';
			add({
				code: 'lead-without-deputy',
				severity: commits > 0 ? 'warning' : 'info',
				subject: domain.id,
				message: `${domain.title} has a lead (${lead.name ?? lead.id}) and no deputy: its decisions wait for one person.`,
				evidence: { team: team.id, lead: lead.id, files: domainFiles.get(domain.id) ?? 0, commits },
			}, `Name a deputy for ${domain.title} in team ${team.name}.${candidateText}`);
		}
		// Contracts whose approvals need every person who can give them.
		for (const contract of config.contracts.values()) {
			if (contract.review.level === 'notify') {
				continue;
			}
			const people = catalog.contractPeople(contract);
			if (people.length === 0 || contract.review.approvals < people.length) {
				continue;
			}
			const names = people.map((p) => catalog.deciders.find((d) => d.people.length === 1 && d.people[0] === p)?.name ?? p);
			add({
				code: 'single-approver-contract',
				severity: people.length === 1 ? 'warning' : 'info',
				subject: contract.id,
				message: people.length === 1
					? `Contract "${contract.title}" can only be approved by ${names[0]}.`
					: `Contract "${contract.title}" needs ${contract.review.approvals} approvals and only ${people.length} people can give them (${names.join(', ')}): each of them can block it.`,
				evidence: { approvals: contract.review.approvals, people: names },
			}, `Add reviewers to contract ${contract.id} (a deputy, a team or the forum) so ${contract.review.approvals === 1 ? 'its approval does' : `its ${contract.review.approvals} approvals do`} not depend on ${people.length === 1 ? 'one person' : 'every eligible person'}.`);
		}
		// Teams with one member.
		for (const team of config.teams.values()) {
			const people = catalog.teamPeople(team);
			if (people.length !== 1) {
				continue;
			}
			const owned = [...config.domains.values()].filter((d) => d.team === team.id).map((d) => d.id);
			add({
				code: 'single-member-team',
				severity: owned.length > 0 ? 'warning' : 'info',
				subject: team.id,
				message: `Team ${team.name} has one member (${catalog.person(people[0]).name ?? people[0]})${owned.length > 0 ? ` and owns ${owned.join(', ')}` : ''}.`,
				evidence: { person: people[0], domains: owned },
			}, `Add a second member to team ${team.name}, or fold its domains into a neighbouring team.`);
		}
	}

	// Single people who must approve more than a fifth of the repository.
	for (const load of input.deciders) {
		if ((load.kind !== 'person' && load.kind !== 'email') || files.length === 0 || load.files / files.length <= singleOwnerShare) {
			continue;
		}
		const info = catalog.deciders.find((d) => d.id === load.id) as DeciderInfo;
		const areas = new Map<string, number>();
		for (const file of files) {
			if (catalog.resolve(file).deciders.includes(info.index)) {
				bump(areas, areaOf(file));
			}
		}
		const top = topEntries(areas, 3);
		add({
			code: 'single-person-owner',
			severity: 'warning',
			subject: load.id,
			message: `${label(info)}, one person, must approve ${pct(load.files, files.length)} of the files (${load.files} of ${files.length}; the only approver of ${load.soleFiles}).`,
			evidence: { files: load.files, total: files.length, soleFiles: load.soleFiles, areas: top.map(([a, n]) => `${a} (${n})`) },
		}, `Spread what ${info.id} must approve (${top.map(([a]) => code(a)).join(', ')}): a team owner in CODEOWNERS, or a deputy who can decide for them.`);
	}

	// CODEOWNERS owners who wrote nothing while their files changed.
	const changed = new Map<number, number>();
	const changedPaths = new Set(facts.flatMap((f) => f.files));
	for (const path of changedPaths) {
		for (const index of catalog.resolve(path).codeowners) {
			changed.set(index, (changed.get(index) ?? 0) + 1);
		}
	}
	for (const [index, changedFiles] of [...changed.entries()].sort((a, b) => b[1] - a[1])) {
		const info = catalog.deciders[index];
		if (total < minCommitsForLoad || authors.authored(info) !== false) {
			continue;
		}
		const commits = input.commitCounts[index] ?? 0;
		// A handle guardrails.yaml does not know is matched by name only: say how sure that is.
		const known = info.people.length > 0;
		add({
			code: 'stale-owner',
			severity: known ? 'warning' : 'info',
			subject: info.id,
			message: info.people.length > 1
				? `None of the people of ${label(info)} authored a commit in the window, while ${changedFiles} of the files it owns changed.`
				: known
					? `${label(info)} authored no commit in the window, while ${changedFiles} of the files they own changed.`
					: `No commit in the window matched ${info.id} by handle, no-reply address or name, while ${changedFiles} of the files they own changed.`,
			evidence: { changedFiles, commits },
		}, known
			? `Check that ${info.id} still owns their CODEOWNERS lines: hand them to the people who change those files, or confirm the ownership.`
			: `Add ${info.id} with their e-mails to org.people in guardrails.yaml so their commits are recognised; if they really are away, hand their CODEOWNERS lines to the people who change those files.`);
	}

	if (input.unownedCommits > 0) {
		const areas = new Map<string, number>();
		for (const path of changedPaths) {
			if (catalog.resolve(path).unowned) {
				bump(areas, areaOf(path));
			}
		}
		const top = topEntries(areas, 3);
		add({
			code: 'unowned-changes',
			severity: 'info',
			subject: 'unowned',
			message: `${input.unownedCommits} of ${total} commits touched files nobody owns (${input.unownedFiles} of the repository's files have no owner and no domain).`,
			evidence: { commits: input.unownedCommits, files: input.unownedFiles, areas: top.map(([a, n]) => `${a} (${n})`) },
		}, `Add CODEOWNERS rules (or a domain) for ${top.map(([a]) => code(a)).join(', ')}, where unowned files changed most.`);
	}
	return { findings, suggestions };
}
