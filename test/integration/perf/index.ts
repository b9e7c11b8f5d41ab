// extensionTestsPath for the performance suite (not part of the default run): see run.mjs.
import { runMocha } from '../runMocha';

export function run(): Promise<void> {
	return runMocha(__dirname);
}
