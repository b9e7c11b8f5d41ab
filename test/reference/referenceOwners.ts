// Slow reference resolvers for CODEOWNERS, used only by tests. They take the parser's rules (the
// parser is tested on its own) and decide matching and precedence from the semantics reference
// (/work/shared/design/codeowners-semantics.md) with straightforward scans over every rule. They
// never call the engine's pattern matcher or index.
import type { CodeownersRule, ParsedCodeowners } from '../../src/engine/codeowners/types';
import { fnmatchPathname, segmentMatches } from './fnmatch';

/** The reference answer: owners and the winning rule index per contributing section. */
export interface ReferenceResolution {
	owners: string[];
	/** GitHub: the single winner (or none). GitLab: one winner per contributing section, in section order. */
	winners: number[];
}

/** True when the character at `index` is preceded by an odd number of backslashes. */
function escaped(text: string, index: number): boolean {
	let n = 0;
	for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) {
		n++;
	}
	return n % 2 === 1;
}

function hasUnescapedWildcard(segment: string): boolean {
	for (let i = 0; i < segment.length; i++) {
		if (segment[i] === '\\') {
			i++;
		} else if (segment[i] === '*' || segment[i] === '?') {
			return true;
		}
	}
	return false;
}

/**
 * gitignore path matching (WM_PATHNAME) of pattern segments against path segments: a `**` segment
 * before another segment spans zero or more segments, a final `**` one or more; other segments match
 * one path segment each, with `[` read literally (GitHub).
 */
function gitignoreSegments(pat: readonly string[], str: readonly string[]): boolean {
	const go = (p: number, s: number): boolean => {
		if (p === pat.length) {
			return s === str.length;
		}
		if (pat[p] === '**') {
			if (p === pat.length - 1) {
				return s < str.length;
			}
			for (let k = s; k <= str.length; k++) {
				if (go(p + 1, k)) {
					return true;
				}
			}
			return false;
		}
		return s < str.length && segmentMatches(pat[p], str[s], false) && go(p + 1, s + 1);
	};
	return go(0, 0);
}

/**
 * Whether a GitHub CODEOWNERS pattern owns a file path: gitignore rules (a slash before the end
 * anchors, a trailing slash names directories only, a directory match owns everything below it)
 * with CODEOWNERS' exception that a pattern whose last segment holds a wildcard names files only
 * (`docs/*` owns direct children, not `docs/sub/x`).
 */
export function githubPatternOwns(pattern: string, path: string): boolean {
	if (pattern === '' || pattern === '/') {
		return false;
	}
	const dirOnly = pattern.endsWith('/') && !escaped(pattern, pattern.length - 1);
	let body = dirOnly ? pattern.slice(0, -1) : pattern;
	const anchored = body.includes('/');
	if (body.startsWith('/')) {
		body = body.slice(1);
	}
	const segs = body.split('/');
	const filesOnly = !dirOnly && hasUnescapedWildcard(segs[segs.length - 1]);
	const parts = path.split('/');
	// Candidates: the file itself (k = parts.length) and each directory above it.
	for (let k = parts.length; k >= 1; k--) {
		const isFile = k === parts.length;
		if ((isFile && dirOnly) || (!isFile && filesOnly)) {
			continue;
		}
		const candidate = parts.slice(0, k);
		const hit = anchored ? gitignoreSegments(segs, candidate) : gitignoreSegments(segs, [candidate[k - 1]]);
		if (hit) {
			return true;
		}
	}
	return false;
}

/** GitLab's pattern rewrite, in the documented order. */
export function gitlabRewrite(pattern: string): string {
	let p = pattern === '*' ? '/**/*' : pattern;
	if (!p.startsWith('/')) {
		p = `/**/${p}`;
	}
	if (p.endsWith('/')) {
		p = `${p}**/*`;
	}
	return p;
}

/** Whether a GitLab entry pattern matches a path: rewrite, then fnmatch against `"/" + path`. */
export function gitlabPatternMatches(pattern: string, path: string): boolean {
	return fnmatchPathname(gitlabRewrite(pattern), `/${path}`);
}

function ownersOf(parsed: ParsedCodeowners, rule: CodeownersRule): string[] {
	const own = rule.owners.length > 0 ? rule.owners : (parsed.ruleDefaults.get(rule.index) ?? []);
	return own.map((o) => o.text);
}

/** GitHub: the last matching line of the whole file wins; a file of 3 MB or more is ignored. */
export function referenceGithub(parsed: ParsedCodeowners, path: string): ReferenceResolution {
	if (parsed.ignored === true) {
		return { owners: [], winners: [] };
	}
	let winner: CodeownersRule | undefined;
	for (const rule of parsed.rules) {
		if (githubPatternOwns(rule.pattern, path)) {
			winner = rule;
		}
	}
	return winner === undefined ? { owners: [], winners: [] } : { owners: ownersOf(parsed, winner), winners: [winner.index] };
}

/**
 * GitLab: per section (in section order) the last matching entry wins unless any exclusion of
 * that section matches; entries without owners take their header's defaults; the owners are the
 * union over sections without duplicates.
 */
export function referenceGitlab(parsed: ParsedCodeowners, path: string): ReferenceResolution {
	const owners: string[] = [];
	const winners: number[] = [];
	for (const section of parsed.sections) {
		let winner: CodeownersRule | undefined;
		let excluded = false;
		for (const rule of parsed.rules) {
			if (rule.section !== section.index || !gitlabPatternMatches(rule.pattern, path)) {
				continue;
			}
			if (rule.exclusion) {
				excluded = true;
			} else {
				winner = rule;
			}
		}
		if (winner === undefined || excluded) {
			continue;
		}
		winners.push(winner.index);
		for (const owner of ownersOf(parsed, winner)) {
			if (!owners.includes(owner)) {
				owners.push(owner);
			}
		}
	}
	return { owners, winners };
}

/** The reference answer for either dialect. */
export function referenceResolve(parsed: ParsedCodeowners, path: string): ReferenceResolution {
	return parsed.dialect === 'github' ? referenceGithub(parsed, path) : referenceGitlab(parsed, path);
}
