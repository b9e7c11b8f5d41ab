// Import boundaries at scale: a synthesised 10,000-file TypeScript monorepo (tools/bench/importRepo.ts).
// Measures the editor's background index (resolution context and compiled rules, then every file's
// imports), re-checking one file after an edit, and `guardrails boundaries` as a whole process.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileGuardrails } from '../../src/engine/guardrails/domainIndex';
import { parseGuardrails } from '../../src/engine/guardrails/parse';
import { BoundaryRulesIndex } from '../../src/engine/imports/boundaryCheck';
import { fileBoundaryFindings, loadRepoModules, scanBoundaries } from '../../src/engine/imports/boundaryScan';
import type { EngineHost } from '../../src/engine/types';
import { generateImportRepo } from './importRepo';

export interface BoundariesMeasurement {
	files: number;
	sources: number;
	domains: number;
	imports: number;
	bytes: number;
	findings: number;
	violations: number;
	undeclared: number;
	exceptions: number;
	/** Resolution context (file list, package.json and tsconfig) and compiled rules; per run. */
	contextMs: number[];
	/** Context plus every file's imports read, resolved and classified (in memory, no disk); per run. */
	indexMs: number[];
	indexCpuMs: number[];
	/** One file re-checked after a one-character edit (tokenize, resolve, classify); per edit. */
	recheckMs: number[];
	/** `node dist/cli.js boundaries --root <tmp> --format json` on the repository written to disk; per run. */
	cliMs: number[];
	cliError?: string;
}

function cpuMs(since: NodeJS.CpuUsage): number {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? Number.NaN : sorted[sorted.length >> 1];
}

function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function rulesOf(text: string): BoundaryRulesIndex {
	const config = parseGuardrails(text, 'guardrails.yaml');
	return new BoundaryRulesIndex(config, compileGuardrails(config));
}

/** Writes the repository to a temporary folder for the whole-process run; returns the folder. */
function writeToDisk(files: ReadonlyMap<string, string>): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-bench-imports-'));
	for (const [file, text] of files) {
		const full = path.join(root, ...file.split('/'));
		fs.mkdirSync(path.dirname(full), { recursive: true });
		fs.writeFileSync(full, text);
	}
	return root;
}

/** Runs the bench: `reps` index runs, `edits` re-checks, `reps` CLI runs (when `cli` exists). */
export async function runBoundariesBench(cli: string, files: number, reps: number, edits: number): Promise<BoundariesMeasurement> {
	const repo = generateImportRepo({ seed: 'boundaries', files });
	const list = [...repo.files.keys()];
	const host: EngineHost = { readFile: async (p) => repo.files.get(p) };
	const guardrails = repo.files.get('guardrails.yaml') ?? '';
	const contextMs: number[] = [];
	const indexMs: number[] = [];
	const indexCpuMs: number[] = [];
	let report: Awaited<ReturnType<typeof scanBoundaries>> | undefined;
	for (let rep = 0; rep < reps; rep++) {
		const cpu0 = process.cpuUsage();
		const t0 = performance.now();
		const modules = await loadRepoModules(host, list);
		const rules = rulesOf(guardrails);
		contextMs.push(performance.now() - t0);
		report = await scanBoundaries(host, list, rules, modules);
		indexMs.push(performance.now() - t0);
		indexCpuMs.push(cpuMs(cpu0));
	}
	// Re-check after an edit, as the editor does: the context is built, the file's text changed.
	const modules = await loadRepoModules(host, list);
	const rules = rulesOf(guardrails);
	const edited = report?.findings.find((f) => f.status === 'violation')?.file ?? list.find((f) => f.endsWith('.ts')) ?? '';
	let text = repo.files.get(edited) ?? '';
	const recheckMs: number[] = [];
	for (let i = 0; i < edits; i++) {
		const at = text.length >> 1;
		text = `${text.slice(0, at)}${i % 2 === 0 ? ' ' : '\n'}${text.slice(at)}`;
		const t0 = performance.now();
		fileBoundaryFindings(edited, text, modules, rules);
		recheckMs.push(performance.now() - t0);
	}
	const cliMs: number[] = [];
	let cliError: string | undefined;
	if (fs.existsSync(cli)) {
		const root = writeToDisk(repo.files);
		try {
			for (let rep = 0; rep < reps && cliError === undefined; rep++) {
				const t0 = performance.now();
				const run = spawnSync(process.execPath, [cli, 'boundaries', '--root', root, '--format', 'json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
				cliMs.push(performance.now() - t0);
				if (run.status !== 0) {
					cliError = `exit ${String(run.status)}: ${(run.stderr ?? '').trim().slice(0, 200)}`;
				}
			}
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	} else {
		cliError = `${cli} not built`;
	}
	const findings = report?.findings ?? [];
	return {
		files: list.length,
		sources: repo.sources,
		domains: repo.domains.length,
		imports: repo.imports,
		bytes: [...repo.files.values()].reduce((n, t) => n + t.length, 0),
		findings: findings.length,
		violations: findings.filter((f) => f.status === 'violation').length,
		undeclared: findings.filter((f) => f.status === 'dependency-not-declared').length,
		exceptions: findings.filter((f) => f.status === 'allowed-exception').length,
		contextMs,
		indexMs,
		indexCpuMs,
		recheckMs,
		cliMs,
		...(cliError !== undefined ? { cliError } : {}),
	};
}

function grouped(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

/** One line for the text and Markdown reports. */
export function boundariesLine(b: BoundariesMeasurement): string {
	return `Import boundaries (synthetic TypeScript monorepo: ${grouped(b.files)} files, ${grouped(b.sources)} sources, ${(b.bytes / 1024 / 1024).toFixed(1)} MB, ${b.domains} domains, ${grouped(b.imports)} imports; `
		+ `${grouped(b.findings)} cross-domain, ${grouped(b.violations)} violations, ${grouped(b.undeclared)} undeclared, ${grouped(b.exceptions)} exceptions): `
		+ `index median ${grouped(median(b.indexMs))} ms (CPU ${grouped(median(b.indexCpuMs))} ms; context ${grouped(median(b.contextMs))} ms) over ${b.indexMs.length} runs; `
		+ `re-check one file after an edit median ${median(b.recheckMs).toFixed(2)} ms, p95 ${percentile(b.recheckMs, 0.95).toFixed(2)} ms, max ${Math.max(...b.recheckMs).toFixed(2)} ms over ${b.recheckMs.length} edits; `
		+ (b.cliError !== undefined ? `guardrails boundaries FAILED: ${b.cliError}` : `guardrails boundaries --format json (whole process, from disk) median ${grouped(median(b.cliMs))} ms over ${b.cliMs.length} runs`);
}

/** The three targets of the import-boundaries work, for the report's target table. */
export function boundariesTargets(b: BoundariesMeasurement | null | undefined): { name: string; met: boolean | null; detail: string }[] {
	if (!b) {
		return [
			{ name: 'index the imports of 10,000 TypeScript files < 5 s', met: null, detail: 'not measured' },
			{ name: 're-check one file after an edit < 50 ms', met: null, detail: 'not measured' },
			{ name: 'guardrails boundaries on 10,000 files < 5 s', met: null, detail: 'not measured' },
		];
	}
	const index = median(b.indexMs);
	const recheck = median(b.recheckMs);
	const cli = median(b.cliMs);
	return [
		{ name: `index the imports of ${grouped(b.files)} TypeScript files < 5 s`, met: index < 5000, detail: `median ${grouped(index)} ms, CPU ${grouped(median(b.indexCpuMs))} ms (in memory; the editor reads through workspace.fs on top)` },
		{ name: 're-check one file after an edit < 50 ms', met: recheck < 50, detail: `median ${recheck.toFixed(2)} ms, max ${Math.max(...b.recheckMs).toFixed(2)} ms over ${b.recheckMs.length} edits` },
		b.cliError !== undefined
			? { name: `guardrails boundaries on ${grouped(b.files)} files < 5 s`, met: null, detail: `failed: ${b.cliError}` }
			: { name: `guardrails boundaries on ${grouped(b.files)} files < 5 s`, met: cli < 5000, detail: `median ${grouped(cli)} ms whole process (start, walk, read, check, JSON out)` },
	];
}
