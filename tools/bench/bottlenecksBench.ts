// `guardrails bottlenecks` at scale: the nuttx corpus (27,000 files, 17,000 rules) with a synthetic
// history of 10,000 commits, and the ownership map of a 100,000-file synthetic repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitLogRecordMark, parseGitLog } from '../../src/engine/history/gitLog';
import { analyseBottlenecks } from '../../src/engine/history/bottlenecks';
import { renderBottlenecksHtml } from '../../src/engine/history/htmlReport';
import { buildOwnershipMap } from '../../src/engine/history/ownershipMap';
import { renderBottlenecksMarkdown, renderBottlenecksText } from '../../src/engine/history/render';
import type { HistoryCommit } from '../../src/engine/history/types';
import type { EngineHost } from '../../src/engine/types';
import { loadWorkspaceModel } from '../../src/engine/workspaceModel';
import { Prng } from './prng';
import { generateCodeowners, generateTree } from './synthetic';

export interface BottlenecksMeasurement {
	source: string;
	files: number;
	rules: number;
	commits: number;
	/** Paths touched by the history, summed over commits. */
	touched: number;
	/** Parse the `git log` text, load the model, analyse, render text, Markdown and HTML (with the map); per run. */
	wholeMs: number[];
	/** Process CPU time of each whole run (less disturbed by other jobs on a shared machine). */
	wholeCpuMs: number[];
	/** The analysis alone (`analyseBottlenecks`); per run. */
	analyseMs: number[];
	deciders: number;
	findings: number;
	/** The map of a 100,000-file repository: model, per-path resolution and layout; per run. */
	mapFiles: number;
	mapMs: number[];
	mapCpuMs: number[];
	mapLeaves: number;
}

function memoryHost(files: ReadonlyMap<string, string>): EngineHost {
	return { readFile: async (p) => files.get(p) };
}

/** Owners named in the CODEOWNERS text, to make authors out of some of them. */
function ownerTokens(codeowners: string): string[] {
	const owners = new Set<string>();
	for (const line of codeowners.split('\n')) {
		if (line.startsWith('#')) {
			continue;
		}
		line.trim().split(/\s+/).slice(1).forEach((t) => owners.add(t));
	}
	return [...owners];
}

/**
 * A history as `git log -z --name-only` prints it: each commit touches a few files of one
 * directory (1 % are bulk commits of 500 files); authors are partly the code owners themselves.
 */
export function synthesiseGitLog(files: readonly string[], owners: readonly string[], commits: number, seed = 'history'): string {
	const rng = new Prng(seed);
	const byDir = new Map<string, string[]>();
	for (const file of files) {
		const dir = file.slice(0, Math.max(0, file.lastIndexOf('/')));
		const list = byDir.get(dir) ?? [];
		list.push(file);
		byDir.set(dir, list);
	}
	const authors: { name: string; email: string }[] = [];
	for (let i = 0; i < 300; i++) {
		const owner = owners.length > 0 && rng.chance(0.5) ? rng.pick(owners) : `dev${i}@example.com`;
		const email = owner.includes('@') && !owner.startsWith('@') ? owner : `${i}+${owner.replace(/^@/, '').replace(/\//g, '-')}@users.noreply.github.com`;
		authors.push({ name: `Developer ${i}`, email });
	}
	const parts: string[] = [];
	for (let i = 0; i < commits; i++) {
		const first = rng.pick(files);
		const dir = first.slice(0, Math.max(0, first.lastIndexOf('/')));
		const siblings = byDir.get(dir) ?? [first];
		const count = rng.chance(0.01) ? 500 : 1 + rng.int(8);
		const touched = new Set([first]);
		for (let k = 0; k < count; k++) {
			touched.add(count >= 500 ? rng.pick(files) : rng.pick(siblings));
		}
		const author = rng.pick(authors);
		const sha = (i + 1).toString(16).padStart(40, '0');
		parts.push(`${gitLogRecordMark}${sha}\u001f${author.name}\u001f${author.email}\u001f2026-01-01T00:00:00+00:00\0\n${[...touched].join('\0')}\0`);
	}
	return parts.join('');
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[sorted.length >> 1];
}

/** Runs the bottlenecks bench: `reps` runs of the whole command on nuttx and of the 100,000-file map. */
export async function runBottlenecksBench(corpus: string, commits: number, reps: number): Promise<BottlenecksMeasurement | null> {
	const dir = path.join(corpus, 'apache__nuttx');
	if (!fs.existsSync(path.join(dir, 'CODEOWNERS'))) {
		return null;
	}
	const codeowners = fs.readFileSync(path.join(dir, 'CODEOWNERS'), 'utf8');
	const files = fs.readFileSync(path.join(dir, 'files.txt'), 'utf8').split('\n').filter((l) => l.length > 0);
	const log = synthesiseGitLog(files, ownerTokens(codeowners), commits);
	const host = memoryHost(new Map([['CODEOWNERS', codeowners]]));
	const wholeMs: number[] = [];
	const wholeCpuMs: number[] = [];
	const analyseMs: number[] = [];
	let deciders = 0;
	let findings = 0;
	let touched = 0;
	for (let rep = 0; rep < reps; rep++) {
		const cpu0 = process.cpuUsage();
		const t0 = performance.now();
		const history: HistoryCommit[] = parseGitLog(log);
		const model = await loadWorkspaceModel(host, { dialect: 'github' });
		const t1 = performance.now();
		const analysis = analyseBottlenecks(model.context, { commits: history, files, window: { since: '2025-10-01T00:00:00Z', until: '2026-01-01T00:00:00Z' } });
		const t2 = performance.now();
		renderBottlenecksText(analysis.json);
		renderBottlenecksMarkdown(analysis.json);
		renderBottlenecksHtml(analysis.json, buildOwnershipMap(analysis.catalog, model.config, analysis.files, analysis.pathCommits), 'nuttx');
		wholeMs.push(performance.now() - t0);
		const cpu = process.cpuUsage(cpu0);
		wholeCpuMs.push((cpu.user + cpu.system) / 1000);
		analyseMs.push(t2 - t1);
		deciders = analysis.json.deciders.length;
		findings = analysis.json.findings.length;
		touched = history.reduce((n, c) => n + c.files.length, 0);
	}
	const tree = generateTree('map', 100_000);
	const generated = generateCodeowners(tree, { seed: 'map', paths: 100_000, rules: 5_000, dialect: 'github' });
	const mapHost = memoryHost(new Map([['CODEOWNERS', generated.codeowners]]));
	const mapMs: number[] = [];
	const mapCpuMs: number[] = [];
	let mapLeaves = 0;
	for (let rep = 0; rep < reps; rep++) {
		const cpu0 = process.cpuUsage();
		const t0 = performance.now();
		const model = await loadWorkspaceModel(mapHost, { dialect: 'github' });
		const analysis = analyseBottlenecks(model.context, { commits: [], files: tree.files, window: { since: '', until: '' } });
		const map = buildOwnershipMap(analysis.catalog, model.config, analysis.files, analysis.pathCommits);
		JSON.stringify(map);
		mapMs.push(performance.now() - t0);
		const cpu = process.cpuUsage(cpu0);
		mapCpuMs.push((cpu.user + cpu.system) / 1000);
		mapLeaves = map.leaves.length;
	}
	return {
		source: 'apache__nuttx',
		files: files.length,
		rules: codeowners.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length,
		commits,
		touched,
		wholeMs,
		wholeCpuMs,
		analyseMs,
		deciders,
		findings,
		mapFiles: tree.files.length,
		mapMs,
		mapCpuMs,
		mapLeaves,
	};
}

/** One line for the text and Markdown reports. */
export function bottlenecksLine(b: BottlenecksMeasurement): string {
	return `Bottlenecks (${b.source}, ${b.files.toLocaleString('en-US')} files, ${b.rules.toLocaleString('en-US')} rules, ${b.commits.toLocaleString('en-US')} synthetic commits touching ${b.touched.toLocaleString('en-US')} paths): `
		+ `whole run median ${median(b.wholeMs).toFixed(0)} ms, CPU ${median(b.wholeCpuMs).toFixed(0)} ms (parse the git log, load, analyse ${median(b.analyseMs).toFixed(0)} ms, render text, Markdown and HTML with the map; ${b.deciders} deciders, ${b.findings} findings); `
		+ `ownership map of ${b.mapFiles.toLocaleString('en-US')} files median ${median(b.mapMs).toFixed(0)} ms, CPU ${median(b.mapCpuMs).toFixed(0)} ms (${b.mapLeaves.toLocaleString('en-US')} areas) over ${b.wholeMs.length} runs`;
}

export { median as bottlenecksMedian };
