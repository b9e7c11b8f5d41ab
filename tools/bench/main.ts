// `npm run bench`: CODEOWNERS resolution (ours, two npm peers, the floor) on the real corpus and a
// synthetic 1M-path tree, plus a review-forecast run; prints a table and updates docs/benchmarks.md.
// Every engine × dataset runs in a child process of its own, so each peak RSS is that pair's alone.
import { execFileSync, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DatasetSpec } from './datasets';
import { corpusDatasets, locateCorpus, syntheticDatasets } from './datasets';
import type { EngineId } from './engines';
import { engineIds, engineLabels } from './engines';
import type { BoundariesMeasurement } from './boundariesBench';
import { runBoundariesBench } from './boundariesBench';
import type { BottlenecksMeasurement } from './bottlenecksBench';
import { runBottlenecksBench } from './bottlenecksBench';
import type { ForecastMeasurement } from './forecastBench';
import { runForecastBench } from './forecastBench';
import type { InitMeasurement } from './initBench';
import { runInitBench } from './initBench';
import type { BenchReport, DatasetResult, MachineInfo } from './report';
import { find, renderMarkdown, renderText, spliceMarkdown } from './report';
import type { EngineMeasurement, WorkerTask } from './worker';
import { runWorkerTask } from './worker';
import type { WholeProcessResult } from './wholeProcess';
import { measureWholeProcess } from './wholeProcess';

interface Options {
	quick: boolean;
	writeDoc: boolean;
	only: string | null;
	engines: EngineId[];
	seed: string;
	json: string | null;
	/** Runs of the whole-process comparison per command (0: skip it). */
	wholeRuns: number;
}

/** `out/bench/bench.js` (built by `npm run bench` only) sits two levels below the repository root. */
const repoRoot = path.resolve(__dirname, '..', '..');

function parseArgs(argv: readonly string[]): Options {
	const value = (flag: string): string | null => {
		const i = argv.indexOf(flag);
		return i >= 0 && i + 1 < argv.length ? argv[i + 1] : null;
	};
	const quick = argv.includes('--quick');
	const engines = value('--engines');
	return {
		quick,
		// A quick run is a smoke test and an --only run measures a part: neither replaces the
		// documented full run unless asked (an --only run wrote "not measured" over every other target).
		writeDoc: argv.includes('--doc') || (!quick && value('--only') === null && !argv.includes('--no-doc')),
		only: value('--only'),
		engines: engines === null ? [...engineIds] : (engines.split(',').filter((e) => (engineIds as readonly string[]).includes(e)) as EngineId[]),
		seed: value('--seed') ?? 'ownership-guardrails',
		json: value('--json'),
		wholeRuns: argv.includes('--no-whole') ? 0 : Number(value('--whole-runs') ?? (quick ? 3 : 15)),
	};
}

/** The commit the measured code was built from; others edit the same tree, so say if it was dirty. */
function commitOf(): string {
	try {
		const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src/engine'], { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
		return dirty ? `${head} (src/engine modified)` : head;
	} catch {
		return 'unknown';
	}
}

function machineInfo(): MachineInfo {
	const cpus = os.cpus();
	return {
		commit: commitOf(),
		cpus: cpus.length,
		cpuModel: cpus[0]?.model.trim() ?? 'unknown',
		node: process.version,
		platform: `${os.platform()} ${os.arch()}`,
		totalMemoryGb: Math.round(os.totalmem() / 1024 ** 3),
		loadAverage: os.loadavg(),
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
	};
}

function countRules(spec: DatasetSpec): number | null {
	if (spec.kind === 'synthetic') {
		return spec.rules;
	}
	const text = fs.readFileSync(path.join(spec.dir, 'CODEOWNERS'), 'utf8');
	let rules = 0;
	for (const line of text.split('\n')) {
		const trimmed = line.trim();
		if (trimmed !== '' && !trimmed.startsWith('#')) {
			rules++;
		}
	}
	return rules;
}

/** Runs one mode of this same bundle in a child process and returns what it sends back. */
function inChild<T>(args: string[], fallback: (error: string, maxRss: number) => T): Promise<T> {
	return new Promise((resolve) => {
		const child = fork(process.argv[1], args, { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		let answer: T | undefined;
		child.on('message', (message) => {
			answer = message as T;
		});
		child.on('error', (error) => resolve(fallback(error.message, 0)));
		child.on('exit', (code, signal) => {
			resolve(answer ?? fallback(`worker exited (${signal ?? `code ${String(code)}`})`, 0));
		});
	});
}

function failed(task: WorkerTask, error: string): EngineMeasurement {
	return {
		engine: task.engine, dataset: task.dataset.name, dialect: task.dataset.dialect, totalPaths: 0, sampledPaths: 0, sampled: false,
		splitMs: [], parseMs: [], compileMs: [], resolveMs: [], sampleMs: [], parseCpuMs: [], resolveCpuMs: [], unownedSampled: 0, unowned: 0, problems: null, maxRssBytes: 0, error,
	};
}

async function workerMode(json: string): Promise<void> {
	const task = JSON.parse(json) as WorkerTask;
	let result: EngineMeasurement;
	try {
		result = await runWorkerTask(task);
	} catch (error) {
		result = failed(task, error instanceof Error ? error.message : String(error));
		result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
	}
	reply(result);
}

/** Sends the result to the parent; run by hand (e.g. under --cpu-prof), prints it instead. */
function reply(result: unknown): void {
	if (process.send === undefined) {
		process.stdout.write(`${JSON.stringify(result)}\n`);
		return;
	}
	process.send(result, () => process.exit(0));
}

async function forecastMode(json: string): Promise<void> {
	const { changes, reps } = JSON.parse(json) as { changes: number; reps: number };
	reply(await runForecastBench(repoRoot, changes, reps));
}

async function initMode(json: string): Promise<void> {
	const { dataset, reps } = JSON.parse(json) as { dataset: DatasetSpec; reps: number };
	if (dataset.kind !== 'corpus') {
		throw new Error('init runs on corpus datasets only');
	}
	reply(await runInitBench(dataset, reps));
}

async function boundariesMode(json: string): Promise<void> {
	const { files, reps, edits } = JSON.parse(json) as { files: number; reps: number; edits: number };
	reply(await runBoundariesBench(path.join(repoRoot, 'dist', 'cli.js'), files, reps, edits));
}

async function bottlenecksMode(json: string): Promise<void> {
	const { commits, reps } = JSON.parse(json) as { commits: number; reps: number };
	reply(await runBottlenecksBench(locateCorpus(repoRoot), commits, reps));
}

function progress(text: string): void {
	process.stderr.write(`${text}\n`);
}

async function orchestrate(options: Options): Promise<void> {
	const started = performance.now();
	const machine = machineInfo();
	const reps = options.quick ? 3 : 5;
	const peerReps = options.quick ? 1 : 3;
	const peerBudgetMs = options.quick ? 1500 : 5000;
	const corpus = locateCorpus(repoRoot);
	let datasets: DatasetSpec[] = [
		...corpusDatasets(corpus),
		...syntheticDatasets(options.seed, options.quick ? 100_000 : 1_000_000, options.quick ? 2_000 : 20_000),
	];
	if (options.only !== null) {
		const only = options.only;
		datasets = datasets.filter((d) => d.name.includes(only));
	}
	if (!datasets.some((d) => d.kind === 'corpus')) {
		progress(`note: no corpus datasets (looked in ${corpus}; set GUARDRAILS_BENCH_CORPUS)`);
	}
	progress(`${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverage.map((v) => v.toFixed(2)).join(' ')}`);
	const results: DatasetResult[] = [];
	for (const spec of datasets) {
		const result: DatasetResult = { spec, rules: countRules(spec), measurements: [] };
		for (const engine of options.engines) {
			const task: WorkerTask = { engine, dataset: spec, reps, peerReps, peerBudgetMs, oursBudgetMs: 30_000, oursTotalMs: 30_000 };
			const t0 = performance.now();
			const m = await inChild<EngineMeasurement>(['--worker', JSON.stringify(task)], (error) => failed(task, error));
			if (m.error === undefined && m.resolveMs.length > 1) {
				// Repetitions grow the heap beyond what one load needs, so the peak RSS comes from
				// a fresh process that loads and resolves once, as the CLI does.
				const once: WorkerTask = { ...task, reps: 1, peerReps: 1 };
				const single = await inChild<EngineMeasurement>(['--worker', JSON.stringify(once)], (error) => failed(once, error));
				m.maxRssRepeatedBytes = m.maxRssBytes;
				m.maxRssBytes = single.maxRssBytes;
			}
			progress(`  ${spec.name.padEnd(30)} ${engineLabels[engine].padEnd(24)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s${m.error !== undefined ? `  FAILED: ${m.error}` : ''}`);
			result.measurements.push(m);
		}
		results.push(result);
	}
	let forecast: ForecastMeasurement | null = null;
	if (options.only === null || 'forecast'.includes(options.only)) {
		// A forecast costs a fraction of a second, so it gets more runs for a steadier median.
		forecast = await inChild<ForecastMeasurement | null>(['--forecast-worker', JSON.stringify({ changes: 10_000, reps: reps * 2 - 1 })], (error) => {
			progress(`  forecast FAILED: ${error}`);
			return null;
		});
		progress('  forecast done');
	}
	const init: InitMeasurement[] = [];
	if (options.only === null || 'init'.includes(options.only) || datasets.some((d) => d.kind === 'corpus')) {
		for (const spec of corpusDatasets(corpus).filter((d) => options.only === null || 'init'.includes(options.only) || d.name.includes(options.only))) {
			const m = await inChild<InitMeasurement | null>(['--init-worker', JSON.stringify({ dataset: spec, reps })], (error) => {
				progress(`  init ${spec.name} FAILED: ${error}`);
				return null;
			});
			if (m !== null) {
				init.push(m);
				progress(`  init ${spec.name.padEnd(25)} ${(m.totalMs.slice().sort((a, b) => a - b)[m.totalMs.length >> 1] / 1000).toFixed(2)} s median`);
			}
		}
	}
	const wholeProcess: WholeProcessResult[] = [];
	const cli = path.join(repoRoot, 'dist', 'cli.js');
	if (options.wholeRuns > 0 && fs.existsSync(cli)) {
		for (const result of results) {
			if (result.spec.kind === 'corpus') {
				const t0 = performance.now();
				const files = find(result, 'ours')?.totalPaths ?? 0;
				const measured = measureWholeProcess(cli, result.spec, files, options.wholeRuns);
				progress(`  ${result.spec.name.padEnd(30)} whole process            ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s${measured.error !== undefined ? `  FAILED: ${measured.error}` : ''}`);
				wholeProcess.push(measured);
			}
		}
	}
	let bottlenecks: BottlenecksMeasurement | null = null;
	if (options.only === null || 'bottlenecks'.includes(options.only)) {
		bottlenecks = await inChild<BottlenecksMeasurement | null>(['--bottlenecks-worker', JSON.stringify({ commits: 10_000, reps })], (error) => {
			progress(`  bottlenecks FAILED: ${error}`);
			return null;
		});
		progress('  bottlenecks done');
	}
	let boundaries: BoundariesMeasurement | null = null;
	if (options.only === null || 'boundaries'.includes(options.only)) {
		boundaries = await inChild<BoundariesMeasurement | null>(['--boundaries-worker', JSON.stringify({ files: options.quick ? 2_000 : 10_000, reps, edits: 200 })], (error) => {
			progress(`  boundaries FAILED: ${error}`);
			return null;
		});
		progress('  boundaries done');
	}
	machine.loadAverageEnd = os.loadavg();
	const report: BenchReport = {
		machine, quick: options.quick, reps, peerReps, peerBudgetMs, durationMs: performance.now() - started, datasets: results, forecast, init, wholeProcess, bottlenecks, boundaries,
	};
	process.stdout.write(`${renderText(report)}\n\nLoad average at start ${machine.loadAverage.map((v) => v.toFixed(2)).join(' ')}, at end ${machine.loadAverageEnd.map((v) => v.toFixed(2)).join(' ')} (${machine.cpus} cores).\n`);
	if (options.json !== null) {
		fs.writeFileSync(options.json, JSON.stringify(report, null, '\t'));
	}
	if (options.writeDoc) {
		const doc = path.join(repoRoot, 'docs', 'benchmarks.md');
		const before = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '# Benchmarks\n';
		fs.writeFileSync(doc, spliceMarkdown(before, renderMarkdown(report)));
		progress(`wrote ${path.relative(process.cwd(), doc)}`);
	}
}

/** The child-process modes: each runs one measurement from the JSON task after its flag. */
const workerModes: readonly [string, (json: string) => Promise<void>][] = [
	['--worker', workerMode],
	['--init-worker', initMode],
	['--forecast-worker', forecastMode],
	['--boundaries-worker', boundariesMode],
	['--bottlenecks-worker', bottlenecksMode],
];

async function main(argv: readonly string[]): Promise<void> {
	for (const [flag, mode] of workerModes) {
		const at = argv.indexOf(flag);
		if (at >= 0) {
			return mode(argv[at + 1]);
		}
	}
	return orchestrate(parseArgs(argv));
}

main(process.argv.slice(2)).catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
