// The engines under test behind one small interface: ours, the two npm peers and the floor.
// Each adapter times only its own parse (and compile), never the I/O the harness needs around it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileCodeowners } from '../../src/engine/codeowners/index/codeownersIndex';
import { parseCodeowners } from '../../src/engine/codeowners/parse';
import type { Dialect } from '../../src/engine/codeowners/types';

export type EngineId = 'ours' | 'codeowners-utils' | 'codeowners' | 'floor';

export const engineIds: readonly EngineId[] = ['ours', 'codeowners-utils', 'codeowners', 'floor'];

export const engineLabels: Readonly<Record<EngineId, string>> = {
	'ours': 'this engine',
	'codeowners-utils': 'codeowners-utils 1.0.2',
	'codeowners': 'codeowners 5.1.1',
	'floor': 'floor (Map.get)',
};

/** Peers that need sampling: their per-path cost grows with the number of rules. */
export function isSlowPeer(id: EngineId): boolean {
	return id === 'codeowners-utils' || id === 'codeowners';
}

/** A parsed and compiled CODEOWNERS file that answers owners per path. */
export interface PreparedEngine {
	/** Owners as the library returns them; an empty list means unowned. */
	owners(path: string): readonly string[];
	dispose(): void;
}

export interface Prepared {
	engine: PreparedEngine;
	/** Parse (and compile) time in ms; null for the floor, which has nothing to parse. */
	parseMs: number | null;
	/** Ours only: how much of `parseMs` was building the index. */
	compileMs?: number;
	problems?: number;
}

async function prepareOurs(text: string, dialect: Dialect): Promise<Prepared> {
	const t0 = performance.now();
	const parsed = parseCodeowners(text, { dialect, file: dialect === 'github' ? '.github/CODEOWNERS' : '.gitlab/CODEOWNERS' });
	const t1 = performance.now();
	const index = compileCodeowners(parsed);
	const t2 = performance.now();
	return {
		parseMs: t2 - t0,
		compileMs: t2 - t1,
		problems: parsed.problems.length,
		engine: {
			owners: (p) => index.ownersOfPath(p),
			dispose: () => undefined,
		},
	};
}

async function prepareCodeownersUtils(text: string): Promise<Prepared> {
	// Loaded lazily so the other workers do not pay for the peer's modules in their RSS.
	const lib = await import('codeowners-utils');
	const t0 = performance.now();
	const entries = lib.parse(text);
	const t1 = performance.now();
	return {
		parseMs: t1 - t0,
		engine: {
			owners: (p) => lib.matchFile(p, entries)?.owners ?? [],
			dispose: () => undefined,
		},
	};
}

async function prepareCodeowners(text: string, dialect: Dialect): Promise<Prepared> {
	const lib = await import('codeowners');
	const Codeowners = lib.default;
	// The library only reads CODEOWNERS from disk (find-up from a directory), so give it a
	// repository of its own holding nothing but the file, where the host would keep it.
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-bench-'));
	const folder = path.join(root, dialect === 'github' ? '.github' : '.gitlab');
	fs.mkdirSync(folder);
	fs.writeFileSync(path.join(folder, 'CODEOWNERS'), text);
	const t0 = performance.now();
	const owners = new Codeowners(root);
	const t1 = performance.now();
	return {
		parseMs: t1 - t0,
		engine: {
			owners: (p) => owners.getOwner(p),
			dispose: () => fs.rmSync(root, { recursive: true, force: true }),
		},
	};
}

function prepareFloor(files: readonly string[]): Prepared {
	// The floor is an oracle that already knows every answer: building it is not timed, and
	// resolving is one Map.get per path. No engine can beat it.
	const answer: readonly string[] = ['@floor'];
	const map = new Map<string, readonly string[]>();
	for (const file of files) {
		map.set(file, answer);
	}
	return {
		parseMs: null,
		engine: {
			owners: (p) => map.get(p) ?? [],
			dispose: () => map.clear(),
		},
	};
}

export async function prepareEngine(id: EngineId, text: string, dialect: Dialect, files: readonly string[]): Promise<Prepared> {
	switch (id) {
		case 'ours':
			return prepareOurs(text, dialect);
		case 'codeowners-utils':
			return prepareCodeownersUtils(text);
		case 'codeowners':
			return prepareCodeowners(text, dialect);
		case 'floor':
			return prepareFloor(files);
	}
}
