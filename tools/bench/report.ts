// Turns measurements into a table for the terminal and a Markdown block for docs/benchmarks.md.
// Figures are medians: the machine is shared, so a single run says little.
import type { DatasetSpec } from './datasets';
import { expectationText, meetsExpectation, referenceOf } from './datasets';
import type { EngineId } from './engines';
import { engineLabels } from './engines';
import type { BoundariesMeasurement } from './boundariesBench';
import { boundariesLine, boundariesTargets } from './boundariesBench';
import type { BottlenecksMeasurement } from './bottlenecksBench';
import { bottlenecksLine } from './bottlenecksBench';
import type { ForecastMeasurement } from './forecastBench';
import type { InitMeasurement } from './initBench';
import type { EngineMeasurement } from './worker';
import type { WholeProcessResult } from './wholeProcess';
import { renderWholeProcessMarkdown, renderWholeProcessText, wholeProcessTarget } from './wholeProcess';

export interface MachineInfo {
	/** Git commit of the repository when the bench started. */
	commit: string;
	cpus: number;
	cpuModel: string;
	node: string;
	platform: string;
	totalMemoryGb: number;
	loadAverage: number[];
	/** Load average when the run ended: how busy the shared machine was during it. */
	loadAverageEnd?: number[];
	date: string;
}

export interface DatasetResult {
	spec: DatasetSpec;
	rules: number | null;
	measurements: EngineMeasurement[];
}

export interface BenchReport {
	machine: MachineInfo;
	quick: boolean;
	reps: number;
	peerReps: number;
	peerBudgetMs: number;
	durationMs: number;
	datasets: DatasetResult[];
	forecast: ForecastMeasurement | null;
	/** `guardrails init` (engine part) per corpus repository; absent in reports from before it existed. */
	init?: InitMeasurement[];
	/** `guardrails audit` against a read-and-split process, per corpus dataset (empty when skipped). */
	wholeProcess: WholeProcessResult[];
	/** Absent in reports written before the bottlenecks bench existed. */
	bottlenecks?: BottlenecksMeasurement | null;
	/** Absent in reports written before the import-boundaries bench existed. */
	boundaries?: BoundariesMeasurement | null;
}

export function median(values: readonly number[]): number {
	if (values.length === 0) {
		return Number.NaN;
	}
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function grouped(value: number, digits = 0): string {
	return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds with precision that fits the size: 0.14, 3.1, 27.4, 1,234. */
export function ms(value: number): string {
	if (!Number.isFinite(value)) {
		return '—';
	}
	if (value < 1) {
		return value.toFixed(2);
	}
	if (value < 100) {
		return value.toFixed(1);
	}
	return grouped(value);
}

function mb(bytes: number): string {
	return bytes > 0 ? grouped(bytes / (1024 * 1024)) : '—';
}

function numeric(values: readonly (number | null)[]): number[] {
	return values.filter((v): v is number => v !== null);
}

/** Read+split, parse and resolve-all: what a cold command-line run pays after reading CODEOWNERS. */
export function endToEndMs(m: EngineMeasurement): number {
	const parse = numeric(m.parseMs);
	return median(m.splitMs) + (parse.length > 0 ? median(parse) : 0) + median(m.resolveMs);
}

export function find(result: DatasetResult | undefined, engine: EngineId): EngineMeasurement | undefined {
	return result?.measurements.find((m) => m.engine === engine);
}

interface Row {
	engine: string;
	split: string;
	parse: string;
	resolve: string;
	rate: string;
	unowned: string;
	cpu: string;
	rss: string;
	runs: string;
}

function rowOf(m: EngineMeasurement): Row {
	if (m.error !== undefined) {
		return { engine: engineLabels[m.engine], split: '—', parse: '—', resolve: `failed: ${m.error}`, rate: '—', unowned: '—', cpu: '—', rss: mb(m.maxRssBytes), runs: '0' };
	}
	const parse = numeric(m.parseMs);
	const resolve = median(m.resolveMs);
	let parseText = parse.length > 0 ? ms(median(parse)) : '—';
	if (m.compileMs.length > 0) {
		parseText += ` (index ${ms(median(m.compileMs))})`;
	}
	const resolveText = m.sampled
		? `≈ ${ms(resolve)} (sampled ${grouped(m.sampledPaths)} of ${grouped(m.totalPaths)} in ${ms(median(m.sampleMs))} ms, extrapolated)`
		: ms(resolve);
	// The floor knows every answer by construction; an unowned count means nothing for it.
	const check = m.engine === 'floor' ? undefined : meetsExpectation(m.dataset, m.unowned, m.totalPaths);
	// An extrapolation from a few hundred paths at the top of the list says little about the rest.
	const tooFew = m.sampled && m.sampledPaths < 1000;
	const mark = check === undefined ? '' : tooFew ? ' ?' : check ? ' ✓' : ' ✗';
	const unowned = `${m.sampled ? '≈ ' : ''}${grouped(m.unowned)}${mark}`;
	return {
		engine: engineLabels[m.engine],
		split: ms(median(m.splitMs)),
		parse: parseText,
		resolve: resolveText,
		rate: grouped(m.totalPaths / (resolve / 1000)),
		unowned: m.engine === 'floor' ? '—' : unowned,
		cpu: `${m.parseCpuMs.length > 0 ? ms(median(m.parseCpuMs)) : '—'} / ${m.sampled ? '≈ ' : ''}${ms(median(m.resolveCpuMs))}`,
		rss: mb(m.maxRssBytes),
		runs: String(m.resolveMs.length),
	};
}

const headers: Row = { engine: 'engine', split: 'read+split ms', parse: 'parse ms', resolve: 'resolve-all ms', rate: 'files/s', unowned: 'unowned', cpu: 'CPU ms parse / resolve', rss: 'peak RSS MB', runs: 'runs' };
const columns: (keyof Row)[] = ['engine', 'split', 'parse', 'resolve', 'rate', 'unowned', 'cpu', 'rss', 'runs'];

function datasetTitle(result: DatasetResult): string {
	const spec = result.spec;
	const total = result.measurements.find((m) => m.totalPaths > 0)?.totalPaths ?? 0;
	const rules = result.rules === null ? '' : `, ${grouped(result.rules)} rules`;
	const expected = expectationText(spec.name);
	const expect = expected === '' ? '' : `; expected unowned ${expected}`;
	const origin = spec.kind === 'synthetic' ? `synthetic, seed "${spec.seed}"` : 'corpus';
	return `${spec.name} (${spec.dialect}, ${origin}; ${grouped(total)} files${rules}${expect})`;
}

function referenceLine(result: DatasetResult): string | undefined {
	const reference = referenceOf(result.spec.name);
	return reference === undefined ? undefined : `Reference, NOT measured here (corpus README): best peer hmarr/codeowners (Go) resolves all in ${reference}.`;
}

/** A plain-text table per dataset for the terminal. */
export function renderText(report: BenchReport): string {
	const out: string[] = [];
	for (const result of report.datasets) {
		out.push('', datasetTitle(result));
		const rows = [headers, ...result.measurements.map(rowOf)];
		const widths = columns.map((c) => Math.max(...rows.map((r) => [...r[c]].length)));
		for (const row of rows) {
			out.push('  ' + columns.map((c, i) => (i === 0 ? row[c].padEnd(widths[i]) : row[c].padStart(widths[i]))).join('  '));
		}
		const reference = referenceLine(result);
		if (reference !== undefined) {
			out.push(`  ${reference}`);
		}
	}
	if (report.forecast !== null) {
		out.push('', forecastLine(report.forecast));
	}
	for (const line of initLines(report)) {
		out.push(line);
	}
	out.push(...renderWholeProcessText(report.wholeProcess));
	if (report.bottlenecks) {
		out.push('', bottlenecksLine(report.bottlenecks));
	}
	if (report.boundaries) {
		out.push('', boundariesLine(report.boundaries));
	}
	out.push('', 'Targets:');
	for (const target of targets(report)) {
		out.push(`  ${target.met === null ? '?' : target.met ? '✓ met' : '✗ NOT met'}  ${target.name}: ${target.detail}`);
	}
	return out.join('\n');
}

function initLine(m: InitMeasurement): string {
	return `init ${m.dataset}: ${grouped(m.files)} files, ${grouped(m.rules)} rules — median ${ms(median(m.totalMs))} ms (CPU ${ms(median(m.cpuMs))} ms) over ${m.totalMs.length} runs; ${grouped(m.domains)} domains, ${grouped(m.contracts)} contracts, draft ${grouped(m.draftBytes)} bytes`;
}

function initLines(report: BenchReport): string[] {
	const list = report.init ?? [];
	return list.length === 0 ? [] : ['', 'guardrails init (parse + infer + render, no git):', ...list.map((m) => `  ${initLine(m)}`)];
}

function forecastLine(f: ForecastMeasurement): string {
	return `Forecast (${f.source}): ${grouped(f.changes)} changed files, load ${ms(f.loadMs)} ms, forecast median ${ms(median(f.forecastMs))} ms (CPU ${ms(median(f.forecastCpuMs))} ms) over ${f.forecastMs.length} runs (fresh model each run; min ${ms(Math.min(...f.forecastMs))}, max ${ms(Math.max(...f.forecastMs))}); ${grouped(f.domains)} domains, ${grouped(f.contracts)} contracts, ${grouped(f.reviewers)} reviewers in the result`;
}

export interface TargetResult {
	name: string;
	met: boolean | null;
	detail: string;
}

export function targets(report: BenchReport): TargetResult[] {
	const out: TargetResult[] = [];
	const nuttx = report.datasets.find((d) => d.spec.name === 'apache__nuttx');
	const ours = find(nuttx, 'ours');
	if (ours === undefined || ours.error !== undefined) {
		out.push({ name: 'nuttx: parse ≤ 50 ms, resolve all 27,017 ≤ 50 ms', met: null, detail: 'not measured' });
		out.push({ name: 'nuttx: whole-process peak RSS < 150 MB', met: null, detail: 'not measured' });
	} else {
		const parse = median(numeric(ours.parseMs));
		const resolve = median(ours.resolveMs);
		const met = !ours.sampled && parse <= 50 && resolve <= 50;
		const gaps: string[] = [];
		if (parse > 50) {
			gaps.push(`parse ${(parse / 50).toFixed(1)}× over`);
		}
		if (resolve > 50) {
			gaps.push(`resolve ${(resolve / 50).toFixed(1)}× over`);
		}
		out.push({
			name: `nuttx: parse ≤ 50 ms, resolve all ${grouped(ours.totalPaths)} ≤ 50 ms`,
			met,
			detail: `parse ${ms(parse)} ms (index ${ms(median(ours.compileMs))}), resolve-all ${ms(resolve)} ms${ours.sampled ? ' (sampled, extrapolated)' : ''}`
				+ ` (CPU time: parse ${ms(median(ours.parseCpuMs))}, resolve ${ms(median(ours.resolveCpuMs))})${gaps.length > 0 ? ` — gap: ${gaps.join(', ')}` : ''}`,
		});
		const rss = ours.maxRssBytes / (1024 * 1024);
		out.push({
			name: 'nuttx: whole-process peak RSS < 150 MB',
			met: rss < 150,
			detail: `${grouped(rss)} MB for one load and resolve-all (floor process on the same data: ${mb(find(nuttx, 'floor')?.maxRssBytes ?? 0)} MB`
				+ `${ours.maxRssRepeatedBytes !== undefined ? `; ${mb(ours.maxRssRepeatedBytes)} MB after ${ours.resolveMs.length} repetitions in one process` : ''})`
				+ `${rss >= 150 ? ` — gap: ${grouped(rss - 150)} MB over` : ''}`,
		});
	}
	for (const result of report.datasets.filter((d) => d.spec.kind === 'synthetic')) {
		const mine = find(result, 'ours');
		const floor = find(result, 'floor');
		const name = `${result.spec.name}: ${grouped(mine?.totalPaths ?? 0)} paths within 3× of the read+split floor`;
		if (mine === undefined || floor === undefined || mine.error !== undefined || floor.error !== undefined) {
			out.push({ name, met: null, detail: 'not measured' });
			continue;
		}
		const ratio = endToEndMs(mine) / endToEndMs(floor);
		const resolveRatio = median(mine.resolveMs) / (median(floor.splitMs) + median(floor.resolveMs));
		out.push({
			name,
			met: !mine.sampled && ratio <= 3,
			detail: `read+split+parse+resolve ${ms(endToEndMs(mine))} ms vs floor read+split+Map.get ${ms(endToEndMs(floor))} ms = ${ratio.toFixed(2)}×`
				+ `; resolve-all alone ${ms(median(mine.resolveMs))} ms = ${resolveRatio.toFixed(2)}× the floor`
				+ (ratio > 3 ? ` — gap: ${(ratio / 3).toFixed(1)}× too slow` : ''),
		});
	}
	const whole = wholeProcessTarget(report.wholeProcess);
	if (whole !== null) {
		out.push(whole);
	}
	if (report.forecast === null) {
		out.push({ name: 'forecast of 10,000 files well under 1 s (≤ 500 ms)', met: null, detail: 'not measured' });
	} else {
		const f = median(report.forecast.forecastMs);
		// "Well under" a second: at most half of it, so a busy CI runner still stays below 1 s.
		out.push({
			name: `forecast of ${grouped(report.forecast.changes)} files well under 1 s (≤ 500 ms)`,
			met: f <= 500,
			detail: `median ${ms(f)} ms, CPU ${ms(median(report.forecast.forecastCpuMs))} ms (${f < 1000 ? `${(1000 / f).toFixed(1)}× under 1 s` : `${(f / 1000).toFixed(1)}× over 1 s`}), model load ${ms(report.forecast.loadMs)} ms`
				+ (f > 500 ? ` — gap: ${ms(f - 500)} ms over 500 ms` : ''),
		});
	}
	const init = (report.init ?? []).find((m) => m.dataset === 'apache__nuttx');
	if (init === undefined) {
		out.push({ name: 'init on nuttx (27,017 files, 16,717 rules) < 2 s', met: null, detail: 'not measured' });
	} else {
		const t = median(init.totalMs);
		out.push({
			name: `init on nuttx (${grouped(init.files)} files, ${grouped(init.rules)} rules) < 2 s`,
			met: t < 2000,
			detail: `median ${ms(t)} ms, CPU ${ms(median(init.cpuMs))} ms (parse, infer, render; git ls-files and git log not included)${t >= 2000 ? ` — gap: ${ms(t - 2000)} ms over` : ''}`,
		});
	}
	if (!report.bottlenecks) {
		out.push({ name: 'bottlenecks on nuttx with 10,000 commits under 3 s', met: null, detail: 'not measured (no corpus)' });
		out.push({ name: 'ownership map of 100,000 files under 2 s', met: null, detail: 'not measured' });
	} else {
		const b = report.bottlenecks;
		const whole = median(b.wholeMs);
		const map = median(b.mapMs);
		out.push({
			name: `bottlenecks on nuttx with ${grouped(b.commits)} commits under 3 s`,
			met: whole < 3000,
			detail: `median ${ms(whole)} ms, CPU ${ms(median(b.wholeCpuMs))} ms (analysis ${ms(median(b.analyseMs))} ms); git log itself not included`,
		});
		out.push({
			name: `ownership map of ${grouped(b.mapFiles)} files under 2 s`,
			met: map < 2000,
			detail: `median ${ms(map)} ms, CPU ${ms(median(b.mapCpuMs))} ms for model, resolution and layout (${grouped(b.mapLeaves)} areas)`,
		});
	}
	out.push(...boundariesTargets(report.boundaries));
	return out;
}

function markdownTable(rows: Row[]): string[] {
	const line = (row: Row): string => `| ${columns.map((c) => row[c].replace(/\|/g, '\\|')).join(' | ')} |`;
	return [line(headers), `| ${columns.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...rows.map(line)];
}

/** The block written between the markers in docs/benchmarks.md. */
export function renderMarkdown(report: BenchReport): string {
	const m = report.machine;
	const out: string[] = [
		`Last run (${report.quick ? 'quick' : 'full'}): ${m.date}, commit ${m.commit} — ${m.cpus} × ${m.cpuModel}, ${m.totalMemoryGb} GB RAM, Node ${m.node} (${m.platform}), `
			+ `load average (1 / 5 / 15 min) at start ${m.loadAverage.map((v) => v.toFixed(2)).join(' / ')}`
			+ `${m.loadAverageEnd !== undefined ? `, at end ${m.loadAverageEnd.map((v) => v.toFixed(2)).join(' / ')}` : ''}; ${report.quick ? 'quick mode' : 'full mode'}, `
			+ `${report.reps} runs for this engine and the floor, up to ${report.peerReps} for peers within ${grouped(report.peerBudgetMs / 1000)} s each; whole run ${grouped(report.durationMs / 1000)} s.`,
		'',
		'### Targets',
		'',
		'| target | result | measured |',
		'| --- | --- | --- |',
		...targets(report).map((t) => `| ${t.name} | ${t.met === null ? 'not measured' : t.met ? '✓ met' : '✗ not met'} | ${t.detail.replace(/\|/g, '\\|')} |`),
		'',
		'### CODEOWNERS resolution, per dataset',
		'',
		'Medians. `parse ms` includes building the index (shown in brackets for this engine). `CPU ms` is the process CPU time '
			+ '(user + system, all threads) of parse and resolve-all: it is less disturbed by other jobs than wall time. `peak RSS` is the whole-process '
			+ '`maxRSS` of a child process that loads the data, parses and resolves every path once (Node itself is about 45 MB). '
			+ '`≈` marks figures extrapolated from a sample. ✓/✗: unowned count against the corpus README '
			+ '(`?`: sample under 1,000 paths, too small to judge).',
	];
	for (const result of report.datasets) {
		out.push('', `#### ${datasetTitle(result)}`, '', ...markdownTable(result.measurements.map(rowOf)));
		const reference = referenceLine(result);
		if (reference !== undefined) {
			out.push('', reference);
		}
	}
	out.push(...renderWholeProcessMarkdown(report.wholeProcess));
	if (report.forecast !== null) {
		out.push('', '### Review forecast', '', forecastLine(report.forecast) + '.');
	}
	if ((report.init ?? []).length > 0) {
		out.push('', '### guardrails init', '', 'Parse and compile CODEOWNERS, infer the model for every file, render the draft (the corpus has no file contents, so content detection reads nothing; git is not run). Medians.', '');
		(report.init ?? []).forEach((m) => out.push(`- ${initLine(m)}.`));
	}
	if (report.bottlenecks) {
		out.push('', '### Decision load (`guardrails bottlenecks`) and the ownership map', '', bottlenecksLine(report.bottlenecks) + '.');
	}
	if (report.boundaries) {
		out.push('', '### Import boundaries (`guardrails boundaries`, editor diagnostics)', '', boundariesLine(report.boundaries) + '.');
	}
	return out.join('\n');
}

export const markerStart = '<!-- bench:start -->';
export const markerEnd = '<!-- bench:end -->';

/** Replaces only what is between the markers; the prose around them belongs to people. */
export function spliceMarkdown(document: string, block: string): string {
	const start = document.indexOf(markerStart);
	const end = document.indexOf(markerEnd);
	if (start < 0 || end < start) {
		return `${document.trimEnd()}\n\n${markerStart}\n${block}\n${markerEnd}\n`;
	}
	return `${document.slice(0, start + markerStart.length)}\n${block}\n${document.slice(end)}`;
}
