import { isNormalRepoPath, normalizeRepoPath } from '../paths';
import type { CompiledPattern, LiteralShape, MatchMode, Segment } from './pattern';
import { compilePattern, isAnySegment, literalShape, matchCompiled } from './pattern';
import type { CodeownersRule, OwnerExplanation, OwnerResolution, ParsedCodeowners, SectionResolution } from './types';

// Resolution never scans every rule. Each rule is filed in one bucket keyed by what it must
// literally contain: an exact path or directory prefix, a base name, an extension, or (for real
// globs) a literal prefix or last segment with a verifying matcher. A lookup visits the buckets
// reachable from the path's own prefixes, segments and extensions, and keeps the highest rule
// index, because the last matching rule wins. Only rules with no literal hook at all are scanned
// (highest index first, stopping at the best hit so far).

interface Candidate {
	index: number;
	pattern: CompiledPattern;
}

class PrefixNode {
	/** Best rule matching exactly this path. */
	file = -1;
	/** Best rule owning everything strictly below this directory. */
	dir = -1;
	/** Best rule owning the direct children of this directory (`dir/*`). */
	child = -1;
	/** Globs whose literal prefix is this path (verified). */
	cands: Candidate[] | undefined;
	children: Map<string, PrefixNode> | undefined;
}

class NameNode {
	self = -1;
	ancestor = -1;
	selfCands: Candidate[] | undefined;
	ancestorCands: Candidate[] | undefined;
}

class ExtNode {
	best = -1;
	cands: Candidate[] | undefined;
}

function pushCand(list: Candidate[] | undefined, cand: Candidate): Candidate[] {
	if (list === undefined) {
		return [cand];
	}
	list.push(cand);
	return list;
}

function byIndexDesc(a: Candidate, b: Candidate): number {
	return b.index - a.index;
}

/** Highest index of the verified candidates that beats `best`, else `best`. */
function bestOf(cands: Candidate[] | undefined, best: number, segs: readonly string[]): number {
	if (cands === undefined) {
		return best;
	}
	for (const cand of cands) {
		if (cand.index <= best) {
			return best;
		}
		if (matchCompiled(cand.pattern, segs)) {
			return cand.index;
		}
	}
	return best;
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

/** A set of compiled rules answering "highest matching rule index" with a few Map lookups. */
class RuleSet {
	size = 0;
	private all = -1;
	private readonly root = new PrefixNode();
	private readonly names = new Map<string, NameNode>();
	private readonly exts = new Map<string, ExtNode>();
	private residue: Candidate[] = [];

	/** Files a wildcard-free rule straight from its shape (no compiled pattern needed). */
	addLiteral(index: number, shape: LiteralShape): void {
		this.size++;
		if (shape.anchored) {
			this.markPrefix(this.prefixNode(shape.key.split('/')), index, shape.mode);
		} else {
			this.markName(this.nameNode(shape.key), index, shape.mode);
		}
	}

	private markPrefix(node: PrefixNode, index: number, mode: MatchMode): void {
		if (mode !== 'ancestor') {
			node.file = Math.max(node.file, index);
		}
		if (mode !== 'self') {
			node.dir = Math.max(node.dir, index);
		}
	}

	private markName(node: NameNode, index: number, mode: MatchMode): void {
		if (mode !== 'ancestor') {
			node.self = Math.max(node.self, index);
		}
		if (mode !== 'self') {
			node.ancestor = Math.max(node.ancestor, index);
		}
	}

	add(index: number, pattern: CompiledPattern): void {
		this.size++;
		if (pattern.kind === 'none') {
			return;
		}
		if (pattern.kind === 'all') {
			this.all = Math.max(this.all, index);
			return;
		}
		const segs = pattern.segments;
		const n = segs.length;
		const mode = pattern.mode;
		const cand: Candidate = { index, pattern };
		if (pattern.anchored) {
			let literal = 0;
			while (literal < n && segs[literal].kind === 'literal') {
				literal++;
			}
			if (literal === n) {
				this.markPrefix(this.prefixNode(literalTexts(segs, n)), index, mode);
			} else if (literal === n - 1 && mode === 'self' && isAnySegment(segs[n - 1])) {
				const node = this.prefixNode(literalTexts(segs, n - 1));
				node.child = Math.max(node.child, index);
			} else if (literal > 0) {
				const node = this.prefixNode(literalTexts(segs, literal));
				node.cands = pushCand(node.cands, cand);
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
			} else {
				if (mode !== 'ancestor') {
					node.selfCands = pushCand(node.selfCands, cand);
				}
				if (mode !== 'self') {
					node.ancestorCands = pushCand(node.ancestorCands, cand);
				}
			}
			return;
		}
		const ext = mode === 'self' ? extSuffix(last) : undefined;
		if (ext !== undefined) {
			let node = this.exts.get(ext);
			if (node === undefined) {
				node = new ExtNode();
				this.exts.set(ext, node);
			}
			if (n === 1) {
				node.best = Math.max(node.best, index);
			} else {
				node.cands = pushCand(node.cands, cand);
			}
			return;
		}
		this.residue.push(cand);
	}

	/** Sorts candidate lists so lookups can stop at the first verified hit. */
	seal(): void {
		const stack = [this.root];
		for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
			node.cands?.sort(byIndexDesc);
			if (node.children !== undefined) {
				stack.push(...node.children.values());
			}
		}
		for (const node of this.names.values()) {
			node.selfCands?.sort(byIndexDesc);
			node.ancestorCands?.sort(byIndexDesc);
		}
		for (const node of this.exts.values()) {
			node.cands?.sort(byIndexDesc);
		}
		this.residue.sort(byIndexDesc);
	}

	/** Highest index of a rule matching the path, or -1. */
	last(segs: readonly string[]): number {
		const n = segs.length;
		let best = this.all;
		// Walk the path down the trie of literal prefixes; the root holds `/*` rules.
		let node: PrefixNode | undefined = this.root;
		best = Math.max(best, n === 1 ? node.child : -1);
		best = bestOf(node.cands, best, segs);
		for (let k = 0; k < n && node.children !== undefined; k++) {
			node = node.children.get(segs[k]);
			if (node === undefined) {
				break;
			}
			if (k === n - 1) {
				best = Math.max(best, node.file);
			} else {
				best = Math.max(best, node.dir);
				if (k === n - 2) {
					best = Math.max(best, node.child);
				}
			}
			best = bestOf(node.cands, best, segs);
		}
		if (this.names.size > 0) {
			for (let i = 0; i < n; i++) {
				const node = this.names.get(segs[i]);
				if (node === undefined) {
					continue;
				}
				if (i === n - 1) {
					best = bestOf(node.selfCands, Math.max(best, node.self), segs);
				} else {
					best = bestOf(node.ancestorCands, Math.max(best, node.ancestor), segs);
				}
			}
		}
		if (this.exts.size > 0) {
			const base = segs[n - 1];
			for (let dot = base.indexOf('.'); dot >= 0; dot = base.indexOf('.', dot + 1)) {
				const node = this.exts.get(base.slice(dot));
				if (node !== undefined) {
					best = bestOf(node.cands, Math.max(best, node.best), segs);
				}
			}
		}
		return bestOf(this.residue, best, segs);
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

	private nameNode(name: string): NameNode {
		let node = this.names.get(name);
		if (node === undefined) {
			node = new NameNode();
			this.names.set(name, node);
		}
		return node;
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
	private readonly entries: RuleSet[];
	private readonly exclusions: RuleSet[];

	constructor(parsed: ParsedCodeowners) {
		this.parsed = parsed;
		const sectionCount = parsed.dialect === 'gitlab' ? Math.max(1, parsed.sections.length) : 1;
		this.entries = [];
		this.exclusions = [];
		for (let s = 0; s < sectionCount; s++) {
			this.entries.push(new RuleSet());
			this.exclusions.push(new RuleSet());
		}
		this.compiled = new Array<CompiledPattern | undefined>(parsed.rules.length);
		this.owners = new Array<string[] | undefined>(parsed.rules.length);
		if (!parsed.ignored) {
			const dialect = parsed.dialect;
			for (const rule of parsed.rules) {
				const set = (rule.exclusion ? this.exclusions : this.entries)[dialect === 'gitlab' ? rule.section : 0];
				const shape = literalShape(rule.pattern, dialect);
				if (shape !== undefined) {
					set.addLiteral(rule.index, shape);
				} else {
					set.add(rule.index, this.patternOf(rule.index) as CompiledPattern);
				}
			}
		}
		for (const set of this.entries) {
			set.seal();
		}
		for (const set of this.exclusions) {
			set.seal();
		}
	}

	/**
	 * Who owns a path: GitHub takes the last matching rule (its owners may be empty); GitLab takes
	 * the last matching entry per section, drops sections with a matching exclusion, and joins the
	 * owners in section order without duplicates.
	 */
	resolve(path: string): OwnerResolution {
		const p = isNormalRepoPath(path) && !path.includes('\\') ? path : normalizeRepoPath(path);
		const segs = p.split('/');
		const rules = this.parsed.rules;
		if (this.parsed.dialect === 'github' || p.length === 0) {
			const winner = p.length === 0 ? -1 : this.entries[0].last(segs);
			return {
				path: p,
				owners: winner < 0 ? [] : this.ownerList(winner),
				rule: winner < 0 ? null : rules[winner],
				sections: noSections as SectionResolution[],
			};
		}
		const sections: SectionResolution[] = [];
		let owners: string[] = [];
		let rule: CodeownersRule | null = null;
		for (let s = 0; s < this.entries.length; s++) {
			const entries = this.entries[s];
			if (entries.size === 0) {
				continue;
			}
			const winner = entries.last(segs);
			if (winner < 0) {
				continue;
			}
			const exclusions = this.exclusions[s];
			if (exclusions.size > 0 && exclusions.last(segs) >= 0) {
				continue;
			}
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
