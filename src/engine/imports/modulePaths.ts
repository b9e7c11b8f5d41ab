// Resolves an import specifier to the repository-relative path it points at, the way the
// TypeScript compiler would for the three forms a monorepo uses across domains: relative paths,
// tsconfig `paths` aliases and workspace packages by their package.json `name`.
// Pure: no vscode, no Node built-ins; all file knowledge is passed in.

import { parseJsonc } from './jsonc';
import { resolveDotSegments } from '../paths';

/** `compilerOptions.paths` of a tsconfig, with its targets made repository-relative. */
export interface TsconfigPaths {
	/** Pattern (`@ledger/*`, `@acme/customer-model`) to repository-relative targets (`libs/ledger/*`). */
	paths: Map<string, string[]>;
}

/** A workspace package: its package.json `name` and its repository-relative directory. */
export interface WorkspacePackage {
	name: string;
	dir: string;
}

/** What the resolver knows about the repository. */
export interface ModuleContext {
	tsconfig?: TsconfigPaths;
	/** Workspace packages; on a name clash the first wins. */
	packages: readonly WorkspacePackage[];
}

function dirname(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

function joinRepo(dir: string, rest: string): string | undefined {
	return resolveDotSegments(dir === '' ? rest : `${dir}/${rest}`);
}

/**
 * Reads `compilerOptions.baseUrl` and `compilerOptions.paths` from tsconfig text (comments and
 * trailing commas allowed). `tsconfigDir` is the repository-relative directory of the tsconfig.
 * Targets are resolved against baseUrl (or the tsconfig's directory, as TypeScript 4.1+ does).
 */
export function readTsconfigPaths(text: string, tsconfigDir = ''): TsconfigPaths | undefined {
	const json = parseJsonc(text);
	if (typeof json !== 'object' || json === null) {
		return undefined;
	}
	const options = (json as Record<string, unknown>).compilerOptions;
	if (typeof options !== 'object' || options === null) {
		return undefined;
	}
	const { baseUrl, paths } = options as Record<string, unknown>;
	const base = joinRepo(tsconfigDir, typeof baseUrl === 'string' ? baseUrl : '.') ?? '';
	const result = new Map<string, string[]>();
	if (typeof paths === 'object' && paths !== null) {
		for (const [pattern, targets] of Object.entries(paths as Record<string, unknown>)) {
			if (!Array.isArray(targets)) {
				continue;
			}
			const resolved: string[] = [];
			for (const target of targets) {
				if (typeof target !== 'string') {
					continue;
				}
				const joined = joinRepo(base, target);
				if (joined !== undefined) {
					resolved.push(joined);
				}
			}
			result.set(pattern, resolved);
		}
	}
	return { paths: result };
}

/**
 * Repository-relative candidates for a specifier through tsconfig `paths`. As in TypeScript, an
 * exact pattern beats a wildcard one, and of the wildcard patterns the longest prefix wins.
 */
export function resolveTsconfigPaths(specifier: string, tsconfig: TsconfigPaths): string[] {
	const exact = tsconfig.paths.get(specifier);
	if (exact !== undefined) {
		return exact;
	}
	let best: { prefixLength: number; star: string; targets: string[] } | undefined;
	for (const [pattern, targets] of tsconfig.paths) {
		const star = pattern.indexOf('*');
		if (star < 0 || pattern.indexOf('*', star + 1) >= 0) {
			continue;
		}
		const prefix = pattern.slice(0, star);
		const suffix = pattern.slice(star + 1);
		if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
			if (best === undefined || prefix.length > best.prefixLength) {
				best = { prefixLength: prefix.length, star: specifier.slice(prefix.length, specifier.length - suffix.length), targets };
			}
		}
	}
	if (best === undefined) {
		return [];
	}
	const captured = best.star;
	return best.targets.map((target) => target.replace('*', captured));
}

/** The `name` field of a package.json text, or undefined. */
export function packageNameOf(text: string): string | undefined {
	const json = parseJsonc(text);
	if (typeof json !== 'object' || json === null) {
		return undefined;
	}
	const name = (json as Record<string, unknown>).name;
	return typeof name === 'string' && name.length > 0 ? name : undefined;
}

/**
 * Where an import points, as repository-relative candidate paths (most likely first), or an empty
 * list for modules outside the repository (`node:fs`, `react`). `fromFile` is the importing file.
 * Candidates may lack an extension or name a directory: callers try each against their globs.
 */
export function resolveImport(specifier: string, fromFile: string, context: ModuleContext): string[] {
	if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
		const joined = joinRepo(dirname(fromFile), specifier);
		return joined === undefined || joined === '' ? [] : [joined];
	}
	if (specifier.startsWith('/') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(specifier)) {
		// Absolute file paths and URL-like specifiers (node:, http:) never name a repository file.
		return [];
	}
	if (context.tsconfig !== undefined) {
		const mapped = resolveTsconfigPaths(specifier, context.tsconfig);
		if (mapped.length > 0) {
			return mapped;
		}
	}
	for (const pkg of context.packages) {
		if (specifier === pkg.name) {
			return [pkg.dir];
		}
		if (specifier.startsWith(`${pkg.name}/`)) {
			const joined = joinRepo(pkg.dir, specifier.slice(pkg.name.length + 1));
			return joined === undefined ? [] : [joined];
		}
	}
	return [];
}

/**
 * The paths to test against domain globs for one candidate: the candidate itself, then the
 * files TypeScript would pick for an extensionless path or a directory, so `libs/ledger` falls
 * in a domain declared as `libs/ledger/**`.
 */
export function probePaths(candidate: string): string[] {
	if (/\.[cm]?[jt]sx?$/.test(candidate) || candidate.endsWith('.json')) {
		return [candidate];
	}
	return [candidate, `${candidate}.ts`, `${candidate}/index.ts`];
}
