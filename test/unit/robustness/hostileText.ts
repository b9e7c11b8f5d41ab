// Generators of hostile text shared by the robustness properties.
import * as fc from 'fast-check';
import type { Problem } from '../../../src/engine/types';

/** Pieces that have broken parsers before: line ends, BOM, NUL, brackets, escapes, lone surrogates. */
const hostilePieces = [
	'\0', '\r', '\n', '\r\n', '\uFEFF', '[', ']', '^[', '[]', '[0]', '\\', '\\ ', '\\#', '*', '**', '?', '#', '!', '/', '//',
	'@a', '@org/t', 'a@b.example', '@@maintainer', ' ', '\t', '\v', '\f', 'é', 'e\u0301', '\uD800', '\uDC00', '😀', '\u2028',
	'x'.repeat(3000), '*'.repeat(200), '**/'.repeat(50),
];

/** Arbitrary text: random code points (all planes, lone surrogates) mixed with hostile pieces. */
export const hostileText: fc.Arbitrary<string> = fc.array(
	fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(...hostilePieces) },
		{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
		{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
	),
	{ maxLength: 60 },
).map((parts) => parts.join(''));

const yamlPieces = [
	'version: 1\n', 'domains:\n', '  a:\n', '    team: t\n', '    paths: [', 'src/**', ']\n', 'org:\n', '  teams:\n', '    t: { lead: p }\n',
	'  people:\n', '    p: { name: P }\n', 'contracts:\n', '  c:\n', '    owner: t\n', '    adrs: [../../etc/passwd]\n', '&x ', '*x', '<<: *x\n',
	'{', '}', '- ', '"', "'", ': ', '? ', '|\n', '>\n', '%YAML 1.2\n', '---\n', '...\n', '!!binary ', '!tag ', '\t', '#', '\r', '\n', '\r\n', '\uFEFF', '\0',
];

/** YAML-ish text: config fragments mixed with arbitrary text, so the schema stage is reached too. */
export const hostileYaml: fc.Arbitrary<string> = fc.array(
	fc.oneof(
		{ weight: 4, arbitrary: fc.constantFrom(...yamlPieces) },
		{ weight: 1, arbitrary: hostileText },
	),
	{ maxLength: 40 },
).map((parts) => parts.join(''));

/** The lines an editor shows: a leading BOM is not content; LF, CRLF and lone CR end lines. */
export function editorLines(text: string): string[] {
	return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

/** Throws when a problem's position is outside the text (1 ≤ line ≤ lines, 1 ≤ column ≤ length + 1). */
export function assertValidPositions(text: string, problems: readonly Problem[]): void {
	const lines = editorLines(text);
	for (const p of problems) {
		const where = `${p.code} at ${p.line}:${p.column} (${lines.length} lines)`;
		if (!Number.isInteger(p.line) || p.line < 1 || p.line > lines.length) {
			throw new Error(`line out of range: ${where}`);
		}
		const length = lines[p.line - 1].length;
		if (!Number.isInteger(p.column) || p.column < 1 || p.column > length + 1) {
			throw new Error(`column out of range (line length ${length}): ${where}`);
		}
		if (p.endLine !== undefined && (p.endLine < p.line || p.endLine > lines.length)) {
			throw new Error(`endLine out of range: ${where} → ${p.endLine}`);
		}
		if (p.endColumn !== undefined && (p.endLine === undefined || p.endLine === p.line) && p.endColumn < p.column) {
			throw new Error(`endColumn before column: ${where} → ${p.endColumn}`);
		}
		if (typeof p.message !== 'string' || p.message.length === 0) {
			throw new Error(`empty message: ${where}`);
		}
	}
}
