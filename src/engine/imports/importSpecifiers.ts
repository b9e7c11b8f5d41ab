// Finds the module specifiers of a TS/JS file's imports without a parser: a small tokenizer that
// knows comments, strings and template literals is enough to tell `from './x'` in code from the
// same text inside a comment or a string, and keeps the editor free of a TypeScript dependency.
// Pure: no vscode, no Node built-ins.

/** How a specifier was written; all kinds are treated alike when resolving. */
export type ImportKind = 'import' | 'export' | 'require' | 'dynamic';

/** One module specifier and where its string literal sits (0-based line, columns of the quotes). */
export interface ImportSpecifier {
	specifier: string;
	kind: ImportKind;
	/** 0-based line of the string literal. */
	line: number;
	/** 0-based column of the opening quote. */
	startColumn: number;
	/** 0-based column just after the closing quote. */
	endColumn: number;
}

interface Token {
	kind: 'word' | 'string' | 'punct';
	text: string;
	/** Offset of the first character (the opening quote for strings). */
	start: number;
	end: number;
}

function isWordChar(ch: string): boolean {
	return /[A-Za-z0-9_$]/.test(ch);
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	const n = text.length;
	while (i < n) {
		const ch = text[i];
		const next = text[i + 1];
		if (ch === '/' && next === '/') {
			const eol = text.indexOf('\n', i);
			i = eol < 0 ? n : eol;
			continue;
		}
		if (ch === '/' && next === '*') {
			const close = text.indexOf('*/', i + 2);
			i = close < 0 ? n : close + 2;
			continue;
		}
		if (ch === '"' || ch === '\'') {
			const start = i;
			let value = '';
			i++;
			while (i < n && text[i] !== ch && text[i] !== '\n') {
				if (text[i] === '\\' && i + 1 < n) {
					value += text[i + 1];
					i += 2;
					continue;
				}
				value += text[i];
				i++;
			}
			// An unterminated string ends at the line end; it cannot be a usable specifier.
			const closed = i < n && text[i] === ch;
			if (closed) {
				i++;
				tokens.push({ kind: 'string', text: value, start, end: i });
			}
			continue;
		}
		if (ch === '`') {
			// Template literals are skipped whole (nested `${}` with backticks is rare in import lines).
			const start = i;
			i++;
			while (i < n && text[i] !== '`') {
				i += text[i] === '\\' ? 2 : 1;
			}
			i++;
			tokens.push({ kind: 'punct', text: '`', start, end: Math.min(i, n) });
			continue;
		}
		if (isWordChar(ch)) {
			const start = i;
			while (i < n && isWordChar(text[i])) {
				i++;
			}
			tokens.push({ kind: 'word', text: text.slice(start, i), start, end: i });
			continue;
		}
		if (!/\s/.test(ch)) {
			tokens.push({ kind: 'punct', text: ch, start: i, end: i + 1 });
		}
		i++;
	}
	return tokens;
}

/** Offsets of line starts, to turn token offsets into 0-based line/column. */
function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\n') {
			starts.push(i + 1);
		}
	}
	return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
	let lo = 0;
	let hi = starts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (starts[mid] <= offset) {
			lo = mid;
		} else {
			hi = mid - 1;
		}
	}
	return { line: lo, column: offset - starts[lo] };
}

/**
 * The module specifiers of `import … from '…'`, `import '…'`, `export … from '…'`, `require('…')`
 * and `import('…')`, in file order. Text inside comments and strings is never mistaken for an
 * import, and member calls such as `x.require('…')` are not imports.
 */
export function extractImportSpecifiers(text: string): ImportSpecifier[] {
	const tokens = tokenize(text);
	const starts = lineStarts(text);
	const found: ImportSpecifier[] = [];
	// Which statement keyword (import/export) opened the statement a `from` belongs to.
	let statement: 'import' | 'export' | null = null;
	for (let t = 0; t < tokens.length; t++) {
		const tok = tokens[t];
		const prev = tokens[t - 1];
		const isMember = prev !== undefined && prev.kind === 'punct' && (prev.text === '.' || prev.text === '?');
		let literal: Token | undefined;
		let kind: ImportKind | undefined;
		if (tok.kind === 'punct' && tok.text === ';') {
			statement = null;
			continue;
		}
		if (tok.kind !== 'word' || isMember) {
			continue;
		}
		const next = tokens[t + 1];
		const afterNext = tokens[t + 2];
		if (tok.text === 'import') {
			if (next?.kind === 'string') {
				literal = next;
				kind = 'import';
			} else if (next?.kind === 'punct' && next.text === '(' && afterNext?.kind === 'string') {
				literal = afterNext;
				kind = 'dynamic';
			} else {
				statement = 'import';
			}
		} else if (tok.text === 'export') {
			statement = 'export';
		} else if (tok.text === 'from' && statement !== null && next?.kind === 'string') {
			literal = next;
			kind = statement;
			statement = null;
		} else if (tok.text === 'require' && next?.kind === 'punct' && next.text === '(' && afterNext?.kind === 'string') {
			literal = afterNext;
			kind = 'require';
		}
		if (literal !== undefined && kind !== undefined) {
			const begin = position(starts, literal.start);
			const end = position(starts, literal.end);
			found.push({ specifier: literal.text, kind, line: begin.line, startColumn: begin.column, endColumn: end.column });
		}
	}
	return found;
}
