// What import resolution knows about a repository: its files and directories, the TypeScript
// path aliases and workspace packages, the Python package roots and the Go modules. Built once
// from the file list and the text of a few configuration files. Pure: no vscode, no Node built-ins.

import { parseJsonc } from './jsonc';
import { resolveDotSegments } from '../paths';
import { packageNameOf, readTsconfigPaths } from './modulePaths';
import type { ModuleContext, WorkspacePackage } from './modulePaths';
import { parseGoMod } from './goImports';

/** A Go module in the repository: its import path and its directory. */
export interface GoModule {
	path: string;
	dir: string;
}

/** Everything the resolvers need; see {@link buildRepoModules}. */
export interface RepoModules {
	files: ReadonlySet<string>;
	/** Every directory that holds a file (recursively) → its first file in sorted order. */
	dirs: ReadonlyMap<string, string>;
	ts: ModuleContext;
	/** Workspace package directory → its entry file (`types`, `module`, `main`), when it exists. */
	packageEntries: ReadonlyMap<string, string>;
	/** Python package roots, longest first; `''` (the repository root) is always last. */
	pythonRoots: readonly string[];
	/** Go modules, longest import path first (local `replace` targets included). */
	goModules: readonly GoModule[];
	/** Directory → its first non-test `.go` file (a Go package is its directory). */
	goPackages: ReadonlyMap<string, string>;
	/** Why some configuration was not used (a replace that leaves the repository, …). */
	notes: readonly string[];
}

/** At most this many configuration files are read; beyond it resolution works with what it has. */
export const maxModuleConfigFiles = 5000;

/** True for the configuration files {@link buildRepoModules} reads. */
export function isModuleConfigFile(path: string): boolean {
	if (path.includes('node_modules/') || path.startsWith('vendor/') || path.includes('/vendor/')) {
		return false;
	}
	const name = path.slice(path.lastIndexOf('/') + 1);
	return (path === name && (name === 'tsconfig.json' || name === 'tsconfig.base.json'))
		|| name === 'package.json' || name === 'pyproject.toml' || name === 'setup.cfg' || name === 'go.mod';
}

function dirname(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

function join(dir: string, rest: string): string | undefined {
	return resolveDotSegments(dir === '' ? rest : `${dir}/${rest}`);
}

/** Package dirs named in pyproject.toml or setup.cfg: `package-dir = {"" = "src"}`, `where = ["src"]`, poetry `from = "src"`, `package_dir = =src`. */
export function pythonPackageDirs(text: string): string[] {
	const dirs = new Set<string>();
	let previous = '';
	for (const raw of text.split('\n')) {
		const line = raw.replace(/#.*$/, '').trim();
		// setup.cfg's multi-line form: `package_dir =` then `    =src` on the next line.
		if (/^package_dir\s*=$/.test(previous)) {
			const next = /^=\s*(\S+)$/.exec(line);
			if (next) {
				dirs.add(next[1]);
			}
		}
		previous = line;
		let m = /^package[-_]dir\s*=\s*\{\s*["']{2}\s*[:=]\s*["']([^"']+)["']/.exec(line);
		if (m) {
			dirs.add(m[1]);
		}
		m = /^package_dir\s*=\s*=\s*(\S+)$/.exec(line);
		if (m) {
			dirs.add(m[1]);
		}
		m = /^where\s*=\s*\[([^\]]*)\]/.exec(line);
		if (m) {
			for (const item of m[1].matchAll(/["']([^"']+)["']/g)) {
				dirs.add(item[1]);
			}
		}
		m = /^where\s*=\s*([^[\s"']+)$/.exec(line);
		if (m) {
			dirs.add(m[1]);
		}
		for (const item of line.matchAll(/\bfrom\s*=\s*["']([^"']+)["']/g)) {
			dirs.add(item[1]);
		}
	}
	return [...dirs].map((d) => d.replace(/^\.\/?/, '').replace(/\/+$/, '')).filter((d) => d !== '' && !d.split('/').includes('..'));
}

function packageEntryOf(text: string): string | undefined {
	const json = parseJsonc(text);
	if (typeof json !== 'object' || json === null) {
		return undefined;
	}
	const record = json as Record<string, unknown>;
	for (const key of ['types', 'typings', 'module', 'main']) {
		const value = record[key];
		if (typeof value === 'string' && value.length > 0) {
			return value;
		}
	}
	return undefined;
}

/**
 * Builds the resolution context from the repository's files and the texts of its configuration
 * files (see {@link isModuleConfigFile}); a configuration file missing from `configs` is ignored.
 */
export function buildRepoModules(files: readonly string[], configs: ReadonlyMap<string, string>): RepoModules {
	const fileSet = new Set(files);
	const dirs = new Map<string, string>();
	for (const file of [...files].sort()) {
		for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
			const dir = file.slice(0, slash);
			if (dirs.has(dir)) {
				break;
			}
			dirs.set(dir, file);
		}
	}
	const goPackages = new Map<string, string>();
	for (const file of [...files].sort()) {
		if (file.endsWith('.go')) {
			const dir = dirname(file);
			const current = goPackages.get(dir);
			if (current === undefined || (current.endsWith('_test.go') && !file.endsWith('_test.go'))) {
				goPackages.set(dir, file);
			}
		}
	}
	const notes: string[] = [];
	const rootTsconfig = configs.get('tsconfig.json');
	let tsconfig = rootTsconfig === undefined ? undefined : readTsconfigPaths(rootTsconfig);
	const base = configs.get('tsconfig.base.json');
	if ((tsconfig === undefined || tsconfig.paths.size === 0) && base !== undefined) {
		tsconfig = readTsconfigPaths(base) ?? tsconfig;
	}
	const packages: WorkspacePackage[] = [];
	const packageEntries = new Map<string, string>();
	const pythonRoots = new Set<string>();
	const goModules: GoModule[] = [];
	for (const [path, text] of [...configs.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
		const dir = dirname(path);
		const name = path.slice(path.lastIndexOf('/') + 1);
		if (name === 'package.json' && dir !== '') {
			const pkg = packageNameOf(text);
			if (pkg !== undefined) {
				packages.push({ name: pkg, dir });
			}
			const entry = packageEntryOf(text);
			const entryPath = entry === undefined ? undefined : join(dir, entry);
			if (entryPath !== undefined) {
				packageEntries.set(dir, entryPath);
			}
		} else if (name === 'pyproject.toml' || name === 'setup.cfg') {
			pythonRoots.add(dir);
			for (const packageDir of pythonPackageDirs(text)) {
				const joined = join(dir, packageDir);
				if (joined !== undefined) {
					pythonRoots.add(joined);
				}
			}
			const src = join(dir, 'src');
			if (src !== undefined && dirs.has(src)) {
				pythonRoots.add(src);
			}
		} else if (name === 'go.mod') {
			const mod = parseGoMod(text);
			if (mod.module !== undefined) {
				goModules.push({ path: mod.module, dir });
			}
			for (const [modulePath, target] of mod.replaces) {
				const targetDir = join(dir, target);
				if (targetDir === undefined) {
					notes.push(`${path}: replace ${modulePath} => ${target} leaves the repository; its imports are not followed.`);
				} else {
					goModules.push({ path: modulePath, dir: targetDir });
				}
			}
		}
	}
	if (dirs.has('src')) {
		pythonRoots.add('src');
	}
	pythonRoots.delete('');
	const roots = [...pythonRoots].sort((a, b) => b.length - a.length || a.localeCompare(b));
	roots.push('');
	// A replace target listed after the module itself must win only for its own path: longest first.
	const seen = new Set<string>();
	const modules = goModules
		.sort((a, b) => b.path.length - a.path.length)
		.filter((m) => {
			if (seen.has(m.path)) {
				return false;
			}
			seen.add(m.path);
			return true;
		});
	packages.sort((a, b) => a.dir.localeCompare(b.dir));
	return { files: fileSet, dirs, ts: { tsconfig, packages }, packageEntries, pythonRoots: roots, goModules: modules, goPackages, notes };
}
