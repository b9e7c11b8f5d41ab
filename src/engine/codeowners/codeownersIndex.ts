import { isNormalRepoPath, normalizeRepoPath } from '../paths';
import type { CompiledPattern, LiteralShape, MatchMode, Segment } from './pattern';
import { compilePattern, fixedLength, isAnySegment, literalShape, matchCompiled, matchesBelowDirectory, matchesWholePath, matchSegment, rootedSegments } from './pattern';
import type { CodeownersRule, OwnerExplanation, OwnerResolution, ParsedCodeowners, SectionResolution } from './types';

// Resolution never scans every rule. Each rule is filed in one bucket keyed by what it must
// literally contain: an exact path or directory prefix (a trie of segments), a base name, an
// extension, or (for real globs) a literal prefix or last segment with a verifying matcher. A
// lookup visits only the buckets reachable from the path's own segments and extensions and keeps,
// per section, the highest rule index, because the last matching rule wins. Globs are verified
// after the exact buckets, and only when they could beat the best index found so far. Rules with
// no literal hook at all form a small residue that is scanned.

interface Candidate {
	index: number;
	section: number;
	pattern: CompiledPattern;
}

/** Rule indices stored in one bucket; after `seal`, at most one per section, highest first. */
type Slot = number[] | undefined;

class PrefixNode {
	/** Rules matching exactly this path. */
	file: Slot;
	/** Rules owning everything strictly below this directory. */
	dir: Slot;
	/** Rules owning the direct children of this directory (`dir/*`). */
	child: Slot;
	/** Rules owning the direct children with an extension (`dir/*.ext`), by extension. */
	childExt: Map<string, Slot> | undefined;
	/** Rules owning every file below with an extension (`dir/**\/*.ext`), by extension. */
	descendantExt: Map<string, Slot> | undefined;
	/** Globs whose literal prefix is this path (verified). */
	cands: Candidate[] | undefined;
	children: Map<string, PrefixNode> | undefined;
}

class NameNode {
	self: Slot;
	ancestor: Slot;
	/** Unanchored `…/name/*`: the path's parent directory ends with this name (sequence). */
	child: Slot;
	selfCands: Candidate[] | undefined;
	ancestorCands: Candidate[] | undefined;
	/**
	 * Unanchored globs whose last literal segment is this name, followed by a fixed number of
	 * glob segments (GitLab `dir/*`), keyed by that number: the name must sit exactly that far
	 * from the end of the path.
	 */
	tail: Map<number, Candidate[]> | undefined;
	/**
	 * Unanchored wildcard-free patterns of several segments (GitLab `a/b/`), as a trie that runs
	 * backwards from this last segment through the segments before it.
	 */
	parents: Map<string, NameNode> | undefined;
}

class ExtNode {
	best: Slot;
	cands: Candidate[] | undefined;
}

function push<T>(list: T[] | undefined, item: T): T[] {
	if (list === undefined) {
		return [item];
	}
	list.push(item);
	return list;
}

function byIndexDesc(a: Candidate, b: Candidate): number {
	return b.index - a.index;
}

function extSuffix(seg: Segment): string | undefined {
	if (seg.kind !== 'glob' || seg.tokens.length < 2 || seg.tokens[0].kind !== 'star') {
		return undefined;
	}
	let suffix = '';
	for (let i = 1; i < seg.tokens.length; i++) {
		const t = seg.tokens[i];
		if (t.kind !== 'char') {
			return undefined;
		}
		suffix += t.char;
	}
	return suffix.startsWith('.') ? suffix : undefined;
}

/**
 * The best rule index per section for one path. Reused between lookups (reset clears only the
 * sections it touched), so a lookup allocates nothing per section.
 */
class Accumulator {
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
		if (slot !== undefined) {
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
class DirView {
	constructor(
		/** The best rule per section owning the directory (as an ancestor, or `dir/*`-style). */
		readonly offers: readonly number[],
		/** The trie's children of the directory's own node: the base name finds exact file rules. */
		readonly children: Map<string, PrefixNode> | undefined,
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

const noOffers: readonly number[] = Object.freeze([]);
const noExtMaps: readonly Map<string, Slot>[] = Object.freeze([]);
const noCands: readonly Candidate[] = Object.freeze([]);
const noLastSegs: readonly (Segment | undefined)[] = Object.freeze([]);

/** The views of one directory, and a buffer of its segments with a slot for the base name. */
class DirEntry {
	exclusions: DirView | undefined;

	constructor(
		readonly dir: string,
		/** Where the `/` before the base name sits in a path of this directory (-1: the root). */
		readonly slash: number,
		readonly segs: string[],
		readonly entries: DirView,
	) {}
}

/** GitLab: distinct combinations of section winners remembered at most. */
const joinedMemoLimit = 4096;

function sameWinners(a: readonly number[], b: readonly number[], count: number): boolean {
	for (let k = 0; k < count; k++) {
		if (a[k] !== b[k]) {
			return false;
		}
	}
	return true;
}

/** Every extension of a base name (`a.test.js`: `.test.js`, `.js`), sliced once per lookup. */
class Extensions {
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

/** Directories remembered at most (beyond the last one); the memo is dropped when it fills. */
const dirMemoLimit = 1024;

/** A set of rules answering "highest matching rule index per section" with a few Map lookups. */
class RuleSet {
	size = 0;
	private all: Slot;
	private readonly root = new PrefixNode();
	private readonly names = new Map<string, NameNode>();
	private readonly exts = new Map<string, ExtNode>();
	private residue: Candidate[] = [];

	constructor(private readonly sectionOf: Int32Array, private readonly singleSection: boolean) {}

	/** Files a wildcard-free rule straight from its shape (no compiled pattern needed). */
	addLiteral(index: number, shape: LiteralShape): void {
		this.size++;
		if (shape.anchored) {
			this.markPrefix(this.prefixNodeOf(shape.key), index, shape.mode);
		} else {
			this.markName(this.nameNode(shape.key), index, shape.mode);
		}
	}

	add(index: number, pattern: CompiledPattern): void {
		this.size++;
		if (pattern.kind === 'none') {
			return;
		}
		if (pattern.kind === 'all') {
			this.all = push(this.all, index);
			return;
		}
		const segs = pattern.segments;
		const n = segs.length;
		const mode = pattern.mode;
		const cand: Candidate = { index, section: this.sectionOf[index], pattern };
		if (pattern.anchored) {
			let literal = 0;
			while (literal < n && segs[literal].kind === 'literal') {
				literal++;
			}
			if (literal === n) {
				this.markPrefix(this.prefixNode(literalTexts(segs, n)), index, mode);
			} else if (literal === n - 1 && mode === 'self' && isAnySegment(segs[n - 1])) {
				const node = this.prefixNode(literalTexts(segs, n - 1));
				node.child = push(node.child, index);
			} else if (literal === n - 1 && mode === 'self' && extSuffix(segs[n - 1]) !== undefined) {
				const node = this.prefixNode(literalTexts(segs, n - 1));
				node.childExt ??= new Map();
				const ext = extSuffix(segs[n - 1]) as string;
				node.childExt.set(ext, push(node.childExt.get(ext), index));
			} else if (literal > 0 && literal === n - 2 && mode === 'self' && segs[n - 2].kind === 'globstar' && extSuffix(segs[n - 1]) !== undefined) {
				const node = this.prefixNode(literalTexts(segs, n - 2));
				node.descendantExt ??= new Map();
				const ext = extSuffix(segs[n - 1]) as string;
				node.descendantExt.set(ext, push(node.descendantExt.get(ext), index));
			} else if (literal > 0) {
				const node = this.prefixNode(literalTexts(segs, literal));
				node.cands = push(node.cands, cand);
			} else {
				this.residue.push(cand);
			}
			return;
		}
		const last = segs[n - 1];
		if (last.kind === 'literal') {
			const node = this.nameNode(last.text);
			if (n === 1) {
				this.markName(node, index, mode);
			} else if (segs.every((seg) => seg.kind === 'literal')) {
				this.markName(this.nameSequence(segs, n), index, mode);
			} else {
				if (mode !== 'ancestor') {
					node.selfCands = push(node.selfCands, cand);
				}
				if (mode !== 'self') {
					node.ancestorCands = push(node.ancestorCands, cand);
				}
			}
			return;
		}
		if (n > 1 && mode === 'self' && isAnySegment(last) && segs.slice(0, n - 1).every((seg) => seg.kind === 'literal')) {
			const node = this.nameSequence(segs, n - 1);
			node.child = push(node.child, index);
			return;
		}
		const ext = mode === 'self' ? extSuffix(last) : undefined;
		if (n > 1 && mode === 'self') {
			let j = n - 1;
			while (j >= 0 && segs[j].kind !== 'literal') {
				j--;
			}
			let fixedTail = j >= 0;
			for (let k = j + 1; k < n && fixedTail; k++) {
				fixedTail = segs[k].kind !== 'globstar';
			}
			if (fixedTail) {
				const node = this.nameNode((segs[j] as { text: string }).text);
				node.tail ??= new Map();
				node.tail.set(n - 1 - j, push(node.tail.get(n - 1 - j), cand));
				return;
			}
		}
		if (ext !== undefined) {
			let node = this.exts.get(ext);
			if (node === undefined) {
				node = new ExtNode();
				this.exts.set(ext, node);
			}
			if (n === 1) {
				node.best = push(node.best, index);
			} else {
				node.cands = push(node.cands, cand);
			}
			return;
		}
		this.residue.push(cand);
	}

	/** Whether any rule is filed by base name or extension (looked up for every file). */
	get hasBaseBuckets(): boolean {
		return this.names.size > 0 || this.exts.size > 0;
	}

	/** Keeps one index per section in every slot and sorts candidates, highest index first. */
	seal(): void {
		const stack = [this.root];
		for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
			node.file = this.reduce(node.file);
			node.dir = this.reduce(node.dir);
			node.child = this.reduce(node.child);
			this.reduceMap(node.childExt);
			this.reduceMap(node.descendantExt);
			node.cands?.sort(byIndexDesc);
			if (node.children !== undefined) {
				for (const child of node.children.values()) {
					stack.push(child);
				}
			}
		}
		const names = [...this.names.values()];
		for (let node = names.pop(); node !== undefined; node = names.pop()) {
			if (node.parents !== undefined) {
				names.push(...node.parents.values());
			}
			node.self = this.reduce(node.self);
			node.ancestor = this.reduce(node.ancestor);
			node.child = this.reduce(node.child);
			node.selfCands?.sort(byIndexDesc);
			node.ancestorCands?.sort(byIndexDesc);
			if (node.tail !== undefined) {
				for (const list of node.tail.values()) {
					list.sort(byIndexDesc);
				}
			}
		}
		for (const node of this.exts.values()) {
			node.best = this.reduce(node.best);
			node.cands?.sort(byIndexDesc);
		}
		this.all = this.reduce(this.all);
		this.residue.sort(byIndexDesc);
	}

	/** The best rule per section the accumulator holds, in discovery order. */
	private offersOf(acc: Accumulator): number[] {
		const offers: number[] = [];
		for (let t = 0; t < acc.touchedCount; t++) {
			offers.push(acc.best[acc.touched[t]]);
		}
		return offers;
	}

	/**
	 * Everything this set can say about the files of one directory without their base name: the
	 * best rule per section owning the directory itself (prefix trie, `**\/name/`, catch-alls, and
	 * the globs that own it as an ancestor, verified here once), the globs that still need the
	 * base name, and where to look it up. `segs` holds the directory's segments and one more slot
	 * (its content is not read) for the base name; `acc` is scratch.
	 */
	view(segs: readonly string[], acc: Accumulator): DirView {
		const n = segs.length;
		const d = n - 1;
		acc.reset();
		acc.offerSlot(this.all);
		// Most directories of a large file meet no glob and no extension rule: their views then
		// share the empty lists below instead of allocating seven arrays each.
		let lists: Candidate[][] | undefined;
		let extMaps: Map<string, Slot>[] | undefined;
		let node: PrefixNode | undefined = this.root;
		let reached: PrefixNode | undefined;
		if (d === 0) {
			acc.offerSlot(node.child);
			if (node.childExt !== undefined) {
				extMaps = push(extMaps, node.childExt);
			}
			reached = node;
		}
		for (let k = 0; k < d && node.children !== undefined; k++) {
			node = node.children.get(segs[k]);
			if (node === undefined) {
				break;
			}
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
		if (this.names.size > 0) {
			for (let i = 0; i < d; i++) {
				const name = this.names.get(segs[i]);
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
		if (this.residue.length > 0) {
			lists = push(lists, this.residue);
		}
		if (lists === undefined) {
			const view = new DirView(acc.touchedCount === 0 ? noOffers : this.offersOf(acc), reached?.children, extMaps ?? noExtMaps, noCands, noLastSegs);
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
		const offers = this.offersOf(acc);
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
	 * Adds this set's matches for one file of a directory to the accumulator: `segs` is the
	 * directory's segments with the base name in the last slot.
	 */
	collectFile(view: DirView, segs: readonly string[], base: string, ext: Extensions, acc: Accumulator): void {
		const n = segs.length;
		const sectionOf = this.sectionOf;
		const offers = view.offers;
		for (let o = 0; o < offers.length; o++) {
			acc.offer(offers[o], sectionOf[offers[o]]);
		}
		if (view.children !== undefined) {
			const file = view.children.get(base);
			if (file !== undefined) {
				acc.offerSlot(file.file);
				if (file.cands !== undefined) {
					acc.defer(file.cands);
				}
			}
		}
		const extMaps = view.extMaps;
		const suffixes = ext.suffixes;
		const suffixCount = extMaps.length > 0 || this.exts.size > 0 ? ext.of(base) : 0;
		for (let e = 0; e < extMaps.length; e++) {
			const map = extMaps[e];
			for (let x = 0; x < suffixCount; x++) {
				acc.offerSlot(map.get(suffixes[x]));
			}
		}
		if (this.names.size > 0) {
			const name = this.names.get(base);
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
		if (this.exts.size > 0) {
			for (let x = 0; x < suffixCount; x++) {
				const ext = this.exts.get(suffixes[x]);
				if (ext !== undefined) {
					acc.offerSlot(ext.best);
					if (ext.cands !== undefined) {
						acc.defer(ext.cands);
					}
				}
			}
		}
		const best = acc.best;
		const single = this.singleSection;
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

	private reduceMap(map: Map<string, Slot> | undefined): void {
		if (map !== undefined) {
			for (const [key, slot] of map) {
				map.set(key, this.reduce(slot));
			}
		}
	}

	private reduce(slot: Slot): Slot {
		if (slot === undefined || slot.length < 2) {
			return slot;
		}
		const bySection = new Map<number, number>();
		for (const index of slot) {
			const section = this.sectionOf[index];
			bySection.set(section, Math.max(bySection.get(section) ?? -1, index));
		}
		return [...bySection.values()].sort((a, b) => b - a);
	}

	private markPrefix(node: PrefixNode, index: number, mode: MatchMode): void {
		// Most rules of a large file are exact paths that own the file and everything below it:
		// one slot serves both until another rule is filed here (`push` appends in place).
		if (node.file === node.dir) {
			if (node.file === undefined && mode === 'selfOrAncestor') {
				node.file = node.dir = [index];
				return;
			}
			node.dir = node.dir?.slice();
		}
		if (mode !== 'ancestor') {
			node.file = push(node.file, index);
		}
		if (mode !== 'self') {
			node.dir = push(node.dir, index);
		}
	}

	private markName(node: NameNode, index: number, mode: MatchMode): void {
		if (mode !== 'ancestor') {
			node.self = push(node.self, index);
		}
		if (mode !== 'self') {
			node.ancestor = push(node.ancestor, index);
		}
	}

	private prefixNode(segments: readonly string[]): PrefixNode {
		let node = this.root;
		for (const seg of segments) {
			if (node.children === undefined) {
				node.children = new Map();
			}
			let next = node.children.get(seg);
			if (next === undefined) {
				next = new PrefixNode();
				node.children.set(seg, next);
			}
			node = next;
		}
		return node;
	}

	/** The trie node of a `/`-separated key, walked without splitting it into an array. */
	private prefixNodeOf(key: string): PrefixNode {
		let node = this.root;
		let start = 0;
		for (;;) {
			const slash = key.indexOf('/', start);
			const seg = slash < 0 ? key.slice(start) : key.slice(start, slash);
			let children = node.children;
			if (children === undefined) {
				children = new Map();
				node.children = children;
			}
			let next = children.get(seg);
			if (next === undefined) {
				next = new PrefixNode();
				children.set(seg, next);
			}
			node = next;
			if (slash < 0) {
				return node;
			}
			start = slash + 1;
		}
	}

	/** The reverse-trie node for the first `count` segments (all literal), last segment first. */
	private nameSequence(segs: readonly Segment[], count: number): NameNode {
		let node = this.nameNode((segs[count - 1] as { text: string }).text);
		for (let k = count - 2; k >= 0; k--) {
			node.parents ??= new Map();
			const text = (segs[k] as { text: string }).text;
			let parent = node.parents.get(text);
			if (parent === undefined) {
				parent = new NameNode();
				node.parents.set(text, parent);
			}
			node = parent;
		}
		return node;
	}

	private nameNode(name: string): NameNode {
		let node = this.names.get(name);
		if (node === undefined) {
			node = new NameNode();
			this.names.set(name, node);
		}
		return node;
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

function literalTexts(segs: readonly Segment[], count: number): string[] {
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const seg = segs[i];
		out.push(seg.kind === 'literal' ? seg.text : '');
	}
	return out;
}

const noSections: readonly SectionResolution[] = Object.freeze([]);
/** `find` results besides a GitHub rule index: nothing to look up, or a GitLab answer in `lastAnswer`. */
const noAnswer = -2;
const joinedAnswer = -3;
const noOwners: readonly string[] = Object.freeze([]);

/** Whether `path` from `start` on is one plain path segment (not empty, not `.`, no `/` or `\\`). */
function isPlainName(path: string, start: number): boolean {
	const length = path.length;
	if (length <= start || (length === start + 1 && path.charCodeAt(start) === 46)) {
		return false;
	}
	for (let i = start; i < length; i++) {
		const c = path.charCodeAt(i);
		if (c === 47 || c === 92) {
			return false;
		}
	}
	return true;
}

/**
 * The compiled form of a parsed CODEOWNERS file: answers who owns a path with a handful of Map
 * lookups per path segment. GitHub: the last matching rule wins. GitLab: in each section the last
 * matching entry wins unless any exclusion of that section matches, entries without owners take
 * their header's defaults, and the owners are the union over sections in section order.
 */
export class CodeownersIndex {
	readonly parsed: ParsedCodeowners;
	/** Compiled patterns, filled on first need: wildcard-free rules are indexed from their text. */
	private readonly compiled: (CompiledPattern | undefined)[];
	/** Effective owners per rule, built on first need (frozen, shared by every answer). */
	private readonly owners: (string[] | undefined)[];
	private readonly entries: RuleSet;
	private readonly exclusions: RuleSet;
	private readonly entryAcc: Accumulator;
	private readonly exclusionAcc: Accumulator;
	/** Directory views: the last directory asked about, and a bounded memo of recent ones. */
	private lastDir: DirEntry | undefined;
	private readonly dirMemo = new Map<string, DirEntry>();
	/** Memo hits since it was last cleared, and how many new directories it skips while resting. */
	private memoHits = 0;
	private memoRest = 0;
	/** The extensions of the base name being looked up, shared by both rule sets. */
	private readonly ext = new Extensions();
	/** GitLab scratch: the surviving winners of one lookup, and the last distinct answer. */
	private readonly winners: number[] = [];
	private readonly lastWinners: number[] = [];
	private lastCount = -1;
	private lastAnswer: OwnerResolution = { path: '', owners: [], rule: null, sections: [] };
	/** The normal form of the path the last `find` looked up. */
	private foundPath = '';
	private readonly joined = new Map<number, { winners: number[]; answer: OwnerResolution }[]>();

	constructor(parsed: ParsedCodeowners) {
		this.parsed = parsed;
		const gitlab = parsed.dialect === 'gitlab';
		const sectionCount = gitlab ? Math.max(1, parsed.sections.length) : 1;
		const sectionOf = new Int32Array(parsed.rules.length);
		if (gitlab) {
			for (const rule of parsed.rules) {
				sectionOf[rule.index] = rule.section;
			}
		}
		this.entries = new RuleSet(sectionOf, sectionCount === 1);
		this.exclusions = new RuleSet(sectionOf, sectionCount === 1);
		this.entryAcc = new Accumulator(sectionCount, sectionOf);
		this.exclusionAcc = new Accumulator(sectionCount, sectionOf);
		this.compiled = new Array<CompiledPattern | undefined>(parsed.rules.length);
		this.owners = new Array<string[] | undefined>(parsed.rules.length);
		if (!parsed.ignored) {
			const dialect = parsed.dialect;
			for (const rule of parsed.rules) {
				const set = rule.exclusion ? this.exclusions : this.entries;
				const shape = literalShape(rule.pattern, dialect);
				if (shape !== undefined) {
					set.addLiteral(rule.index, shape);
				} else {
					set.add(rule.index, this.patternOf(rule.index) as CompiledPattern);
				}
			}
		}
		this.entries.seal();
		this.exclusions.seal();
	}

	/**
	 * Who owns a path: GitHub takes the last matching rule (its owners may be empty); GitLab takes
	 * the last matching entry per section, drops sections with a matching exclusion, and joins the
	 * owners in section order without duplicates. Owner arrays may be shared between answers and
	 * are frozen: copy before changing them.
	 */
	resolve(path: string): OwnerResolution {
		const found = this.find(path);
		const p = this.foundPath;
		if (found === noAnswer) {
			return { path: p, owners: noOwners as string[], rule: null, sections: noSections as SectionResolution[] };
		}
		if (found !== joinedAnswer) {
			return {
				path: p,
				owners: found < 0 ? noOwners as string[] : this.ownerList(found),
				rule: found < 0 ? null : this.parsed.rules[found],
				sections: noSections as SectionResolution[],
			};
		}
		const answer = this.lastAnswer;
		return { path: p, owners: answer.owners, rule: answer.rule, sections: answer.sections };
	}

	/**
	 * The owners `resolve(path).owners` gives, without building the answer object: for bulk counts
	 * (`audit`) over many thousand paths, where that object is all the garbage left per path.
	 */
	ownersOfPath(path: string): readonly string[] {
		const found = this.find(path);
		if (found === noAnswer) {
			return noOwners;
		}
		if (found !== joinedAnswer) {
			return found < 0 ? noOwners : this.ownerList(found);
		}
		return this.lastAnswer.owners;
	}

	/**
	 * Finds the answer for a path and leaves the normal path in `foundPath`. Returns `noAnswer` for
	 * an empty index or path, the winning rule's index on GitHub (-1: none), or `joinedAnswer` on
	 * GitLab, whose answer is then in `lastAnswer`.
	 */
	private find(path: string): number {
		if (this.entries.size === 0) {
			this.foundPath = isNormalRepoPath(path) ? path : normalizeRepoPath(path);
			return noAnswer;
		}
		// Paths arrive grouped by directory: when this one is a plain name in the last directory,
		// it is already normal and only its base name is left to look up.
		let entry = this.lastDir;
		let p = path;
		// The base name is checked first (short); the directory part with `slice` and `===`, which
		// beat `startsWith` and character loops on V8's sliced strings.
		if (entry === undefined || !isPlainName(path, entry.slash + 1) || (entry.slash >= 0 && (path.charCodeAt(entry.slash) !== 47 || path.slice(0, entry.slash) !== entry.dir))) {
			p = isNormalRepoPath(path) ? path : normalizeRepoPath(path);
			if (p.length === 0) {
				this.foundPath = p;
				return noAnswer;
			}
			entry = this.dirEntry(p);
		}
		this.foundPath = p;
		const base = p.slice(entry.slash + 1);
		const segs = entry.segs;
		segs[segs.length - 1] = base;
		const acc = this.entryAcc;
		acc.reset();
		const ext = this.ext;
		ext.base = undefined;
		this.entries.collectFile(entry.entries, segs, base, ext, acc);
		if (this.parsed.dialect === 'github') {
			return acc.best[0];
		}
		const excluded = this.exclusionAcc;
		excluded.reset();
		const touchedCount = acc.touchedCount;
		if (touchedCount > 0 && this.exclusions.size > 0) {
			entry.exclusions ??= this.exclusions.view(segs, excluded);
			if (!entry.exclusions.inert || this.exclusions.hasBaseBuckets) {
				this.exclusions.collectFile(entry.exclusions, segs, base, ext, excluded);
			}
		}
		// The winners of the surviving sections, in section order (insertion sort: a handful).
		const touched = acc.touched;
		const winners = this.winners;
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
		let same = count === this.lastCount;
		for (let k = 0; k < count; k++) {
			const winner = acc.best[touched[winners[k]]];
			winners[k] = winner;
			if (same && this.lastWinners[k] !== winner) {
				same = false;
			}
		}
		if (!same) {
			this.lastCount = count;
			let hash = count;
			for (let k = 0; k < count; k++) {
				this.lastWinners[k] = winners[k];
				hash = (Math.imul(hash, 31) + winners[k]) | 0;
			}
			this.lastAnswer = this.joinedAnswer(hash, winners, count);
		}
		return joinedAnswer;
	}

	/** GitLab: the answer for these winners, remembered by their hash (a bounded memo). */
	private joinedAnswer(hash: number, winners: readonly number[], count: number): OwnerResolution {
		let bucket = this.joined.get(hash);
		if (bucket !== undefined) {
			for (const known of bucket) {
				if (known.winners.length === count && sameWinners(known.winners, winners, count)) {
					return known.answer;
				}
			}
		} else {
			if (this.joined.size >= joinedMemoLimit) {
				this.joined.clear();
			}
			bucket = [];
			this.joined.set(hash, bucket);
		}
		const answer = this.joinSections(winners, count);
		bucket.push({ winners: winners.slice(0, count), answer });
		return answer;
	}

	/** GitLab: the sections and joined owners of the winning rules (one per section, in order). */
	private joinSections(winners: readonly number[], count: number): OwnerResolution {
		const rules = this.parsed.rules;
		const sections: SectionResolution[] = [];
		let owners: string[] = noOwners as string[];
		let rule: CodeownersRule | null = null;
		for (let k = 0; k < count; k++) {
			const winner = winners[k];
			const section = this.parsed.sections[rules[winner].section];
			const own = this.ownerList(winner);
			rule = rules[winner];
			sections.push(Object.freeze({ name: section.name, owners: own, optional: section.optional, approvals: section.approvals, rule, line: rule.line }));
			if (sections.length === 1) {
				owners = own;
			} else {
				if (sections.length === 2) {
					owners = owners.slice();
				}
				for (const o of own) {
					if (!owners.includes(o)) {
						owners.push(o);
					}
				}
			}
		}
		Object.freeze(owners);
		return { path: '', owners, rule, sections: (sections.length === 0 ? noSections : Object.freeze(sections)) as SectionResolution[] };
	}

	/** The views of a normal path's directory: the last one, a remembered one, or new ones. */
	private dirEntry(p: string): DirEntry {
		const slash = p.lastIndexOf('/');
		const dir = slash < 0 ? '' : p.slice(0, slash);
		// The memo pays off when directories come back (shuffled paths); a listing grouped by
		// directory never returns to one, so after a round without hits it rests for a while.
		const useMemo = this.memoRest === 0;
		let entry = useMemo ? this.dirMemo.get(dir) : undefined;
		if (entry !== undefined) {
			this.memoHits++;
		} else {
			const segs = slash < 0 ? [''] : p.split('/');
			entry = new DirEntry(dir, slash, segs, this.entries.view(segs, this.entryAcc));
			if (useMemo) {
				if (this.dirMemo.size >= dirMemoLimit) {
					const idle = this.memoHits < dirMemoLimit / 64;
					this.dirMemo.clear();
					this.memoHits = 0;
					if (idle) {
						this.memoRest = dirMemoLimit * 4;
					}
				}
				this.dirMemo.set(dir, entry);
			} else {
				this.memoRest--;
			}
		}
		this.lastDir = entry;
		return entry;
	}

	/**
	 * Every rule matching a path in file order (GitLab: exclusions too), the winner(s) as in
	 * `resolve`, the shadowed rules that matched but lost, and the GitLab sections an exclusion
	 * dropped. Scans all rules: meant for one path at a time (hovers, "why"), not bulk use.
	 */
	explain(path: string): OwnerExplanation {
		const resolution = this.resolve(path);
		const segs = resolution.path.split('/');
		const matches: CodeownersRule[] = [];
		if (resolution.path.length > 0 && !this.parsed.ignored) {
			for (const rule of this.parsed.rules) {
				if (matchCompiled(this.patternOf(rule.index) as CompiledPattern, segs)) {
					matches.push(rule);
				}
			}
		}
		const winners = new Set<number>();
		if (this.parsed.dialect === 'github') {
			if (resolution.rule !== null) {
				winners.add(resolution.rule.index);
			}
		} else {
			for (const s of resolution.sections) {
				winners.add(s.rule.index);
			}
		}
		const excluded = new Set<number>();
		for (const rule of matches) {
			if (rule.exclusion && !this.parsed.ignored) {
				excluded.add(rule.section);
			}
		}
		const shadowed = matches.filter((r) => !r.exclusion && !winners.has(r.index));
		const excludedSections = [...excluded].sort((a, b) => a - b).map((s) => this.parsed.sections[s]?.name ?? null);
		return { ...resolution, matches, shadowed, excludedSections };
	}

	/** The files a rule's pattern matches (whether or not the rule wins them). */
	matchingPaths(ruleIndex: number, files: readonly string[]): string[] {
		const pattern = this.patternOf(ruleIndex);
		if (pattern === undefined) {
			return [];
		}
		return files.filter((f) => matchCompiled(pattern, f.split('/')));
	}

	/** The owners a rule gives, with GitLab section defaults applied (frozen; do not mutate). */
	ownersOf(ruleIndex: number): readonly string[] {
		return this.ownerList(ruleIndex);
	}

	/** The compiled pattern of a rule (compiled once, on first request). */
	patternOf(ruleIndex: number): CompiledPattern | undefined {
		const known = this.compiled[ruleIndex];
		if (known !== undefined) {
			return known;
		}
		const rule = this.parsed.rules[ruleIndex];
		if (rule === undefined) {
			return undefined;
		}
		const pattern = compilePattern(rule.pattern, this.parsed.dialect);
		this.compiled[ruleIndex] = pattern;
		return pattern;
	}

	private ownerList(ruleIndex: number): string[] {
		const known = this.owners[ruleIndex];
		if (known !== undefined) {
			return known;
		}
		const rule = this.parsed.rules[ruleIndex];
		if (rule === undefined) {
			return [];
		}
		const written = rule.owners.length > 0 ? rule.owners : (this.parsed.ruleDefaults.get(rule.index) ?? rule.owners);
		const list = Object.freeze(written.map((o) => o.text)) as string[];
		this.owners[ruleIndex] = list;
		return list;
	}
}

/** Compiles every rule of a parsed file once into a `CodeownersIndex`; the last matching rule wins. */
export function compileCodeowners(parsed: ParsedCodeowners): CodeownersIndex {
	return new CodeownersIndex(parsed);
}
