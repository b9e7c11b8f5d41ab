// Classifies an import that crosses from one domain into another: a use of the target's public
// surface, an accepted exception, a boundary violation, or a dependency the importing domain does
// not declare. Pure: no vscode, no Node built-ins.

import { compilePathList } from '../guardrails/domainIndex';
import type { CompiledGlob, GuardrailsIndex } from '../guardrails/domainIndex';
import { isPathSelector } from '../guardrails/boundaryRules';
import type { BoundaryAllow, Domain, DomainBoundary, GuardrailsConfig } from '../guardrails/types';
import type { ImportLanguage } from './types';

/** The verdict on one cross-domain import. */
export type BoundaryStatus = 'allowed-public' | 'allowed-exception' | 'violation' | 'dependency-not-declared';

/** Why a target counts as public. */
export type PublicVia = { kind: 'export'; pattern: string } | { kind: 'contract'; id: string; title: string } | { kind: 'open' };

/** One import from a file of one domain into a file of another, with its verdict and its position. */
export interface BoundaryFinding {
	/** Importing file (repository-relative). */
	file: string;
	/** 1-based position of the module name. */
	line: number;
	column: number;
	endColumn: number;
	language: ImportLanguage;
	specifier: string;
	/** The repository file the import reaches. */
	target: string;
	from: string;
	to: string;
	status: BoundaryStatus;
	/** For violations and undeclared dependencies: the target domain's `boundarySeverity`. */
	severity: 'info' | 'warning' | 'error';
	publicVia?: PublicVia;
	allow?: BoundaryAllow;
	/** The public entries of the target domain that would be allowed, best first (may be empty). */
	publicEntries: string[];
	message: string;
}

/** Problem code of an import into another domain's internals. */
export const boundaryViolationCode = 'boundary-violation';
/** Problem code of an import into a domain missing from the importer's `dependsOn`. */
export const undeclaredDependencyCode = 'undeclared-dependency';

/** The problem code a finding is reported under, or undefined when it is allowed. */
export function boundaryCode(status: BoundaryStatus): typeof boundaryViolationCode | typeof undeclaredDependencyCode | undefined {
	if (status === 'violation') {
		return boundaryViolationCode;
	}
	return status === 'dependency-not-declared' ? undeclaredDependencyCode : undefined;
}

interface CompiledAllow {
	allow: BoundaryAllow;
	from: CompiledGlob[] | string;
	to: CompiledGlob[] | string;
}

function compileSelector(selector: string): CompiledGlob[] | string {
	return isPathSelector(selector) ? compilePathList([selector]).include : selector;
}

function selects(selector: CompiledGlob[] | string, domain: string, path: string): boolean {
	return typeof selector === 'string' ? selector === domain : selector.some((glob) => glob.matcher.match(path));
}

function commonPrefixLength(a: string, b: string): number {
	let i = 0;
	while (i < a.length && i < b.length && a[i] === b[i]) {
		i++;
	}
	return i;
}

/**
 * The boundary rules of a config, compiled once: each domain's public surface (its `exports` and
 * the paths of the contracts it owns), its `dependsOn` list and the `allow` exceptions.
 */
export class BoundaryRulesIndex {
	private readonly exports = new Map<string, { include: CompiledGlob[]; exclude: CompiledGlob[] }>();
	private readonly allows: CompiledAllow[];

	constructor(readonly config: GuardrailsConfig, readonly index: GuardrailsIndex) {
		for (const [id, boundary] of config.boundaries?.domains ?? []) {
			if (boundary.exports.length > 0) {
				this.exports.set(id, compilePathList(boundary.exports));
			}
		}
		this.allows = (config.boundaries?.allow ?? []).map((allow) => ({ allow, from: compileSelector(allow.from), to: compileSelector(allow.to) }));
	}

	/** The domain of a path, or null. */
	domainOf(path: string): Domain | null {
		return this.index.domainOf(path)?.domain ?? null;
	}

	boundary(domain: string): DomainBoundary | undefined {
		return this.config.boundaries?.domains.get(domain);
	}

	/** Why `target` is public in `domain`, or undefined when it is internal. */
	publicVia(domain: string, target: string): PublicVia | undefined {
		for (const contract of this.index.contractsOf(target)) {
			if (contract.owner === domain) {
				return { kind: 'contract', id: contract.id, title: contract.title };
			}
		}
		const surface = this.exports.get(domain);
		if (surface === undefined) {
			return { kind: 'open' };
		}
		if (surface.exclude.some((glob) => glob.matcher.match(target))) {
			return undefined;
		}
		const hit = surface.include.find((glob) => glob.matcher.match(target));
		return hit === undefined ? undefined : { kind: 'export', pattern: hit.pattern };
	}

	/** The declared public entries of a domain, nearest to `target` first. */
	publicEntries(domain: string, target: string): string[] {
		const entries = [...(this.boundary(domain)?.exports ?? []).filter((e) => !e.startsWith('!'))];
		for (const contract of this.config.contracts.values()) {
			if (contract.owner === domain) {
				entries.push(...contract.paths.filter((p) => !p.startsWith('!')));
			}
		}
		return [...new Set(entries)].sort((a, b) => commonPrefixLength(b, target) - commonPrefixLength(a, target));
	}

	private allowFor(fromDomain: string, fromFile: string, toDomain: string, target: string): BoundaryAllow | undefined {
		return this.allows.find((a) => selects(a.from, fromDomain, fromFile) && selects(a.to, toDomain, target))?.allow;
	}

	/**
	 * The verdict on an import from `fromFile` that reaches `target`, or undefined when it does not
	 * cross a domain boundary (same domain, or either side in no domain). An `allow` entry wins over
	 * everything; then an undeclared dependency (even through the public surface); then the surface.
	 */
	classify(fromFile: string, target: string, where: { line: number; column: number; endColumn: number; language: ImportLanguage; specifier: string }): BoundaryFinding | undefined {
		const from = this.domainOf(fromFile);
		const to = this.domainOf(target);
		if (from === null || to === null || from.id === to.id) {
			return undefined;
		}
		const base = { file: fromFile, ...where, target, from: from.id, to: to.id, severity: this.boundary(to.id)?.severity ?? 'warning' as const };
		const pair = `${from.title} → ${to.title}`;
		const allow = this.allowFor(from.id, fromFile, to.id, target);
		const publicVia = this.publicVia(to.id, target);
		const publicEntries = publicVia === undefined ? this.publicEntries(to.id, target) : [];
		if (allow !== undefined) {
			return { ...base, status: 'allowed-exception', allow, ...(publicVia ? { publicVia } : {}), publicEntries, message: `${pair}: ${target} is allowed by an exception: ${allow.reason}` };
		}
		const dependsOn = this.boundary(from.id)?.dependsOn ?? null;
		if (dependsOn !== null && !dependsOn.includes(to.id)) {
			return {
				...base,
				status: 'dependency-not-declared',
				...(publicVia ? { publicVia } : {}),
				publicEntries,
				message: `${pair}: ${from.title} does not list ${to.id} in dependsOn, so it may not import ${target}. Remove the import, or ask the lead of ${from.title} to declare the dependency.`,
			};
		}
		if (publicVia !== undefined) {
			const via = publicVia.kind === 'contract' ? `contract ${publicVia.title} (${publicVia.id})` : publicVia.kind === 'export' ? `public entry ${publicVia.pattern}` : 'open domain (no exports declared)';
			return { ...base, status: 'allowed-public', publicVia, publicEntries, message: `${pair}: ${target} is public through the ${via}.` };
		}
		const instead = publicEntries.length > 0 ? ` Import its public entry instead: ${publicEntries.slice(0, 3).join(', ')}.` : '';
		return {
			...base,
			status: 'violation',
			publicEntries,
			message: `${pair}: ${target} is internal to ${to.title} (${to.id}).${instead}`,
		};
	}
}
