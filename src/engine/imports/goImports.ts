// Go import declarations and go.mod files from a tokenizer that knows Go's comments, interpreted
// and raw strings and runes, so an import path inside a comment or a string never counts.
// Pure: no vscode, no Node built-ins.

import type { SourceImport } from './types';

interface GoToken {
	kind: 'word' | 'string' | 'op';
	text: string;
	/** String value without quotes (escapes of interpreted strings applied loosely). */
	value: string;
	line: number;
	column: number;
	endColumn: number;
}

function tokenize(text: string, stopAfterImports = true): GoToken[] {
	const tokens: GoToken[] = [];
	const n = text.length;
	let i = 0;
	let line = 1;
	let lineStart = 0;
	while (i < n) {
		const ch = text[i];
		if (ch === '\n') {
			i++;
			line++;
			lineStart = i;
			continue;
		}
		if (ch === '/' && text[i + 1] === '/') {
			const eol = text.indexOf('\n', i);
			i = eol < 0 ? n : eol;
			continue;
		}
		if (ch === '/' && text[i + 1] === '*') {
			const close = text.indexOf('*/', i + 2);
			const stop = close < 0 ? n : close + 2;
			for (let k = i; k < stop; k++) {
				if (text[k] === '\n') {
					line++;
					lineStart = k + 1;
				}
			}
			i = stop;
			continue;
		}
		if (ch === '"' || ch === '\'' || ch === '`') {
			const start = i;
			const startLine = line;
			const column = i - lineStart + 1;
			let value = '';
			i++;
			while (i < n && text[i] !== ch) {
				if (ch !== '`' && text[i] === '\n') {
					break;
				}
				if (ch !== '`' && text[i] === '\\') {
					value += text[i + 1] ?? '';
					i += 2;
					continue;
				}
				if (text[i] === '\n') {
					line++;
					lineStart = i + 1;
				}
				value += text[i];
				i++;
			}
			i = Math.min(i + 1, n);
			tokens.push({ kind: ch === '\'' ? 'op' : 'string', text: text.slice(start, i), value, line: startLine, column, endColumn: column + (i - start) });
			continue;
		}
		if (/[A-Za-z_0-9\u0080-\uffff]/.test(ch)) {
			const start = i;
			while (i < n && /[A-Za-z_0-9.\u0080-\uffff]/.test(text[i])) {
				i++;
			}
			const word = text.slice(start, i);
			tokens.push({ kind: 'word', text: word, value: word, line, column: start - lineStart + 1, endColumn: i - lineStart + 1 });
			// Imports come before every other declaration: stop at the first one.
			if (stopAfterImports && (word === 'func' || word === 'type' || word === 'var' || word === 'const')) {
				return tokens;
			}
			continue;
		}
		if (ch !== ' ' && ch !== '\t' && ch !== '\r') {
			tokens.push({ kind: 'op', text: ch, value: ch, line, column: i - lineStart + 1, endColumn: i - lineStart + 2 });
		}
		i++;
	}
	return tokens;
}

/**
 * The import paths of a Go file's `import "x"`, `import alias "x"` and `import ( … )`
 * declarations, in file order. Reading stops at the first other top-level declaration, where Go
 * allows no more imports.
 */
export function extractGoImports(text: string): SourceImport[] {
	const tokens = tokenize(text, true);
	const found: SourceImport[] = [];
	const push = (tok: GoToken): void => {
		found.push({ language: 'go', specifier: tok.value, line: tok.line, column: tok.column, endColumn: tok.endColumn });
	};
	for (let t = 0; t < tokens.length; t++) {
		if (tokens[t].kind !== 'word' || tokens[t].text !== 'import') {
			continue;
		}
		let k = t + 1;
		if (tokens[k]?.text === '(') {
			for (k++; k < tokens.length && tokens[k].text !== ')'; k++) {
				if (tokens[k].kind === 'string') {
					push(tokens[k]);
				}
			}
		} else {
			if (tokens[k]?.kind === 'word' || tokens[k]?.text === '.' || tokens[k]?.text === '_') {
				k++;
			}
			if (tokens[k]?.kind === 'string') {
				push(tokens[k]);
			}
		}
		t = k;
	}
	return found;
}

/** What a go.mod declares: the module path and its local `replace` directives. */
export interface GoModFile {
	module: string | undefined;
	/** Module path to a directory relative to the go.mod's directory (`../ledger`), for local replacements only. */
	replaces: Map<string, string>;
}

/**
 * Reads a go.mod's `module` line and its `replace` directives whose target is a local directory
 * (`=> ./x` or `=> ../x`); replacements by another module version point outside the repository
 * and are ignored.
 */
export function parseGoMod(text: string): GoModFile {
	const result: GoModFile = { module: undefined, replaces: new Map() };
	let block: string | undefined;
	for (const raw of text.split('\n')) {
		let words = goModFields(raw);
		if (words.length === 0) {
			continue;
		}
		if (words[0] === ')') {
			block = undefined;
			continue;
		}
		if (words.length === 2 && words[1] === '(') {
			block = words[0];
			continue;
		}
		if (block !== undefined) {
			words = [block, ...words];
		}
		if (words[0] === 'module' && words[1] !== undefined) {
			result.module = words[1];
		} else if (words[0] === 'replace') {
			const arrow = words.indexOf('=>');
			const target = words[arrow + 1];
			if (arrow > 1 && target !== undefined && (target.startsWith('./') || target.startsWith('../'))) {
				result.replaces.set(words[1], target);
			}
		}
	}
	return result;
}

/** The fields of one go.mod line: blanks separate, quotes group, `//` starts a comment. */
function goModFields(line: string): string[] {
	const fields: string[] = [];
	let i = 0;
	while (i < line.length) {
		const ch = line[i];
		if (ch === ' ' || ch === '\t' || ch === '\r') {
			i++;
		} else if (ch === '/' && line[i + 1] === '/') {
			break;
		} else if (ch === '"' || ch === '`') {
			const close = line.indexOf(ch, i + 1);
			const end = close < 0 ? line.length : close;
			fields.push(line.slice(i + 1, end));
			i = end + 1;
		} else {
			let j = i;
			while (j < line.length && !/[\s"`]/.test(line[j]) && !(line[j] === '/' && line[j + 1] === '/')) {
				j++;
			}
			fields.push(line.slice(i, j));
			i = j;
		}
	}
	return fields;
}
