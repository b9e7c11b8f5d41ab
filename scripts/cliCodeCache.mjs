// Writes V8's code cache for the CLI bundle (dist/cli-main.js.cache), read by src/cli/codeCache.ts
// when `guardrails` starts: the SHA-256 of the bundle's text, then the cached data. Made with the
// Node that builds; another Node version rejects it and compiles as usual.
//
// The cache is taken after a training run (`guardrails audit` on a small generated repository, in a
// child process), not right after compiling: V8 compiles a function's bytecode only when it first
// runs, and a cache made before running holds the top level alone, so every call would compile the
// parser, the index and the lookup again. Taken after the run, it also holds their bytecode.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const thisFile = fileURLToPath(import.meta.url);

/** The text src/cli/codeCache.ts compiles: the shebang line commented out, wrapped as require does. */
function compile(bundle, source) {
	return new vm.Script(Module.wrap(source.startsWith('#!') ? `//${source.slice(2)}` : source), { filename: bundle });
}

function cacheBytes(source, script) {
	return Buffer.concat([createHash('sha256').update(source).digest(), script.createCachedData()]);
}

/**
 * A small repository for the training run: the rule shapes the index files differently (exact
 * paths, directories, `dir/*`, extensions, names, globs) and files that meet each of them.
 */
function trainingRepository() {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'guardrails-cache-'));
	const rules = ['# Training rules for the code cache', '*       @org/all', '*.md    docs@example.com # docs'];
	const files = [];
	for (let i = 0; i < 40; i++) {
		rules.push(`/pkg${i}/src/  @org/team-${i % 7}`, `/pkg${i}/src/main${i}.c @dev${i}`, `pkg${i}/*.h @org/headers`, `/pkg${i}/**/test_*.py @org/qa`, `build${i}/ @org/build`);
		files.push(`pkg${i}/src/main${i}.c`, `pkg${i}/src/util.c`, `pkg${i}/include/api.h`, `pkg${i}/tests/test_${i}.py`, `pkg${i}/README.md`, `other/build${i}/out.o`, `loose${i}.txt`);
	}
	mkdirSync(path.join(dir, '.github'));
	writeFileSync(path.join(dir, '.github', 'CODEOWNERS'), `${rules.join('\n')}\n`);
	writeFileSync(path.join(dir, 'files.txt'), `${files.join('\n')}\n`);
	return dir;
}

export function writeCodeCache(bundle) {
	const repo = trainingRepository();
	try {
		const trained = spawnSync(process.execPath, [thisFile, '--train', path.resolve(bundle), repo], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
		if (trained.status === 0) {
			return;
		}
		console.warn(`code cache: the training run failed (${trained.status ?? trained.signal}); writing the cache of the top level only\n${trained.stderr}`);
	} finally {
		rmSync(repo, { recursive: true, force: true });
	}
	const source = readFileSync(bundle, 'utf8');
	writeFileSync(`${bundle}.cache`, cacheBytes(source, compile(bundle, source)));
}

/** A cache that would no longer match (watch mode rebuilds the bundle without one). */
export function removeCodeCache(bundle) {
	rmSync(`${bundle}.cache`, { force: true });
}

/** The child: runs the bundle as `guardrails audit` on the training repository, then writes the cache. */
function train(bundle, repo) {
	const source = readFileSync(bundle, 'utf8');
	const script = compile(bundle, source);
	process.argv = [process.argv[0], bundle, 'audit', '--root', repo, '--files-from', path.join(repo, 'files.txt')];
	// The CLI leaves through process.exit once its answer is written; 'exit' handlers run before that.
	process.on('exit', (code) => {
		if (code === 0) {
			writeFileSync(`${bundle}.cache`, cacheBytes(source, script));
		}
	});
	const module = { exports: {}, filename: bundle, id: '.', loaded: false };
	script.runInThisContext().call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
}

if (process.argv[1] === thisFile && process.argv[2] === '--train') {
	train(process.argv[3], process.argv[4]);
}
