// Whole-process comparison, hyperfine-style: `guardrails audit` as a user starts it (Node start,
// bundle load, reading, parsing, resolving, printing) against a Node process that only reads and
// splits the same two files. A and B alternate, so a change in the machine's load hits both.
import { spawnSync } from 'node:child_process';
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
	error?: string;
}

/** `guardrails audit` on a corpus folder, with its file list and dialect given explicitly. */
export function auditCommand(cli: string, dataset: CorpusDataset): Command {
	return {
		label: 'guardrails audit',
		file: process.execPath,
		args: [cli, 'audit', '--root', dataset.dir, '--files-from', path.join(dataset.dir, 'files.txt'), '--dialect', dataset.dialect, '--codeowners', path.join(dataset.dir, 'CODEOWNERS')],
	};
}

export function floorCommand(dataset: CorpusDataset): Command {
	return { label: 'read + split', file: process.execPath, args: ['-e', floorScript, path.join(dataset.dir, 'CODEOWNERS'), path.join(dataset.dir, 'files.txt')] };
}

export function startCommand(cli: string): Command {
	return { label: 'guardrails --version', file: process.execPath, args: [cli, '--version'] };
}

/** Wall time of one run in ms; throws when the command fails (a broken CLI must not look fast). */
function timeOnce(command: Command): number {
	const started = process.hrtime.bigint();
	const result = spawnSync(command.file, command.args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
	const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
	if (result.status !== 0) {
		throw new Error(`${command.label} exited with ${String(result.status ?? result.signal)}: ${(result.stderr ?? '').trim().split('\n')[0]}`);
	}
	return elapsed;
}

/**
 * Runs the commands `runs` times each after one warm-up round, alternating their order every round
 * (A B C, then C B A, …), and returns every wall time in ms.
 */
export function alternate(commands: readonly Command[], runs: number): number[][] {
	const times = commands.map(() => [] as number[]);
	commands.forEach((command) => timeOnce(command));
	for (let round = 0; round < runs; round++) {
		const order = commands.map((_, i) => i);
		if (round % 2 === 1) {
			order.reverse();
		}
		for (const i of order) {
			times[i].push(timeOnce(commands[i]));
		}
	}
	return times;
}

/** Audit vs floor (and the bare start) on one corpus dataset. */
export function measureWholeProcess(cli: string, dataset: CorpusDataset, files: number, runs: number): WholeProcessResult {
	try {
		const [auditMs, floorMs, startMs] = alternate([auditCommand(cli, dataset), floorCommand(dataset), startCommand(cli)], runs);
		return { dataset: dataset.name, files, runs, auditMs, floorMs, startMs };
	} catch (error) {
		return { dataset: dataset.name, files, runs, auditMs: [], floorMs: [], startMs: [], error: error instanceof Error ? error.message : String(error) };
	}
}
