// Generic extensionTestsPath: runs the suite folder named by GUARDRAILS_TEST_SUITE (default
// `suite`), for tools that can only point at one fixed module, such as a launch.json.
import * as path from 'path';
import { runMocha } from './runMocha';

export function run(): Promise<void> {
	const suite = process.env.GUARDRAILS_TEST_SUITE ?? 'suite';
	if (!/^[A-Za-z0-9_-]+$/.test(suite)) {
		return Promise.reject(new Error(`GUARDRAILS_TEST_SUITE must name a folder under test/integration, got ${JSON.stringify(suite)}`));
	}
	return runMocha(path.join(__dirname, suite));
}
