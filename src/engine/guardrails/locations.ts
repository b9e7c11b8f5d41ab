import { readFirstExisting } from '../readFirst';
import type { EngineHost } from '../types';

/** Where guardrails.yaml is looked for, first found wins, relative to the repository root. */
export const guardrailsLocations: readonly string[] = [
	'guardrails.yaml',
	'.github/guardrails.yaml',
	'.gitlab/guardrails.yaml',
	'.config/guardrails.yaml',
	'guardrails.json',
];

/**
 * Finds the guardrails config: an explicit file wins (and is not replaced by another location when
 * it is missing), else the first of {@link guardrailsLocations} that exists.
 */
export async function findGuardrails(host: EngineHost, explicit?: string): Promise<{ file: string; text: string } | undefined> {
	const candidates = explicit ? [explicit.replace(/^\.?\/+/, '')] : guardrailsLocations;
	return readFirstExisting(host, candidates);
}
