// Where the benchmark inputs come from: the real corpus on disk, or the synthetic generator.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dialect } from '../../src/engine/codeowners/types';
import { generateCodeowners, generateTree } from './synthetic';

export interface CorpusDataset {
	kind: 'corpus';
	name: string;
	dir: string;
	dialect: Dialect;
}

export interface SyntheticDatasetSpec {
	kind: 'synthetic';
	name: string;
	seed: string;
	paths: number;
	rules: number;
	dialect: Dialect;
}

export type DatasetSpec = CorpusDataset | SyntheticDatasetSpec;

/** The corpus README's expected unowned counts for a correct engine in the right dialect. */
export interface Expectation {
	/** Exact count, or a [min, max] fraction of the files. */
	unowned: number | { minFraction: number; maxFraction: number; text: string };
}

const corpusRepos: readonly { name: string; dialect: Dialect; expect: Expectation }[] = [
	// "roughly a third unowned": dir/* is direct children only on GitHub.
	{ name: 'apache__nuttx', dialect: 'github', expect: { unowned: { minFraction: 0.25, maxFraction: 0.42, text: '≈⅓' } } },
	{ name: 'DataDog__integrations-extras', dialect: 'github', expect: { unowned: 30 } },
	{ name: 'DataDog__dd-trace-py', dialect: 'github', expect: { unowned: 0 } },
	{ name: 'espressif__esp-idf', dialect: 'gitlab', expect: { unowned: 0 } },
	{ name: 'NVIDIA__warp', dialect: 'gitlab', expect: { unowned: 585 } },
];

/** The best peer's figures from the corpus README (hmarr/codeowners, Go), not measured by this bench. */
const referenceFigures: Readonly<Record<string, string>> = {
	'apache__nuttx': '24.8 s (parse 528 ms)',
	'DataDog__integrations-extras': '67 ms',
	'DataDog__dd-trace-py': '358 ms',
	'espressif__esp-idf': '68 ms',
	'NVIDIA__warp': '10 ms (wrong: no GitLab sections)',
};

export function referenceOf(name: string): string | undefined {
	return referenceFigures[name];
}

export function expectationOf(name: string): Expectation | undefined {
	return corpusRepos.find((repo) => repo.name === name)?.expect;
}

/** True, false, or undefined when the README states no expectation for the dataset. */
export function meetsExpectation(name: string, unowned: number, total: number): boolean | undefined {
	const expect = expectationOf(name);
	if (expect === undefined) {
		return undefined;
	}
	if (typeof expect.unowned === 'number') {
		return unowned === expect.unowned;
	}
	const fraction = unowned / total;
	return fraction >= expect.unowned.minFraction && fraction <= expect.unowned.maxFraction;
}

export function expectationText(name: string): string {
	const expect = expectationOf(name);
	if (expect === undefined) {
		return '';
	}
	return typeof expect.unowned === 'number' ? String(expect.unowned) : expect.unowned.text;
}

/** The corpus lives next to the repository (`../shared/bench/corpus`) unless the env says otherwise. */
export function locateCorpus(repoRoot: string): string {
	const fromEnv = process.env.GUARDRAILS_BENCH_CORPUS;
	return fromEnv !== undefined && fromEnv !== '' ? path.resolve(fromEnv) : path.resolve(repoRoot, '..', 'shared', 'bench', 'corpus');
}

export function corpusDatasets(corpus: string): CorpusDataset[] {
	return corpusRepos
		.filter((repo) => fs.existsSync(path.join(corpus, repo.name, 'CODEOWNERS')))
		.map((repo) => ({ kind: 'corpus', name: repo.name, dir: path.join(corpus, repo.name), dialect: repo.dialect }));
}

export function syntheticDatasets(seed: string, paths: number, rules: number): SyntheticDatasetSpec[] {
	const dialects: Dialect[] = ['github', 'gitlab'];
	return dialects.map((dialect) => ({ kind: 'synthetic', name: `synthetic-${dialect}`, seed, paths, rules, dialect }));
}

/** The inputs as text, the way an engine would receive them. */
export interface LoadedDataset {
	codeowners: string;
	/** Corpus: null, the list is read from `filesPath` inside the timed read+split. */
	filesText: string | null;
	filesPath: string | null;
}

export function loadDataset(spec: DatasetSpec): LoadedDataset {
	if (spec.kind === 'corpus') {
		return {
			codeowners: fs.readFileSync(path.join(spec.dir, 'CODEOWNERS'), 'utf8'),
			filesText: null,
			filesPath: path.join(spec.dir, 'files.txt'),
		};
	}
	const tree = generateTree(spec.seed, spec.paths);
	const generated = generateCodeowners(tree, { seed: spec.seed, paths: spec.paths, rules: spec.rules, dialect: spec.dialect });
	return { codeowners: generated.codeowners, filesText: tree.files.join('\n'), filesPath: null };
}

/** Read (corpus) and split the file list: the first half of the floor, paid by every engine. */
export function readAndSplit(loaded: LoadedDataset): string[] {
	const text = loaded.filesPath !== null ? fs.readFileSync(loaded.filesPath, 'utf8') : (loaded.filesText ?? '');
	const lines = text.split('\n');
	if (lines.length > 0 && lines[lines.length - 1] === '') {
		lines.pop();
	}
	return lines;
}
