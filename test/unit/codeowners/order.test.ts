import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { generateSynthetic } from '../../../tools/bench/synthetic';
import { Prng } from '../../../tools/bench/prng';
import type { CodeownersIndex } from '../../../src/engine/codeowners/index/codeownersIndex';
import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import type { Dialect } from '../../../src/engine/codeowners/types';

// The index remembers what it learnt about the last directories it was asked about (and the last
// GitLab section answers). These properties check that the answer for a path never depends on
// which paths were asked before it: grouped by directory, shuffled, or each on a fresh index.

interface Answer {
	path: string;
	owners: readonly string[];
	rule: number | null;
	sections: { name: string | null; owners: readonly string[]; rule: number; optional: boolean; approvals: number }[];
}

function answer(index: CodeownersIndex, path: string): Answer {
	const r = index.resolve(path);
	return {
		path: r.path,
		owners: [...r.owners],
		rule: r.rule === null ? null : r.rule.index,
		sections: r.sections.map((s) => ({ name: s.name, owners: [...s.owners], rule: s.rule.index, optional: s.optional, approvals: s.approvals })),
	};
}

function shuffle<T>(items: readonly T[], rng: Prng): T[] {
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rng.next() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

function directoryOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

/** Resolves `paths` in the given order on one index; answers keyed by position in `paths`. */
function resolveInOrder(index: CodeownersIndex, paths: readonly string[], order: readonly number[]): Answer[] {
	const out = new Array<Answer>(paths.length);
	for (const i of order) {
		out[i] = answer(index, paths[i]);
	}
	return out;
}

const segment = fc.constantFrom('a', 'b', 'src', 'docs', '.x', 'a.js', 'b.md', 'c.test.js', '*', '**', '*.js', 'a*', '?', '[ab]', 'x.jm');
const patternArb = fc.tuple(fc.constantFrom('', '/', '!'), fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '/'))
	.map(([lead, segs, trail]) => lead + segs.join('/') + trail);
const fileArb = fc.array(fc.tuple(fc.constantFrom('', '[S] @s', '^[Opt] @o', '[s]'), patternArb, fc.constantFrom('', '@a', '@b @a', '@c')), { minLength: 1, maxLength: 14 })
	.map((lines) => lines.map(([header, pattern, owners]) => (header.length > 0 ? `${header}\n` : '') + `${pattern} ${owners}`).join('\n'));
const name = fc.constantFrom('a', 'b', 'src', 'docs', '.x', 'a.js', 'b.md', 'c.test.js', 'x.jm', 'ab');
const pathArb = fc.tuple(fc.array(name, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '', '', './', '/', 'dup', 'back', 'trail'))
	.map(([segs, odd]) => {
		const p = segs.join('/');
		switch (odd) {
			case 'dup':
				return p.replace('/', '//');
			case 'back':
				return p.replace('/', '\\');
			case 'trail':
				return `${p}/`;
			default:
				return odd + p;
		}
	});

suite('CodeownersIndex: answers do not depend on the order of lookups', () => {
	for (const dialect of ['github', 'gitlab'] as Dialect[]) {
		test(`random files, paths grouped by directory, shuffled and one per fresh index agree (${dialect})`, () => {
			fc.assert(fc.property(fileArb, fc.array(pathArb, { minLength: 1, maxLength: 24 }), fc.integer({ min: 1, max: 1_000_000 }), (text, paths, seed) => {
				const parsed = parseCodeowners(text, { dialect });
				const fresh = paths.map((p) => answer(compileCodeowners(parsed), p));
				const positions = paths.map((_, i) => i);
				const grouped = [...positions].sort((x, y) => (directoryOf(paths[x]) < directoryOf(paths[y]) ? -1 : directoryOf(paths[x]) > directoryOf(paths[y]) ? 1 : x - y));
				const shuffled = shuffle(positions, new Prng(seed));
				const index = compileCodeowners(parsed);
				assert.deepEqual(resolveInOrder(index, paths, grouped), fresh, `grouped\n${text}\n${paths.join('\n')}`);
				// The same index again, now warm, in another order.
				assert.deepEqual(resolveInOrder(index, paths, shuffled), fresh, `shuffled\n${text}\n${paths.join('\n')}`);
				assert.deepEqual(resolveInOrder(index, paths, [...positions].reverse()), fresh, `reversed\n${text}\n${paths.join('\n')}`);
			}), { numRuns: 300 });
		});

		test(`synthetic tree: file order, shuffled order and fresh indexes agree (${dialect})`, () => {
			const data = generateSynthetic({ seed: `order-${dialect}`, paths: 20_000, rules: 2_000, dialect });
			const paths = data.files.split('\n');
			const parsed = parseCodeowners(data.codeowners, { dialect });
			const positions = paths.map((_, i) => i);
			const inFileOrder = resolveInOrder(compileCodeowners(parsed), paths, positions);
			const shuffled = resolveInOrder(compileCodeowners(parsed), paths, shuffle(positions, new Prng(`shuffle-${dialect}`)));
			assert.deepEqual(shuffled, inFileOrder);
			// A sample, each on an index that has seen nothing else (no remembered directory).
			const rng = new Prng(`sample-${dialect}`);
			for (let k = 0; k < 200; k++) {
				const i = Math.floor(rng.next() * paths.length);
				assert.deepEqual(answer(compileCodeowners(parsed), paths[i]), inFileOrder[i], paths[i]);
			}
		});
	}
});
