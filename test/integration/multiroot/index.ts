// extensionTestsPath for the multi-root suite: the tests in this folder run against a
// .code-workspace with the demo repository copy and a plain folder outside any repository.
import { runMocha } from '../runMocha';

export function run(): Promise<void> {
	return runMocha(__dirname);
}
