import type { Segment } from '../pattern';
import { fixedLength, matchCompiled, matchesBelowDirectory, matchesWholePath, matchSegment, rootedSegments } from '../pattern';
import type { Candidate, NameNode, PrefixChild, PrefixNode, RuleBuckets, Slot } from './ruleBuckets';
import { byIndexDesc, push } from './ruleBuckets';

// Candidate lookup. A lookup visits only the buckets reachable from the path's own segments and
// extensions and keeps, per section, the highest rule index, because the last matching rule wins.
// The work is split in two: what a directory alone decides (`directoryView`, once per directory)
// and what the base name adds (`collectFile`, per file). Globs are verified after the exact
// buckets, and only when they could beat the best index found so far.

/**
 * The best rule index per section for one path. Reused between lookups (reset clears only the
 * sections it touched), so a lookup allocates nothing per section.
 */
export class Accumulator {
	readonly best: Int32Array;
	/** Sections with a match, in discovery order; only the first `touchedCount` are live. */
	readonly touched: number[] = [];
	touchedCount = 0;
	/** Candidate lists met on the way, verified after the exact buckets. */
	readonly pending: Candidate[][] = [];
	pendingCount = 0;

	constructor(sections: number, private readonly sectionOf: Int32Array) {
		this.best = new Int32Array(sections).fill(-1);
	}

	offer(index: number, section: number): void {
		const current = this.best[section];
		if (index > current) {
			if (current < 0) {
				this.touched[this.touchedCount++] = section;
			}
			this.best[section] = index;
		}
	}

	offerSlot(slot: Slot): void {
		if (typeof slot === 'number') {
			this.offer(slot, this.sectionOf[slot]);
		} else if (slot !== undefined) {
			for (const index of slot) {
				this.offer(index, this.sectionOf[index]);
			}
		}
	}

	reset(): void {
		// Counters instead of `length = 0`: truncating an array is a slow runtime call in V8.
		for (let i = 0; i < this.touchedCount; i++) {
			this.best[this.touched[i]] = -1;
		}
		this.touchedCount = 0;
		this.pendingCount = 0;
	}

	defer(list: Candidate[]): void {
		this.pending[this.pendingCount++] = list;
	}
}

/** What one rule set knows about a directory, shared by every file in it (see `RuleSet.view`). */
export class DirView {
	constructor(
		/** The best rule per section owning the directory (as an ancestor, or `dir/*`-style). */
		readonly offers: readonly number[],
		/** The trie's children of the directory's own node: the base name finds exact file rules. */
		readonly children: Map<string, PrefixChild> | undefined,
		/** Extension maps (`dir/*.ext`, `dir/**\/*.ext`) that apply to the directory's files. */
		readonly extMaps: readonly Map<string, Slot>[],
		/** Globs that may still match a file of the directory, highest index first. */
		readonly cands: readonly Candidate[],
		/** Per glob: its last segment when the rest already matched the directory, else undefined. */
		readonly lastSegs: readonly (Segment | undefined)[],
	) {
		this.inert = offers.length === 0 && children === undefined && extMaps.length === 0 && cands.length === 0;
	}

	/** True when the directory alone gives nothing: only base-name buckets could still match. */
	readonly inert: boolean;
}

/** Every extension of a base name (`a.test.js`: `.test.js`, `.js`), sliced once per lookup. */
export class Extensions {
	/** The base name `suffixes` belong to; undefined: not computed yet for this lookup. */
	base: string | undefined;
	readonly suffixes: string[] = [];
	count = 0;

	/** Fills `suffixes` for the base name (once per lookup) and returns how many there are. */
	of(base: string): number {
		if (this.base !== base) {
			let count = 0;
			for (let dot = base.indexOf('.'); dot >= 0; dot = base.indexOf('.', dot + 1)) {
				this.suffixes[count++] = base.slice(dot);
			}
			this.count = count;
			this.base = base;
		}
		return this.count;
	}
}

/** Whether the first `count` segments (none of them `**`) match the first `count` path segments. */
function matchLeading(segments: readonly Segment[], path: readonly string[], count: number): boolean {
	for (let i = 0; i < count; i++) {
		if (!matchSegment(segments[i], path[i])) {
			return false;
		}
	}
	return true;
}

const noOffers: readonly number[] = Object.freeze([]);
const noExtMaps: readonly Map<string, Slot>[] = Object.freeze([]);
const noCands: readonly Candidate[] = Object.freeze([]);
const noLastSegs: readonly (Segment | undefined)[] = Object.freeze([]);

/** The best rule per section the accumulator holds, in discovery order. */
function offersOf(acc: Accumulator): number[] {
	const offers: number[] = [];
	for (let t = 0; t < acc.touchedCount; t++) {
		offers.push(acc.best[acc.touched[t]]);
	}
	return offers;
}

/**
 * Everything a rule set can say about the files of one directory without their base name: the
 * best rule per section owning the directory itself (prefix trie, `**\/name/`, catch-alls, and
 * the globs that own it as an ancestor, verified here once), the globs that still need the
 * base name, and where to look it up. `segs` holds the directory's segments and one more slot
 * (its content is not read) for the base name; `acc` is scratch.
 */
export function directoryView(rules: RuleBuckets, segs: readonly string[], acc: Accumulator): DirView {
	const n = segs.length;
	const d = n - 1;
	acc.reset();
	acc.offerSlot(rules.all);
	// Most directories of a large file meet no glob and no extension rule: their views then
	// share the empty lists below instead of allocating seven arrays each.
	let lists: Candidate[][] | undefined;
	let extMaps: Map<string, Slot>[] | undefined;
	let node: PrefixNode | undefined = rules.root;
	let reached: PrefixNode | undefined;
	if (d === 0) {
		acc.offerSlot(node.child);
		if (node.childExt !== undefined) {
			extMaps = push(extMaps, node.childExt);
		}
		reached = node;
	}
	for (let k = 0; k < d && node.children !== undefined; k++) {
		const child: PrefixChild | undefined = node.children.get(segs[k]);
		if (child === undefined) {
			break;
		}
		if (typeof child === 'number') {
			// A path rule owning this directory and everything below; nothing is filed beneath it.
			acc.offer(child, rules.sectionOf[child]);
			break;
		}
		node = child;
		acc.offerSlot(node.dir);
		if (k === d - 1) {
			acc.offerSlot(node.child);
			if (node.childExt !== undefined) {
				extMaps = push(extMaps, node.childExt);
			}
			reached = node;
		}
		if (node.descendantExt !== undefined) {
			extMaps = push(extMaps, node.descendantExt);
		}
		if (node.cands !== undefined) {
			lists = push(lists, node.cands);
		}
	}
	if (rules.names.size > 0) {
		for (let i = 0; i < d; i++) {
			const name = rules.names.get(segs[i]);
			if (name === undefined) {
				continue;
			}
			if (name.tail !== undefined) {
				const tail = name.tail.get(n - 1 - i);
				if (tail !== undefined) {
					lists = push(lists, tail);
				}
			}
			if (i === n - 2) {
				acc.offerSlot(name.child);
			}
			acc.offerSlot(name.ancestor);
			if (name.ancestorCands !== undefined) {
				lists = push(lists, name.ancestorCands);
			}
			let seq: NameNode | undefined = name;
			for (let j = i - 1; j >= 0 && seq.parents !== undefined; j--) {
				seq = seq.parents.get(segs[j]);
				if (seq === undefined) {
					break;
				}
				acc.offerSlot(seq.ancestor);
				if (i === n - 2) {
					acc.offerSlot(seq.child);
				}
			}
		}
	}
	if (rules.residue.length > 0) {
		lists = push(lists, rules.residue);
	}
	if (lists === undefined) {
		const view = new DirView(acc.touchedCount === 0 ? noOffers : offersOf(acc), reached?.children, extMaps ?? noExtMaps, noCands, noLastSegs);
		acc.reset();
		return view;
	}
	// Verify the directory's globs once: an ancestor match holds for every file below, and a
	// whole-path match of a fixed-length glob only has its last segment left to compare.
	const all: Candidate[] = lists.length === 1 ? lists[0] : [];
	if (lists.length > 1) {
		const seen = new Set<Candidate>();
		for (const list of lists) {
			for (const cand of list) {
				if (!seen.has(cand)) {
					seen.add(cand);
					all.push(cand);
				}
			}
		}
		all.sort(byIndexDesc);
	}
	const best = acc.best;
	const kept: Candidate[] = [];
	const lastSegs: (Segment | undefined)[] = [];
	for (const cand of all) {
		if (cand.index <= best[cand.section]) {
			continue;
		}
		const pattern = cand.pattern;
		if (pattern.mode !== 'self' && matchesBelowDirectory(pattern, segs)) {
			acc.offer(cand.index, cand.section);
			continue;
		}
		if (pattern.mode === 'ancestor' || pattern.kind !== 'segments') {
			continue;
		}
		const fixed = fixedLength(pattern);
		if (fixed >= 0) {
			const full = rootedSegments(pattern);
			if (fixed !== n || !matchLeading(full, segs, d)) {
				continue;
			}
			kept.push(cand);
			lastSegs.push(full[d]);
		} else {
			kept.push(cand);
			lastSegs.push(undefined);
		}
	}
	const offers = offersOf(acc);
	// Globs the directory's own rules already beat can never win for a file in it.
	const keptCands: Candidate[] = [];
	const keptLast: (Segment | undefined)[] = [];
	for (let c = 0; c < kept.length; c++) {
		if (kept[c].index > best[kept[c].section]) {
			keptCands.push(kept[c]);
			keptLast.push(lastSegs[c]);
		}
	}
	acc.reset();
	return new DirView(offers, reached?.children, extMaps ?? noExtMaps, keptCands, keptLast);
}

/**
 * Adds a rule set's matches for one file of a directory to the accumulator: `segs` is the
 * directory's segments with the base name in the last slot.
 */
export function collectFile(rules: RuleBuckets, view: DirView, segs: readonly string[], base: string, ext: Extensions, acc: Accumulator): void {
	const n = segs.length;
	const sectionOf = rules.sectionOf;
	const offers = view.offers;
	for (let o = 0; o < offers.length; o++) {
		acc.offer(offers[o], sectionOf[offers[o]]);
	}
	if (view.children !== undefined) {
		const file = view.children.get(base);
		if (typeof file === 'number') {
			acc.offer(file, sectionOf[file]);
		} else if (file !== undefined) {
			acc.offerSlot(file.file);
			if (file.cands !== undefined) {
				acc.defer(file.cands);
			}
		}
	}
	const extMaps = view.extMaps;
	const suffixes = ext.suffixes;
	const suffixCount = extMaps.length > 0 || rules.exts.size > 0 ? ext.of(base) : 0;
	for (let e = 0; e < extMaps.length; e++) {
		const map = extMaps[e];
		for (let x = 0; x < suffixCount; x++) {
			acc.offerSlot(map.get(suffixes[x]));
		}
	}
	if (rules.names.size > 0) {
		const name = rules.names.get(base);
		if (name !== undefined) {
			if (name.tail !== undefined) {
				const tail = name.tail.get(0);
				if (tail !== undefined) {
					acc.defer(tail);
				}
			}
			acc.offerSlot(name.self);
			if (name.selfCands !== undefined) {
				acc.defer(name.selfCands);
			}
			let seq: NameNode | undefined = name;
			for (let j = n - 2; j >= 0 && seq.parents !== undefined; j--) {
				seq = seq.parents.get(segs[j]);
				if (seq === undefined) {
					break;
				}
				acc.offerSlot(seq.self);
			}
		}
	}
	if (rules.exts.size > 0) {
		for (let x = 0; x < suffixCount; x++) {
			const ext = rules.exts.get(suffixes[x]);
			if (ext !== undefined) {
				acc.offerSlot(ext.best);
				if (ext.cands !== undefined) {
					acc.defer(ext.cands);
				}
			}
		}
	}
	const best = acc.best;
	const single = rules.singleSection;
	const cands = view.cands;
	for (let c = 0; c < cands.length; c++) {
		const cand = cands[c];
		if (cand.index <= best[cand.section]) {
			if (single) {
				break;
			}
			continue;
		}
		const last = view.lastSegs[c];
		if (last !== undefined ? matchSegment(last, base) : matchesWholePath(cand.pattern, segs)) {
			acc.offer(cand.index, cand.section);
			if (single) {
				break;
			}
		}
	}
	// Globs last: by now the exact buckets usually hold a later rule, so most are skipped.
	for (let p = 0; p < acc.pendingCount; p++) {
		const list = acc.pending[p];
		for (const cand of list) {
			if (cand.index <= best[cand.section]) {
				if (single) {
					break;
				}
				continue;
			}
			if (matchCompiled(cand.pattern, segs)) {
				acc.offer(cand.index, cand.section);
				if (single) {
					break;
				}
			}
		}
	}
	acc.pendingCount = 0;
}

/**
 * GitLab: the winning rule of each section that matched and has no matching exclusion, in section
 * order, written to the start of `winners`; returns how many there are.
 */
export function sectionWinners(acc: Accumulator, excluded: Accumulator, winners: number[]): number {
	const touched = acc.touched;
	const touchedCount = acc.touchedCount;
	// Insertion sort by section: a handful of sections at most.
	let count = 0;
	for (let t = 0; t < touchedCount; t++) {
		const s = touched[t];
		if (excluded.best[s] >= 0) {
			continue;
		}
		let k = count++;
		while (k > 0 && touched[winners[k - 1]] > s) {
			winners[k] = winners[k - 1];
			k--;
		}
		winners[k] = t;
	}
	for (let k = 0; k < count; k++) {
		winners[k] = acc.best[touched[winners[k]]];
	}
	return count;
}
