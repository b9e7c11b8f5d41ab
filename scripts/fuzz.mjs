// The long run of the robustness properties: `npm run test:fuzz [-- RUNS [SEED]]`.
// The normal unit run uses a fixed seed and small budgets (test/unit/robustness/fuzzSettings.ts);
// this compiles the tests and reruns only the robustness suite with many more runs and a random
// seed (printed first, so a failure can be replayed with the same SEED).
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [runsArg, seedArg] = process.argv.slice(2);
const runs = runsArg ?? process.env.GUARDRAILS_FUZZ_RUNS ?? '20000';
const seed = seedArg ?? process.env.GUARDRAILS_FUZZ_SEED ?? String(randomInt(1, 2 ** 31 - 1));

for (const value of [runs, seed]) {
	if (!/^\d+$/.test(value)) {
		console.error(`fuzz: expected a whole number, got '${value}'. Usage: npm run test:fuzz -- [RUNS] [SEED]`);
		process.exit(2);
	}
}

console.log(`fuzz: ${runs} runs per property, seed ${seed} (replay: npm run test:fuzz -- ${runs} ${seed})`);

const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) {
	console.error('fuzz: the tests do not compile');
	process.exit(tsc.status ?? 1);
}

const mocha = spawnSync(
	process.execPath,
	[path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--ui', 'tdd', '--timeout', '0', '--reporter', 'spec', 'out/test/unit/robustness/**/*.test.js'],
	{ cwd: root, stdio: 'inherit', env: { ...process.env, GUARDRAILS_FUZZ_RUNS: runs, GUARDRAILS_FUZZ_SEED: seed } },
);
if (mocha.status !== 0) {
	console.error(`fuzz: failed with seed ${seed}; replay with: npm run test:fuzz -- ${runs} ${seed}`);
}
process.exit(mocha.status ?? 1);
