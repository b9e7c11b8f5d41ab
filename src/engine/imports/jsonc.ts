// Tolerant JSONC reading for tsconfig.json and package.json: comments and trailing commas are
// common in tsconfig files, and JSON.parse rejects both. Pure: no vscode, no Node built-ins.

/**
 * The text with `//` and block comments replaced by spaces and trailing commas removed; string
 * contents are kept untouched, and newlines are preserved so offsets stay meaningful.
 */
export function stripJsonc(text: string): string {
	let out = '';
	let i = 0;
	const n = text.length;
	while (i < n) {
		const ch = text[i];
		if (ch === '"') {
			let j = i + 1;
			while (j < n && text[j] !== '"') {
				j += text[j] === '\\' ? 2 : 1;
			}
			out += text.slice(i, j + 1);
			i = j + 1;
			continue;
		}
		if (ch === '/' && text[i + 1] === '/') {
			while (i < n && text[i] !== '\n') {
				out += ' ';
				i++;
			}
			continue;
		}
		if (ch === '/' && text[i + 1] === '*') {
			const close = text.indexOf('*/', i + 2);
			const stop = close < 0 ? n : close + 2;
			out += text.slice(i, stop).replace(/[^\n]/g, ' ');
			i = stop;
			continue;
		}
		if (ch === ',') {
			// A comma followed only by whitespace/comments before } or ] is a trailing comma.
			let j = i + 1;
			while (j < n) {
				if (/\s/.test(text[j])) {
					j++;
				} else if (text[j] === '/' && text[j + 1] === '/') {
					const eol = text.indexOf('\n', j);
					j = eol < 0 ? n : eol;
				} else if (text[j] === '/' && text[j + 1] === '*') {
					const close = text.indexOf('*/', j + 2);
					j = close < 0 ? n : close + 2;
				} else {
					break;
				}
			}
			out += text[j] === '}' || text[j] === ']' ? ' ' : ',';
			i++;
			continue;
		}
		out += ch;
		i++;
	}
	return out;
}

/** The parsed value of a JSON-with-comments text, or undefined when it is not valid even then. */
export function parseJsonc(text: string): unknown {
	try {
		// A byte-order mark is legal at the start of a file but not in JSON.
		return JSON.parse(stripJsonc(text.replace(/^\uFEFF/, ''))) as unknown;
	} catch {
		return undefined;
	}
}
