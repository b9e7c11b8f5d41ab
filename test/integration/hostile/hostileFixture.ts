// Shared by the hostile-repository tests: where the fixture keeps what lies outside the repository
// (scripts/prepareWorkspace.mjs `hostileLayout`), and small file helpers.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { TestApi } from '../../../src/vscode/testApi';
import type { FileAnswer } from '../../../src/vscode/repo/ownershipService';
import { repoFile, repoRoot, waitFor } from '../suite/extensionApi';

/** The temp folder holding the repository and, beside it, `outside/`, `saved/` and `traps/`. */
export function fixtureRoot(): string {
	return path.dirname(repoRoot().fsPath);
}

export function outside(relative: string): string {
	return path.join(fixtureRoot(), ...relative.split('/'));
}

export function repoPath(relative: string): string {
	return repoFile(relative).fsPath;
}

/** Replaces a repository file by a FIFO, keeping the file's bytes to put back. */
export function replaceByFifo(relative: string): Buffer {
	const file = repoPath(relative);
	const bytes = fs.readFileSync(file);
	fs.rmSync(file);
	execFileSync('mkfifo', [file]);
	assert(fs.statSync(file).isFIFO(), `${relative} is a FIFO`);
	return bytes;
}

/** Puts a regular file with `bytes` where a FIFO (or anything) is. */
export function restoreFile(relative: string, bytes: Buffer | string): void {
	const file = repoPath(relative);
	fs.rmSync(file, { force: true });
	fs.writeFileSync(file, bytes);
}

function assert(condition: boolean, what: string): void {
	if (!condition) {
		throw new Error(`fixture: expected ${what}`);
	}
}

/** Drops every model, then waits until the answer for `relative` satisfies `accept`; says what it last saw. */
export async function answerAfterReset(api: TestApi, what: string, relative: string, accept: (answer: FileAnswer | undefined) => boolean, timeoutMs = 20_000): Promise<FileAnswer | undefined> {
	api.reset();
	let seen = 'no answer';
	const box = await waitFor(what, async () => {
		const answer = await api.answer(repoFile(relative));
		seen = answer ? `domain ${answer.decision.domain?.title ?? 'none'}, owners ${JSON.stringify(answer.decision.codeowners?.owners ?? null)}` : 'no answer';
		return accept(answer) ? { answer } : undefined;
	}, timeoutMs).catch((error: unknown) => {
		throw new Error(`${String(error)}; last answer: ${seen}`);
	});
	return box.answer;
}
