import * as assert from 'node:assert/strict';
import { Prng, seedFromString } from '../../../tools/bench/prng';
import { generateCodeowners, generateSynthetic, generateTree } from '../../../tools/bench/synthetic';

// Small sizes: the generator's shape does not depend on scale, and unit tests stay fast.
const paths = 20_000;
const rules = 1_000;

function patternLines(text: string): string[] {
	return text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

suite('bench PRNG', () => {
	test('the same seed gives the same sequence', () => {
		const a = new Prng('seed');
		const b = new Prng('seed');
		for (let i = 0; i < 100; i++) {
			assert.equal(a.next(), b.next());
		}
	});

	test('different seeds give different sequences', () => {
		assert.notEqual(new Prng(1).next(), new Prng(2).next());
		assert.notEqual(seedFromString('a'), seedFromString('b'));
	});

	test('values stay in range', () => {
		const rng = new Prng(7);
		for (let i = 0; i < 10_000; i++) {
			const x = rng.next();
			assert.ok(x >= 0 && x < 1);
			const n = rng.range(2, 4);
			assert.ok(n >= 2 && n <= 4 && Number.isInteger(n));
		}
	});
});

suite('synthetic tree', () => {
	test('is deterministic for a seed', () => {
		const a = generateSynthetic({ seed: 'x', paths, rules, dialect: 'github' });
		const b = generateSynthetic({ seed: 'x', paths, rules, dialect: 'github' });
		assert.equal(a.files, b.files);
		assert.equal(a.codeowners, b.codeowners);
		const c = generateSynthetic({ seed: 'y', paths, rules, dialect: 'github' });
		assert.notEqual(a.files, c.files);
		assert.notEqual(a.codeowners, c.codeowners);
	});

	test('has exactly the requested number of unique posix paths', () => {
		const tree = generateTree('shape', paths);
		assert.equal(tree.files.length, paths);
		assert.equal(new Set(tree.files).size, paths);
		for (const file of tree.files) {
			assert.ok(!file.startsWith('/') && !file.includes('//') && !file.includes('\\') && !file.endsWith('/'), file);
		}
		const text = generateSynthetic({ seed: 'shape', paths, rules, dialect: 'github' }).files;
		assert.equal(text.split('\n').length, paths);
	});

	test('nests directories several levels deep', () => {
		const tree = generateTree('depth', paths);
		const deepest = Math.max(...tree.files.map((f) => f.split('/').length));
		assert.ok(deepest >= 5, `deepest path has ${deepest} segments`);
	});
});

suite('synthetic CODEOWNERS', () => {
	const tree = generateTree('rules', paths);
	const github = generateCodeowners(tree, { seed: 'rules', paths, rules, dialect: 'github' });
	const gitlab = generateCodeowners(tree, { seed: 'rules', paths, rules, dialect: 'gitlab' });

	test('writes exactly the requested number of pattern lines', () => {
		assert.equal(github.rules, rules);
		assert.equal(patternLines(github.codeowners).length, rules);
		assert.equal(gitlab.rules, rules);
		assert.equal(patternLines(gitlab.codeowners).length, rules + gitlab.sectionHeaders);
		const shapeTotal = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
		assert.equal(shapeTotal({ ...github.shapes }), rules);
		assert.equal(shapeTotal({ ...gitlab.shapes }), rules);
	});

	test('GitHub mix has every rule shape the corpus shows', () => {
		const lines = patternLines(github.codeowners);
		assert.equal(lines[0].split(' ')[0], '*');
		for (const [shape, count] of Object.entries(github.shapes)) {
			if (shape !== 'exclusion') {
				assert.ok(count > 0, `no ${shape} rules`);
			}
		}
		assert.ok(lines.some((l) => /^\/\S+\/ /.test(l)), 'anchored directory');
		assert.ok(lines.some((l) => /^\*\.\w+ /.test(l)), 'extension glob');
		assert.ok(lines.some((l) => /^\S+\/\* /.test(l)), 'dir/*');
		assert.ok(lines.some((l) => /^\*\*\/[^/\s]+\/ /.test(l)), '**/name/');
		assert.ok(lines.some((l) => !l.includes(' ')), 'ownerless override');
		assert.equal(github.sectionHeaders, 0);
		assert.ok(!lines.some((l) => l.startsWith('[') || l.startsWith('^[') || l.startsWith('!')));
	});

	test('general rules come back after the specific ones under them', () => {
		const lines = patternLines(github.codeowners).map((l) => l.split(' ')[0]);
		const repeated = lines.filter((pattern, i) => pattern !== '*' && lines.indexOf(pattern) < i);
		assert.ok(repeated.length > 0);
	});

	test('exact file rules name files that exist', () => {
		const files = new Set(tree.files);
		const fileRules = patternLines(github.codeowners)
			.map((l) => l.split(' ')[0].replace(/^\//, ''))
			.filter((p) => !p.includes('*') && !p.endsWith('/') && p.includes('/'));
		assert.ok(fileRules.length > 0);
		for (const pattern of fileRules) {
			assert.ok(files.has(pattern), pattern);
		}
	});

	test('GitLab mix has sections with defaults, optional sections, approval counts and inheriting lines', () => {
		const lines = gitlab.codeowners.split('\n');
		const headers = lines.filter((l) => /^\^?\[[^\]]+\](\[\d+\])?/.test(l));
		assert.equal(headers.length, gitlab.sectionHeaders);
		assert.ok(gitlab.sectionHeaders >= 5);
		assert.ok(headers.some((h) => h.startsWith('^[')), 'optional section');
		assert.ok(headers.some((h) => /\]\[\d+\]/.test(h)), 'approval count');
		assert.ok(headers.some((h) => / @/.test(h)), 'default owners');
		const names = headers.map((h) => (/\[([^\]]+)\]/.exec(h) as RegExpExecArray)[1]);
		assert.ok(new Set(names).size <= names.length);
		const afterFirstHeader = lines.slice(lines.indexOf(headers[0]) + 1);
		assert.ok(afterFirstHeader.some((l) => l.startsWith('/') && !l.includes(' ')), 'path line inheriting the defaults');
		assert.ok(gitlab.shapes.exclusion > 0);
	});

	test('both dialects share one tree', () => {
		const a = generateSynthetic({ seed: 'rules', paths, rules, dialect: 'github' });
		const b = generateSynthetic({ seed: 'rules', paths, rules, dialect: 'gitlab' });
		assert.equal(a.files, b.files);
		assert.notEqual(a.codeowners, b.codeowners);
	});
});
