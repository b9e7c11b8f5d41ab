import { line, oneLine } from '../safety/text';
import type { BottlenecksJson, DeciderLoad } from './types';

/** How many deciders the text and Markdown reports list (the JSON has them all). */
export const listedDeciders = 15;

function pct(share: number): string {
	return `${(share * 100).toFixed(1)}%`;
}

function day(iso: string): string {
	return iso.slice(0, 10);
}

/** The text and Markdown reports list this many findings of one code (the JSON and HTML have them all). */
export const listedPerCode = 5;

/** Findings (with their suggestion) capped per code, and how many of each code were left out. */
export function cappedFindings(report: BottlenecksJson): { items: { finding: BottlenecksJson['findings'][number]; suggestion: string }[]; left: Map<string, number> } {
	const seen = new Map<string, number>();
	const left = new Map<string, number>();
	const items: { finding: BottlenecksJson['findings'][number]; suggestion: string }[] = [];
	report.findings.forEach((finding, i) => {
		const n = (seen.get(finding.code) ?? 0) + 1;
		seen.set(finding.code, n);
		if (n > listedPerCode) {
			left.set(finding.code, (left.get(finding.code) ?? 0) + 1);
		} else {
			items.push({ finding, suggestion: report.suggestions[i]?.text ?? '' });
		}
	});
	return { items, left };
}

function leftOut(left: Map<string, number>): string[] {
	return [...left.entries()].map(([code, n]) => `… and ${n} more ${code} finding${n === 1 ? '' : 's'} (--json lists all)`);
}

/** Splits text into plain parts and inline code spans (odd indices are code). */
export function splitCodeSpans(text: string): string[] {
	return text.split('`');
}

function windowLine(report: BottlenecksJson): string {
	const w = report.window;
	return `${w.commits} non-merge commit${w.commits === 1 ? '' : 's'} from ${day(w.since)} to ${day(w.until)}, ${report.files} files`;
}

function plainText(text: string): string {
	return oneLine(text).replace(/`/g, '');
}

function pad(rows: string[][]): string {
	const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
	return rows.map((r) => r.map((c, i) => (i === 0 || i === r.length - 1 ? (i === r.length - 1 ? c : c.padEnd(widths[i])) : c.padStart(widths[i]))).join('  ').trimEnd()).join('\n');
}

function deciderRows(deciders: readonly DeciderLoad[]): string[][] {
	return deciders.slice(0, listedDeciders).map((d) => [
		d.id,
		String(d.commits),
		pct(d.share),
		String(d.files),
		String(d.soleFiles),
		[d.kind, ...(d.name !== undefined ? [d.name] : []), ...(d.domains.length > 0 ? [`domains: ${d.domains.join(', ')}`] : []), ...(d.contracts.length > 0 ? [`contracts: ${d.contracts.join(', ')}`] : [])].join('; '),
	].map(oneLine));
}

/** The terminal report: window, review load table, findings with severity, suggestions, notes. */
export function renderBottlenecksText(report: BottlenecksJson): string {
	const out: string[] = [`Decision load: ${windowLine(report)}.`];
	out.push(`Unowned: ${report.unowned.files} files; ${report.unowned.commits} commits touched at least one.`);
	for (const note of report.notes) {
		out.push(line`Note: ${note}`);
	}
	out.push('');
	if (report.deciders.length === 0) {
		out.push('No deciders: neither CODEOWNERS nor guardrails.yaml names anyone for these files.');
	} else {
		out.push(pad([['decider', 'commits', 'share', 'files', 'sole', 'kind'], ...deciderRows(report.deciders)]));
		if (report.deciders.length > listedDeciders) {
			out.push(`… and ${report.deciders.length - listedDeciders} more (--json lists all).`);
		}
	}
	out.push('');
	if (report.findings.length === 0) {
		out.push('No single points of failure found.');
	} else {
		const { items, left } = cappedFindings(report);
		out.push('Single points of failure:');
		for (const { finding: f } of items) {
			out.push(`  ${f.severity.padEnd(7)} ${f.code}: ${plainText(f.message)}`);
		}
		out.push(...leftOut(left).map((line) => `  ${line}`));
		out.push('', 'Suggestions:');
		for (const { suggestion } of items) {
			out.push(`  - ${plainText(suggestion)}`);
		}
	}
	return `${out.join('\n')}\n`;
}

/** Escapes Markdown outside code spans; `@mentions` become code so a PR comment pings nobody. */
export function markdownInline(text: string): string {
	return splitCodeSpans(oneLine(text)).map((part, i) => {
		if (i % 2 === 1) {
			return `\`${part.replace(/\r?\n/g, ' ')}\``;
		}
		return part
			.replace(/([\\*_{}[\]<>|#~])/g, '\\$1')
			.replace(/\r?\n/g, ' ')
			.replace(/(^|[\s(])(@[\w.-]+(?:\/[\w.-]+)*)/g, '$1`$2`');
	}).join('');
}

function mdCode(text: string): string {
	return `\`${oneLine(text).replace(/`/g, "'")}\``;
}

const severityIcon: Record<string, string> = { error: '🔴', warning: '🟠', info: '🔵' };

/** A ready pull-request or team-page comment: summary, top deciders, findings and suggestions. */
export function renderBottlenecksMarkdown(report: BottlenecksJson): string {
	const out: string[] = ['### Decision load', '', `${windowLine(report)}. Unowned: ${report.unowned.files} files, touched by ${report.unowned.commits} commits.`, ''];
	for (const note of report.notes) {
		out.push(`> ${markdownInline(note)}`);
	}
	if (report.notes.length > 0) {
		out.push('');
	}
	if (report.deciders.length > 0) {
		out.push('| Decider | Commits | Share | Files | Sole files |', '| --- | ---: | ---: | ---: | ---: |');
		for (const d of report.deciders.slice(0, listedDeciders)) {
			const name = d.name !== undefined ? ` ${markdownInline(d.name)}` : '';
			out.push(`| ${mdCode(d.id)}${name} | ${d.commits} | ${pct(d.share)} | ${d.files} | ${d.soleFiles} |`);
		}
		out.push('');
	}
	if (report.findings.length === 0) {
		out.push('No single points of failure found.');
	} else {
		const { items, left } = cappedFindings(report);
		out.push('#### Single points of failure', '');
		for (const { finding: f } of items) {
			out.push(`- ${severityIcon[f.severity] ?? ''} **${f.code}**: ${markdownInline(f.message)}`);
		}
		out.push(...leftOut(left).map((line) => `- ${markdownInline(line)}`));
		out.push('', '#### Delegation suggestions', '');
		for (const { suggestion } of items) {
			out.push(`- ${markdownInline(suggestion)}`);
		}
	}
	return `${out.join('\n')}\n`;
}
