// extensionTestsPath for the hostile-repository suite (issue 14): a copy of the demo with FIFOs,
// committed links out of the root, git traps and an ADR numbered past 2^53
// (scripts/prepareWorkspace.mjs --hostile), opened as a trusted folder.
import { runMocha } from '../runMocha';

export function run(): Promise<void> {
	return runMocha(__dirname);
}
