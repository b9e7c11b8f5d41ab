import type { Problem } from './types';

// Both hosts decode files as UTF-8 with replacement (VS Code, and the CLI through Node), so an
// invalid byte sequence arrives as U+FFFD. The parsers report the first one instead of silently
// reading a pattern or owner that can never match what the code host sees.

/**
 * An `invalid-encoding` warning at the first U+FFFD of `text` (already without its BOM), or
 * undefined when there is none. Lines end at LF, CRLF or a lone CR, as in the editor.
 */
export function replacementCharacterProblem(text: string, file: string): Problem | undefined {
	const at = text.indexOf('\uFFFD');
	if (at < 0) {
		return undefined;
	}
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < at; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
			line++;
			lineStart = i + 1;
		}
	}
	const column = at - lineStart + 1;
	return {
		code: 'invalid-encoding',
		severity: 'warning',
		file,
		line,
		column,
		endColumn: column + 1,
		message: 'The file is not valid UTF-8 here (shown as U+FFFD); save it as UTF-8, or patterns and names on this line will not match what the code host reads.',
	};
}
