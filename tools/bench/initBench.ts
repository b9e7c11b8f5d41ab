// `guardrails init` on the real corpus: parse and compile CODEOWNERS, infer the model for every
// file (areas, umbrella and shared-rule resolution, covering globs, contracts, ADR folders) and
// render the draft. The corpus holds CODEOWNERS and file lists, not file contents, so content
// detection finds nothing to read: what is measured is the work that grows with files and rules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileCodeowners } from '../../src/engine/codeowners/index/codeownersIndex';
import { parseCodeowners } from '../../src/engine/codeowners/parse';
import { inferModel } from '../../src/engine/inference/inferModel';
import { renderDraft } from '../../src/engine/inference/renderDraft';
import type { CorpusDataset } from './datasets';

export interface InitMeasurement {
	dataset: string;
	files: number;
	rules: number;
	/** Wall time of parse + compile + infer + render, per run. */
	totalMs: number[];
	/** Process CPU time of the same, per run. */
	cpuMs: number[];
	domains: number;
	contracts: number;
	draftBytes: number;
}

function cpuMs(): number {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1000;
}

/** Runs init's engine part `reps` times on one corpus repository (fresh parse each run). */
export async function runInitBench(dataset: CorpusDataset, reps: number): Promise<InitMeasurement> {
	const text = fs.readFileSync(path.join(dataset.dir, 'CODEOWNERS'), 'utf8');
	const files = fs.readFileSync(path.join(dataset.dir, 'files.txt'), 'utf8').split('\n').filter((line) => line.length > 0);
	const file = dataset.dialect === 'gitlab' ? '.gitlab/CODEOWNERS' : '.github/CODEOWNERS';
	const host = { readFile: async (p: string) => (p === file ? text : undefined) };
	const result: InitMeasurement = { dataset: dataset.name, files: files.length, rules: 0, totalMs: [], cpuMs: [], domains: 0, contracts: 0, draftBytes: 0 };
	for (let i = 0; i < reps; i++) {
		const t0 = performance.now();
		const c0 = cpuMs();
		const parsed = parseCodeowners(text, { dialect: dataset.dialect, file });
		const model = await inferModel({ files, codeowners: { file, parsed, index: compileCodeowners(parsed) }, host });
		const draft = renderDraft(model);
		result.totalMs.push(performance.now() - t0);
		result.cpuMs.push(cpuMs() - c0);
		result.rules = parsed.rules.length;
		result.domains = model.domains.length;
		result.contracts = model.contracts.length;
		result.draftBytes = draft.length;
	}
	return result;
}
