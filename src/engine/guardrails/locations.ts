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
	for (const file of candidates) {
		let text: string | undefined;
		try {
			text = await host.readFile(file);
		} catch {
			// A host that throws is treated like a missing file: lookup never fails the caller.
			text = undefined;
		}
		if (text !== undefined) {
			return { file, text };
		}
	}
	return undefined;
}
