// ADR ordering and recognition, apart from adr.ts so that answering needs no YAML code.
import type { Adr, GuardrailsConfig } from './types';

/** Statuses listed after the current ADRs. */
const retiredStatuses = new Set(['superseded', 'deprecated', 'rejected']);

/** Sorts ADRs current first, superseded (and deprecated or rejected) last, keeping order otherwise. */
export function sortAdrs(adrs: readonly Adr[]): Adr[] {
	const rank = (adr: Adr): number => (retiredStatuses.has(adr.status) ? 1 : 0);
	return adrs.map((adr, i) => ({ adr, i })).sort((a, b) => rank(a.adr) - rank(b.adr) || a.i - b.i).map((x) => x.adr);
}

/** True when a path is a Markdown file under one of the ADR roots. */
export function isAdrPath(config: Pick<GuardrailsConfig, 'adrRoots'>, path: string): boolean {
	return /\.(md|markdown)$/i.test(path) && config.adrRoots.some((root) => root === '' || path.startsWith(`${root}/`));
}
