// Resolves one extracted import to the repository file it reaches, per language, the way the
// language's own tooling would for code inside one repository. Pure: no vscode, no Node built-ins.

import { resolveDotSegments } from '../paths';
import { resolveImport } from './modulePaths';
import type { RepoModules } from './repoModules';
import type { SourceImport } from './types';

/** Where an import leads: a repository file, or why it does not. */
export type ImportTarget =
	| { kind: 'file'; path: string }
	/** A third-party or standard-library module: not the repository's business. */
	| { kind: 'external' }
	/** A relative import that climbs above the repository root. */
	| { kind: 'outside' }
	/** Looks like a repository module, but no file matches. */
	| { kind: 'unresolved' };

const tsExtensions = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

function dirname(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

/** Build output folders whose sources sit in `src/` (a package's `main: lib/index.js`, `@pkg/dist/x`). */
const buildOutputDirs = new Set(['lib', 'dist', 'build', 'out', 'esm', 'cjs']);

/**
 * The source path of a path into build output that is not in the repository: the first `lib/`,
 * `dist/`, `build/`, `out/`, `esm/` or `cjs/` segment becomes `src/`, and `.d.ts` becomes `.ts`.
 * Monorepos point `main` and deep imports at the compiled files, which only exist after a build.
 */
function sourceOfBuildOutput(candidate: string): string | undefined {
	const segments = candidate.split('/');
	const at = segments.findIndex((segment) => buildOutputDirs.has(segment));
	if (at < 0) {
		return undefined;
	}
	segments[at] = 'src';
	return segments.join('/').replace(/\.d\.ts$/, '.ts');
}

/** The file TypeScript picks for a candidate path: itself, with an extension, `.js` written for `.ts`, or the directory's entry. */
function tsFile(candidate: string, modules: RepoModules, depth = 0): string | undefined {
	const found = tsFileAsWritten(candidate, modules, depth);
	if (found !== undefined || depth > 1) {
		return found;
	}
	const source = sourceOfBuildOutput(candidate);
	return source === undefined ? undefined : tsFileAsWritten(source, modules, 2);
}

function tsFileAsWritten(candidate: string, modules: RepoModules, depth: number): string | undefined {
	if (modules.files.has(candidate)) {
		return candidate;
	}
	for (const ext of tsExtensions) {
		if (modules.files.has(candidate + ext)) {
			return candidate + ext;
		}
	}
	const js = /\.([cm]?)jsx?$/.exec(candidate);
	if (js) {
		const stem = candidate.slice(0, -js[0].length);
		for (const ext of [`.${js[1]}ts`, `.${js[1]}tsx`, '.d.ts']) {
			if (modules.files.has(stem + ext)) {
				return stem + ext;
			}
		}
	}
	if (modules.dirs.has(candidate)) {
		const entry = modules.packageEntries.get(candidate);
		if (entry !== undefined && depth === 0) {
			const found = tsFile(entry, modules, 1);
			if (found !== undefined) {
				return found;
			}
		}
		for (const index of [`${candidate}/index`, `${candidate}/src/index`]) {
			for (const ext of tsExtensions) {
				if (modules.files.has(`${index}${ext}`)) {
					return `${index}${ext}`;
				}
			}
		}
		return modules.dirs.get(candidate);
	}
	return undefined;
}

function resolveTypeScript(imp: SourceImport, fromFile: string, modules: RepoModules): ImportTarget {
	const spec = imp.specifier;
	if (spec.startsWith('.')) {
		const joined = resolveDotSegments(`${dirname(fromFile)}/${spec}`);
		if (joined === undefined) {
			return { kind: 'outside' };
		}
	}
	const candidates = resolveImport(spec, fromFile, modules.ts);
	if (candidates.length === 0) {
		return spec.startsWith('.') ? { kind: 'unresolved' } : { kind: 'external' };
	}
	for (const candidate of candidates) {
		const file = tsFile(candidate, modules);
		if (file !== undefined) {
			return { kind: 'file', path: file };
		}
	}
	return { kind: 'unresolved' };
}

/** The file of a Python module under one root: `a/b.py`, `a/b/__init__.py`, or a namespace package directory. */
function pythonModuleFile(root: string, dotted: string, modules: RepoModules): string | undefined {
	const rel = dotted.split('.').join('/');
	const base = root === '' ? rel : `${root}/${rel}`;
	for (const candidate of [`${base}.py`, `${base}.pyi`, `${base}/__init__.py`, `${base}/__init__.pyi`]) {
		if (modules.files.has(candidate)) {
			return candidate;
		}
	}
	// A directory without __init__.py is a namespace package (PEP 420); stand for it by its first file.
	return modules.dirs.get(base);
}

/** The targets of a Python import: a `from` import's names that are submodules, else the module itself. */
function resolvePython(imp: SourceImport, fromFile: string, modules: RepoModules): ImportTarget[] {
	const spec = imp.specifier;
	const dots = /^\.*/.exec(spec)?.[0].length ?? 0;
	const name = spec.slice(dots);
	let roots: readonly string[];
	if (dots > 0) {
		let dir: string | undefined = dirname(fromFile);
		for (let up = 1; up < dots; up++) {
			if (dir === '') {
				return [{ kind: 'outside' }];
			}
			dir = dirname(dir);
		}
		roots = [dir];
	} else {
		roots = modules.pythonRoots;
	}
	for (const root of roots) {
		const submodules: ImportTarget[] = [];
		for (const member of imp.names ?? []) {
			const dotted = name === '' ? member : `${name}.${member}`;
			const file = pythonModuleFile(root, dotted, modules);
			if (file !== undefined) {
				submodules.push({ kind: 'file', path: file });
			}
		}
		const own = name === '' ? (root === '' ? undefined : pythonInit(root, modules)) : pythonModuleFile(root, name, modules);
		if (submodules.length > 0) {
			return submodules;
		}
		if (own !== undefined) {
			return [{ kind: 'file', path: own }];
		}
	}
	return [dots > 0 ? { kind: 'unresolved' } : { kind: 'external' }];
}

function pythonInit(dir: string, modules: RepoModules): string | undefined {
	for (const candidate of [`${dir}/__init__.py`, `${dir}/__init__.pyi`]) {
		if (modules.files.has(candidate)) {
			return candidate;
		}
	}
	return modules.dirs.get(dir);
}

function resolveGo(imp: SourceImport, modules: RepoModules): ImportTarget {
	const spec = imp.specifier;
	for (const mod of modules.goModules) {
		if (spec === mod.path || spec.startsWith(`${mod.path}/`)) {
			const rest = spec.slice(mod.path.length + 1);
			const dir = rest === '' ? mod.dir : mod.dir === '' ? rest : `${mod.dir}/${rest}`;
			const file = modules.goPackages.get(dir);
			return file === undefined ? { kind: 'unresolved' } : { kind: 'file', path: file };
		}
	}
	return { kind: 'external' };
}

/**
 * The repository files an import reaches. TypeScript: relative paths, tsconfig `paths`, workspace
 * packages (their entry, `index.*`, `.js` written for `.ts`). Python: relative imports from the
 * file's package, absolute ones against the package roots (longest first; `from x import y` tries
 * the submodule `x.y` first; namespace packages count). Go: the longest module path of the
 * repository's go.mod files (local `replace` targets included) and the package directory.
 */
export function resolveSourceImport(imp: SourceImport, fromFile: string, modules: RepoModules): ImportTarget[] {
	switch (imp.language) {
		case 'typescript':
			return [resolveTypeScript(imp, fromFile, modules)];
		case 'python':
			return resolvePython(imp, fromFile, modules);
		case 'go':
			return [resolveGo(imp, modules)];
	}
}
