import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseGitFileList } from '../../../src/vscode/repo/gitFileList';

function git(cwd: string, ...args: string[]): string {
	return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, encoding: 'utf8' });
}

suite('parseGitFileList (the editor\'s file counts)', () => {
	test('a tracked file deleted in the working tree and not staged is left out, and counted as deleted', () => {
		const list = parseGitFileList('a.ts\0gone.ts\0b/c.ts\0', 'gone.ts\0', 'new.ts\0');
		assert.deepEqual(list.tracked, ['a.ts', 'b/c.ts']);
		assert.deepEqual(list.untracked, ['new.ts']);
		assert.equal(list.deleted, 1);
	});

	test('a conflicted file listed once per stage counts once, and once as deleted', () => {
		const list = parseGitFileList('x.ts\0x.ts\0x.ts\0y.ts\0', 'x.ts\0x.ts\0', '');
		assert.deepEqual(list.tracked, ['y.ts']);
		assert.equal(list.deleted, 1);
		assert.deepEqual(parseGitFileList('', '', ''), { tracked: [], untracked: [], deleted: 0 });
	});

	test('on a real repository: unstaged deletions are left out, staged ones are already gone', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'og-filelist-'));
		try {
			git(root, 'init', '-q', '-b', 'main');
			for (const name of ['keep.ts', 'unstaged.ts', 'staged.ts', 'dir/inner.ts']) {
				fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
				fs.writeFileSync(path.join(root, name), 'x\n');
			}
			git(root, 'add', '-A');
			git(root, 'commit', '-q', '-m', 'files');
			fs.rmSync(path.join(root, 'unstaged.ts'));
			fs.rmSync(path.join(root, 'dir'), { recursive: true });
			git(root, 'rm', '-q', 'staged.ts');
			fs.writeFileSync(path.join(root, 'untracked.ts'), 'x\n');
			const list = parseGitFileList(
				git(root, 'ls-files', '-z', '--cached'),
				git(root, 'ls-files', '-z', '--deleted'),
				git(root, 'ls-files', '-z', '--others', '--exclude-standard'),
			);
			assert.deepEqual(list.tracked, ['keep.ts']);
			assert.deepEqual(list.untracked, ['untracked.ts']);
			assert.equal(list.deleted, 2);
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});
