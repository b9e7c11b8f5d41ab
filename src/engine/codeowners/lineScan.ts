// Reading one CODEOWNERS line in place: where its content starts and stops, and where the pattern
// ends. The parser uses these as it reads, and `ParsedFile` uses them again to rebuild a rule's
// positions from where its line starts, so both always agree.

/** Ruby's `\s` and GitHub's separators: space, tab, vertical tab, form feed (CR ends a line). */
export function isSpace(c: number): boolean {
	return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

/** Where the line starting at `from` ends: at the next LF or CR, or at the end of the text. */
export function lineEndOf(text: string, from: number): number {
	for (let i = from; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || c === 13) {
			return i;
		}
	}
	return text.length;
}

/** The first character of `text[from, lineEnd)` that is not a separator. */
export function contentStart(text: string, from: number, lineEnd: number): number {
	let start = from;
	while (start < lineEnd && isSpace(text.charCodeAt(start))) {
		start++;
	}
	return start;
}

/**
 * Where the content of `text[start, lineEnd)` stops: trailing separators are dropped, except a
 * space escaped with a backslash (`foo\ ` keeps it, the gitignore rule).
 */
export function contentStop(text: string, start: number, lineEnd: number): number {
	let stop = lineEnd;
	while (stop > start && isSpace(text.charCodeAt(stop - 1))) {
		stop--;
	}
	if (stop < lineEnd && endsWithEscape(text, start, stop)) {
		stop++;
	}
	return stop;
}

function endsWithEscape(text: string, start: number, stop: number): boolean {
	let backslashes = 0;
	for (let i = stop - 1; i >= start && text.charCodeAt(i) === 92; i--) {
		backslashes++;
	}
	return backslashes % 2 === 1;
}

/** Where the pattern starting at `start` ends: at the first unescaped separator, or at `stop`. */
export function patternEnd(text: string, start: number, stop: number): number {
	let i = start;
	while (i < stop) {
		const c = text.charCodeAt(i);
		if (c === 92 /* \ */) {
			i += 2;
			continue;
		}
		if (isSpace(c)) {
			break;
		}
		i++;
	}
	return Math.min(i, stop);
}

/** The first non-separator at or after `i` in `text[i, stop)`, or `stop` when none is left. */
export function skipSpaces(text: string, i: number, stop: number): number {
	while (i < stop && isSpace(text.charCodeAt(i))) {
		i++;
	}
	return i;
}

/** Where the token starting at `start` ends (the next separator, or `stop`). */
export function tokenEnd(text: string, start: number, stop: number): number {
	let i = start;
	while (i < stop && !isSpace(text.charCodeAt(i))) {
		i++;
	}
	return i;
}

/** GitHub: the inline comment among the owners in `text[from, stop)` (without the `#`), if any. */
export function inlineComment(text: string, from: number, stop: number): string | undefined {
	for (let s = skipSpaces(text, from, stop); s < stop; s = skipSpaces(text, tokenEnd(text, s, stop), stop)) {
		if (text.charCodeAt(s) === 35 /* # */) {
			return text.slice(s + 1, stop).trim();
		}
	}
	return undefined;
}
