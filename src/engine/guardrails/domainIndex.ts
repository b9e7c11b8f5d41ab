import { braceExpand, Minimatch } from 'minimatch';
import type { Contract, Domain, GuardrailsConfig } from './types';

/** One positive glob of a domain or contract, compiled once. */
export interface CompiledGlob {
	/** The pattern as written, without the leading `!`. */
	pattern: string;
	/** Index in the owner's `paths` list (for positions: `domains.<id>.paths.<index>`). */
	index: number;
	/** Length of the literal part before the first glob character. */
	literalLength: number;
	/** Number of glob characters (`*`, `?`, `[`, `{`, …): fewer is more specific. */
	globChars: number;
	matcher: Minimatch;
}

interface PathList {
	include: CompiledGlob[];
	exclude: CompiledGlob[];
}

interface BucketEntry {
	glob: CompiledGlob;
	owner: { kind: 'domain'; domain: Domain; order: number } | { kind: 'contract'; contract: Contract; order: number };
}

/** The domain a path belongs to, with the pattern that won and any domains that tied with it. */
export interface DomainMatch {
	domain: Domain;
	glob: CompiledGlob;
	/** Other domains whose best pattern is exactly as specific (a config problem; the first declared wins). */
	ties: Domain[];
	/** The tying domains' patterns, parallel to `ties`. */
	tiedGlobs: CompiledGlob[];
}


/** Index of the first glob character, or the length when the pattern is literal. */
function literalPrefixLength(pattern: string): number {
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '*' || c === '?' || c === '[' || c === '{' || c === '\\') {
			return i;
		}
		if ((c === '+' || c === '@' || c === '!') && pattern[i + 1] === '(') {
			return i;
		}
	}
	return pattern.length;
}

function countGlobChars(pattern: string): number {
	let n = 0;
	for (const c of pattern) {
		if (c === '*' || c === '?' || c === '[' || c === '{') {
			n++;
		}
	}
	return n;
}

/** Normalises a configured pattern: the config is repository-relative, a leading `/` or `./` is dropped. */
function normalisePattern(pattern: string): string {
	return pattern.replace(/^\.?\/+/, '');
}

/**
 * minimatch expands braces before matching, so `{a,b}` written twenty times becomes a million
 * patterns (seconds of CPU and gigabytes). Patterns whose expansion would exceed this are refused:
 * the parser reports them and the index skips them.
 */
export const maxBraceExpansions = 1024;

// `braceExpandMax` bounds the matcher itself: even a pattern the count let through cannot make
// more than one pattern over the limit. `platform: 'linux'`: on the code hosts a backslash is an
// escape (or a character), never a path separator, whatever OS runs us.
const minimatchOptions = { dot: true, nocase: false, nonegate: true, nocomment: true, optimizationLevel: 2, braceExpandMax: maxBraceExpansions + 1, platform: 'linux' } as const;

/** Longest glob compiled; minimatch throws on patterns over 64 KiB, and no real path is near this. */
export const maxGlobLength = 4096;

/** Counts already made (parse and compile both ask), bounded so a huge config cannot grow it without end. */
const expansionCounts = new Map<string, number>();

/**
 * How many patterns minimatch's brace expansion makes of `pattern`, capped at `limit + 1`. It is
 * counted by the matcher's own expansion (bounded by `braceExpandMax`, so counting costs at most
 * `limit + 1` results) rather than by a counter of our own: an estimate that reads braces
 * differently from the matcher (an unbalanced leading `{` once made ours stop at 1 while
 * minimatch expanded the groups after it) lets a brace bomb through.
 */
export function braceExpansionCount(pattern: string, limit: number = maxBraceExpansions): number {
	if (!pattern.includes('{')) {
		return 1;
	}
	const key = `${limit}\u0000${pattern}`;
	let count = expansionCounts.get(key);
	if (count === undefined) {
		try {
			count = Math.max(1, braceExpand(pattern, { braceExpandMax: limit + 1 }).length);
		} catch {
			// minimatch refuses the pattern (too long): it is never compiled either.
			count = limit + 1;
		}
		if (expansionCounts.size >= 10_000) {
			expansionCounts.clear();
		}
		expansionCounts.set(key, count);
	}
	return count;
}

/** Compiles one `paths` list: positive globs and `!` exclusions (order-independent within the list). */
export function compilePathList(paths: readonly string[]): PathList {
	const list: PathList = { include: [], exclude: [] };
	paths.forEach((raw, index) => {
		const negated = raw.startsWith('!');
		const pattern = normalisePattern(negated ? raw.slice(1) : raw);
		if (pattern === '' || pattern.length > maxGlobLength || braceExpansionCount(pattern) > maxBraceExpansions) {
			// Too long or too many brace expansions: reported by the parser (pattern-too-complex), never compiled.
			return;
		}
		let matcher: Minimatch;
		try {
			matcher = new Minimatch(pattern, minimatchOptions);
			if (matcher.set.length > maxBraceExpansions) {
				return;
			}
		} catch {
			// minimatch throws on input it refuses; one bad glob must not take the whole config down.
			return;
		}
		const glob: CompiledGlob = {
			pattern,
			index,
			literalLength: literalPrefixLength(pattern),
			globChars: countGlobChars(pattern),
			matcher,
		};
		(negated ? list.exclude : list.include).push(glob);
	});
	return list;
}

/** The directory part of a pattern's literal prefix: the bucket it is stored under. */
function bucketOf(glob: CompiledGlob): string {
	const literal = glob.pattern.slice(0, glob.literalLength);
	const slash = literal.lastIndexOf('/');
	return slash < 0 ? '' : literal.slice(0, slash);
}

/** More specific first: longer literal prefix, then fewer glob characters. */
function compareSpecificity(a: CompiledGlob, b: CompiledGlob): number {
	return b.literalLength - a.literalLength || a.globChars - b.globChars;
}

/**
 * The compiled guardrails config: domain and contract lookups by path. Globs are compiled once and
 * bucketed by the directory of their literal prefix, so a lookup only tests the patterns whose
 * prefix directory is an ancestor of the path.
 */
export class GuardrailsIndex {
	private readonly buckets = new Map<string, BucketEntry[]>();
	private readonly excludes = new Map<Domain | Contract, CompiledGlob[]>();
	/** Compiled `paths` per domain id and contract id, for lint (patterns matching no file). */
	readonly domainPaths = new Map<string, PathList>();
	readonly contractPaths = new Map<string, PathList>();

	constructor(readonly config: GuardrailsConfig) {
		let order = 0;
		for (const domain of config.domains.values()) {
			const list = compilePathList(domain.paths);
			this.domainPaths.set(domain.id, list);
			this.excludes.set(domain, list.exclude);
			const owner = { kind: 'domain' as const, domain, order: order++ };
			for (const glob of list.include) {
				this.add({ glob, owner });
			}
		}
		order = 0;
		for (const contract of config.contracts.values()) {
			const list = compilePathList(contract.paths);
			this.contractPaths.set(contract.id, list);
			this.excludes.set(contract, list.exclude);
			const owner = { kind: 'contract' as const, contract, order: order++ };
			for (const glob of list.include) {
				this.add({ glob, owner });
			}
		}
	}

	private add(entry: BucketEntry): void {
		const key = bucketOf(entry.glob);
		const bucket = this.buckets.get(key);
		if (bucket) {
			bucket.push(entry);
		} else {
			this.buckets.set(key, [entry]);
		}
	}

	/** Patterns whose literal-prefix directory is the path's directory or one of its ancestors. */
	private candidates(path: string): BucketEntry[] {
		const out: BucketEntry[] = [];
		const push = (key: string): void => {
			const bucket = this.buckets.get(key);
			if (bucket) {
				out.push(...bucket);
			}
		};
		push('');
		for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
			push(path.slice(0, i));
		}
		return out;
	}

	private excluded(owner: Domain | Contract, path: string): boolean {
		return (this.excludes.get(owner) ?? []).some((glob) => glob.matcher.match(path));
	}

	/**
	 * The domain of a path: of all domains with a matching, non-excluded pattern, the one whose
	 * matching pattern is most specific (longest literal prefix, then fewest glob characters); on a
	 * tie the first-declared domain wins and the others are listed in `ties`. Null: no domain.
	 */
	domainOf(path: string): DomainMatch | null {
		const best = new Map<Domain, { glob: CompiledGlob; order: number }>();
		for (const entry of this.candidates(path)) {
			if (entry.owner.kind !== 'domain' || !entry.glob.matcher.match(path)) {
				continue;
			}
			const current = best.get(entry.owner.domain);
			if (!current || compareSpecificity(entry.glob, current.glob) < 0) {
				best.set(entry.owner.domain, { glob: entry.glob, order: entry.owner.order });
			}
		}
		const ranked = [...best.entries()]
			.filter(([domain]) => !this.excluded(domain, path))
			.sort((a, b) => compareSpecificity(a[1].glob, b[1].glob) || a[1].order - b[1].order);
		if (ranked.length === 0) {
			return null;
		}
		const [domain, winner] = ranked[0];
		const tied = ranked.slice(1).filter(([, other]) => compareSpecificity(winner.glob, other.glob) === 0);
		return { domain, glob: winner.glob, ties: tied.map(([d]) => d), tiedGlobs: tied.map(([, other]) => other.glob) };
	}

	/** Every contract with a matching, non-excluded pattern (contracts are additive), in declaration order. */
	contractsOf(path: string): Contract[] {
		const found = new Map<Contract, number>();
		for (const entry of this.candidates(path)) {
			if (entry.owner.kind === 'contract' && !found.has(entry.owner.contract) && entry.glob.matcher.match(path)) {
				found.set(entry.owner.contract, entry.owner.order);
			}
		}
		return [...found.entries()]
			.filter(([contract]) => !this.excluded(contract, path))
			.sort((a, b) => a[1] - b[1])
			.map(([contract]) => contract);
	}
}

/** Compiles a parsed config's globs once (minimatch, `dot: true`, case-sensitive, `!` handled here). */
export function compileGuardrails(config: GuardrailsConfig): GuardrailsIndex {
	return new GuardrailsIndex(config);
}
