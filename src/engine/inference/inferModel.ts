// `guardrails init`'s brain: from what the repository already says (CODEOWNERS as the host reads
// it, Backstage catalogs, the files themselves, recent history) to a draft model in which every
// item carries its evidence. Pure: files are read through the EngineHost, history is passed in.
import type { CodeownersIndex } from '../codeowners/index/codeownersIndex';
import type { ParsedCodeowners } from '../codeowners/types';
import type { EngineHost } from '../types';
import { findAdrFolders, readAdrDir, readLog4brainsFolder } from './adrFolders';
import { isCatalogFile, maxCatalogBytes, parseCatalog } from './backstage';
import type { CatalogEntity } from './backstage';
import { buildCatalogModel } from './catalogModel';
import type { CatalogModel } from './catalogModel';
import { inferCodeownersAreas } from './codeownersAreas';
import type { CodeownersAreas } from './codeownersAreas';
import { detectContracts, slugify } from './contracts';
import { coveringGlobs, literalGlob } from './coveringGlobs';
import { leadCandidates } from './history';
import type { HistoryCommit, InferredContract, InferredDomain, InferredModel, InferredPerson, InferredTeam, SkippedItem } from './types';

/** What `inferModel` works from; everything but the file list is optional. */
export interface InferenceInput {
	/** Every repository-relative file (git ls-files or --files-from). */
	files: readonly string[];
	codeowners: { file: string; parsed: ParsedCodeowners; index: CodeownersIndex } | null;
	/** Reads contents (specs, catalogs, imports, ADRs); never used to write. */
	host: EngineHost;
	/** Commits of the last twelve months, for suggested leads. */
	history?: readonly HistoryCommit[];
}

/** Files larger than this are not read for content. */
const maxReadBytes = 2 * 1024 * 1024;
const maxAdrsRead = 300;

/** `[3, 4, 5, 9]` → `3-5, 9`; long lists end with "and N more". */
export function lineRanges(lines: Iterable<number>, max = 6): string {
	const sorted = [...new Set(lines)].sort((a, b) => a - b);
	const ranges: string[] = [];
	for (let i = 0; i < sorted.length;) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) {
			j++;
		}
		ranges.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
		i = j + 1;
	}
	return ranges.length <= max ? ranges.join(', ') : `${ranges.slice(0, max).join(', ')} and ${ranges.length - max} more`;
}

function uniqueId(base: string, taken: Set<string>): string {
	let id = base;
	for (let n = 2; taken.has(id); n++) {
		id = `${base}-${n}`;
	}
	taken.add(id);
	return id;
}

/**
 * The domain the drafted globs give a file (most specific wins: a literal file, then a name-prefix
 * glob in its folder, then the nearest folder glob), so contracts, consumers and suggested leads
 * follow the config as written, unowned files that fall into a domain included.
 */
function coveredDomains(domains: readonly InferredDomain[]): (file: string) => string | undefined {
	const unescape = (glob: string): string => glob.replace(/\\(.)/g, '$1');
	const literal = new Map<string, string>();
	const dirs = new Map<string, string>();
	const prefixes = new Map<string, { prefix: string; domain: string }[]>();
	for (const domain of domains) {
		for (const glob of domain.paths) {
			if (glob === '**') {
				dirs.set('', domain.id);
			} else if (glob.endsWith('/**')) {
				dirs.set(unescape(glob.slice(0, -3)), domain.id);
			} else if (glob.endsWith('*') && !glob.endsWith('\\*')) {
				const body = unescape(glob.slice(0, -1));
				const slash = body.lastIndexOf('/');
				const dir = slash < 0 ? '' : body.slice(0, slash);
				prefixes.set(dir, [...(prefixes.get(dir) ?? []), { prefix: body.slice(slash + 1), domain: domain.id }]);
			} else {
				literal.set(unescape(glob), domain.id);
			}
		}
	}
	return (file) => {
		const hit = literal.get(file);
		if (hit !== undefined) {
			return hit;
		}
		let slash = file.lastIndexOf('/');
		const name = file.slice(slash + 1);
		const prefixed = prefixes.get(slash < 0 ? '' : file.slice(0, slash))?.find((p) => name.startsWith(p.prefix));
		if (prefixed !== undefined) {
			return prefixed.domain;
		}
		while (slash >= 0) {
			const dir = file.slice(0, slash);
			const domain = dirs.get(dir);
			if (domain !== undefined) {
				return domain;
			}
			slash = dir.lastIndexOf('/');
		}
		return dirs.get('');
	};
}

/** `a, b, c and 4 more`: evidence stays one readable line. */
function listSome(items: readonly string[], max = 3): string {
	return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

async function readCatalogs(host: EngineHost, files: readonly string[], skipped: SkippedItem[]): Promise<{ entities: CatalogEntity[]; catalogs: string[] }> {
	const entities: CatalogEntity[] = [];
	const catalogs = files.filter(isCatalogFile);
	for (const file of catalogs) {
		const size = await host.fileSize?.(file);
		if (size !== undefined && size > maxCatalogBytes) {
			skipped.push({ path: file, reason: `Backstage catalog larger than ${maxCatalogBytes / 1024} KB; not read` });
			continue;
		}
		const text = await host.readFile(file);
		if (text === undefined) {
			skipped.push({ path: file, reason: 'Backstage catalog could not be read' });
			continue;
		}
		const parsed = parseCatalog(file, text);
		entities.push(...parsed.entities);
		skipped.push(...parsed.skipped);
	}
	return { entities, catalogs };
}

/** Files under each Backstage area's component folders; the deepest folder wins. */
function catalogAssignment(files: readonly string[], catalog: CatalogModel): Map<string, string> {
	const dirs: { dir: string; key: string }[] = [];
	for (const area of catalog.areas.values()) {
		area.dirs.forEach((dir) => dirs.push({ dir, key: `bs:${area.key}` }));
	}
	dirs.sort((a, b) => b.dir.length - a.dir.length || (a.dir < b.dir ? -1 : 1));
	const assignment = new Map<string, string>();
	if (dirs.length === 0) {
		return assignment;
	}
	for (const file of files) {
		const hit = dirs.find(({ dir }) => dir === '' || file.startsWith(`${dir}/`));
		if (hit !== undefined) {
			assignment.set(file, hit.key);
		}
	}
	return assignment;
}

interface Builder {
	people: Map<string, InferredPerson>;
	personIds: Set<string>;
	teams: Map<string, InferredTeam>;
	teamIds: Set<string>;
	/** Lower-case team name or handle → team id, so a Backstage Group and a CODEOWNERS team merge. */
	teamByName: Map<string, string>;
}

function addPerson(b: Builder, base: string, person: Omit<InferredPerson, 'id'>): string {
	const id = uniqueId(slugify(base), b.personIds);
	b.people.set(id, { id, ...person });
	return id;
}

function catalogTeams(b: Builder, catalog: CatalogModel): void {
	const userIds = new Map<string, string>();
	for (const user of catalog.users.values()) {
		userIds.set(user.name, addPerson(b, user.name, { name: user.title ?? user.name, handles: {}, emails: user.email !== undefined ? [user.email] : [], evidence: `Backstage User (${user.file}:${user.line})` }));
	}
	for (const group of [...catalog.groups.values()].sort((a, b2) => (a.name < b2.name ? -1 : 1))) {
		const id = uniqueId(slugify(group.name), b.teamIds);
		const members = group.members.map((m) => userIds.get(m)).filter((m): m is string => m !== undefined).sort();
		const unknown = group.members.filter((m) => !userIds.has(m));
		b.teams.set(id, {
			id, name: group.title ?? group.name, handles: {}, members, leadCandidates: [],
			evidence: `Backstage Group ${group.name} (${group.file}:${group.line})${group.parent !== undefined ? `, parent ${group.parent}` : ''}${unknown.length > 0 ? `; members without a User entity: ${unknown.join(', ')}` : ''}`,
		});
		b.teamByName.set(group.name, id);
	}
}

/** A Backstage Group named like a CODEOWNERS team (`@org/payments-team`) gets that handle, for the drift check. */
function addCatalogHandles(b: Builder, parsed: ParsedCodeowners, host: string): void {
	for (const rule of parsed.rules) {
		for (const owner of rule.owners) {
			const short = owner.text.slice(owner.text.lastIndexOf('/') + 1).toLowerCase();
			const id = owner.kind === 'team' ? b.teamByName.get(short) : undefined;
			const team = id === undefined ? undefined : b.teams.get(id);
			if (team !== undefined && team.handles[host] === undefined) {
				team.handles[host] = owner.text;
				team.evidence += `; CODEOWNERS ${owner.text}`;
			}
		}
	}
}

/** The team for a CODEOWNERS label: a Backstage Group of the same name, else a new team. */
function codeownersTeam(b: Builder, areas: CodeownersAreas, key: string, host: string): string {
	const label = areas.labels.get(key)!;
	if (label.kind === 'section') {
		const members = [...label.people].sort().map((owner) => {
			const existing = [...b.people.values()].find((p) => p.handles[host] === owner || p.emails.includes(owner));
			if (existing !== undefined) {
				return existing.id;
			}
			const email = owner.includes('@') && !owner.startsWith('@');
			return addPerson(b, email ? owner.split('@')[0] : owner.replace(/^@/, ''), {
				name: email ? owner.split('@')[0] : owner.replace(/^@/, ''), handles: email ? {} : { [host]: owner }, emails: email ? [owner] : [],
				evidence: `CODEOWNERS owner in section [${label.name}]`,
			});
		});
		const id = uniqueId(slugify(label.name), b.teamIds);
		b.teams.set(id, { id, name: label.name, handles: {}, members, leadCandidates: [], evidence: `GitLab section [${label.name}] owned by ${plural(members.length, 'person')}` });
		return id;
	}
	const short = label.name.slice(label.name.lastIndexOf('/') + 1).toLowerCase();
	const merged = b.teamByName.get(short);
	if (merged !== undefined) {
		const team = b.teams.get(merged)!;
		if (team.handles[host] === undefined) {
			team.handles[host] = label.name;
			team.evidence += `; CODEOWNERS ${label.name}`;
		}
		return merged;
	}
	const id = uniqueId(slugify(short), b.teamIds);
	b.teams.set(id, { id, name: short, handles: { [host]: label.name }, members: [], leadCandidates: [], evidence: `CODEOWNERS team ${label.name}` });
	b.teamByName.set(short, id);
	return id;
}

/**
 * Infers domains, teams, people, contracts and ADR folders, each with its evidence. Backstage
 * areas come first; CODEOWNERS decides the remaining files; domains get the fewest directory
 * globs that reproduce the file assignment under most-specific-wins. Leads are never set:
 * history only yields suggestions. Deterministic: the same input gives the same model.
 */
export async function inferModel(input: InferenceInput): Promise<InferredModel> {
	const files = [...new Set(input.files)].sort();
	const fileSet = new Set(files);
	const skipped: SkippedItem[] = [];
	const notes: string[] = [];
	const host = input.codeowners?.parsed.dialect ?? 'github';
	const { entities, catalogs } = await readCatalogs(input.host, files, skipped);
	const catalog = buildCatalogModel(entities);
	skipped.push(...catalog.skipped);
	const assignment = catalogAssignment(files, catalog);
	let areas: CodeownersAreas | undefined;
	if (input.codeowners !== null) {
		const parsed = input.codeowners.parsed;
		const errors = parsed.problems.filter((p) => p.severity === 'error').length;
		if (errors > 0) {
			notes.push(`${input.codeowners.file} has ${plural(errors, 'error')} (see guardrails lint); the draft follows the rules the host still applies.`);
		}
		areas = inferCodeownersAreas(parsed, input.codeowners.index, files.filter((f) => !assignment.has(f)));
		for (const [file, key] of areas.assignment) {
			assignment.set(file, `co:${key}`);
		}
		for (const umbrella of [...areas.umbrellas.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
			notes.push(`${umbrella.name} co-owns ${umbrella.rules} rules (nearly all): read as an umbrella group, not a domain.`);
		}
		if (areas.multiOwnerFiles > 0) {
			notes.push(`${plural(areas.multiOwnerFiles, 'file')} have several owning teams: each went to the team that owns most of the surrounding area; the others stay code owners.`);
		}
		if (areas.peopleOnlyFiles > 0) {
			notes.push(`${plural(areas.peopleOnlyFiles, 'file')} are owned by people only (${plural(areas.people.size, 'person')} in CODEOWNERS), not teams: no domain was drafted for them.`);
		}
	}
	const fallback = areas === undefined ? undefined : [...areas.labels.values()].find((l) => l.fallback);
	const globs = coveringGlobs(files, assignment, fallback === undefined ? undefined : `co:${fallback.key}`);
	const b: Builder = { people: new Map(), personIds: new Set(), teams: new Map(), teamIds: new Set(), teamByName: new Map() };
	catalogTeams(b, catalog);
	const domainIds = new Set<string>();
	const domains: InferredDomain[] = [];
	const domainOfLabel = new Map<string, string>();
	const fileCounts = new Map<string, number>();
	for (const key of assignment.values()) {
		fileCounts.set(key, (fileCounts.get(key) ?? 0) + 1);
	}
	for (const key of [...globs.keys()].sort()) {
		const count = fileCounts.get(key) ?? 0;
		if (key.startsWith('bs:')) {
			const area = catalog.areas.get(key.slice(3))!;
			const teamName = area.team ?? area.name;
			let team = b.teamByName.get(teamName);
			if (team === undefined) {
				team = uniqueId(slugify(teamName), b.teamIds);
				b.teams.set(team, { id: team, name: teamName, handles: {}, members: [], leadCandidates: [], evidence: `Backstage owner ${teamName} (no Group entity in the repository)` });
				b.teamByName.set(teamName, team);
			}
			const id = uniqueId(slugify(area.name), domainIds);
			domainOfLabel.set(key, id);
			domains.push({ id, title: area.title, team, paths: globs.get(key)!, files: count, fallback: false, adrs: [], evidence: `${plural(count, 'file')}, ${area.evidence}, components in ${listSome(area.dirs.map((d) => d || '(root)'))}` });
			continue;
		}
		const label = areas!.labels.get(key.slice(3))!;
		const team = codeownersTeam(b, areas!, label.key, host);
		const sections = [...label.sections.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
		const title = sections.length > 0 && sections[0][1] * 2 > count ? sections[0][0] : b.teams.get(team)!.name;
		const id = uniqueId(slugify(label.kind === 'section' ? label.name : team), domainIds);
		domainOfLabel.set(key, id);
		domains.push({
			id, title, team, paths: globs.get(key)!, files: count, fallback: label.fallback, adrs: [],
			evidence: `${plural(count, 'file')}, ${input.codeowners!.file} line${label.lines.size === 1 ? '' : 's'} ${lineRanges(label.lines)}${label.fallback ? ' (catch-all rule: the fallback domain)' : ''}`,
		});
	}
	if (input.codeowners !== null) {
		addCatalogHandles(b, input.codeowners.parsed, host);
	}
	const domainOf = coveredDomains(domains);
	if (input.history !== undefined) {
		const candidates = leadCandidates(input.history, domainOf);
		for (const domain of domains) {
			const team = b.teams.get(domain.team)!;
			const merged = [...team.leadCandidates, ...(candidates.get(domain.id) ?? [])];
			team.leadCandidates = mergeCandidates(merged);
		}
	}
	const read = async (file: string): Promise<string | undefined> => {
		const size = await input.host.fileSize?.(file);
		return size !== undefined && size > maxReadBytes ? undefined : input.host.readFile(file);
	};
	const contractIds = new Set<string>();
	const catalogContracts = catalogApiContracts(catalog, fileSet, domainOf, domainOfLabel, contractIds, skipped);
	const detected = await detectContracts({ files, fileSet, domainOf, read, codeownersFile: input.codeowners?.file ?? null }, contractIds);
	skipped.push(...detected.skipped);
	const fromCatalog = new Set(catalogContracts.flatMap((c) => c.paths));
	const contracts = [...catalogContracts, ...detected.contracts.filter((c) => !c.paths.every((p) => fromCatalog.has(p)))];
	const adrRoots = await adrs(input.host, files, fileSet, domains, contracts);
	const usedTeams = new Set(domains.map((d) => d.team));
	const teams = [...b.teams.values()].filter((t) => usedTeams.has(t.id) || t.members.length > 0).sort((x, y) => (x.id < y.id ? -1 : 1));
	const usedPeople = new Set(teams.flatMap((t) => t.members));
	const people = [...b.people.values()].filter((p) => usedPeople.has(p.id)).sort((x, y) => (x.id < y.id ? -1 : 1));
	const unassigned = files.length - assignment.size;
	if (domains.length > 0 && unassigned > 0) {
		notes.push(`${plural(unassigned, 'file')} have no owning team; they fall into whichever drafted domain covers their folder, or none.`);
	}
	return {
		sources: { codeowners: input.codeowners?.file ?? null, rules: input.codeowners?.parsed.rules.length ?? 0, files: files.length, commits: input.history?.length ?? null, catalogs },
		people, teams, domains: domains.sort((x, y) => (x.id < y.id ? -1 : 1)), contracts: contracts.sort((x, y) => (x.id < y.id ? -1 : 1)),
		adrRoots, skipped: dedupeSkipped(skipped), notes,
	};
}

function mergeCandidates(list: InferredTeam['leadCandidates']): InferredTeam['leadCandidates'] {
	const byEmail = new Map<string, InferredTeam['leadCandidates'][number]>();
	for (const c of list) {
		const key = c.email.toLowerCase();
		const entry = byEmail.get(key);
		byEmail.set(key, entry === undefined ? { ...c } : { ...entry, commits: entry.commits + c.commits });
	}
	return [...byEmail.values()].sort((a, b) => b.commits - a.commits || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, 3);
}

function dedupeSkipped(list: readonly SkippedItem[]): SkippedItem[] {
	const seen = new Set<string>();
	return list.filter((item) => {
		const key = `${item.path}\0${item.reason}`;
		return seen.has(key) ? false : (seen.add(key), true);
	}).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.reason < b.reason ? -1 : 1));
}

function catalogApiContracts(catalog: CatalogModel, fileSet: ReadonlySet<string>, domainOf: (f: string) => string | undefined, domainOfLabel: ReadonlyMap<string, string>, taken: Set<string>, skipped: SkippedItem[]): InferredContract[] {
	const contracts: InferredContract[] = [];
	for (const api of catalog.apis) {
		if (!fileSet.has(api.definition)) {
			skipped.push({ path: api.definition, reason: `definition of Backstage API ${api.name} is not a file in the repository; no contract drafted` });
			continue;
		}
		const owner = (api.area !== undefined ? domainOfLabel.get(`bs:${api.area}`) : undefined) ?? domainOf(api.definition);
		if (owner === undefined) {
			skipped.push({ path: api.definition, reason: `Backstage API ${api.name}: no domain owns it; no contract drafted` });
			continue;
		}
		const consumers = [...new Set(api.consumerAreas.map((k) => domainOfLabel.get(`bs:${k}`)).filter((d): d is string => d !== undefined && d !== owner))].sort();
		contracts.push({
			id: uniqueId(slugify(api.name), taken), kind: 'api', format: 'backstage-api', title: api.title, owner, paths: [literalGlob(api.definition)],
			consumers, level: consumers.length > 0 ? 'consumers' : 'owner', adrs: [], evidence: api.evidence,
		});
	}
	return contracts;
}

/** ADR folders, and each record linked to the domains and contracts its text names. */
async function adrs(host: EngineHost, files: readonly string[], fileSet: ReadonlySet<string>, domains: InferredDomain[], contracts: InferredContract[]): Promise<InferredModel['adrRoots']> {
	const adrDirText = fileSet.has('.adr-dir') ? await host.readFile('.adr-dir') : undefined;
	const log4brains = ['.log4brains.yml', '.log4brains.yaml'].find((f) => fileSet.has(f));
	const log4brainsText = log4brains !== undefined ? await host.readFile(log4brains) : undefined;
	const folders = findAdrFolders(files, {
		...(adrDirText !== undefined ? { adrDir: readAdrDir(adrDirText) } : {}),
		...(log4brainsText !== undefined ? { log4brains: readLog4brainsFolder(log4brainsText) } : {}),
	});
	const records = folders.flatMap((f) => f.records).slice(0, maxAdrsRead);
	const names = (words: string[]): RegExp[] => words.filter((w) => w.length >= 4).map((w) => new RegExp(`(?:^|[^a-z0-9-])${w.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^a-z0-9-])`));
	const domainNames = domains.map((d) => ({ d, res: names([d.id, d.title]) }));
	const contractNames = contracts.map((c) => ({ c, res: names([c.id, ...(c.format === 'backstage-api' || !c.title.includes(':') ? [c.title] : []), ...c.paths.filter((p) => !/[*?]/.test(p))]) }));
	for (const record of records) {
		const text = (await host.readFile(record))?.slice(0, 64 * 1024).toLowerCase();
		if (text === undefined) {
			continue;
		}
		domainNames.filter(({ res }) => res.some((re) => re.test(text))).forEach(({ d }) => d.adrs.push(record));
		contractNames.filter(({ res }) => res.some((re) => re.test(text))).forEach(({ c }) => c.adrs.push(record));
	}
	return folders.map((f) => ({ path: f.path, evidence: f.evidence }));
}
