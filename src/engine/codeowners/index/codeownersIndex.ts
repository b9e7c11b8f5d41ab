import { isNormalRepoPath, normalizeRepoPath } from '../../paths';
import type { CompiledPattern } from '../pattern';
import { compilePattern, literalShape, matchCompiled } from '../pattern';
import type { CodeownersRule, OwnerExplanation, OwnerResolution, ParsedCodeowners, SectionResolution } from '../types';
import { Accumulator, collectFile, directoryView, Extensions, sectionWinners } from './bucketLookup';
import { DirectoryMemo, isPlainName, JoinedAnswers } from './lookupMemo';
import { RuleBuckets } from './ruleBuckets';

// The public face of the index: it files each rule (ruleBuckets.ts), looks paths up through the
// directory memo (lookupMemo.ts) and the buckets (bucketLookup.ts), and turns the winning rule
// indices into answers with their owners and sections.

const noSections: readonly SectionResolution[] = Object.freeze([]);
/** `find` results besides a GitHub rule index: nothing to look up, or a GitLab answer in `answers.last`. */
const noAnswer = -2;
const joinedAnswer = -3;
const noOwners: readonly string[] = Object.freeze([]);

/**
 * The compiled form of a parsed CODEOWNERS file: answers who owns a path with a handful of Map
 * lookups per path segment. GitHub: the last matching rule wins. GitLab: in each section the last
 * matching entry wins unless any exclusion of that section matches, entries without owners take
 * their header's defaults, and the owners are the union over sections in section order.
 */
export class CodeownersIndex {
	readonly parsed: ParsedCodeowners;
	/**
	 * Compiled patterns by rule index, filled on first need: wildcard-free rules are indexed from
	 * their text (a large file of paths compiles none, so no array per rule is kept for them).
	 */
	private readonly compiled = new Map<number, CompiledPattern>();
	/** GitLab: the section defaults an entry without owners takes, by rule index, built on first need (frozen). */
	private readonly owners = new Map<number, string[]>();
	private readonly entries: RuleBuckets;
	private readonly exclusions: RuleBuckets;
	private readonly entryAcc: Accumulator;
	private readonly exclusionAcc: Accumulator;
	/** Directory views of the entries: the last directory asked about, and recent ones. */
	private readonly dirs: DirectoryMemo;
	/** The extensions of the base name being looked up, shared by both rule sets. */
	private readonly ext = new Extensions();
	/** GitLab scratch: the surviving winners of one lookup. */
	private readonly winners: number[] = [];
	/** GitLab answers by their winners; `last` is the answer of the last `find`. */
	private readonly answers: JoinedAnswers;
	/** The normal form of the path the last `find` looked up. */
	private foundPath = '';

	constructor(parsed: ParsedCodeowners) {
		this.parsed = parsed;
		const gitlab = parsed.dialect === 'gitlab';
		const sectionCount = gitlab ? Math.max(1, parsed.sections.length) : 1;
		// Rules are read from the parser's columns: building the index makes no rule objects.
		const columns = parsed.columns;
		const count = columns.count;
		const sectionOf = new Int32Array(count);
		if (gitlab) {
			for (let i = 0; i < count; i++) {
				sectionOf[i] = columns.sections[i];
			}
		}
		this.entries = new RuleBuckets(sectionOf, sectionCount === 1);
		this.exclusions = new RuleBuckets(sectionOf, sectionCount === 1);
		this.entryAcc = new Accumulator(sectionCount, sectionOf);
		this.exclusionAcc = new Accumulator(sectionCount, sectionOf);
		this.dirs = new DirectoryMemo(this.entries, this.entryAcc);
		this.answers = new JoinedAnswers((winners, count) => this.joinSections(winners, count));
		if (!parsed.ignored) {
			const dialect = parsed.dialect;
			// GitHub has no exclusions (and leaves that column empty).
			const exclusions = gitlab ? columns.exclusions : undefined;
			for (let i = 0; i < count; i++) {
				const set = exclusions !== undefined && exclusions[i] ? this.exclusions : this.entries;
				const shape = literalShape(columns.patterns[i], dialect);
				if (shape !== undefined) {
					set.addLiteral(i, shape);
				} else {
					set.add(i, this.patternOf(i) as CompiledPattern);
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
		const answer = this.answers.last;
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
		return this.answers.last.owners;
	}

	/**
	 * Finds the answer for a path and leaves the normal path in `foundPath`. Returns `noAnswer` for
	 * an empty index or path, the winning rule's index on GitHub (-1: none), or `joinedAnswer` on
	 * GitLab, whose answer is then in `answers.last`.
	 */
	private find(path: string): number {
		if (this.entries.size === 0) {
			this.foundPath = isNormalRepoPath(path) ? path : normalizeRepoPath(path);
			return noAnswer;
		}
		// Paths arrive grouped by directory: when this one is a plain name in the last directory,
		// it is already normal and only its base name is left to look up.
		let entry = this.dirs.last;
		let p = path;
		// The base name is checked first (short); the directory part with `slice` and `===`, which
		// beat `startsWith` and character loops on V8's sliced strings.
		if (entry === undefined || !isPlainName(path, entry.slash + 1) || (entry.slash >= 0 && (path.charCodeAt(entry.slash) !== 47 || path.slice(0, entry.slash) !== entry.dir))) {
			p = isNormalRepoPath(path) ? path : normalizeRepoPath(path);
			if (p.length === 0) {
				this.foundPath = p;
				return noAnswer;
			}
			entry = this.dirs.entryOf(p);
		}
		this.foundPath = p;
		const base = p.slice(entry.slash + 1);
		const segs = entry.segs;
		segs[segs.length - 1] = base;
		const acc = this.entryAcc;
		acc.reset();
		const ext = this.ext;
		ext.base = undefined;
		collectFile(this.entries, entry.entries, segs, base, ext, acc);
		if (this.parsed.dialect === 'github') {
			return acc.best[0];
		}
		const excluded = this.exclusionAcc;
		excluded.reset();
		const touchedCount = acc.touchedCount;
		if (touchedCount > 0 && this.exclusions.size > 0) {
			entry.exclusions ??= directoryView(this.exclusions, segs, excluded);
			if (!entry.exclusions.inert || this.exclusions.hasBaseBuckets) {
				collectFile(this.exclusions, entry.exclusions, segs, base, ext, excluded);
			}
		}
		this.answers.answerFor(this.winners, sectionWinners(acc, excluded, this.winners));
		return joinedAnswer;
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
		const known = this.compiled.get(ruleIndex);
		if (known !== undefined) {
			return known;
		}
		const text = this.parsed.columns.patterns[ruleIndex];
		if (text === undefined) {
			return undefined;
		}
		const pattern = compilePattern(text, this.parsed.dialect);
		this.compiled.set(ruleIndex, pattern);
		return pattern;
	}

	private ownerList(ruleIndex: number): string[] {
		const columns = this.parsed.columns;
		const names = columns.ownerNames[ruleIndex];
		if (names === undefined) {
			return [];
		}
		if (names.length > 0 || this.parsed.dialect === 'github' || columns.exclusions[ruleIndex]) {
			return names as string[];
		}
		// GitLab: an entry without owners takes its header's defaults (one list per rule, kept).
		const known = this.owners.get(ruleIndex);
		if (known !== undefined) {
			return known;
		}
		const defaults = this.parsed.ruleDefaults.get(ruleIndex);
		const list = defaults === undefined ? names as string[] : Object.freeze(defaults.map((o) => o.text)) as string[];
		this.owners.set(ruleIndex, list);
		return list;
	}
}

/** Compiles every rule of a parsed file once into a `CodeownersIndex`; the last matching rule wins. */
export function compileCodeowners(parsed: ParsedCodeowners): CodeownersIndex {
	return new CodeownersIndex(parsed);
}
