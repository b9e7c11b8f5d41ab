// How hard the property tests try. The default run is fixed and bounded so `npm test` is
// reproducible and quick; `npm run test:fuzz` (scripts/fuzz.mjs) raises the runs and picks a random
// seed through the environment, and prints the seed so a failure can be replayed.
import type { Parameters } from 'fast-check';

/** Fixed seed of the default run (any failure in CI replays exactly). */
export const defaultSeed = 20261123;

function envInt(name: string): number | undefined {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') {
		return undefined;
	}
	const value = Number.parseInt(raw, 10);
	return Number.isFinite(value) ? value : undefined;
}

/** fast-check parameters: `runs` is the default-run budget of this property, scaled up by `GUARDRAILS_FUZZ_RUNS`. */
export function fuzzParameters<T>(runs: number): Parameters<T> {
	const override = envInt('GUARDRAILS_FUZZ_RUNS');
	const seed = envInt('GUARDRAILS_FUZZ_SEED') ?? defaultSeed;
	return { seed, numRuns: override ?? runs};
}
