// One engine on one dataset, in a process of its own, so `maxRSS` is that pair's whole-process
// peak and nothing another engine allocated (or the JIT learned) leaks into it.
import type { Dialect } from '../../src/engine/codeowners/types';
import type { DatasetSpec } from './datasets';
import { loadDataset, readAndSplit } from './datasets';
import type { EngineId, PreparedEngine } from './engines';
import { isSlowPeer, prepareEngine } from './engines';

export interface WorkerTask {
	engine: EngineId;
	dataset: DatasetSpec;
	/** Repetitions for fast engines (ours, floor). */
	reps: number;
	/** Most repetitions for slow peers (fewer if one repetition uses the budget). */
	peerReps: number;
	/** Resolve time budget per slow peer per dataset, in ms; beyond it the peer is sampled. */
	peerBudgetMs: number;
	/** Safety budget for our engine per repetition (so a regression cannot hang the run). */
	oursBudgetMs: number;
	/** After three repetitions, our engine stops repeating once its resolve time passes this. */
	oursTotalMs: number;
}

export interface EngineMeasurement {
	engine: EngineId;
	dataset: string;
	dialect: Dialect;
	totalPaths: number;
	/** Paths resolved in each repetition (less than `totalPaths` when sampled). */
	sampledPaths: number;
	sampled: boolean;
	splitMs: number[];
	parseMs: (number | null)[];
	compileMs: number[];
	/** Resolve-all time per repetition, extrapolated to every path when sampled. */
	resolveMs: number[];
	/**
	 * Process CPU time (user + system, all threads) of parse and resolve-all per repetition: on a
	 * shared machine it moves less than wall time when other jobs compete for the cores.
	 */
	parseCpuMs: number[];
	resolveCpuMs: number[];
	/** Measured (not extrapolated) resolve time of the sample, per repetition. */
	sampleMs: number[];
	/** Unowned among the resolved paths, and extrapolated to all paths when sampled. */
	unownedSampled: number;
	unowned: number;
	problems: number | null;
	/** `process.resourceUsage().maxRSS` in bytes, whole process, of a process that loaded and resolved once. */
	maxRssBytes: number;
	/** The same in the process that ran every repetition (set by the parent when there were several). */
	maxRssRepeatedBytes?: number;
	error?: string;
}

interface ResolveRun {
	count: number;
	ms: number;
	unowned: number;
}

function cpuMs(from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number {
	return (to.user - from.user + to.system - from.system) / 1000;
}

function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc !== undefined) {
		gc();
	}
}

/** Resolves paths in order until done or out of budget; checks the clock only every `every` paths. */
function resolveAll(engine: PreparedEngine, files: readonly string[], budgetMs: number, every: number): ResolveRun {
	let unowned = 0;
	let i = 0;
	const start = performance.now();
	const mask = every - 1;
	while (i < files.length) {
		if (engine.owners(files[i]).length === 0) {
			unowned++;
		}
		i++;
		if ((i & mask) === 0 && performance.now() - start > budgetMs) {
			break;
		}
	}
	return { count: i, ms: performance.now() - start, unowned };
}

export async function runWorkerTask(task: WorkerTask): Promise<EngineMeasurement> {
	const loaded = loadDataset(task.dataset);
	const slow = isSlowPeer(task.engine);
	const result: EngineMeasurement = {
		engine: task.engine, dataset: task.dataset.name, dialect: task.dataset.dialect, totalPaths: 0, sampledPaths: 0, sampled: false,
		splitMs: [], parseMs: [], compileMs: [], resolveMs: [], sampleMs: [], parseCpuMs: [], resolveCpuMs: [], unownedSampled: 0, unowned: 0, problems: null, maxRssBytes: 0,
	};
	collectGarbage();
	const maxReps = slow ? task.peerReps : task.reps;
	let budgetLeft = task.peerBudgetMs;
	let spent = 0;
	for (let rep = 0; rep < maxReps; rep++) {
		const t0 = performance.now();
		const files = readAndSplit(loaded);
		result.splitMs.push(performance.now() - t0);
		result.totalPaths = files.length;
		const cpu0 = process.cpuUsage();
		const prepared = await prepareEngine(task.engine, loaded.codeowners, task.dataset.dialect, files);
		const cpu1 = process.cpuUsage();
		result.parseMs.push(prepared.parseMs);
		if (prepared.compileMs !== undefined) {
			result.compileMs.push(prepared.compileMs);
		}
		result.problems = prepared.problems ?? null;
		const cpu2 = process.cpuUsage();
		const run = resolveAll(prepared.engine, files, slow ? budgetLeft : task.oursBudgetMs, slow ? 1 : 4096);
		const cpu3 = process.cpuUsage();
		if (prepared.parseMs !== null) {
			result.parseCpuMs.push(cpuMs(cpu0, cpu1));
		}
		prepared.engine.dispose();
		result.sampleMs.push(run.ms);
		result.sampledPaths = run.count;
		result.unownedSampled = run.unowned;
		result.sampled = run.count < files.length;
		result.resolveMs.push(result.sampled ? (run.ms / run.count) * files.length : run.ms);
		result.resolveCpuMs.push(result.sampled ? (cpuMs(cpu2, cpu3) / run.count) * files.length : cpuMs(cpu2, cpu3));
		result.unowned = result.sampled ? Math.round((run.unowned / run.count) * files.length) : run.unowned;
		budgetLeft -= run.ms;
		spent += run.ms;
		collectGarbage();
		// A sampled peer gets one repetition; a fast one repeats while a repetition fits the budget.
		if (result.sampled || (slow && budgetLeft < run.ms)) {
			break;
		}
		// Keeps `npm run bench` within minutes when our engine is slow on a big dataset: three
		// runs still give a median.
		if (!slow && rep >= 2 && spent > task.oursTotalMs) {
			break;
		}
	}
	result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
	return result;
}
