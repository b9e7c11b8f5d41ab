// A slow, deliberately plain model of Ruby's `File.fnmatch(pattern, path, FNM_PATHNAME |
// FNM_DOTMATCH)`, written from the Ruby documentation and the semantics reference
// (docs: /work/shared/design/codeowners-semantics.md §2.4). Used only by tests, to check the engine's
// compiled matcher; it shares no code with `src/engine/codeowners/pattern.ts`.
//
// Model: pattern and path are split on `/`. A pattern segment that is exactly `**` and is followed
// by another segment stands for zero or more whole path segments (`**/`). Every other segment is
// matched against exactly one path segment, where `*` is any run of characters, `?` one
// character, `[...]` a bracket expression (`!` or `^` negates, `a-z` ranges, `\` escapes) and `\x`
// the literal `x`. An unclosed `[` can never match. Dot files are not special (FNM_DOTMATCH).

/** Splits a segment into code points, so `?` and brackets see whole characters. */
function chars(text: string): string[] {
	return Array.from(text);
}

/** Result of reading a bracket expression at `start` (just after `[`): whether `c` is in it, and where it ends. */
function readBracket(pat: readonly string[], start: number, c: string): { hit: boolean; next: number } | null {
	let i = start;
	let negated = false;
	if (pat[i] === '!' || pat[i] === '^') {
		negated = true;
		i++;
	}
	let hit = false;
	while (true) {
		if (i >= pat.length) {
			return null;
		}
		if (pat[i] === ']') {
			break;
		}
		let lo = pat[i];
		if (lo === '\\' && i + 1 < pat.length) {
			i++;
			lo = pat[i];
		}
		i++;
		if (pat[i] === '-' && i + 1 < pat.length && pat[i + 1] !== ']') {
			i++;
			let hi = pat[i];
			if (hi === '\\' && i + 1 < pat.length) {
				i++;
				hi = pat[i];
			}
			i++;
			const code = c.codePointAt(0) ?? -1;
			if (code >= (lo.codePointAt(0) ?? 0) && code <= (hi.codePointAt(0) ?? 0)) {
				hit = true;
			}
		} else if (lo === c) {
			hit = true;
		}
	}
	return { hit: hit !== negated, next: i + 1 };
}

/**
 * Whether one pattern segment matches one path segment (plain recursion with a memo table).
 * `brackets: false` reads `[` literally (GitHub does not support ranges).
 */
export function segmentMatches(pattern: string, text: string, brackets = true): boolean {
	const pat = chars(pattern);
	const str = chars(text);
	const memo = new Map<number, boolean>();
	const go = (p: number, s: number): boolean => {
		const key = p * (str.length + 1) + s;
		const known = memo.get(key);
		if (known !== undefined) {
			return known;
		}
		let result: boolean;
		if (p === pat.length) {
			result = s === str.length;
		} else if (pat[p] === '*') {
			// Any run, including the empty one: skip the star, or eat one character and stay.
			result = go(p + 1, s) || (s < str.length && go(p, s + 1));
		} else if (s === str.length) {
			result = false;
		} else if (pat[p] === '?') {
			result = go(p + 1, s + 1);
		} else if (pat[p] === '[' && brackets) {
			const bracket = readBracket(pat, p + 1, str[s]);
			result = bracket !== null && bracket.hit && go(bracket.next, s + 1);
		} else if (pat[p] === '\\' && p + 1 < pat.length) {
			result = pat[p + 1] === str[s] && go(p + 2, s + 1);
		} else {
			result = pat[p] === str[s] && go(p + 1, s + 1);
		}
		memo.set(key, result);
		return result;
	};
	return go(0, 0);
}

/** `File.fnmatch(pattern, path, File::FNM_PATHNAME | File::FNM_DOTMATCH)`. */
export function fnmatchPathname(pattern: string, path: string): boolean {
	const pat = pattern.split('/');
	const str = path.split('/');
	const memo = new Map<number, boolean>();
	const go = (p: number, s: number): boolean => {
		const key = p * (str.length + 1) + s;
		const known = memo.get(key);
		if (known !== undefined) {
			return known;
		}
		let result: boolean;
		if (p === pat.length) {
			result = s === str.length;
		} else if (pat[p] === '**' && p + 1 < pat.length) {
			// `**/`: zero segments, or swallow one whole segment and try again.
			result = go(p + 1, s) || (s < str.length && go(p, s + 1));
		} else if (s === str.length) {
			result = false;
		} else {
			result = segmentMatches(pat[p], str[s]) && go(p + 1, s + 1);
		}
		memo.set(key, result);
		return result;
	};
	return go(0, 0);
}
