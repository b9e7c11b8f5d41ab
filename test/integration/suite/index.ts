// extensionTestsPath for the single-folder suite: the tests in this folder run against one demo
// repository copy opened as a folder.
import { runMocha } from '../runMocha';

export function run(): Promise<void> {
	return runMocha(__dirname);
}
