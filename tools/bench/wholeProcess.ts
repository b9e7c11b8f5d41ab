// Whole-process comparison, hyperfine-style: `guardrails audit` as a user starts it (Node start,
// bundle load, reading, parsing, resolving, printing) against a Node process that only reads and
// splits the same two files. A and B alternate, so a change in the machine's load hits both.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CorpusDataset } from './datasets';

/** What the floor process does: read CODEOWNERS and the file list, split both into lines. */
const floorScript = [
	"const fs = require('node:fs');",
	"const a = fs.readFileSync(process.argv[1], 'utf8').split('\\n');",
	"const b = fs.readFileSync(process.argv[2], 'utf8').split('\\n');",
	'if (a.length + b.length < 0) { process.stdout.write("unreachable"); }',
].join('\n');

/** One command as spawned (no shell). */
export interface Command {
	label: string;
	file: string;
	args: string[];
}

/** The medians of both commands on one dataset, and their ratio. */
export interface WholeProcessResult {
	dataset: string;
	files: number;
	runs: number;
	auditMs: number[];
	floorMs: number[];
	/** Process start and bundle load alone: `guardrails --version`. */
	startMs: number[];
	/**
	 * Mean CPU time (user + system, all threads) per run of audit, floor and start, from the
	 * children's times in /proc (Linux, 10 ms ticks, so only the mean over all runs is meaningful);
	 * null elsewhere. Less disturbed than wall time when other jobs share the cores.
	 */
	cpuMs: [number, number, number] | null;
	error?: string;
}

/** Waited-for children's user + system time of this process in ms (Linux), else undefined. */
function childrenCpuMs(): number | undefined {
	try {
		const stat = fs.readFileSync('/proc/self/stat', 'utf8');
		// Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[13]) + Number(fields[14])) * 10;
	} catch {
		return undefined;
	}
}

/** `guardrails audit` on a corpus folder with its file list. */
export function auditCommand(cli: string, dataset: CorpusDataset): Command {
	return {
		label: 'guardrails audit',
		file: process.execPath,
		// As a user runs it: the CODEOWNERS lookup and the dialect detection are part of the work.
		args: [cli, 'audit', '--root', dataset.dir, '--files-from', path.join(dataset.dir, 'files.txt')],
	};
}

export function floorCommand(dataset: CorpusDataset): Command {
	return { label: 'read + split', file: process.execPath, args: ['-e', floorScript, path.join(dataset.dir, 'CODEOWNERS'), path.join(dataset.dir, 'files.txt')] };
}

export function startCommand(cli: string): Command {
	return { label: 'guardrails --version', file: process.execPath, args: [cli, '--version'] };
}

/** Wall time of one run in ms; throws when the command fails (a broken CLI must not look fast). */
function timeOnce(command: Command, cpu?: { ms: number; known: boolean }): number {
	const cpuBefore = childrenCpuMs();
	const started = process.hrtime.bigint();
	const result = spawnSync(command.file, command.args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
	const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
	const cpuAfter = childrenCpuMs();
	if (cpu !== undefined) {
		if (cpuBefore === undefined || cpuAfter === undefined) {
			cpu.known = false;
		} else {
			cpu.ms += cpuAfter - cpuBefore;
		}
	}
	if (result.status !== 0) {
		throw new Error(`${command.label} exited with ${String(result.status ?? result.signal)}: ${(result.stderr ?? '').trim().split('\n')[0]}`);
	}
	return elapsed;
}

/**
 * Runs the commands `runs` times each after one warm-up round, alternating their order every round
 * (A B C, then C B A, …), and returns every wall time in ms.
 */
export function alternate(commands: readonly Command[], runs: number, cpu?: { ms: number; known: boolean }[]): number[][] {
	const times = commands.map(() => [] as number[]);
	commands.forEach((command) => timeOnce(command));
	for (let round = 0; round < runs; round++) {
		const order = commands.map((_, i) => i);
		if (round % 2 === 1) {
			order.reverse();
		}
		for (const i of order) {
			times[i].push(timeOnce(commands[i], cpu?.[i]));
		}
	}
	return times;
}

/** Audit vs floor (and the bare start) on one corpus dataset. */
export function measureWholeProcess(cli: string, dataset: CorpusDataset, files: number, runs: number): WholeProcessResult {
	try {
		const cpu = [0, 1, 2].map(() => ({ ms: 0, known: true }));
		const [auditMs, floorMs, startMs] = alternate([auditCommand(cli, dataset), floorCommand(dataset), startCommand(cli)], runs, cpu);
		const cpuMs = cpu.every((c) => c.known) ? (cpu.map((c) => c.ms / runs) as [number, number, number]) : null;
		return { dataset: dataset.name, files, runs, auditMs, floorMs, startMs, cpuMs };
	} catch (error) {
		return { dataset: dataset.name, files, runs, auditMs: [], floorMs: [], startMs: [], cpuMs: null, error: error instanceof Error ? error.message : String(error) };
	}
}

/** The whole-process goal: `guardrails audit` on nuttx within 2.5× a process that reads and splits. */
export const wholeProcessGoal = 2.5;

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function fixed(value: number): string {
	return Number.isFinite(value) ? value.toFixed(value < 10 ? 1 : 0) : '—';
}

/** audit median ÷ floor median. */
export function wholeProcessRatio(result: WholeProcessResult): number {
	return median(result.auditMs) / median(result.floorMs);
}

/** The target row for nuttx, or null when nuttx was not measured. */
export function wholeProcessTarget(results: readonly WholeProcessResult[]): { name: string; met: boolean | null; detail: string } | null {
	const nuttx = results.find((r) => r.dataset === 'apache__nuttx');
	if (nuttx === undefined) {
		return null;
	}
	const name = `nuttx whole process: \`guardrails audit\` within ${wholeProcessGoal}× a Node process that reads and splits the two files`;
	if (nuttx.error !== undefined) {
		return { name, met: null, detail: `failed: ${nuttx.error}` };
	}
	const ratio = wholeProcessRatio(nuttx);
	const cpu = nuttx.cpuMs ? `; CPU per run ${fixed(nuttx.cpuMs[0])} vs ${fixed(nuttx.cpuMs[1])} ms = ${(nuttx.cpuMs[0] / nuttx.cpuMs[1]).toFixed(2)}×` : '';
	return {
		name,
		met: ratio <= wholeProcessGoal,
		detail: `medians of ${nuttx.runs} alternating runs: audit ${fixed(median(nuttx.auditMs))} ms vs read+split ${fixed(median(nuttx.floorMs))} ms = ${ratio.toFixed(2)}×`
			+ ` (\`guardrails --version\` alone ${fixed(median(nuttx.startMs))} ms)${cpu}${ratio > wholeProcessGoal ? ` — gap: ${(ratio / wholeProcessGoal).toFixed(2)}× too slow` : ''}`,
	};
}

const header = ['dataset', 'files', 'guardrails audit ms', 'read+split ms', 'ratio', 'guardrails --version ms', 'CPU ms audit / read+split', 'runs'];

function rows(results: readonly WholeProcessResult[]): string[][] {
	return results.map((r) => (r.error !== undefined
		? [r.dataset, String(r.files), `failed: ${r.error}`, '', '', '', '', String(r.runs)]
		: [
			r.dataset,
			r.files.toLocaleString('en-US'),
			fixed(median(r.auditMs)),
			fixed(median(r.floorMs)),
			`${wholeProcessRatio(r).toFixed(2)}×`,
			fixed(median(r.startMs)),
			r.cpuMs ? `${fixed(r.cpuMs[0])} / ${fixed(r.cpuMs[1])}` : '—',
			String(r.runs),
		]));
}

/** The whole-process table as Markdown (for docs/benchmarks.md). */
export function renderWholeProcessMarkdown(results: readonly WholeProcessResult[]): string[] {
	if (results.length === 0) {
		return [];
	}
	return [
		'',
		'### Whole process: `guardrails audit` against reading and splitting',
		'',
		'Wall-time medians of separate processes, run in alternation (audit, read+split, `--version`, then the reverse order) after one warm-up round each. '
			+ '`read+split` is `node -e` reading CODEOWNERS and `files.txt` and splitting both into lines; `guardrails audit` is the CLI bundle '
			+ '(`dist/cli.js`) with `--files-from files.txt`; `--version` is process start and bundle load alone. CPU is the mean per run (children\'s '
			+ 'user + system time from /proc, 10 ms ticks).',
		'',
		`| ${header.join(' | ')} |`,
		`| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
		...rows(results).map((row) => `| ${row.join(' | ')} |`),
	];
}

/** The same table for the terminal. */
export function renderWholeProcessText(results: readonly WholeProcessResult[]): string[] {
	if (results.length === 0) {
		return [];
	}
	const all = [header, ...rows(results)];
	const widths = header.map((_, c) => Math.max(...all.map((row) => row[c].length)));
	return ['', 'Whole process (medians of alternating runs):', ...all.map((row) => `  ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')}`)];
}
