import type { Dialect } from './types';

// A small glob matcher over path segments. Both levels (characters within a segment, segments
// within a path) use the classic greedy wildcard walk that only remembers the last star, so every
// match is O(pattern × subject) and pathological patterns (`a*a*a*…b`, `**/**/**/…`) cannot
// backtrack exponentially the way a translated RegExp can.

/** One compiled element of a segment glob. */
export type GlobToken =
	| { kind: 'char'; char: string }
	| { kind: 'any' }
	| { kind: 'star' }
	| { kind: 'class'; negate: boolean; chars: string; ranges: string[] };

/** One compiled path segment: a literal, a glob, or `**` (zero or more whole segments). */
export type Segment =
	| { kind: 'literal'; text: string }
	| { kind: 'glob'; tokens: GlobToken[]; star: boolean }
	| { kind: 'globstar' };

/**
 * How the compiled segments relate to a path: `self` matches the whole path, `ancestor` matches
 * one of its parent directories (so the pattern owns everything below it), `selfOrAncestor` either.
 */
export type MatchMode = 'self' | 'ancestor' | 'selfOrAncestor';

/** A pattern compiled once for one dialect; `matches` never throws and never backtracks exponentially. */
export interface CompiledPattern {
	/** The pattern as written (escapes kept, no GitLab `!`). */
	source: string;
	dialect: Dialect;
	/** `all`: every path; `none`: no path (GitHub `/`, malformed brackets); `segments`: use the fields below. */
	kind: 'all' | 'none' | 'segments';
	/** False when the pattern may start at any depth (an implied leading `**`). */
	anchored: boolean;
	segments: Segment[];
	mode: MatchMode;
	/** True when the last written segment carries a wildcard (GitHub: such a segment does not own directories). */
	wildcardLast: boolean;
	/** Whether the repository-relative posix path (no leading `/`) is matched. */
	matches(path: string): boolean;
}

const specialChar = /[\\*?[]/;
const anySegment: Segment = { kind: 'glob', tokens: [{ kind: 'star' }], star: true };
const globstar: Segment = { kind: 'globstar' };

/**
 * Compiles one CODEOWNERS pattern for a dialect: GitHub reads it as gitignore with CODEOWNERS'
 * exceptions (`dir/*` owns direct children only, no ranges, no negation); GitLab rewrites it
 * (`*`→`/**\/*`, relative → `/**\/` prefix, trailing `/` → `**\/*`) and applies Ruby `File.fnmatch`
 * with `FNM_PATHNAME | FNM_DOTMATCH` to `"/" + path`.
 */
export function compilePattern(pattern: string, dialect: Dialect): CompiledPattern {
	const base = dialect === 'github' ? compileGithub(pattern) : compileGitlab(pattern);
	return finish(pattern, dialect, base);
}

interface RawCompiled {
	kind: 'all' | 'none' | 'segments';
	anchored: boolean;
	segments: Segment[];
	mode: MatchMode;
	wildcardLast: boolean;
}

function compileGithub(pattern: string): RawCompiled {
	let p = pattern;
	if (p === '/' || p.length === 0) {
		return { kind: 'none', anchored: true, segments: [], mode: 'self', wildcardLast: false };
	}
	let dirOnly = false;
	if (p.endsWith('/') && !isEscapedAt(p, p.length - 1)) {
		dirOnly = true;
		p = p.slice(0, -1);
	}
	let anchored = false;
	if (p.startsWith('/')) {
		anchored = true;
		p = p.slice(1);
	} else if (p.includes('/')) {
		// gitignore: a slash anywhere but at the end anchors the pattern to the root.
		anchored = true;
	}
	const segments: Segment[] = [];
	for (const raw of p.split('/')) {
		if (raw.length === 0) {
			continue;
		}
		// GitHub reads `[` literally, so a GitHub segment always compiles.
		segments.push(raw === '**' ? globstar : (compileSegment(raw, false) ?? anySegment));
	}
	if (segments.length === 0) {
		// Only slashes (`//`): like `/`, nothing can match.
		return { kind: 'none', anchored: true, segments: [], mode: 'self', wildcardLast: false };
	}
	const last = segments[segments.length - 1];
	const wildcardLast = last.kind === 'glob';
	// A wildcard last segment names files only: `/docs/*` owns direct children, and `/foo/b*` does
	// not own `foo/bar/baz.txt` (what github.com does, see the semantics reference, gh-disputed-01).
	let mode: MatchMode = dirOnly ? 'ancestor' : wildcardLast ? 'self' : 'selfOrAncestor';
	if (last.kind === 'globstar') {
		// A trailing `**` needs at least one segment: `a/**` is everything inside `a` (ancestor `a`),
		// and `a/**/` is every directory strictly inside `a` (ancestor `a/*`).
		segments.pop();
		if (dirOnly) {
			segments.push(anySegment);
		}
		mode = 'ancestor';
		if (segments.length === 0) {
			return { kind: 'all', anchored: true, segments: [], mode: 'self', wildcardLast: true };
		}
	}
	return { kind: 'segments', anchored, segments, mode, wildcardLast };
}

function compileGitlab(pattern: string): RawCompiled {
	// GitLab's normalisation, in its order.
	let p = pattern;
	if (p === '*') {
		p = '/**/*';
	}
	if (p.startsWith('\\#')) {
		p = p.slice(1);
	}
	if (p.includes('\\')) {
		p = p.replace(/\\[ \t\v\f]+/g, ' ');
	}
	if (!p.startsWith('/')) {
		p = '/**/' + p;
	}
	if (p.endsWith('/')) {
		p = p + '**/*';
	}
	const parts = p.slice(1).split('/');
	const segments: Segment[] = [];
	for (let i = 0; i < parts.length; i++) {
		const raw = parts[i];
		if (raw === '**' && i < parts.length - 1) {
			// fnmatch only recurses on `**/`; a final `**` is just a star.
			if (segments.length === 0 || segments[segments.length - 1].kind !== 'globstar') {
				segments.push(globstar);
			}
			continue;
		}
		const seg = compileSegment(raw, true);
		if (seg === undefined) {
			return { kind: 'none', anchored: true, segments: [], mode: 'self', wildcardLast: false };
		}
		segments.push(seg);
	}
	const last = segments[segments.length - 1];
	return { kind: 'segments', anchored: true, segments, mode: 'self', wildcardLast: last !== undefined && last.kind === 'glob' };
}

function finish(source: string, dialect: Dialect, raw: RawCompiled): CompiledPattern {
	let { anchored, mode, kind } = raw;
	const segments = raw.segments;
	if (kind === 'segments') {
		// A leading `**` is the same as an unanchored pattern; keep one representation for indexing.
		while (segments.length > 0 && segments[0].kind === 'globstar') {
			segments.shift();
			anchored = false;
		}
		// `x/**/*` (GitLab `x/`, GitHub `x/**/*`) is "everything below x".
		const n = segments.length;
		if (mode === 'self' && n >= 3 && segments[n - 2].kind === 'globstar' && isAnySegment(segments[n - 1])) {
			segments.splice(n - 2, 2);
			mode = 'ancestor';
		}
		if (segments.length === 0) {
			kind = 'all';
		} else if (!anchored && segments.length === 1 && isAnySegment(segments[0]) && mode === 'self') {
			kind = 'all';
		}
	}
	return new Compiled(source, dialect, kind, anchored, kind === 'segments' ? segments : noSegments, mode, raw.wildcardLast);
}

const noSegments: Segment[] = [];

class Compiled implements CompiledPattern {
	constructor(
		readonly source: string,
		readonly dialect: Dialect,
		readonly kind: 'all' | 'none' | 'segments',
		readonly anchored: boolean,
		readonly segments: Segment[],
		readonly mode: MatchMode,
		readonly wildcardLast: boolean,
	) {
		this.full = anchored ? segments : [globstar, ...segments];
		this.fixed = this.full.some((seg) => seg.kind === 'globstar') ? -1 : this.full.length;
	}

	/** The segments with the implied leading `**` of an unanchored pattern. */
	readonly full: Segment[];
	/** The number of path segments the pattern spans, or -1 when it contains `**`. */
	readonly fixed: number;

	matches(path: string): boolean {
		return matchCompiled(this, path.split('/'));
	}
}

/** The shape of a pattern with no wildcard or escape at all, which the index files without compiling. */
export interface LiteralShape {
	anchored: boolean;
	/** Anchored: the path with no leading or trailing `/`; unanchored: the single name. */
	key: string;
	mode: MatchMode;
}

const notLiteral = /[\\*?[]|\/\//;

/**
 * Reads a wildcard-free pattern's shape straight from the text, or returns undefined when the
 * pattern needs `compilePattern`. Gives the same answer `compilePattern` would: GitHub `a/b`
 * anchored, `name` any depth, `x/` directories only; GitLab `/a/b` a root file only, `x/` a
 * directory tree, `name` a file at any depth.
 */
export function literalShape(pattern: string, dialect: Dialect): LiteralShape | undefined {
	if (pattern.length === 0 || pattern === '/' || notLiteral.test(pattern)) {
		return undefined;
	}
	const dir = pattern.endsWith('/');
	const leading = pattern.startsWith('/');
	const key = pattern.slice(leading ? 1 : 0, dir ? -1 : undefined);
	if (key.length === 0) {
		return undefined;
	}
	if (dialect === 'github') {
		return { anchored: leading || key.includes('/'), key, mode: dir ? 'ancestor' : 'selfOrAncestor' };
	}
	if (!leading && key.includes('/')) {
		return undefined;
	}
	return { anchored: leading, key, mode: dir ? 'ancestor' : 'self' };
}

/** True when the segment matches any one segment (`*`). */
export function isAnySegment(seg: Segment): boolean {
	return seg.kind === 'glob' && seg.tokens.length === 1 && seg.tokens[0].kind === 'star';
}

function isEscapedAt(text: string, index: number): boolean {
	let backslashes = 0;
	for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) {
		backslashes++;
	}
	return backslashes % 2 === 1;
}

/**
 * Compiles one segment. GitHub reads `[` literally (ranges are unsupported there); GitLab reads
 * fnmatch bracket expressions. Returns undefined when a GitLab bracket is never closed, which
 * fnmatch treats as a failed match.
 */
function compileSegment(raw: string, brackets: boolean): Segment | undefined {
	// Most segments are plain names: skip tokenising them.
	if (!specialChar.test(raw)) {
		return { kind: 'literal', text: raw };
	}
	const chars = Array.from(raw);
	const tokens: GlobToken[] = [];
	let wild = false;
	let literal = '';
	for (let i = 0; i < chars.length; i++) {
		const c = chars[i];
		if (c === '\\' && i + 1 < chars.length) {
			i++;
			tokens.push({ kind: 'char', char: chars[i] });
			literal += chars[i];
		} else if (c === '*') {
			wild = true;
			// `**` inside a segment is a single star on both hosts.
			if (tokens.length === 0 || tokens[tokens.length - 1].kind !== 'star') {
				tokens.push({ kind: 'star' });
			}
		} else if (c === '?') {
			wild = true;
			tokens.push({ kind: 'any' });
		} else if (c === '[' && brackets) {
			const parsed = parseBracket(chars, i + 1);
			if (parsed === undefined) {
				// fnmatch fails on an unclosed bracket: the pattern can never match.
				return undefined;
			}
			wild = true;
			tokens.push(parsed.token);
			i = parsed.end;
		} else {
			tokens.push({ kind: 'char', char: c });
			literal += c;
		}
	}
	if (!wild) {
		return { kind: 'literal', text: literal };
	}
	return { kind: 'glob', tokens, star: tokens.some((t) => t.kind === 'star') };
}

function parseBracket(chars: string[], start: number): { token: GlobToken; end: number } | undefined {
	let i = start;
	let negate = false;
	if (chars[i] === '!' || chars[i] === '^') {
		negate = true;
		i++;
	}
	let single = '';
	const ranges: string[] = [];
	while (i < chars.length && chars[i] !== ']') {
		let c = chars[i];
		if (c === '\\' && i + 1 < chars.length) {
			i++;
			c = chars[i];
		}
		if (chars[i + 1] === '-' && i + 2 < chars.length && chars[i + 2] !== ']') {
			let hi = chars[i + 2];
			let next = i + 3;
			if (hi === '\\' && i + 3 < chars.length) {
				hi = chars[i + 3];
				next = i + 4;
			}
			ranges.push(c + hi);
			i = next;
			continue;
		}
		single += c;
		i++;
	}
	if (i >= chars.length) {
		return undefined;
	}
	return { token: { kind: 'class', negate, chars: single, ranges }, end: i };
}

function tokenMatches(token: GlobToken, c: string): boolean {
	switch (token.kind) {
		case 'char':
			return token.char === c;
		case 'any':
			return true;
		case 'star':
			return true;
		case 'class': {
			let hit = token.chars.includes(c);
			if (!hit) {
				const code = c.codePointAt(0) ?? 0;
				for (const r of token.ranges) {
					const chars = Array.from(r);
					if (code >= (chars[0].codePointAt(0) ?? 0) && code <= (chars[1].codePointAt(0) ?? 0)) {
						hit = true;
						break;
					}
				}
			}
			return hit !== token.negate;
		}
	}
}

const surrogate = /[\uD800-\uDFFF]/;

/** Greedy wildcard match of one segment glob against one path segment (code points). */
export function matchSegment(seg: Segment, text: string): boolean {
	if (seg.kind === 'literal') {
		return seg.text === text;
	}
	if (seg.kind === 'globstar') {
		return true;
	}
	const tokens = seg.tokens;
	const subject: ArrayLike<string> = surrogate.test(text) ? Array.from(text) : text;
	const n = subject.length;
	const m = tokens.length;
	let p = 0;
	let i = 0;
	let starP = -1;
	let starI = 0;
	while (i < n) {
		if (p < m && tokens[p].kind === 'star') {
			starP = p++;
			starI = i;
		} else if (p < m && tokenMatches(tokens[p], subject[i])) {
			p++;
			i++;
		} else if (starP >= 0) {
			p = starP + 1;
			i = ++starI;
		} else {
			return false;
		}
	}
	while (p < m && tokens[p].kind === 'star') {
		p++;
	}
	return p === m;
}

/**
 * Matches segments against the first `count` path segments; `**` spans zero or more segments.
 * Same greedy walk as `matchSegment`, one level up.
 */
export function matchSegments(segments: readonly Segment[], path: readonly string[], count: number): boolean {
	const m = segments.length;
	let p = 0;
	let i = 0;
	let starP = -1;
	let starI = 0;
	while (i < count) {
		if (p < m && segments[p].kind === 'globstar') {
			starP = p++;
			starI = i;
		} else if (p < m && matchSegment(segments[p], path[i])) {
			p++;
			i++;
		} else if (starP >= 0) {
			p = starP + 1;
			i = ++starI;
		} else {
			return false;
		}
	}
	while (p < m && segments[p].kind === 'globstar') {
		p++;
	}
	return p === m;
}

/** The segments a compiled pattern compares from the root (an unanchored one gets a leading `**`). */
export function rootedSegments(pattern: CompiledPattern): readonly Segment[] {
	return pattern instanceof Compiled ? pattern.full : pattern.anchored ? pattern.segments : [globstar, ...pattern.segments];
}

/** The number of path segments a pattern spans, or -1 when it contains `**` (or is not compiled here). */
export function fixedLength(pattern: CompiledPattern): number {
	return pattern instanceof Compiled ? pattern.fixed : -1;
}

/**
 * Whether a `segments` pattern owns the path through one of its parent directories (mode
 * `ancestor` or `selfOrAncestor`): reads only the first `path.length - 1` segments.
 */
export function matchesBelowDirectory(pattern: CompiledPattern, path: readonly string[]): boolean {
	if (pattern.kind !== 'segments' || pattern.mode === 'self') {
		return false;
	}
	const n = path.length;
	const segs = rootedSegments(pattern);
	const fixed = fixedLength(pattern);
	if (fixed >= 0) {
		return n > fixed && matchSegments(segs, path, fixed);
	}
	for (let k = 1; k < n; k++) {
		if (matchSegments(segs, path, k)) {
			return true;
		}
	}
	return false;
}

/** Whether a `segments` pattern in mode `self` or `selfOrAncestor` matches the whole path itself. */
export function matchesWholePath(pattern: CompiledPattern, path: readonly string[]): boolean {
	if (pattern.kind !== 'segments' || pattern.mode === 'ancestor') {
		return false;
	}
	const n = path.length;
	const fixed = fixedLength(pattern);
	if (fixed >= 0 && fixed !== n) {
		return false;
	}
	return matchSegments(rootedSegments(pattern), path, n);
}

/** Whether a compiled pattern matches a path already split on `/`. */
export function matchCompiled(pattern: CompiledPattern, path: readonly string[]): boolean {
	if (pattern.kind === 'all') {
		return path.length > 0 && !(path.length === 1 && path[0] === '');
	}
	if (pattern.kind === 'none') {
		return false;
	}
	const n = path.length;
	const segs = pattern instanceof Compiled ? pattern.full : pattern.anchored ? pattern.segments : [globstar, ...pattern.segments];
	// Without `**` a pattern spans a fixed number of segments: one comparison instead of one per prefix.
	const fixed = pattern instanceof Compiled ? pattern.fixed : -1;
	if (fixed >= 0) {
		if (pattern.mode === 'self') {
			return n === fixed && matchSegments(segs, path, n);
		}
		if (pattern.mode === 'ancestor') {
			return n > fixed && matchSegments(segs, path, fixed);
		}
		return n >= fixed && matchSegments(segs, path, fixed);
	}
	if (pattern.mode !== 'ancestor' && matchSegments(segs, path, n)) {
		return true;
	}
	if (pattern.mode !== 'self') {
		for (let k = 1; k < n; k++) {
			if (matchSegments(segs, path, k)) {
				return true;
			}
		}
	}
	return false;
}
