// extensionTestsPath for the day-one suite: a git repository with a CODEOWNERS and no guardrails
// config (scripts/prepareWorkspace.mjs --codeowners-only), opened as a folder.
import { runMocha } from '../runMocha';

export function run(): Promise<void> {
	return runMocha(__dirname);
}
