import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../../../src/cli/errors';
import { parseNameStatus } from '../../../src/cli/git';
import { findRoot, listedFiles, normaliseListedPath, toRootPath } from '../../../src/cli/paths';
import { cleanUp, demoRoot, tempDir, write } from './cliHarness';

suite('cli paths', () => {
	suiteTeardown(cleanUp);

	test('paths relative to the cwd become root-relative posix paths', () => {
		const cwd = path.join(demoRoot, 'services', 'payments');
		assert.equal(toRootPath(demoRoot, cwd, 'src/refunds.ts'), 'services/payments/src/refunds.ts');
		assert.equal(toRootPath(demoRoot, cwd, '../core-banking/src/index.ts'), 'services/core-banking/src/index.ts');
		assert.equal(toRootPath(demoRoot, demoRoot, path.join(demoRoot, 'README.md')), 'README.md');
	});

	test('a symlinked spelling of the root is the same root', () => {
		const real = tempDir();
		write(real, 'src/a.ts', 'x');
		const link = path.join(tempDir(), 'link');
		symlinkSync(real, link);
		assert.equal(toRootPath(link, '/', path.join(real, 'src', 'a.ts')), 'src/a.ts');
		assert.equal(toRootPath(real, '/', path.join(link, 'src', 'new-file.ts')), 'src/new-file.ts');
	});

	test('a path outside the root or the root itself is a user error', () => {
		assert.throws(() => toRootPath(demoRoot, demoRoot, '../other/file.ts'), (error: unknown) => error instanceof CliError && /outside the root/.test(error.message));
		assert.throws(() => toRootPath(demoRoot, demoRoot, '/etc/passwd'), CliError);
		assert.throws(() => toRootPath(demoRoot, demoRoot, '.'), (error: unknown) => error instanceof CliError && /root itself/.test(error.message));
	});

	test('the root is the nearest directory with CODEOWNERS or guardrails.yaml', () => {
		assert.equal(findRoot(path.join(demoRoot, 'services', 'payments', 'src'), undefined), demoRoot);
		const dir = tempDir();
		write(dir, 'docs/CODEOWNERS', '* @a\n');
		write(dir, 'pkg/sub/file.txt', 'x');
		assert.equal(findRoot(path.join(dir, 'pkg', 'sub'), undefined), dir);
	});

	test('an explicit --root must be an existing directory', () => {
		const dir = tempDir();
		write(dir, 'file.txt', 'x');
		assert.equal(findRoot('/', dir), dir);
		assert.throws(() => findRoot(dir, 'missing'), /no such directory/);
		assert.throws(() => findRoot(dir, 'file.txt'), /not a directory/);
	});

	test('listed paths lose ./, leading slashes and CR', () => {
		assert.equal(normaliseListedPath('./a/b.ts\r'), 'a/b.ts');
		assert.equal(normaliseListedPath('/a/b.ts'), 'a/b.ts');
	});
});

suite('cli git name-status parsing', () => {
	test('reads modified, added, deleted, renamed, copied and type changes', () => {
		const out = ['M', 'a.ts', 'A', 'b.ts', 'D', 'c.ts', 'R087', 'old/d.ts', 'new/d.ts', 'C100', 'e.ts', 'f.ts', 'T', 'g', ''].join('\0');
		assert.deepEqual(parseNameStatus(out), [
			{ path: 'a.ts', status: 'modified' },
			{ path: 'b.ts', status: 'added' },
			{ path: 'c.ts', status: 'deleted' },
			{ path: 'new/d.ts', status: 'renamed', oldPath: 'old/d.ts' },
			{ path: 'f.ts', status: 'added' },
			{ path: 'g', status: 'modified' },
		]);
	});

	test('paths with spaces, tabs and newlines survive -z output', () => {
		const out = ['M', 'dir with space/a\tb.ts', 'A', 'line\nbreak.md', ''].join('\0');
		assert.deepEqual(parseNameStatus(out).map((c) => c.path), ['dir with space/a\tb.ts', 'line\nbreak.md']);
	});

	test('empty output means no changes', () => {
		assert.deepEqual(parseNameStatus(''), []);
	});

	test('a --files-from list: normal paths, no empty lines, each once in first-seen order; a clean list is used as split', () => {
		const reference = (entries: readonly string[]): string[] => {
			const out: string[] = [];
			for (const entry of entries) {
				const file = normaliseListedPath(entry);
				if (file.length > 0 && !out.includes(file)) {
					out.push(file);
				}
			}
			return out;
		};
		const entry = fc.constantFrom('a', 'b', 'b/c', 'c', './a', '/b', 'c\r', '', 'd');
		fc.assert(fc.property(fc.array(entry, { maxLength: 12 }), fc.boolean(), (list, sorted) => {
			const entries = sorted ? [...list].sort() : list;
			assert.deepEqual(listedFiles([...entries]), reference(entries), JSON.stringify(entries));
		}), { numRuns: 500 });
		const clean = ['a', 'b/c', 'd', ''];
		const files = listedFiles(clean);
		assert.equal(files, clean, 'git\'s list is not copied');
		assert.deepEqual(files, ['a', 'b/c', 'd']);
	});
});
