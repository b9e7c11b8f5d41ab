// Reads Backstage catalog descriptors (`catalog-info.yaml`, several documents per file) as plain
// data. Catalogs come from the repository, so they are treated as hostile: a size limit, an alias
// limit (alias bombs), a document limit, and `$text` references that must stay in the repository.
import { parseAllDocuments } from 'yaml';
import { resolveDotSegments } from '../paths';
import type { SkippedItem } from './types';

/** Larger catalog files are skipped: real ones are a few kilobytes. */
export const maxCatalogBytes = 512 * 1024;
const maxDocuments = 500;
const maxAliases = 50;

/** The kinds the draft uses; the other well-known kinds are read and ignored. */
const usedKinds = new Set(['component', 'api', 'system', 'domain', 'group', 'user']);
const ignoredKinds = new Set(['location', 'resource', 'template']);

/** One catalog entity, reduced to the fields the draft needs. Refs are lower-case names. */
export interface CatalogEntity {
	kind: 'component' | 'api' | 'system' | 'domain' | 'group' | 'user';
	name: string;
	title?: string;
	/** Catalog file and the folder it sits in. */
	file: string;
	dir: string;
	line: number;
	owner?: string;
	system?: string;
	domain?: string;
	parent?: string;
	members: string[];
	providesApis: string[];
	consumesApis: string[];
	/** Repository-relative definition file of an API (from `$text`, `$openapi`, `$asyncapi`). */
	definition?: string;
	email?: string;
}

/** File names Backstage discovers by convention. */
export function isCatalogFile(path: string): boolean {
	return /(?:^|\/)catalog-info\.ya?ml$/i.test(path);
}

/** `group:default/payments` → `payments`; the kind and namespace are dropped, case folded. */
export function entityName(ref: unknown): string | undefined {
	if (typeof ref !== 'string' || ref.trim() === '') {
		return undefined;
	}
	const noKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
	const name = noKind.includes('/') ? noKind.slice(noKind.lastIndexOf('/') + 1) : noKind;
	return name.trim().toLowerCase() || undefined;
}

function record(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function names(value: unknown): string[] {
	return Array.isArray(value) ? value.map(entityName).filter((n): n is string => n !== undefined) : [];
}

function str(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The definition file of an API, or the reason it cannot be used. */
function definitionPath(definition: unknown, dir: string): { path?: string; reason?: string } {
	if (typeof definition === 'string') {
		return { reason: 'its definition is inline in the catalog, not a file of its own' };
	}
	const ref = record(definition);
	const target = str(ref.$text) ?? str(ref.$openapi) ?? str(ref.$asyncapi) ?? str(ref.$json) ?? str(ref.$yaml);
	if (target === undefined) {
		return { reason: 'it has no definition file' };
	}
	if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(target) || target.startsWith('/')) {
		return { reason: `its definition ${JSON.stringify(target.slice(0, 80))} is outside the repository` };
	}
	const path = resolveDotSegments(dir === '' ? target : `${dir}/${target}`);
	if (path === undefined || path === '') {
		return { reason: `its definition ${JSON.stringify(target.slice(0, 80))} leaves the repository` };
	}
	return { path };
}

/**
 * Parses one catalog file into entities. Never throws: a file that is too large, has a YAML
 * error, expands too many aliases or has too many documents is skipped as a whole; an entity of
 * an unknown kind, without a name, or with an API definition outside the repository is skipped
 * alone. Every skip comes back with its reason.
 */
export function parseCatalog(file: string, text: string): { entities: CatalogEntity[]; skipped: SkippedItem[] } {
	const skipped: SkippedItem[] = [];
	const entities: CatalogEntity[] = [];
	if (text.length > maxCatalogBytes) {
		return { entities, skipped: [{ path: file, reason: `Backstage catalog larger than ${maxCatalogBytes / 1024} KB; not read` }] };
	}
	if (text.includes('\u0000')) {
		return { entities, skipped: [{ path: file, reason: 'binary file named like a Backstage catalog; not read' }] };
	}
	const slash = file.lastIndexOf('/');
	const dir = slash < 0 ? '' : file.slice(0, slash);
	let values: { value: unknown; line: number }[];
	try {
		const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, version: '1.2', logLevel: 'silent' });
		const docs = Array.isArray(parsed) ? parsed : [];
		if (docs.length > maxDocuments) {
			return { entities, skipped: [{ path: file, reason: `more than ${maxDocuments} documents; not read` }] };
		}
		const broken = docs.find((doc) => doc.errors.length > 0);
		if (broken !== undefined) {
			const error = broken.errors[0];
			const line = error.linePos?.[0].line ?? (error.pos !== undefined ? lineOf(text, error.pos[0]) : undefined);
			return { entities, skipped: [{ path: file, reason: `YAML error${line !== undefined ? ` at line ${line}` : ''}: ${error.message.split('\n')[0]}` }] };
		}
		values = docs.map((doc) => ({
			value: doc.toJS({ maxAliasCount: maxAliases }) as unknown,
			line: doc.contents?.range ? lineOf(text, doc.contents.range[0]) : 1,
		}));
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return { entities, skipped: [{ path: file, reason: `not read: ${message.split('\n')[0]}` }] };
	}
	for (const { value, line } of values) {
		if (value === null || value === undefined) {
			continue;
		}
		const doc = record(value);
		const kind = str(doc.kind)?.toLowerCase();
		const metadata = record(doc.metadata);
		const spec = record(doc.spec);
		const name = entityName(metadata.name);
		const where = `${file}:${line}`;
		if (kind === undefined || (!usedKinds.has(kind) && !ignoredKinds.has(kind))) {
			skipped.push({ path: where, reason: `unknown Backstage kind ${JSON.stringify(String(doc.kind ?? '(none)').slice(0, 40))}; skipped` });
			continue;
		}
		if (ignoredKinds.has(kind)) {
			continue;
		}
		if (name === undefined) {
			skipped.push({ path: where, reason: `${kind} entity without metadata.name; skipped` });
			continue;
		}
		const profile = record(spec.profile);
		const entity: CatalogEntity = {
			kind: kind as CatalogEntity['kind'],
			name,
			title: str(metadata.title) ?? str(profile.displayName),
			file,
			dir,
			line,
			owner: entityName(spec.owner),
			system: entityName(spec.system),
			domain: entityName(spec.domain),
			parent: entityName(spec.parent),
			members: names(spec.members),
			providesApis: names(spec.providesApis),
			consumesApis: names(spec.consumesApis),
			email: str(profile.email),
		};
		if (kind === 'api') {
			const definition = definitionPath(spec.definition, dir);
			if (definition.path === undefined) {
				skipped.push({ path: where, reason: `API ${name}: ${definition.reason ?? 'no definition'}; no contract drafted` });
			} else {
				entity.definition = definition.path;
			}
		}
		entities.push(entity);
	}
	return { entities, skipped };
}

function lineOf(text: string, offset: number): number {
	let line = 1;
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
		}
	}
	return line;
}
