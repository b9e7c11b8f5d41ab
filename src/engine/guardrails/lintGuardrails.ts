import type { Problem } from '../types';
import type { CompiledGlob, GuardrailsIndex } from './domainIndex';
import { compileGuardrails } from './domainIndex';
import type { GuardrailsConfig } from './types';
import type { CodeownersInput, DecisionContext } from './whoDecides';
import { createDecisionContext, driftOf } from './whoDecides';

/** Inputs of the file-list checks; without `files` no check runs. */
export interface LintGuardrailsOptions {
	/** Every repository-relative file path (without it only the file-independent checks run). */
	files?: readonly string[];
	/** The compiled config, to avoid compiling twice. */
	index?: GuardrailsIndex;
	/** CODEOWNERS, for the drift check. */
	codeowners?: CodeownersInput | null;
	/** A decision context to reuse (its index, CODEOWNERS and dialect are used). */
	context?: DecisionContext;
	/** At most this many drift problems per CODEOWNERS rule and domain (one is enough to fix it). */
	maxDriftPerRule?: number;
}

function at(config: GuardrailsConfig, key: string, fallback: { line: number; column: number }): { line: number; column: number } {
	const source = config.sources?.get(key);
	return source ? { line: source.line, column: source.column } : { line: fallback.line, column: fallback.column };
}

/** Files whose path starts with the glob's literal prefix: the only ones it can match. */
function candidatesFor(glob: CompiledGlob, sorted: readonly string[]): string[] {
	const prefix = glob.pattern.slice(0, glob.literalLength);
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid] < prefix) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	const out: string[] = [];
	for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) {
		out.push(sorted[i]);
	}
	return out;
}

/**
 * Checks that need the repository's file list and CODEOWNERS: `domain-tie` (two domains equally
 * specific on a file; the first declared is shown), `pattern-matches-nothing` (warning),
 * `adr-missing` (an ADR path the config names is not in the repository) and `codeowners-drift`
 * (warning: CODEOWNERS gives a domain's file to someone outside the domain's team).
 */
export function lintGuardrails(config: GuardrailsConfig, options: LintGuardrailsOptions = {}): Problem[] {
	const problems: Problem[] = [];
	const files = options.files;
	if (!files) {
		return problems;
	}
	const index = options.index ?? options.context?.index ?? compileGuardrails(config);
	const context = options.context ?? createDecisionContext({ config, index, codeowners: options.codeowners ?? null });
	const sorted = [...files].sort();
	const fileSet = new Set(files);

	const checkList = (kind: 'domains' | 'contracts', id: string, globs: readonly CompiledGlob[], excludes: readonly CompiledGlob[], fallback: { line: number; column: number }): void => {
		for (const glob of [...globs, ...excludes]) {
			if (!candidatesFor(glob, sorted).some((f) => glob.matcher.match(f))) {
				const key = `${kind}.${id}.paths.${glob.index}`;
				const pos = at(config, key, fallback);
				problems.push({
					code: 'pattern-matches-nothing',
					severity: 'warning',
					file: config.file,
					...pos,
					message: `${key}: "${config[kind].get(id)?.paths[glob.index] ?? glob.pattern}" matches no file in the repository.`,
				});
			}
		}
	};
	for (const [id, list] of index.domainPaths) {
		checkList('domains', id, list.include, list.exclude, config.domains.get(id)?.source ?? { line: 1, column: 1 });
	}
	for (const [id, list] of index.contractPaths) {
		checkList('contracts', id, list.include, list.exclude, config.contracts.get(id)?.source ?? { line: 1, column: 1 });
	}

	const ties = new Set<string>();
	const drifts = new Map<string, number>();
	const maxDrift = options.maxDriftPerRule ?? 1;
	for (const path of files) {
		const match = index.domainOf(path);
		if (!match) {
			continue;
		}
		match.ties.forEach((other, i) => {
			const pair = `${match.domain.id}\u0000${other.id}`;
			if (ties.has(pair)) {
				return;
			}
			ties.add(pair);
			const glob = match.tiedGlobs[i];
			const pos = at(config, `domains.${other.id}.paths.${glob.index}`, other.source);
			problems.push({
				code: 'domain-tie',
				severity: 'error',
				file: config.file,
				...pos,
				message: `Domains ${match.domain.id} ("${match.glob.pattern}") and ${other.id} ("${glob.pattern}") tie on ${path}; ${match.domain.id}, declared first, is shown. Make one pattern more specific.`,
			});
		});
		if (context.codeowners) {
			const drift = driftOf(context, path, match.domain, context.codeowners.index.resolve(path));
			if (drift) {
				const key = `${drift.line}\u0000${match.domain.id}`;
				const count = drifts.get(key) ?? 0;
				if (count < maxDrift) {
					drifts.set(key, count + 1);
					problems.push(drift);
				}
			}
		}
	}

	const refs: { path: string; key: string; fallback: { line: number; column: number } }[] = [];
	for (const d of config.domains.values()) {
		d.adrs.forEach((path, i) => refs.push({ path, key: `domains.${d.id}.adrs.${i}`, fallback: d.source }));
	}
	for (const c of config.contracts.values()) {
		c.adrs.forEach((path, i) => refs.push({ path, key: `contracts.${c.id}.adrs.${i}`, fallback: c.source }));
	}
	if (config.forum?.adrTemplate) {
		refs.push({ path: config.forum.adrTemplate, key: 'escalation.forum.adrTemplate', fallback: config.forum.source });
	}
	for (const ref of refs) {
		if (!fileSet.has(ref.path.replace(/^\.?\/+/, ''))) {
			problems.push({ code: 'adr-missing', severity: 'warning', file: config.file, ...at(config, ref.key, ref.fallback), message: `ADR ${ref.path} (${ref.key}) does not exist.` });
		}
	}
	return problems;
}
