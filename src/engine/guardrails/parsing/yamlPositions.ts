import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Problem } from '../../types';
import { replacementCharacterProblem } from '../../encoding';

// Reading guardrails.yaml with positions: the YAML layer only. Every node's position is recorded
// under its dotted key path once, so the checks after it point at exact lines without walking
// the YAML tree again, and YAML's own errors become problems rather than exceptions.

/** A 1-based span in the file. */
export interface Range {
	line: number;
	column: number;
	endLine: number;
	endColumn: number;
}

/** The file read as YAML: its data, where each key path is, and what YAML itself reported. */
export interface YamlRead {
	/** Per key path: the value's range for scalars, else the key's. */
	ranges: Map<string, Range>;
	/** Per key path: the key's range (a list item's own range). */
	keyRanges: Map<string, Range>;
	/** Syntax errors, then an invalid-encoding problem, then warnings, then a refused document. */
	problems: Problem[];
	/** The document as plain data; undefined or null when empty, unreadable or refused. */
	data: unknown;
	/** Whether no data means an empty file (rather than one YAML could not read or refused). */
	empty: boolean;
}

/** Joins key segments into the dotted key path used by `sources` (`domains.payments.paths.0`). */
export function keyPath(segments: readonly (string | number)[]): string {
	return segments.map((s) => String(s)).join('.');
}

/**
 * Records the position of every node under its key path, so later checks can point at the exact
 * line without walking the YAML tree again.
 */
function collectPositions(doc: Document, lineCounter: LineCounter): { ranges: Map<string, Range>; keyRanges: Map<string, Range> } {
	const ranges = new Map<string, Range>();
	const keyRanges = new Map<string, Range>();
	const rangeOf = (node: Node | null | undefined): Range | undefined => {
		if (!node || !node.range) {
			return undefined;
		}
		const start = lineCounter.linePos(node.range[0]);
		const end = lineCounter.linePos(node.range[1]);
		return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
	};
	const walk = (node: unknown, path: (string | number)[]): void => {
		if (isMap(node)) {
			for (const pair of node.items) {
				const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
				const childPath = [...path, key];
				const keyRange = rangeOf(pair.key as Node);
				const valueRange = rangeOf(pair.value as Node) ?? keyRange;
				const id = keyPath(childPath);
				if (keyRange) {
					keyRanges.set(id, keyRange);
				}
				const chosen = isScalar(pair.value) ? valueRange : keyRange;
				if (chosen) {
					ranges.set(id, chosen);
				}
				walk(pair.value, childPath);
			}
		} else if (isSeq(node)) {
			node.items.forEach((item, i) => {
				const range = rangeOf(item as Node);
				if (range) {
					ranges.set(keyPath([...path, i]), range);
					keyRanges.set(keyPath([...path, i]), range);
				}
				walk(item, [...path, i]);
			});
		}
	};
	walk(doc.contents, []);
	return { ranges, keyRanges };
}

/** Offsets where lines start (after every LF). */
function lineStartsOf(text: string): number[] {
	const starts = [0];
	for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
		starts.push(i + 1);
	}
	return starts;
}

/**
 * Reads YAML 1.2 text with the position of every key path. Never throws: syntax errors, duplicate
 * keys, invalid UTF-8, warnings and documents refused for their aliases become problems with
 * 1-based positions, and what could be read is kept.
 */
export function readYaml(text: string, file: string): YamlRead {
	const lineCounter = new LineCounter();
	// Editors do not show a BOM, so positions count from after it. YAML 1.2 and editors end a line
	// at a lone CR but the yaml lexer does not (it would read `1\r# note` as one scalar): turn lone
	// CRs into LFs, which keeps every offset.
	const body = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r(?!\n)/g, '\n');
	let doc: Document;
	try {
		doc = parseDocument(body, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', logLevel: 'error' });
	} catch (error) {
		const problem: Problem = { code: 'yaml-syntax', severity: 'error', file, line: 1, column: 1, message: `Cannot read the file: ${String(error)}` };
		return { ranges: new Map(), keyRanges: new Map(), problems: [problem], data: undefined, empty: false };
	}
	// The lexer misses the LFs inside scalars it recovers from after a syntax error, which pushes
	// later positions past the end of their line: count the lines ourselves.
	lineCounter.lineStarts = lineStartsOf(body);
	const { ranges, keyRanges } = collectPositions(doc, lineCounter);
	const problems: Problem[] = [];
	for (const error of doc.errors) {
		const start = lineCounter.linePos(error.pos[0]);
		const end = lineCounter.linePos(error.pos[1]);
		const code = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
		const message = error.message.split('\n')[0];
		problems.push({ code, severity: 'error', file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col, message });
	}
	const encoding = replacementCharacterProblem(body, file);
	if (encoding !== undefined) {
		problems.push(encoding);
	}
	for (const warning of doc.warnings) {
		const start = lineCounter.linePos(warning.pos[0]);
		problems.push({ code: 'yaml-warning', severity: 'warning', file, line: start.line, column: start.col, message: warning.message.split('\n')[0] });
	}
	let data: unknown;
	let refused = false;
	try {
		data = doc.toJS({ maxAliasCount: 1000 });
	} catch (error) {
		problems.push({ code: 'yaml-syntax', severity: 'error', file, line: 1, column: 1, message: `Cannot read the document: ${String(error)}` });
		data = undefined;
		refused = true;
	}
	// A refused document (an alias bomb) is not an empty one.
	return { ranges, keyRanges, problems, data, empty: doc.errors.length === 0 && !refused };
}
