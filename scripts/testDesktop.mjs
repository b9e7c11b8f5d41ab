// `npm run test:desktop [-- multiroot]`: the integration suites in desktop VS Code via
// @vscode/test-electron. Not part of `npm test` here: it downloads VS Code (and needs a display,
// or xvfb-run, on Linux). The code-server harness runs the same suites offline.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDemoRepo, prepareMultiRootWorkspace, removePrepared } from './prepareWorkspace.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const suite = process.argv[2] ?? 'suite';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, env = {}) {
	const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status ?? 1;
}

for (const script of ['compile-tests', 'build']) {
	if (run(npm, ['run', script]) !== 0) {
		process.exit(1);
	}
}
const prepared = suite === 'multiroot' ? prepareMultiRootWorkspace() : prepareDemoRepo();
const target = suite === 'multiroot' ? prepared.workspaceFile : prepared.repo;
const runner = [path.join('out', 'test', 'integration', 'runDesktop.js'), target, suite];
// Electron needs an X display; on a headless Linux box borrow one from xvfb-run when it exists.
const headless = process.platform === 'linux' && !process.env.DISPLAY && spawnSync('which', ['xvfb-run']).status === 0;
const code = headless
	? run('xvfb-run', ['-a', process.execPath, ...runner], { GUARDRAILS_TEST_REPO: prepared.repo })
	: run(process.execPath, runner, { GUARDRAILS_TEST_REPO: prepared.repo });
removePrepared(prepared.root);
process.exit(code);
