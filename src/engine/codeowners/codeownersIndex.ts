import { isNormalRepoPath, normalizeRepoPath } from '../paths';
import type { CompiledPattern, LiteralShape, MatchMode, Segment } from './pattern';
import { compilePattern, isAnySegment, literalShape, matchCompiled } from './pattern';
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
			this.markPrefix(this.prefixNode(shape.key.split('/')), index, shape.mode);
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

	/** Adds this set's matches for a path (split on `/`) to the accumulator. */
	collect(segs: readonly string[], acc: Accumulator): void {
		const n = segs.length;
		acc.offerSlot(this.all);
		// Walk the path down the trie of literal prefixes; the root holds `/*` rules.
		let node: PrefixNode | undefined = this.root;
		if (n === 1) {
			acc.offerSlot(node.child);
			if (node.childExt !== undefined) {
				offerExt(acc, node.childExt, segs[0]);
			}
		}
		for (let k = 0; k < n && node.children !== undefined; k++) {
			node = node.children.get(segs[k]);
			if (node === undefined) {
				break;
			}
			if (k === n - 1) {
				acc.offerSlot(node.file);
			} else {
				acc.offerSlot(node.dir);
				if (k === n - 2) {
					acc.offerSlot(node.child);
					if (node.childExt !== undefined) {
						offerExt(acc, node.childExt, segs[n - 1]);
					}
				}
				if (node.descendantExt !== undefined) {
					offerExt(acc, node.descendantExt, segs[n - 1]);
				}
			}
			if (node.cands !== undefined) {
				acc.defer(node.cands);
			}
		}
		if (this.names.size > 0) {
			for (let i = 0; i < n; i++) {
				const name = this.names.get(segs[i]);
				if (name === undefined) {
					continue;
				}
				if (name.tail !== undefined) {
					const tail = name.tail.get(n - 1 - i);
					if (tail !== undefined) {
						acc.defer(tail);
					}
				}
				const last = i === n - 1;
				if (i === n - 2) {
					acc.offerSlot(name.child);
				}
				if (last) {
					acc.offerSlot(name.self);
					if (name.selfCands !== undefined) {
						acc.defer(name.selfCands);
					}
				} else {
					acc.offerSlot(name.ancestor);
					if (name.ancestorCands !== undefined) {
						acc.defer(name.ancestorCands);
					}
				}
				let seq: NameNode | undefined = name;
				for (let j = i - 1; j >= 0 && seq.parents !== undefined; j--) {
					seq = seq.parents.get(segs[j]);
					if (seq === undefined) {
						break;
					}
					acc.offerSlot(last ? seq.self : seq.ancestor);
					if (i === n - 2) {
						acc.offerSlot(seq.child);
					}
				}
			}
		}
		if (this.exts.size > 0) {
			const base = segs[n - 1];
			for (let dot = base.indexOf('.'); dot >= 0; dot = base.indexOf('.', dot + 1)) {
				const ext = this.exts.get(base.slice(dot));
				if (ext !== undefined) {
					acc.offerSlot(ext.best);
					if (ext.cands !== undefined) {
						acc.defer(ext.cands);
					}
				}
			}
		}
		if (this.residue.length > 0) {
			acc.defer(this.residue);
		}
		// Globs last: by now the exact buckets usually hold a later rule, so most are skipped.
		const best = acc.best;
		for (let p = 0; p < acc.pendingCount; p++) {
			const list = acc.pending[p];
			for (const cand of list) {
				if (cand.index <= best[cand.section]) {
					if (this.singleSection) {
						break;
					}
					continue;
				}
				if (matchCompiled(cand.pattern, segs)) {
					acc.offer(cand.index, cand.section);
					if (this.singleSection) {
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

/** Offers the rules stored under each extension of a base name (`a.test.js`: `.test.js`, `.js`). */
function offerExt(acc: Accumulator, map: Map<string, Slot>, base: string): void {
	for (let dot = base.indexOf('.'); dot >= 0; dot = base.indexOf('.', dot + 1)) {
		acc.offerSlot(map.get(base.slice(dot)));
	}
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
		const p = isNormalRepoPath(path) ? path : normalizeRepoPath(path);
		const rules = this.parsed.rules;
		if (p.length === 0 || this.entries.size === 0) {
			return { path: p, owners: [], rule: null, sections: noSections as SectionResolution[] };
		}
		const segs = p.split('/');
		const acc = this.entryAcc;
		acc.reset();
		this.entries.collect(segs, acc);
		if (this.parsed.dialect === 'github') {
			const winner = acc.best[0];
			return {
				path: p,
				owners: winner < 0 ? [] : this.ownerList(winner),
				rule: winner < 0 ? null : rules[winner],
				sections: noSections as SectionResolution[],
			};
		}
		const excluded = this.exclusionAcc;
		excluded.reset();
		const touchedCount = acc.touchedCount;
		if (touchedCount > 0 && this.exclusions.size > 0) {
			this.exclusions.collect(segs, excluded);
		}
		const touched = acc.touched.slice(0, touchedCount);
		if (touchedCount > 1) {
			touched.sort((a, b) => a - b);
		}
		const sections: SectionResolution[] = [];
		let owners: string[] = [];
		let rule: CodeownersRule | null = null;
		for (const s of touched) {
			if (excluded.best[s] >= 0) {
				continue;
			}
			const winner = acc.best[s];
			const section = this.parsed.sections[s];
			const own = this.ownerList(winner);
			rule = rules[winner];
			sections.push({ name: section.name, owners: own, optional: section.optional, approvals: section.approvals, rule, line: rule.line });
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
		return { path: p, owners, rule, sections };
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
