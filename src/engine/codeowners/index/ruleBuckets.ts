import type { CompiledPattern, LiteralShape, MatchMode, Segment } from '../pattern';
import { isAnySegment } from '../pattern';

// How rules are filed. Resolution never scans every rule: each rule goes into one bucket keyed by
// what it must literally contain: an exact path or directory prefix (a trie of segments), a base
// name, an extension, or (for real globs) a literal prefix or last segment with a verifying
// matcher. Rules with no literal hook at all form a small residue that is scanned. This file only
// builds and seals the buckets; bucketLookup.ts walks them.

/** A glob filed under a literal hook; matched against the whole path before it counts. */
export interface Candidate {
	index: number;
	section: number;
	pattern: CompiledPattern;
}

/**
 * Rule indices stored in one bucket; after `seal`, at most one per section, highest first. A
 * single index is stored as the number itself: most buckets of a large file hold one rule, and a
 * one-element array per rule was 16,000 more objects for every garbage collection to copy.
 */
export type Slot = number | number[] | undefined;

/** A node of the prefix trie of anchored rules: one path segment below its parent. */
export class PrefixNode {
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
	children: Map<string, PrefixChild> | undefined;
}

/**
 * A child in the prefix trie: a node, or only the rule index when a GitHub path rule owns that
 * path and everything below it and nothing else is filed there (most rules of a large file: no
 * node object for each of them).
 */
export type PrefixChild = PrefixNode | number;

/** Unanchored rules keyed by a segment name, wherever in the path it stands. */
export class NameNode {
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

/** Unanchored globs whose last segment is `*.ext`: `best` for `*.ext` alone, `cands` for longer ones (verified). */
export class ExtNode {
	best: Slot;
	cands: Candidate[] | undefined;
}

/** Appends in place, creating the list on first use. */
export function push<T>(list: T[] | undefined, item: T): T[] {
	if (list === undefined) {
		return [item];
	}
	list.push(item);
	return list;
}

/** Adds a rule index to a slot: the number alone first, an array from the second on. */
export function pushSlot(slot: Slot, index: number): Slot {
	if (slot === undefined) {
		return index;
	}
	if (typeof slot === 'number') {
		return [slot, index];
	}
	slot.push(index);
	return slot;
}

/** The child node of a trie node for one path segment, created (or grown from a rule index) on first use. */
function prefixChild(node: PrefixNode, seg: string): PrefixNode {
	node.children ??= new Map();
	const child = node.children.get(seg);
	if (child !== undefined && typeof child !== 'number') {
		return child;
	}
	const next = new PrefixNode();
	if (child !== undefined) {
		next.file = next.dir = child;
	}
	node.children.set(seg, next);
	return next;
}

/** Sorts candidates so that the one that would win (the highest index) comes first. */
export function byIndexDesc(a: Candidate, b: Candidate): number {
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

function literalTexts(segs: readonly Segment[], count: number): string[] {
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const seg = segs[i];
		out.push(seg.kind === 'literal' ? seg.text : '');
	}
	return out;
}

/**
 * A set of rules filed in buckets, so that "highest matching rule index per section" takes a few
 * Map lookups (see bucketLookup.ts). Fill it with `add`/`addLiteral`, then `seal` it once.
 */
export class RuleBuckets {
	size = 0;
	/** Catch-all rules (`*`, `**`): they own every path. */
	private catchAll: Slot;
	/** The prefix trie of anchored rules, by path segment. */
	readonly root = new PrefixNode();
	/** Unanchored rules by their last literal segment. */
	readonly names = new Map<string, NameNode>();
	/** Unanchored extension globs (`*.ext`) by extension. */
	readonly exts = new Map<string, ExtNode>();
	/** Globs with no literal hook, scanned for every directory. */
	readonly residue: Candidate[] = [];
	/** The last key `prefixNodeOf` walked: the node and end offset of each of its segments. */
	private readonly lastWalk = { key: '', length: 0, depth: 0, nodes: [] as PrefixNode[], ends: [] as number[] };

	constructor(readonly sectionOf: Int32Array, readonly singleSection: boolean) {}

	/** The catch-all rules (after `seal`: at most one per section). */
	get all(): Slot {
		return this.catchAll;
	}

	/** Files a wildcard-free rule straight from its shape (no compiled pattern needed). */
	addLiteral(index: number, shape: LiteralShape): void {
		this.size++;
		if (shape.anchored && shape.mode === 'selfOrAncestor' && this.singleSection) {
			this.addPathRule(shape.key, index);
		} else if (shape.anchored) {
			this.markPrefix(this.prefixNodeOf(shape.key), index, shape.mode);
		} else {
			this.markName(this.nameNode(shape.key), index, shape.mode);
		}
	}

	/** Files a compiled rule by the most specific literal hook its segments offer, else in the residue. */
	add(index: number, pattern: CompiledPattern): void {
		this.size++;
		if (pattern.kind === 'none') {
			return;
		}
		if (pattern.kind === 'all') {
			this.catchAll = pushSlot(this.catchAll, index);
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
				node.child = pushSlot(node.child, index);
			} else if (literal === n - 1 && mode === 'self' && extSuffix(segs[n - 1]) !== undefined) {
				const node = this.prefixNode(literalTexts(segs, n - 1));
				node.childExt ??= new Map();
				const ext = extSuffix(segs[n - 1]) as string;
				node.childExt.set(ext, pushSlot(node.childExt.get(ext), index));
			} else if (literal > 0 && literal === n - 2 && mode === 'self' && segs[n - 2].kind === 'globstar' && extSuffix(segs[n - 1]) !== undefined) {
				const node = this.prefixNode(literalTexts(segs, n - 2));
				node.descendantExt ??= new Map();
				const ext = extSuffix(segs[n - 1]) as string;
				node.descendantExt.set(ext, pushSlot(node.descendantExt.get(ext), index));
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
			node.child = pushSlot(node.child, index);
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
				node.best = pushSlot(node.best, index);
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
			// forEach, not for-of: an iterator allocates a result object per child until optimised.
			node.children?.forEach((child) => {
				if (typeof child !== 'number') {
					stack.push(child);
				}
			});
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
		this.catchAll = this.reduce(this.catchAll);
		this.residue.sort(byIndexDesc);
	}

	private reduceMap(map: Map<string, Slot> | undefined): void {
		if (map !== undefined) {
			for (const [key, slot] of map) {
				map.set(key, this.reduce(slot));
			}
		}
	}

	private reduce(slot: Slot): Slot {
		if (slot === undefined || typeof slot === 'number') {
			return slot;
		}
		if (slot.length < 2) {
			return slot[0];
		}
		const bySection = new Map<number, number>();
		for (const index of slot) {
			const section = this.sectionOf[index];
			bySection.set(section, Math.max(bySection.get(section) ?? -1, index));
		}
		return bySection.size === 1 ? bySection.values().next().value as number : [...bySection.values()].sort((a, b) => b - a);
	}

	private markPrefix(node: PrefixNode, index: number, mode: MatchMode): void {
		// A slot holding an array is never shared between `file` and `dir` (`pushSlot` makes a new
		// array from a number), so appending to one cannot change the other.
		if (mode !== 'ancestor') {
			node.file = pushSlot(node.file, index);
		}
		if (mode !== 'self') {
			node.dir = pushSlot(node.dir, index);
		}
	}

	private markName(node: NameNode, index: number, mode: MatchMode): void {
		if (mode !== 'ancestor') {
			node.self = pushSlot(node.self, index);
		}
		if (mode !== 'self') {
			node.ancestor = pushSlot(node.ancestor, index);
		}
	}

	private prefixNode(segments: readonly string[]): PrefixNode {
		let node = this.root;
		for (const seg of segments) {
			node = prefixChild(node, seg);
		}
		return node;
	}

	/**
	 * Files a rule owning a path and everything below it (one section): as the bare index in its
	 * parent's children while nothing else is filed at that path. Rules are filed in file order, so
	 * a later rule for the same path replaces the index, as it wins.
	 */
	private addPathRule(key: string, index: number): void {
		const slash = key.lastIndexOf('/');
		const parent = slash < 0 ? this.root : this.prefixNodeOf(key, slash);
		const name = slash < 0 ? key : key.slice(slash + 1);
		parent.children ??= new Map();
		const child = parent.children.get(name);
		if (child === undefined || typeof child === 'number') {
			parent.children.set(name, index);
		} else {
			this.markPrefix(child, index, 'selfOrAncestor');
		}
	}

	/**
	 * The trie node of the `/`-separated key `key[0, length)`, walked without splitting it. Large files
	 * list their paths in order, so a key mostly repeats the directories of the key before: the
	 * walk resumes after the segments the two share instead of looking each one up again.
	 */
	private prefixNodeOf(key: string, length = key.length): PrefixNode {
		const walk = this.lastWalk;
		const last = walk.key;
		const lastLength = walk.length;
		const max = Math.min(length, lastLength);
		let common = 0;
		while (common < max && key.charCodeAt(common) === last.charCodeAt(common)) {
			common++;
		}
		// Segment k of the last key ends at ends[k]; it is shared when the key has the same text up
		// to there and ends that segment there too.
		let depth = 0;
		while (depth < walk.depth) {
			const end = walk.ends[depth];
			if (end < common || (end === common && end === lastLength && (end === length || key.charCodeAt(end) === 47))) {
				depth++;
			} else {
				break;
			}
		}
		let node = depth > 0 ? walk.nodes[depth - 1] : this.root;
		let start = depth > 0 ? walk.ends[depth - 1] + 1 : 0;
		walk.key = key;
		walk.length = length;
		if (start > length) {
			walk.depth = depth;
			return node;
		}
		for (;;) {
			const slash = key.indexOf('/', start);
			const end = slash < 0 || slash >= length ? length : slash;
			node = prefixChild(node, key.slice(start, end));
			walk.nodes[depth] = node;
			walk.ends[depth] = end;
			depth++;
			if (end === length) {
				walk.depth = depth;
				return node;
			}
			start = end + 1;
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
