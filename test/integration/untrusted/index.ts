// extensionTestsPath for the Restricted Mode suite: the demo repository copy opened as a folder that
// is not trusted (runIntegration.mjs --untrusted).
import { runMocha } from '../runMocha';

export function run(): Promise<void> {
	return runMocha(__dirname);
}
