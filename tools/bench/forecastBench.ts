// Review forecast for a large change set: 10,000 changed files against the demo workspace's
// guardrails.yaml and CODEOWNERS (or a generated config when the demo is missing).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Change, ChangeStatus, ReviewForecast } from '../../src/engine/guardrails/types';
import type { EngineHost } from '../../src/engine/types';
import type { WorkspaceModel } from '../../src/engine/workspaceModel';
import { loadWorkspaceModel } from '../../src/engine/workspaceModel';
import { Prng } from './prng';

export interface ForecastMeasurement {
	/** `demo/acme-bank` or `generated`. */
	source: string;
	changes: number;
	/** `loadWorkspaceModel`: find and parse both files, read ADRs, compile; median of the runs. */
	loadMs: number;
	/** `model.forecast` (`forecastReview`) on a fresh model each run (so the per-path memo starts empty). */
	forecastMs: number[];
	/** Process CPU time of each forecast (less disturbed by other jobs on a shared machine). */
	forecastCpuMs: number[];
	domains: number;
	contracts: number;
	reviewers: number;
}

interface Workspace {
	source: string;
	files: Map<string, string>;
	/** Directories the changed files are drawn from. */
	dirs: string[];
}

function memoryHost(files: ReadonlyMap<string, string>): EngineHost {
	return {
		readFile: async (p) => files.get(p),
		listFiles: async (dir) => [...files.keys()].filter((p) => p.startsWith(`${dir}/`)),
	};
}

function readTree(root: string, prefix = '', out = new Map<string, string>()): Map<string, string> {
	for (const entry of fs.readdirSync(path.join(root, prefix), { withFileTypes: true })) {
		const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
		if (entry.name === 'node_modules') {
			continue;
		}
		if (entry.isDirectory()) {
			readTree(root, rel, out);
		} else if (entry.isFile()) {
			out.set(rel, fs.readFileSync(path.join(root, rel), 'utf8'));
		}
	}
	return out;
}

function demoWorkspace(repoRoot: string): Workspace | null {
	const root = path.join(repoRoot, 'demo', 'acme-bank');
	if (!fs.existsSync(path.join(root, 'guardrails.yaml')) || !fs.existsSync(path.join(root, '.github', 'CODEOWNERS'))) {
		return null;
	}
	const files = readTree(root);
	const dirs = new Set<string>();
	for (const file of files.keys()) {
		const slash = file.lastIndexOf('/');
		dirs.add(slash < 0 ? '' : file.slice(0, slash));
	}
	// Also directories the demo does not have yet, so some changes fall outside every domain.
	dirs.add('services/notifications/src');
	dirs.add('apps/web/src');
	return { source: 'demo/acme-bank', files, dirs: [...dirs].sort() };
}

/** A config of the same shape as the demo's, for when the demo is not there. */
function generatedWorkspace(): Workspace {
	const teams = ['payments', 'ledger', 'identity', 'risk', 'infra', 'data', 'mobile', 'web'];
	const yaml: string[] = ['version: 1', 'org:', '  people:'];
	teams.forEach((t) => yaml.push(`    ${t}-lead: { name: ${t} lead, handles: { github: ${t}-lead }, emails: [${t}@example.com] }`));
	yaml.push('  teams:');
	teams.forEach((t) => yaml.push(`    ${t}:`, `      name: ${t}`, `      lead: ${t}-lead`, `      handles: { github: "@org/${t}" }`));
	yaml.push('domains:');
	teams.forEach((t) => yaml.push(`  ${t}:`, `    title: ${t}`, `    team: ${t}`, `    paths: [services/${t}/**, libs/${t}/**]`));
	yaml.push('contracts:');
	teams.forEach((t, i) => yaml.push(
		`  ${t}-api:`, '    kind: api', `    title: ${t} API`, `    owner: ${t}`, `    paths: [services/${t}/api/**]`,
		`    consumers: [${teams[(i + 1) % teams.length]}]`, '    review: { level: consumers }',
	));
	const codeowners = ['* @org/architecture', ...teams.flatMap((t) => [`/services/${t}/ @org/${t}`, `/libs/${t}/ @org/${t}`])];
	const dirs = teams.flatMap((t) => [`services/${t}/src`, `services/${t}/api`, `libs/${t}`]);
	return {
		source: 'generated',
		files: new Map([['guardrails.yaml', yaml.join('\n') + '\n'], ['.github/CODEOWNERS', codeowners.join('\n') + '\n']]),
		dirs,
	};
}

function changesFor(dirs: readonly string[], count: number): Change[] {
	const rng = new Prng('forecast');
	const statuses: Record<ChangeStatus, number> = { modified: 70, added: 20, deleted: 5, renamed: 5 };
	const changes: Change[] = [];
	for (let i = 0; i < count; i++) {
		const dir = rng.pick(dirs);
		const file = `${dir === '' ? '' : `${dir}/`}gen${i}.${rng.pick(['ts', 'md', 'sql', 'tf', 'yaml'])}`;
		const status = rng.weighted(statuses);
		changes.push(status === 'renamed' ? { path: file, status, oldPath: `${rng.pick(dirs)}/old${i}.ts` } : { path: file, status });
	}
	return changes;
}

/** Loads the workspace the way the CLI does, through the facade: find, parse, compile once. */
async function load(workspace: Workspace): Promise<WorkspaceModel> {
	return loadWorkspaceModel(memoryHost(workspace.files));
}

export async function runForecastBench(repoRoot: string, changeCount: number, reps: number): Promise<ForecastMeasurement> {
	const workspace = demoWorkspace(repoRoot) ?? generatedWorkspace();
	const changes = changesFor(workspace.dirs, changeCount);
	const loads: number[] = [];
	const runs: number[] = [];
	const cpus: number[] = [];
	let last: ReviewForecast | null = null;
	for (let rep = 0; rep < reps; rep++) {
		const t0 = performance.now();
		const model = await load(workspace);
		if (model.codeowners === null || model.config === null) {
			throw new Error(`forecast bench: ${workspace.source} has no CODEOWNERS or guardrails.yaml the engine can find`);
		}
		const t1 = performance.now();
		const cpu0 = process.cpuUsage();
		last = model.forecast(changes);
		const cpu = process.cpuUsage(cpu0);
		const t2 = performance.now();
		cpus.push((cpu.user + cpu.system) / 1000);
		loads.push(t1 - t0);
		runs.push(t2 - t1);
	}
	loads.sort((a, b) => a - b);
	return {
		source: workspace.source,
		changes: changes.length,
		loadMs: loads[loads.length >> 1],
		forecastMs: runs,
		forecastCpuMs: cpus,
		domains: last?.domains.length ?? 0,
		contracts: last?.contracts.length ?? 0,
		reviewers: last?.reviewers.length ?? 0,
	};
}
