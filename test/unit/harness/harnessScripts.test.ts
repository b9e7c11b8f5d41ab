// The developer scripts a new user runs first: `npm run demo -- --screenshots` and
// `test/harness/setup.sh`. Both must be safe on a fresh clone and as a normal user.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** Calls `screenshotDir` of test/harness/demoOptions.mjs (an ES module) in a child Node. */
function screenshotDir(values: Record<string, string>): string {
	const script = `import { screenshotDir } from ${JSON.stringify(path.join(repoRoot, 'test', 'harness', 'demoOptions.mjs'))};
const values = ${JSON.stringify(values)};
console.log(screenshotDir({ get: (name, fallback) => values[name] ?? fallback }, ${JSON.stringify(repoRoot)}));`;
	return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
}

suite('developer scripts on a fresh clone', () => {
	test('demo --screenshots writes to the ignored test-results/screenshots unless --out says otherwise (issue 13 item 10)', () => {
		assert.equal(screenshotDir({}), path.join(repoRoot, 'test-results', 'screenshots'));
		assert.equal(screenshotDir({ out: 'media' }), path.join(repoRoot, 'media'));
		const ignored = spawnSync('git', ['check-ignore', '-q', 'test-results/screenshots/screenshot-x.png'], { cwd: repoRoot });
		assert.equal(ignored.status, 0, 'test-results/ is git-ignored');
	});

	test('setup.sh as a normal user with packages missing says what to run as root and never calls apt-get (issue 13 item 10)', () => {
		const bin = mkdtempSync(path.join(os.tmpdir(), 'guardrails-fakebin-'));
		try {
			const marker = path.join(bin, 'apt-get-called');
			const fake = (name: string, body: string): void => {
				writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
				chmodSync(path.join(bin, name), 0o755);
			};
			fake('id', '[ "$1" = "-u" ] && echo 1000 || exec /usr/bin/id "$@"');
			fake('dpkg', 'exit 1');
			fake('apt-get', `touch ${JSON.stringify(marker)}; exit 0`);
			const result = spawnSync('bash', [path.join(repoRoot, 'test', 'harness', 'setup.sh')], {
				encoding: 'utf8',
				env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: bin },
			});
			assert.equal(result.status, 1, result.stdout + result.stderr);
			assert.match(result.stderr, /setup: missing Debian packages: chromium ripgrep libkrb5-dev/);
			assert.match(result.stderr, /sudo apt-get update && sudo apt-get install -y chromium ripgrep libkrb5-dev/);
			assert.ok(!existsSync(marker), 'apt-get must not run without root');
		} finally {
			rmSync(bin, { recursive: true, force: true });
		}
	});
});
