import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import type { Dialect } from '../../../src/engine/codeowners/types';
import { inferModel } from '../../../src/engine/inference/inferModel';
import type { InferenceInput } from '../../../src/engine/inference/inferModel';
import type { InferredModel } from '../../../src/engine/inference/types';
import { loadWorkspaceModel } from '../../../src/engine/workspaceModel';
import type { EngineHost, Problem } from '../../../src/engine/types';

/** An in-memory repository: path → content; every path is a file of the repository. */
export type Repo = Record<string, string>;

export function memoryHost(repo: Repo): EngineHost {
	return {
		readFile: (file) => Promise.resolve(Object.prototype.hasOwnProperty.call(repo, file) ? repo[file] : undefined),
		fileSize: (file) => Promise.resolve(Object.prototype.hasOwnProperty.call(repo, file) ? repo[file].length : undefined),
	};
}

/** Runs the inference on an in-memory repository whose CODEOWNERS is at `codeownersFile`. */
export function infer(repo: Repo, options: { codeownersFile?: string; dialect?: Dialect; history?: InferenceInput['history'] } = {}): Promise<InferredModel> {
	const file = options.codeownersFile ?? ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'].find((f) => f in repo) ?? '.github/CODEOWNERS';
	const text = repo[file];
	const parsed = text === undefined ? undefined : parseCodeowners(text, { dialect: options.dialect ?? (file.startsWith('.gitlab/') ? 'gitlab' : 'github'), file });
	return inferModel({
		files: Object.keys(repo),
		codeowners: parsed === undefined ? null : { file, parsed, index: compileCodeowners(parsed) },
		host: memoryHost(repo),
		...(options.history !== undefined ? { history: options.history } : {}),
	});
}

/** The problems `guardrails lint` would report for a config text in this repository. */
export async function lintDraft(repo: Repo, draft: string): Promise<Problem[]> {
	const withDraft = { ...repo, 'guardrails.yaml': draft };
	const files = Object.keys(withDraft);
	const model = await loadWorkspaceModel(memoryHost(withDraft), { files });
	return [...model.problems(), ...model.lint(files)].filter((p) => p.file === 'guardrails.yaml');
}

/** Files `dir/name0..n` with the given content. */
export function many(dir: string, count: number, ext = 'py', content = 'x = 1\n'): Repo {
	const repo: Repo = {};
	for (let i = 0; i < count; i++) {
		repo[`${dir}/f${i}.${ext}`] = content;
	}
	return repo;
}
