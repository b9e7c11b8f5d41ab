// Reads the import boundary keys of guardrails.yaml (`domains.<id>.exports`, `dependsOn`,
// `boundarySeverity` and the top-level `allow` list) into `config.boundaries`. Kept apart from
// parse.ts (and parsing/) so the boundary rules evolve without touching the core reader.

import type { Severity, Source } from '../types';
import type { BoundaryAllow, BoundaryRules, DomainBoundary, GuardrailsConfig } from './types';
import type { Raw } from './parsing/rawValues';
import { isObject, strList } from './parsing/rawValues';

/** What the reader needs from the parser: positions and problem reporting by key path. */
export interface BoundaryRuleReporter {
	report(code: string, severity: Severity, path: string, message: string, key?: boolean): void;
	source(path: string): Source;
}

const boundarySeverities: readonly DomainBoundary['severity'][] = ['info', 'warning', 'error'];

/** True when an `allow` side is written as a glob or path rather than a domain id. */
export function isPathSelector(selector: string): boolean {
	return /[/*?[{]/.test(selector) || selector.includes('.');
}

/**
 * Fills `config.boundaries` from the raw document and reports references to unknown domains
 * (`dependsOn`, `allow.from`, `allow.to`), a domain that depends on itself, and exports that leave
 * the repository. Domains are read from `config.domains`, so a domain the parser dropped has no
 * boundary either.
 */
export function readBoundaryRules(data: Raw, config: GuardrailsConfig, reporter: BoundaryRuleReporter): BoundaryRules {
	const rules: BoundaryRules = { domains: new Map(), allow: [] };
	const rawDomains = isObject(data.domains) ? data.domains : {};
	for (const domain of config.domains.values()) {
		const raw = rawDomains[domain.id];
		const base = `domains.${domain.id}`;
		const exports = isObject(raw) ? strList(raw.exports) : [];
		const dependsOn = isObject(raw) && Array.isArray(raw.dependsOn) ? strList(raw.dependsOn) : null;
		const severity = isObject(raw) ? boundarySeverities.find((s) => s === raw.boundarySeverity) ?? 'warning' : 'warning';
		exports.forEach((glob, i) => {
			const body = glob.startsWith('!') ? glob.slice(1) : glob;
			if (body.startsWith('/') || body.split('/').includes('..')) {
				reporter.report('invalid-path', 'error', `${base}.exports.${i}`, `"${glob}": exports are repository-relative globs inside the repository.`);
			}
		});
		dependsOn?.forEach((id, i) => {
			if (id === domain.id) {
				reporter.report('self-dependency', 'warning', `${base}.dependsOn.${i}`, `Domain ${domain.id} lists itself in dependsOn; imports inside a domain are always allowed.`);
			} else if (!config.domains.has(id)) {
				reporter.report('unknown-domain', 'error', `${base}.dependsOn.${i}`, `Unknown domain "${id}" in dependsOn of ${domain.id}.`);
			}
		});
		rules.domains.set(domain.id, { domain: domain.id, exports, dependsOn, severity, source: reporter.source(base) });
	}
	if (Array.isArray(data.allow)) {
		data.allow.forEach((raw: unknown, index) => {
			if (!isObject(raw) || typeof raw.from !== 'string' || typeof raw.to !== 'string' || typeof raw.reason !== 'string' || raw.reason.trim() === '') {
				// The schema reported what is missing; an exception without a reason is not one.
				return;
			}
			const base = `allow.${index}`;
			for (const side of ['from', 'to'] as const) {
				const value = raw[side] as string;
				if (!isPathSelector(value) && !config.domains.has(value)) {
					reporter.report('unknown-domain', 'error', `${base}.${side}`, `Unknown domain "${value}" in allow.${side}; use a domain id or a path glob.`);
				}
			}
			const entry: BoundaryAllow = {
				from: raw.from,
				to: raw.to,
				reason: raw.reason,
				...(typeof raw.adr === 'string' ? { adr: raw.adr } : {}),
				index,
				source: reporter.source(base),
			};
			rules.allow.push(entry);
		});
	}
	return rules;
}
