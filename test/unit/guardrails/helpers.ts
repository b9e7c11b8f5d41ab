import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EngineHost } from '../../../src/engine/types';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import type { Dialect } from '../../../src/engine/codeowners/types';
import type { CodeownersInput } from '../../../src/engine/guardrails/whoDecides';

/** Root of the fixture repositories (tests run from out/test/unit/guardrails). */
export const fixturesRoot = path.resolve(__dirname, '../../../../test/fixtures/guardrails');

export function fixtureText(repo: string, file: string): string {
	return fs.readFileSync(path.join(fixturesRoot, repo, file), 'utf8');
}

/** The file list of a fixture repository (files.txt). */
export function fixtureFiles(repo: string): string[] {
	return fixtureText(repo, 'files.txt').split('\n').filter((line) => line.trim() !== '');
}

/** An in-memory host; `reads` counts readFile calls per path. */
export function memoryHost(files: Record<string, string>): EngineHost & { reads: Map<string, number> } {
	const reads = new Map<string, number>();
	return {
		reads,
		readFile(file: string): Promise<string | undefined> {
			reads.set(file, (reads.get(file) ?? 0) + 1);
			return Promise.resolve(Object.prototype.hasOwnProperty.call(files, file) ? files[file] : undefined);
		},
	};
}

/** A host over a fixture folder on disk. */
export function fixtureHost(repo: string): EngineHost {
	const root = path.join(fixturesRoot, repo);
	return {
		readFile(file: string): Promise<string | undefined> {
			const full = path.join(root, file);
			return Promise.resolve(fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full, 'utf8') : undefined);
		},
	};
}

/** CODEOWNERS compiled with the real engine. */
export function codeownersInput(text: string, dialect: Dialect = 'github', file = '.github/CODEOWNERS'): CodeownersInput {
	return { index: compileCodeowners(parseCodeowners(text, { dialect, file })), file, dialect };
}
