import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../../schemas/guardrails.schema.json';
import type { Problem, Severity, Source } from '../types';
import { replacementCharacterProblem } from '../encoding';
import { braceExpansionCount, maxBraceExpansions, maxGlobLength } from './domainIndex';
import { readBoundaryRules } from './boundaryRules';
import type {
	AdrRequirement,
	Contract,
	ContractKind,
	Domain,
	Forum,
	GuardrailsConfig,
	Person,
	ReviewLevel,
	Team,
} from './types';
import { expandAlias, staysInRepository } from './references';

// Kept importable from here; they live apart so that answering needs no YAML or JSON Schema code.
export { expandAlias, staysInRepository };

/** ADR folders used when `adrs.roots` is not set. */
export const defaultAdrRoots: readonly string[] = ['docs/adr', 'doc/adr', 'docs/decisions'];

const contractKinds: readonly ContractKind[] = ['api', 'data-model', 'security-standard', 'infrastructure-pattern', 'other'];
const reviewLevels: readonly Exclude<ReviewLevel, 'none'>[] = ['notify', 'owner', 'consumers', 'architecture'];
const adrRequirements: readonly AdrRequirement[] = ['required', 'recommended', 'none'];
const severities: readonly Severity[] = ['info', 'warning', 'error'];

interface Range {
	line: number;
	column: number;
	endLine: number;
	endColumn: number;
}

let compiledValidator: ValidateFunction | undefined;

/** Compiles the JSON Schema once, on first use: ajv generates code, which is too slow to repeat per parse. */
function validator(): ValidateFunction {
	if (!compiledValidator) {
		const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
		compiledValidator = ajv.compile(schema);
	}
	return compiledValidator;
}

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

function strList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function handlesOf(value: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (isObject(value)) {
		for (const [host, handle] of Object.entries(value)) {
			if (typeof handle === 'string') {
				out[host] = handle;
			}
		}
	}
	return out;
}

/** Entries of an id map, without `x-` extension keys. */
function entries(value: unknown): [string, unknown][] {
	return isObject(value) ? Object.entries(value).filter(([key]) => !key.startsWith('x-')) : [];
}

/** Joins key segments into the dotted key path used by `sources` (`domains.payments.paths.0`). */
function keyPath(segments: readonly (string | number)[]): string {
	return segments.map((s) => String(s)).join('.');
}

/**
 * Records the position of every node under its key path, so later checks can point at the exact
 * line without walking the YAML tree again.
 */
function collectPositions(doc: Document, lineCounter: LineCounter): { ranges: Map<string, Range>; keyRanges: Map<string, Range> } {
	const ranges = new Map<string, Range>();
	const keyRanges = new Map<string, Range>();
	const rangeOf = (node: Node | null | undefined): Range | undefined => {
		if (!node || !node.range) {
			return undefined;
		}
		const start = lineCounter.linePos(node.range[0]);
		const end = lineCounter.linePos(node.range[1]);
		return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
	};
	const walk = (node: unknown, path: (string | number)[]): void => {
		if (isMap(node)) {
			for (const pair of node.items) {
				const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
				const childPath = [...path, key];
				const keyRange = rangeOf(pair.key as Node);
				const valueRange = rangeOf(pair.value as Node) ?? keyRange;
				const id = keyPath(childPath);
				if (keyRange) {
					keyRanges.set(id, keyRange);
				}
				const chosen = isScalar(pair.value) ? valueRange : keyRange;
				if (chosen) {
					ranges.set(id, chosen);
				}
				walk(pair.value, childPath);
			}
		} else if (isSeq(node)) {
			node.items.forEach((item, i) => {
				const range = rangeOf(item as Node);
				if (range) {
					ranges.set(keyPath([...path, i]), range);
					keyRanges.set(keyPath([...path, i]), range);
				}
				walk(item, [...path, i]);
			});
		}
	};
	walk(doc.contents, []);
	return { ranges, keyRanges };
}

function levenshtein(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let previous = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const current = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = current;
		}
	}
	return row[b.length];
}

function suggestion(key: string, allowed: readonly string[]): string {
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of allowed) {
		const distance = levenshtein(key.toLowerCase(), candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function pointerSegments(pointer: string): string[] {
	if (pointer === '') {
		return [];
	}
	return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Builder state shared by the section readers. */
class ConfigReader {
	readonly problems: Problem[] = [];
	readonly sources = new Map<string, Source>();

	constructor(
		readonly file: string,
		private readonly ranges: Map<string, Range>,
		private readonly keyRanges: Map<string, Range>,
	) {
		for (const [path, range] of ranges) {
			this.sources.set(path, { file, line: range.line, column: range.column, detail: path });
		}
	}

	/** The position of a key path, falling back to its nearest ancestor, then the top of the file. */
	range(path: string, key = false): Range {
		const map = key ? this.keyRanges : this.ranges;
		let current = path;
		for (;;) {
			const found = map.get(current) ?? this.ranges.get(current);
			if (found) {
				return found;
			}
			const dot = current.lastIndexOf('.');
			if (dot < 0) {
				return { line: 1, column: 1, endLine: 1, endColumn: 1 };
			}
			current = current.slice(0, dot);
		}
	}

	source(path: string): Source {
		const r = this.range(path, true);
		return { file: this.file, line: r.line, column: r.column, detail: path };
	}

	report(code: string, severity: Severity, path: string, message: string, key = false): void {
		const r = this.range(path, key);
		this.problems.push({ code, severity, file: this.file, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, message });
	}
}

function schemaProblem(reader: ConfigReader, error: ErrorObject): void {
	const segments = pointerSegments(error.instancePath);
	const where = segments.length > 0 ? segments.join('.') : 'the top level';
	const path = keyPath(segments);
	switch (error.keyword) {
		case 'additionalProperties': {
			const key = String((error.params as { additionalProperty: string }).additionalProperty);
			const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
			const allowed = Object.keys(parent?.properties ?? {});
			reader.report('unknown-key', 'error', keyPath([...segments, key]), `Unknown key "${key}" in ${where}${suggestion(key, allowed)}; only the documented keys and x- extensions are allowed.`, true);
			return;
		}
		case 'required': {
			const missing = String((error.params as { missingProperty: string }).missingProperty);
			reader.report('missing-key', 'error', path, `${where} needs "${missing}".`, true);
			return;
		}
		case 'type':
			reader.report('invalid-type', 'error', path, `${where} must be ${String((error.params as { type: string }).type)}.`);
			return;
		case 'enum': {
			const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => String(v));
			reader.report('invalid-value', 'error', path, `${where} must be one of ${allowed.join(', ')}${suggestion(String(error.data), allowed)}.`);
			return;
		}
		case 'const':
			if (path === 'version') {
				reader.report('unsupported-version', 'error', path, `Unsupported version ${JSON.stringify(error.data)}; only version 1 exists.`);
			} else {
				reader.report('invalid-value', 'error', path, `${where} ${error.message ?? 'is invalid'}.`);
			}
			return;
		case 'minItems':
			reader.report('empty-list', 'error', path, `${where} must not be empty.`);
			return;
		default:
			reader.report('invalid-value', 'error', path, `${where} ${error.message ?? 'is invalid'}.`);
	}
}

function emptyConfig(file: string): GuardrailsConfig {
	return {
		file,
		version: 1,
		people: new Map(),
		teams: new Map(),
		aliases: new Map(),
		domains: new Map(),
		contracts: new Map(),
		forum: null,
		adrRoots: [...defaultAdrRoots],
		problems: [],
		sources: new Map(),
	};
}

/** Offsets where lines start (after every LF). */
function lineStartsOf(text: string): number[] {
	const starts = [0];
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
		starts.push(i + 1);
	}
	return starts;
}

/**
 * Parses guardrails.yaml (or guardrails.json: JSON is YAML 1.2) into a config and its problems.
 * Never throws: YAML syntax errors, schema violations (unknown non-`x-` keys, wrong types, bad
 * enums) and unresolved references become problems with 1-based positions, and the valid part is
 * kept so a broken config never disables more than the broken entries.
 */
export function parseGuardrails(text: string, file: string): GuardrailsConfig {
	const config = emptyConfig(file);
	const lineCounter = new LineCounter();
	// Editors do not show a BOM, so positions count from after it. YAML 1.2 and editors end a line
	// at a lone CR but the yaml lexer does not (it would read `1\r# note` as one scalar): turn lone
	// CRs into LFs, which keeps every offset.
	const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r(?!\n)/g, '\n');
	let doc: Document;
	try {
		doc = parseDocument(body, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', logLevel: 'error' });
	} catch (error) {
		config.problems.push({ code: 'yaml-syntax', severity: 'error', file, line: 1, column: 1, message: `Cannot read the file: ${String(error)}` });
		return config;
	}
	// The lexer misses the LFs inside scalars it recovers from after a syntax error, which pushes
	// later positions past the end of their line: count the lines ourselves.
	lineCounter.lineStarts = lineStartsOf(body);
	const { ranges, keyRanges } = collectPositions(doc, lineCounter);
	const reader = new ConfigReader(file, ranges, keyRanges);
	for (const error of doc.errors) {
		const start = lineCounter.linePos(error.pos[0]);
		const end = lineCounter.linePos(error.pos[1]);
		const code = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
		const message = error.message.split('\n')[0];
		reader.problems.push({ code, severity: 'error', file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col, message });
	}
	const encoding = replacementCharacterProblem(body, file);
	if (encoding !== undefined) {
		reader.problems.push(encoding);
	}
	for (const warning of doc.warnings) {
		const start = lineCounter.linePos(warning.pos[0]);
		reader.problems.push({ code: 'yaml-warning', severity: 'warning', file, line: start.line, column: start.col, message: warning.message.split('\n')[0] });
	}
	let data: unknown;
	let refused = false;
	try {
		data = doc.toJS({ maxAliasCount: 1000 });
	} catch (error) {
		reader.problems.push({ code: 'yaml-syntax', severity: 'error', file, line: 1, column: 1, message: `Cannot read the document: ${String(error)}` });
		data = undefined;
		refused = true;
	}
	if (data === undefined || data === null) {
		// A refused document (an alias bomb) is not an empty one.
		if (doc.errors.length === 0 && !refused) {
			reader.report('empty-config', 'error', '', 'The file is empty; it needs at least "version: 1".');
		}
		config.problems = reader.problems;
		config.sources = reader.sources;
		return config;
	}
	const validate = validator();
	if (!validate(data)) {
		for (const error of validate.errors ?? []) {
			schemaProblem(reader, error);
		}
	}
	if (!isObject(data)) {
		config.problems = reader.problems;
		config.sources = reader.sources;
		return config;
	}
	config.version = typeof data.version === 'number' ? data.version : 1;
	readConfig(data, config, reader);
	resolveReferences(config, reader);
	config.boundaries = readBoundaryRules(data, config, reader);
	config.problems = reader.problems;
	config.sources = reader.sources;
	return config;
}

function readConfig(data: Raw, config: GuardrailsConfig, reader: ConfigReader): void {
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

function resolveReferences(config: GuardrailsConfig, reader: ConfigReader): void {
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
