// Texts the editor's quick fixes produce for an import that breaks a domain boundary: the
// `allow:` entry to add to guardrails.yaml, and the request to the owning lead.
// Pure: no vscode, no Node built-ins.

import { isMap, isSeq, parseDocument } from 'yaml';
import type { PersonRef } from '../guardrails/types';
import type { BoundaryFinding } from './boundaryCheck';

/** A text insertion at an offset of the original text. */
export interface TextInsertion {
	offset: number;
	text: string;
}

/** A YAML double-quoted scalar (JSON strings are valid ones). */
function quoted(value: string): string {
	return JSON.stringify(value);
}

/**
 * Where and what to insert into guardrails.yaml to accept one import: after the last item of an
 * existing block `allow:` list (same indentation), or a new `allow:` list at the end of the file.
 * `from` is the importing domain, `to` the exact file reached, so the exception stays narrow.
 * Undefined when `allow` exists but is not a block list the edit can extend safely.
 */
export function allowEntryInsertion(yamlText: string, entry: { from: string; to: string; reason: string; adr?: string }): TextInsertion | undefined {
	const doc = parseDocument(yamlText, { keepSourceTokens: false });
	const lines = (indent: string): string => [
		`${indent}- from: ${quoted(entry.from)}`,
		`${indent}  to: ${quoted(entry.to)}`,
		`${indent}  reason: ${quoted(entry.reason)}`,
		...(entry.adr !== undefined ? [`${indent}  adr: ${quoted(entry.adr)}`] : []),
	].join('\n');
	if (isMap(doc.contents)) {
		const pair = doc.contents.items.find((item) => (item.key as { value?: unknown } | null)?.value === 'allow');
		if (pair !== undefined) {
			const seq = pair.value;
			if (!isSeq(seq) || seq.flow === true || seq.range === undefined || seq.range === null || seq.items.length === 0) {
				return undefined;
			}
			const start = seq.range[0];
			const lineStart = yamlText.lastIndexOf('\n', start - 1) + 1;
			const indent = yamlText.slice(lineStart, start).replace(/\S.*$/, '');
			// The list ends at its last item's end; insert on the next line.
			const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] | null };
			let end = last.range?.[1] ?? seq.range[1];
			const newline = yamlText.indexOf('\n', Math.max(end - 1, 0));
			end = newline < 0 ? yamlText.length : newline + 1;
			const prefix = newline < 0 ? '\n' : '';
			return { offset: end, text: `${prefix}${lines(indent)}\n` };
		}
	}
	const separator = yamlText.length === 0 || yamlText.endsWith('\n') ? '' : '\n';
	return { offset: yamlText.length, text: `${separator}\nallow:\n${lines('  ')}\n` };
}

/**
 * A ready message to the lead of the imported domain: who imports what, why it is a problem, and
 * what would settle it (a public entry, a contract, or an accepted exception).
 */
export function contractRequestText(finding: BoundaryFinding, titles: { from: string; to: string }, lead: PersonRef | null): string {
	const greeting = lead !== null ? `Hi ${lead.name}${lead.handle !== undefined ? ` (@${lead.handle.replace(/^@/, '')})` : ''},` : `Hi ${titles.to} team,`;
	const entries = finding.publicEntries.length > 0 ? `Its public surface today: ${finding.publicEntries.join(', ')}.` : `${titles.to} has no public surface for this yet.`;
	return [
		greeting,
		'',
		`${titles.from} (${finding.file}:${finding.line}) imports \`${finding.target}\` from ${titles.to}${finding.status === 'dependency-not-declared' ? `, but ${titles.from} does not declare ${finding.to} in dependsOn` : ', which is internal to your domain'}.`,
		entries,
		'',
		`Could ${titles.to} offer what we need through a public entry or a contract (exports in guardrails.yaml), or should we record an exception with a reason?`,
		'',
		'Thanks!',
	].join('\n');
}
