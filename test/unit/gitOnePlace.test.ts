// Git runs in one place in the extension (docs/architecture.md, Extension): only
// src/vscode/repo/gitRunner.ts spawns a process, and only src/vscode/repo/gitApi.ts calls it.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const adapter = path.join(root, 'src', 'vscode');

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
	});
}

function filesMatching(pattern: RegExp): string[] {
	return sources(adapter).filter((file) => pattern.test(readFileSync(file, 'utf8'))).map((file) => path.relative(adapter, file).split(path.sep).join('/'));
}

suite('extension: git runs in one place', () => {
	test('only repo/gitRunner.ts imports a process module', () => {
		assert.deepStrictEqual(filesMatching(/from ['"](node:)?child_process['"]|require\(['"](node:)?child_process['"]\)/), ['repo/gitRunner.ts']);
	});

	test('only repo/gitApi.ts calls the hardened runner', () => {
		assert.deepStrictEqual(filesMatching(/\brunHardenedGit\b/).sort(), ['repo/gitApi.ts', 'repo/gitRunner.ts']);
	});
});
