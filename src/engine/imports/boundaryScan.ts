// Reads a repository's imports and checks each one against the domain boundaries: per file (the
// editor, on every edit) and for the whole repository (the CLI and the dependency graph).
// Pure: files are read only through the EngineHost port.

import type { EngineHost } from '../types';
import type { BoundaryRulesIndex } from './boundaryCheck';
import type { BoundaryFinding, BoundaryStatus } from './boundaryCheck';
import { extractGoImports } from './goImports';
import { extractImportSpecifiers } from './importSpecifiers';
import { extractPythonImports } from './pythonImports';
import { buildRepoModules, isModuleConfigFile, maxModuleConfigFiles } from './repoModules';
import type { RepoModules } from './repoModules';
import { resolveSourceImport } from './resolveImports';
import { languageOf } from './types';
import type { SourceImport } from './types';

/** Files larger than this are generated or vendored code, not hand-written imports: skipped. */
export const maxImportFileBytes = 1024 * 1024;

/** A file whose imports were not read, and why. */
export interface SkippedFile {
	file: string;
	reason: string;
}

/** The imports of one file's text, or the reason they were not read (too large, minified). */
export function extractImports(path: string, text: string): { imports: SourceImport[]; skipped?: string } {
	const language = languageOf(path);
	if (language === undefined) {
		return { imports: [], skipped: 'not a TypeScript, JavaScript, Python or Go file' };
	}
	if (text.length > maxImportFileBytes) {
		return { imports: [], skipped: `larger than ${maxImportFileBytes / 1024 / 1024} MB` };
	}
	if (looksMinified(text)) {
		return { imports: [], skipped: 'minified (a bundle, not source)' };
	}
	switch (language) {
		case 'python':
			return { imports: extractPythonImports(text) };
		case 'go':
			return { imports: extractGoImports(text) };
		default:
			return {
				imports: extractImportSpecifiers(text).map((s) => ({
					language: 'typescript' as const,
					specifier: s.specifier,
					line: s.line + 1,
					column: s.startColumn + 2,
					endColumn: s.endColumn,
				})),
			};
	}
}

/** Minified bundles have very long lines: a line over 2,000 characters in a file averaging over 300 per line. */
function looksMinified(text: string): boolean {
	if (text.length < 20_000) {
		return false;
	}
	let lines = 1;
	let longest = 0;
	let start = 0;
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
		longest = Math.max(longest, i - start);
		start = i + 1;
		lines++;
	}
	longest = Math.max(longest, text.length - start);
	return longest > 2000 && text.length / lines > 300;
}

/** True for files whose imports are checked (source files outside node_modules). */
export function isImportSource(path: string): boolean {
	return languageOf(path) !== undefined && !path.includes('node_modules/') && !path.endsWith('.d.ts');
}

/** Reads the configuration files resolution needs (tsconfig, package.json, pyproject.toml, setup.cfg, go.mod) through the host. */
export async function loadRepoModules(host: EngineHost, files: readonly string[]): Promise<RepoModules> {
	const configs = new Map<string, string>();
	const wanted = files.filter(isModuleConfigFile).slice(0, maxModuleConfigFiles);
	await Promise.all(wanted.map(async (file) => {
		const text = await host.readFile(file);
		if (text !== undefined) {
			configs.set(file, text);
		}
	}));
	return buildRepoModules(files, configs);
}

/** The cross-domain findings of one file's text (used on every edit in the editor). */
export function fileBoundaryFindings(path: string, text: string, modules: RepoModules, rules: BoundaryRulesIndex): { findings: BoundaryFinding[]; skipped?: string } {
	const { imports, skipped } = extractImports(path, text);
	const findings: BoundaryFinding[] = [];
	for (const imp of imports) {
		const seen = new Set<string>();
		for (const target of resolveSourceImport(imp, path, modules)) {
			if (target.kind !== 'file' || seen.has(target.path)) {
				continue;
			}
			seen.add(target.path);
			const finding = rules.classify(path, target.path, imp);
			if (finding !== undefined) {
				findings.push(finding);
			}
		}
	}
	return { findings, ...(skipped !== undefined ? { skipped } : {}) };
}

/** Imports from one domain into another, counted by verdict. */
export interface DomainEdge {
	from: string;
	to: string;
	total: number;
	counts: Record<BoundaryStatus, number>;
}

/** A repository's cross-domain imports. */
export interface BoundaryReport {
	findings: BoundaryFinding[];
	edges: DomainEdge[];
	/** Source files read. */
	files: number;
	skipped: SkippedFile[];
	notes: readonly string[];
}

/** Edge counts per (from, to) domain pair, sorted by domain ids. */
export function domainEdges(findings: readonly BoundaryFinding[]): DomainEdge[] {
	const edges = new Map<string, DomainEdge>();
	for (const finding of findings) {
		const key = `${finding.from}\u0000${finding.to}`;
		let edge = edges.get(key);
		if (edge === undefined) {
			edge = { from: finding.from, to: finding.to, total: 0, counts: { 'allowed-public': 0, 'allowed-exception': 0, violation: 0, 'dependency-not-declared': 0 } };
			edges.set(key, edge);
		}
		edge.total++;
		edge.counts[finding.status]++;
	}
	return [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/**
 * Reads every source file of `files` through the host and classifies its cross-domain imports.
 * Files the host cannot read, larger than {@link maxImportFileBytes} or minified are skipped with
 * a reason. Resolution never follows imports transitively, so import cycles cost nothing.
 */
export async function scanBoundaries(host: EngineHost, files: readonly string[], rules: BoundaryRulesIndex, modules?: RepoModules): Promise<BoundaryReport> {
	const repo = modules ?? (await loadRepoModules(host, files));
	const sources = files.filter(isImportSource).filter((file) => rules.domainOf(file) !== null);
	const findings: BoundaryFinding[] = [];
	const skipped: SkippedFile[] = [];
	const batch = 64;
	for (let i = 0; i < sources.length; i += batch) {
		const slice = sources.slice(i, i + batch);
		const texts = await Promise.all(slice.map(async (file) => {
			const size = host.fileSize ? await host.fileSize(file) : undefined;
			if (size !== undefined && size > maxImportFileBytes) {
				return { file, text: undefined, reason: `larger than ${maxImportFileBytes / 1024 / 1024} MB` };
			}
			const text = await host.readFile(file);
			return { file, text, reason: text === undefined ? 'cannot be read (a symlink to a directory, or removed)' : undefined };
		}));
		for (const { file, text, reason } of texts) {
			if (text === undefined) {
				skipped.push({ file, reason: reason ?? 'cannot be read' });
				continue;
			}
			const result = fileBoundaryFindings(file, text, repo, rules);
			if (result.skipped !== undefined) {
				skipped.push({ file, reason: result.skipped });
			}
			findings.push(...result.findings);
		}
	}
	findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
	return { findings, edges: domainEdges(findings), files: sources.length, skipped, notes: repo.notes };
}

