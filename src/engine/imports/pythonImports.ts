// Python import statements from a real tokenizer: comments, every string form (prefixes, triple
// quotes), line continuations and brackets are understood, so `import x` inside a docstring or a
// comment never counts. Pure: no vscode, no Node built-ins.

import type { SourceImport } from './types';

interface PyToken {
	kind: 'name' | 'op' | 'newline' | 'string';
	text: string;
	line: number;
	column: number;
}

const stringPrefix = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

function isNameStart(code: number): boolean {
	return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

function isNameChar(code: number): boolean {
	return isNameStart(code) || (code >= 48 && code <= 57);
}

/** Tokens with logical-line ends: NEWLINE only outside brackets and not after a backslash. */
function tokenize(text: string): PyToken[] {
	const tokens: PyToken[] = [];
	const n = text.length;
	let i = 0;
	let line = 1;
	let lineStart = 0;
	let depth = 0;
	const newline = (): void => {
		if (depth === 0 && tokens.length > 0 && tokens[tokens.length - 1].kind !== 'newline') {
			tokens.push({ kind: 'newline', text: '', line, column: i - lineStart + 1 });
		}
	};
	while (i < n) {
		const ch = text[i];
		const code = text.charCodeAt(i);
		if (ch === '\n') {
			newline();
			i++;
			line++;
			lineStart = i;
			continue;
		}
		if (ch === '#') {
			const eol = text.indexOf('\n', i);
			i = eol < 0 ? n : eol;
			continue;
		}
		if (ch === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
			i += text[i + 1] === '\n' ? 2 : 3;
			line++;
			lineStart = i;
			continue;
		}
		if (ch === '"' || ch === '\'') {
			const start = i;
			const column = i - lineStart + 1;
			const startLine = line;
			const triple = text[i + 1] === ch && text[i + 2] === ch;
			i += triple ? 3 : 1;
			while (i < n) {
				const c = text[i];
				if (c === '\\') {
					if (text[i + 1] === '\n') {
						line++;
						lineStart = i + 2;
					}
					i += 2;
					continue;
				}
				if (c === '\n') {
					if (!triple) {
						break; // an unterminated single-quoted string ends at the line end
					}
					line++;
					lineStart = i + 1;
				}
				if (c === ch && (!triple || (text[i + 1] === ch && text[i + 2] === ch))) {
					i += triple ? 3 : 1;
					break;
				}
				i++;
			}
			tokens.push({ kind: 'string', text: text.slice(start, Math.min(i, n)), line: startLine, column });
			continue;
		}
		if (isNameStart(code)) {
			const start = i;
			while (i < n && isNameChar(text.charCodeAt(i))) {
				i++;
			}
			const word = text.slice(start, i);
			if ((text[i] === '"' || text[i] === '\'') && stringPrefix.test(word)) {
				continue; // the prefix of a string literal: the string is read next
			}
			tokens.push({ kind: 'name', text: word, line, column: start - lineStart + 1 });
			continue;
		}
		if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f') {
			i++;
			continue;
		}
		if (ch === '(' || ch === '[' || ch === '{') {
			depth++;
		} else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) {
			depth--;
		}
		tokens.push({ kind: 'op', text: ch, line, column: i - lineStart + 1 });
		if (ch === ';') {
			newline();
		}
		i++;
	}
	newline();
	return tokens;
}

/** Reads a dotted name (`a.b.c`) from `t`; returns it with the index after it. */
function dottedName(tokens: readonly PyToken[], t: number): { name: string; next: number } | undefined {
	if (tokens[t]?.kind !== 'name') {
		return undefined;
	}
	let name = tokens[t].text;
	let next = t + 1;
	while (tokens[next]?.text === '.' && tokens[next + 1]?.kind === 'name') {
		name += `.${tokens[next + 1].text}`;
		next += 2;
	}
	return { name, next };
}

/**
 * The modules of `import a.b, c as d` and `from ..x import y, z` statements, in file order. A
 * statement counts only at the start of a logical line (or after `;`), so names in comments,
 * strings and expressions (`x.import`) are never imports. `from` imports list their names, which
 * may be submodules. Relative modules keep their leading dots.
 */
export function extractPythonImports(text: string): SourceImport[] {
	const tokens = tokenize(text);
	const found: SourceImport[] = [];
	for (let t = 0; t < tokens.length; t++) {
		const atStart = t === 0 || tokens[t - 1].kind === 'newline' || tokens[t - 1].text === ':';
		const tok = tokens[t];
		if (!atStart || tok.kind !== 'name') {
			continue;
		}
		if (tok.text === 'import') {
			let k = t + 1;
			for (;;) {
				const dotted = dottedName(tokens, k);
				if (dotted === undefined) {
					break;
				}
				const first = tokens[k];
				const last = tokens[dotted.next - 1];
				found.push({ language: 'python', specifier: dotted.name, line: first.line, column: first.column, endColumn: last.column + last.text.length });
				k = dotted.next;
				if (tokens[k]?.text === 'as') {
					k += 2;
				}
				if (tokens[k]?.text !== ',') {
					break;
				}
				k++;
			}
		} else if (tok.text === 'from') {
			let k = t + 1;
			let dots = '';
			const first = tokens[k];
			while (tokens[k]?.text === '.') {
				dots += '.';
				k++;
			}
			const dotted = dottedName(tokens, k);
			if (dotted !== undefined && dotted.name === 'import') {
				// `from . import x`: the "module" is the dots alone
			} else if (dotted !== undefined) {
				k = dotted.next;
			}
			const module = dots + (dotted !== undefined && dotted.name !== 'import' ? dotted.name : '');
			if (module === '' || tokens[k]?.text !== 'import' || first === undefined) {
				continue;
			}
			const names: string[] = [];
			for (k++; k < tokens.length && tokens[k].kind !== 'newline'; k++) {
				const prev = tokens[k - 1];
				if (tokens[k].kind === 'name' && prev.text !== 'as' && tokens[k].text !== 'as') {
					names.push(tokens[k].text);
				}
			}
			const last = tokens[(dotted !== undefined && dotted.name !== 'import' ? dotted.next : t + 1 + dots.length) - 1];
			found.push({
				language: 'python',
				specifier: module,
				names: names.filter((name) => name !== '*'),
				line: first.line,
				column: first.column,
				endColumn: last.column + last.text.length,
			});
		}
	}
	return found;
}
