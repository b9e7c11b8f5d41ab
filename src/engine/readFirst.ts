import type { EngineHost } from './types';

/**
 * Reads the first of `candidates` that the host can read, in order; undefined when none can.
 * A host that throws is treated like a missing file, so a lookup never fails its caller.
 */
export async function readFirstExisting(host: EngineHost, candidates: readonly string[]): Promise<{ file: string; text: string } | undefined> {
	for (const file of candidates) {
		let text: string | undefined;
		try {
			text = await host.readFile(file);
		} catch {
			text = undefined;
		}
		if (text !== undefined) {
			return { file, text };
		}
	}
	return undefined;
}
