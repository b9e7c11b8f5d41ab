// Contracts detected from what the files are: interface definitions by content, migration
// folders, the CODEOWNERS file, CI workflows, and code other domains import.
import type { ContractKind } from '../guardrails/types';
import { extractImportSpecifiers } from '../imports/importSpecifiers';
import { packageNameOf, probePaths, readTsconfigPaths, resolveImport } from '../imports/modulePaths';
import type { ModuleContext, WorkspacePackage } from '../imports/modulePaths';
import { literalGlob } from './coveringGlobs';
import { detectSpec, isGeneratedPath, looksBinary, mayBeSpec } from './specDetection';
import type { SpecMatch } from './specDetection';
import type { InferredContract, SkippedItem } from './types';

/** What contract detection reads through. */
export interface ContractSources {
	files: readonly string[];
	fileSet: ReadonlySet<string>;
	/** The drafted domain of a file, or undefined. */
	domainOf(file: string): string | undefined;
	/** Text of a file, or undefined when it cannot be read (or is too large). */
	read(file: string): Promise<string | undefined>;
	codeownersFile: string | null;
}

/** Limits that keep a 100,000-file repository quick: the rest is reported, never silently dropped. */
export const contractLimits = { specFiles: 5000, codeFiles: 20000, packages: 2000 };

const vendored = /(?:^|\/)(?:node_modules|vendor|third[_-]party|external|bower_components)\//;
/** Specs and migrations under test and example folders are fixtures, not the repository's contracts. */
const fixtures = /(?:^|\/)(?:tests?|__tests__|fixtures?|testdata|test-data|examples?|samples?|mocks?)\//i;
/** Folder names that say nothing about what a contract is about. */
const genericSegments = new Set(['api', 'apis', 'spec', 'specs', 'schema', 'schemas', 'migrations', 'migrate', 'proto', 'protos', 'db', 'src', 'lib', 'libs', 'graphql', 'openapi', 'swagger', 'versions', 'v1', 'v2', 'v3']);
const migrationDir = /(?:^|\/)(?:migrations|migrate|db\/migrate|alembic\/versions|flyway|liquibase)$/i;
const migrationFile = /\.(?:sql|py|rb|js|ts|go|xml|ya?ml|php|java|kt|cs|exs?)$/i;
const codeFile = /\.(?:[cm]?[jt]sx?)$/;
const ciPaths: readonly { prefix: string; exact: boolean }[] = [
	{ prefix: '.github/workflows/', exact: false }, { prefix: '.gitlab-ci.yml', exact: true }, { prefix: '.gitlab/ci/', exact: false },
	{ prefix: '.circleci/', exact: false }, { prefix: 'Jenkinsfile', exact: true }, { prefix: 'azure-pipelines.yml', exact: true },
	{ prefix: '.buildkite/', exact: false }, { prefix: '.travis.yml', exact: true },
];
const extraProbes = ['.tsx', '.js', '.jsx', '.mjs', '/index.tsx', '/index.js'];

function dirOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

/** A contract id from free text: lower-case words joined by `-`. */
export function slugify(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'item';
}

function majority(files: readonly string[], domainOf: (file: string) => string | undefined): string | undefined {
	const counts = new Map<string, number>();
	for (const file of files) {
		const domain = domainOf(file);
		if (domain !== undefined) {
			counts.set(domain, (counts.get(domain) ?? 0) + 1);
		}
	}
	return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

const formatNames: Record<string, string> = {
	openapi: 'OpenAPI', swagger: 'Swagger', asyncapi: 'AsyncAPI', proto: 'Protocol Buffers', graphql: 'GraphQL schema',
	avro: 'Avro schema', 'json-schema': 'JSON Schema', migrations: 'Database migrations', codeowners: 'CODEOWNERS',
	ci: 'CI workflows', 'shared-code': 'Shared code',
};

interface Draft {
	kind: ContractKind;
	format: string;
	title: string;
	files: string[];
	paths: string[];
	consumers: string[];
	evidence: string;
	/** `info.title` of a single OpenAPI/AsyncAPI document: the best id there is. */
	specTitle?: string;
}

/** Spec files: read by content, grouped per folder and format (one contract for a folder of .proto files). */
async function specDrafts(src: ContractSources, skipped: SkippedItem[]): Promise<Draft[]> {
	const candidates = src.files.filter((file) => mayBeSpec(file) && !vendored.test(file) && !fixtures.test(file));
	// Extensions that are nearly always specs first, so the limit drops the least likely files.
	const rank = (file: string): number => (/\.(?:proto|graphqls?|gql|avsc|avdl)$/i.test(file) ? 0 : /api|spec|schema|swagger|contract/i.test(file) ? 1 : 2);
	const ordered = [...candidates].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
	if (ordered.length > contractLimits.specFiles) {
		skipped.push({ path: `${ordered.length - contractLimits.specFiles} files`, reason: `named like specs but not read (limit ${contractLimits.specFiles})` });
	}
	const groups = new Map<string, { match: SpecMatch; files: string[] }>();
	const reads = ordered.slice(0, contractLimits.specFiles);
	for (let i = 0; i < reads.length; i += 32) {
		const batch = reads.slice(i, i + 32);
		const texts = await Promise.all(batch.map((file) => src.read(file)));
		batch.forEach((file, j) => {
			const text = texts[j];
			if (text === undefined) {
				return;
			}
			if (looksBinary(text)) {
				if (/\.(?:proto|graphqls?|gql|avsc|avdl)$/i.test(file) || /openapi|swagger|asyncapi/i.test(file)) {
					skipped.push({ path: file, reason: 'binary file named like a spec; not a contract' });
				}
				return;
			}
			if (isGeneratedPath(file)) {
				return;
			}
			const match = detectSpec(file, text);
			if (match === undefined) {
				return;
			}
			const key = `${dirOf(file)}\0${match.format}`;
			const group = groups.get(key) ?? { match, files: [] };
			group.files.push(file);
			groups.set(key, group);
		});
	}
	const drafts: Draft[] = [];
	for (const [key, group] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
		const dir = key.split('\0')[0];
		const files = group.files.sort();
		const single = files.length === 1;
		const ext = /\.[A-Za-z0-9]+$/.exec(files[0])?.[0] ?? '';
		const allOfExt = src.files.filter((f) => dirOf(f) === dir && f.endsWith(ext));
		const paths = !single && files.length > 3 && allOfExt.length === files.length ? [`${dir === '' ? '' : `${literalGlob(dir)}/`}*${ext}`] : files.map(literalGlob);
		const name = formatNames[group.match.format];
		const title = single && group.match.title !== undefined ? group.match.title : `${name}: ${single ? files[0] : `${dir || '(root)'} (${files.length} files)`}`;
		drafts.push({
			kind: group.match.kind,
			format: group.match.format,
			title,
			files,
			paths,
			consumers: [],
			evidence: single ? `${group.match.evidence} in ${files[0]}` : `${files.length} files: ${group.match.evidence}`,
			...(single && group.match.title !== undefined ? { specTitle: group.match.title } : {}),
		});
	}
	return drafts;
}

/** A program's entry point: `main.go`, `__main__.py`, `main.rs`, `main.ts`... */
const programEntry = /^(?:main\.[a-z]+|__main__\.py)$/i;

/**
 * A `migrate` folder that is a program (prometheus' `promql/promqltest/cmd/migrate/main.go`) runs
 * migrations or converts files; it is not a folder of migrations. Go commands live under `cmd/`.
 */
function isMigrationTool(dir: string, files: readonly string[]): boolean {
	return dir.split('/').includes('cmd') || files.some((file) => file.slice(0, file.lastIndexOf('/')) === dir && programEntry.test(file.slice(dir.length + 1)));
}

function migrationDrafts(src: ContractSources): Draft[] {
	const dirs = new Map<string, string[]>();
	for (const file of src.files) {
		if (vendored.test(file) || fixtures.test(file) || !migrationFile.test(file)) {
			continue;
		}
		// The outermost migrations folder on the path claims the file.
		const parts = file.split('/');
		for (let i = 1; i < parts.length; i++) {
			const dir = parts.slice(0, i).join('/');
			if (migrationDir.test(dir)) {
				const list = dirs.get(dir) ?? [];
				list.push(file);
				dirs.set(dir, list);
				break;
			}
		}
	}
	return [...dirs.entries()].filter(([dir, files]) => !isMigrationTool(dir, files)).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([dir, files]) => ({
		kind: 'data-model' as const,
		format: 'migrations',
		title: `Database migrations: ${dir}`,
		files,
		paths: [`${literalGlob(dir)}/**`],
		consumers: [],
		evidence: `migration folder, ${files.length} file${files.length === 1 ? '' : 's'}`,
	}));
}

function repositoryDrafts(src: ContractSources): Draft[] {
	const drafts: Draft[] = [];
	if (src.codeownersFile !== null && src.fileSet.has(src.codeownersFile)) {
		drafts.push({ kind: 'other', format: 'codeowners', title: 'Code review ownership (CODEOWNERS)', files: [src.codeownersFile], paths: [literalGlob(src.codeownersFile)], consumers: [], evidence: 'the CODEOWNERS file decides who reviews every change' });
	}
	const ci: string[] = [];
	const ciPatterns: string[] = [];
	for (const { prefix, exact } of ciPaths) {
		const matched = src.files.filter((file) => (exact ? file === prefix : file.startsWith(prefix)));
		if (matched.length > 0) {
			ci.push(...matched);
			ciPatterns.push(exact ? prefix : `${prefix}**`);
		}
	}
	if (ci.length > 0) {
		drafts.push({ kind: 'infrastructure-pattern', format: 'ci', title: 'CI workflows', files: ci, paths: ciPatterns, consumers: [], evidence: `${ci.length} CI file${ci.length === 1 ? '' : 's'} (${ciPatterns.join(', ')})` });
	}
	return drafts;
}

/** Module resolution context from the root tsconfig and every package.json's `name`. */
async function moduleContext(src: ContractSources): Promise<ModuleContext> {
	const packages: WorkspacePackage[] = [];
	const manifests = src.files.filter((f) => /(?:^|\/)package\.json$/.test(f) && !vendored.test(f)).slice(0, contractLimits.packages);
	for (const manifest of manifests) {
		const text = await src.read(manifest);
		const name = text === undefined ? undefined : packageNameOf(text);
		const dir = dirOf(manifest);
		if (name !== undefined && dir !== '') {
			packages.push({ name, dir });
		}
	}
	const tsconfigFile = ['tsconfig.base.json', 'tsconfig.json'].find((f) => src.fileSet.has(f));
	const tsconfigText = tsconfigFile === undefined ? undefined : await src.read(tsconfigFile);
	const tsconfig = tsconfigText === undefined ? undefined : readTsconfigPaths(tsconfigText);
	return { packages, ...(tsconfig !== undefined ? { tsconfig } : {}) };
}

/**
 * Shared code: folders whose TS/JS files another domain imports (relative paths, workspace
 * package names, tsconfig paths). The area is the workspace package when the target is in one,
 * else the target's folder; its consumers are the importing domains.
 */
async function sharedCodeDrafts(src: ContractSources, skipped: SkippedItem[]): Promise<Draft[]> {
	const code = src.files.filter((f) => codeFile.test(f) && !vendored.test(f) && !isGeneratedPath(f) && src.domainOf(f) !== undefined);
	if (code.length === 0) {
		return [];
	}
	if (code.length > contractLimits.codeFiles) {
		skipped.push({ path: `${code.length - contractLimits.codeFiles} TS/JS files`, reason: `not scanned for cross-domain imports (limit ${contractLimits.codeFiles})` });
	}
	const context = await moduleContext(src);
	const packageDirs = [...context.packages].map((p) => p.dir).sort((a, b) => b.length - a.length);
	const areaOf = (target: string): string => packageDirs.find((dir) => target.startsWith(`${dir}/`)) ?? dirOf(target);
	const areas = new Map<string, { targets: Set<string>; consumers: Set<string>; importers: number }>();
	const scanned = code.slice(0, contractLimits.codeFiles);
	for (let i = 0; i < scanned.length; i += 32) {
		const batch = scanned.slice(i, i + 32);
		const texts = await Promise.all(batch.map((file) => src.read(file)));
		batch.forEach((file, j) => {
			const text = texts[j];
			if (text === undefined || looksBinary(text)) {
				return;
			}
			const from = src.domainOf(file)!;
			for (const spec of extractImportSpecifiers(text)) {
				for (const candidate of resolveImport(spec.specifier, file, context)) {
					// A package imported by name resolves to its folder: its package.json stands for it.
					const target = [...probePaths(candidate), ...extraProbes.map((p) => `${candidate}${p}`)].find((p) => src.fileSet.has(p))
						?? (packageDirs.includes(candidate) ? `${candidate}/package.json` : undefined);
					const owner = target === undefined ? undefined : src.domainOf(target);
					if (target === undefined || owner === undefined || owner === from) {
						continue;
					}
					const area = areaOf(target);
					const entry = areas.get(area) ?? { targets: new Set(), consumers: new Set(), importers: 0 };
					entry.targets.add(target);
					entry.consumers.add(from);
					entry.importers++;
					areas.set(area, entry);
					break;
				}
			}
		});
	}
	return [...areas.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([area, entry]) => ({
		kind: 'api' as const,
		format: 'shared-code',
		title: `Shared code: ${area || '(root)'}`,
		files: [...entry.targets].sort(),
		paths: [area === '' ? [...entry.targets].sort().map(literalGlob) : [`${literalGlob(area)}/**`]].flat(),
		consumers: [...entry.consumers].sort(),
		evidence: `imported ${entry.importers} time${entry.importers === 1 ? '' : 's'} from ${entry.consumers.size} other domain${entry.consumers.size === 1 ? '' : 's'} (${[...entry.consumers].sort().join(', ')})`,
	}));
}

/** `openapi-payments`, `migrations-ledger`, `shared-ui-kit`: the format and the most telling folder or file name. */
function contractId(draft: Draft): string {
	if (draft.format === 'ci' || draft.format === 'codeowners') {
		return draft.format;
	}
	if (draft.specTitle !== undefined) {
		return slugify(draft.specTitle);
	}
	const first = draft.files[0] ?? '';
	const segments = first.split('/');
	const stem = (segments.pop() ?? '').replace(/\.[^.]*$/, '');
	const telling = [...segments].reverse().find((s) => !genericSegments.has(s.toLowerCase()));
	const prefix = draft.format === 'shared-code' ? 'shared' : draft.format;
	const name = draft.format === 'shared-code' || draft.format === 'migrations' || draft.files.length > 1 ? (telling ?? 'root')
		: genericSegments.has(stem.toLowerCase()) || stem.toLowerCase() === draft.format ? (telling ?? stem) : stem;
	return slugify(`${prefix}-${name === 'root' && draft.format === 'migrations' ? (segments.find((s) => !/^migrat/i.test(s)) ?? name) : name}`);
}

/**
 * Every contract the files reveal, each owned by the domain of most of its files. A contract
 * whose files are in no domain is skipped with the reason, since a contract needs an owner.
 */
export async function detectContracts(src: ContractSources, taken: Set<string>): Promise<{ contracts: InferredContract[]; skipped: SkippedItem[] }> {
	const skipped: SkippedItem[] = [];
	const drafts = [
		...(await specDrafts(src, skipped)),
		...migrationDrafts(src),
		...repositoryDrafts(src),
		...(await sharedCodeDrafts(src, skipped)),
	];
	const contracts: InferredContract[] = [];
	for (const draft of drafts) {
		const owner = majority(draft.files, src.domainOf);
		if (owner === undefined) {
			skipped.push({ path: draft.paths.join(', '), reason: `${formatNames[draft.format]} contract not drafted: no domain owns its files` });
			continue;
		}
		const base = contractId(draft);
		let id = base;
		for (let n = 2; taken.has(id); n++) {
			id = `${base}-${n}`;
		}
		taken.add(id);
		const consumers = draft.consumers.filter((c) => c !== owner);
		contracts.push({
			id,
			kind: draft.kind,
			format: draft.format,
			title: draft.title,
			owner,
			paths: draft.paths,
			consumers,
			level: consumers.length > 0 ? 'consumers' : 'owner',
			adrs: [],
			evidence: draft.evidence,
		});
	}
	return { contracts, skipped };
}
