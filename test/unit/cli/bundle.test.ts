// The real binary: src/cli/main.ts bundled the way esbuild.config.mjs does it, run as a process.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { cleanUp, demoRoot, emptyRepo, git, repoRoot, testEnv, write } from './cliHarness';

// Inside out/ so the version lookup finds the repository's package.json by walking up.
const bundle = path.join(repoRoot, 'out', 'cli-bundle-test', 'cli.js');
const loader = path.join(repoRoot, 'out', 'cli-loader-test', 'cli.js');

function runBinary(args: string[]): { code: number | null; stdout: string; stderr: string } {
	const result = spawnSync(process.execPath, [bundle, ...args], { cwd: demoRoot, env: testEnv(), encoding: 'utf8' });
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

suite('cli bundle', () => {
	suiteSetup(async () => {
		// No vscode external: the bundle fails to build if anything the CLI reaches imports vscode.
		await build({ entryPoints: [path.join(repoRoot, 'src', 'cli', 'main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: bundle, logLevel: 'silent', banner: { js: '#!/usr/bin/env node' } });
		// The binary as shipped: the loader (src/cli/cli.ts) runs cli-main.js with its code cache.
		await build({ entryPoints: [path.join(repoRoot, 'src', 'cli', 'cli.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: loader, logLevel: 'silent' });
		await build({ entryPoints: [path.join(repoRoot, 'src', 'cli', 'main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: path.join(path.dirname(loader), 'cli-main.js'), logLevel: 'silent' });
		const script = path.join(repoRoot, 'scripts', 'cliCodeCache.mjs');
		spawnSync(process.execPath, ['--input-type=module', '-e', `import { writeCodeCache } from ${JSON.stringify(script)}; writeCodeCache(${JSON.stringify(path.join(path.dirname(loader), 'cli-main.js'))});`]);
	});
	suiteTeardown(cleanUp);

	test('through the loader and its code cache, commands that start git work (audit lists the files with git)', () => {
		const repo = emptyRepo();
		write(repo, 'CODEOWNERS', '*.ts @devs\n');
		write(repo, 'a.ts', 'x');
		git(repo, 'add', '-A');
		const result = spawnSync(process.execPath, [loader, 'audit', '--json'], { cwd: repo, env: testEnv(), encoding: 'utf8' });
		assert.equal(result.stderr, '');
		assert.equal(result.status, 0);
		assert.deepEqual(JSON.parse(result.stdout), { files: 2, owned: 1, unowned: 1, owners: { '@devs': 1 }, unownedSample: ['CODEOWNERS'] });
	});

	test('prints the version and answers with exit code 0', () => {
		const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
		assert.deepEqual(runBinary(['--version']), { code: 0, stdout: `${manifest.version}\n`, stderr: '' });
		const owners = runBinary(['owners', '--json', 'services/payments/src/refunds.ts']);
		assert.equal(owners.code, 0, owners.stderr);
		assert.deepEqual((JSON.parse(owners.stdout) as { owners: string[] }[])[0].owners, ['@acme-bank/payments']);
	});

	test('errors are one line and a non-zero exit code, never a stack trace', () => {
		const result = runBinary(['owners', '--nope', 'x']);
		assert.equal(result.code, 2);
		assert.equal(result.stdout, '');
		assert.match(result.stderr, /^guardrails: [^\n]+\n$/);
	});

	test('--files-from - reads standard input', () => {
		const result = spawnSync(process.execPath, [bundle, 'audit', '--json', '--files-from', '-'], { cwd: demoRoot, env: testEnv(), encoding: 'utf8', input: 'tools/scratch/notes.md\nlibs/ledger/journal.ts\n' });
		assert.equal(result.status, 0, result.stderr);
		assert.deepEqual(JSON.parse(result.stdout), { files: 2, owned: 1, unowned: 1, owners: { '@acme-bank/core-banking': 1 }, unownedSample: ['tools/scratch/notes.md'] });
	});

	test('a reader that closes the pipe early does not cause an error', async () => {
		const child = spawn(process.execPath, [bundle, 'owners', '--json', ...Array.from({ length: 3000 }, (_, i) => `services/payments/src/file${i}.ts`)], { cwd: demoRoot, env: testEnv() });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.stdout.once('data', () => child.stdout.destroy());
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		assert.equal(stderr, '');
		assert.equal(code, 0);
	});
});
