// Renders a boundary report for people (text, Markdown), for GitHub (workflow annotations), for
// machines (JSON) and as a neutral finding list that a SARIF or other writer can take.
// Pure: no vscode, no Node built-ins.

import { escapeAnnotationData, escapeAnnotationProperty } from '../guardrails/forecast';
import { line, oneLine } from '../safety/text';
import { boundaryCode } from './boundaryCheck';
import type { BoundaryFinding, BoundaryStatus } from './boundaryCheck';
import type { BoundaryReport } from './boundaryScan';

const statusOrder: readonly BoundaryStatus[] = ['violation', 'dependency-not-declared', 'allowed-exception', 'allowed-public'];

/** A tool-neutral finding: what SARIF, annotations and editors all need. */
export interface GenericFinding {
	code: string;
	severity: 'info' | 'warning' | 'error';
	message: string;
	path: string;
	line: number;
	column: number;
	endColumn?: number;
}

/** The findings that are problems (violations and undeclared dependencies), as generic findings. */
export function boundaryProblems(findings: readonly BoundaryFinding[], prefix = ''): GenericFinding[] {
	const out: GenericFinding[] = [];
	for (const f of findings) {
		const code = boundaryCode(f.status);
		if (code !== undefined) {
			out.push({ code, severity: f.severity, message: f.message, path: prefix + f.file, line: f.line, column: f.column, endColumn: f.endColumn });
		}
	}
	return out;
}

/** One finding as plain JSON data (stable keys). */
export function boundaryFindingToJson(f: BoundaryFinding): unknown {
	const code = boundaryCode(f.status);
	return {
		file: f.file,
		line: f.line,
		column: f.column,
		language: f.language,
		specifier: f.specifier,
		target: f.target,
		from: f.from,
		to: f.to,
		status: f.status,
		code: code ?? null,
		severity: code !== undefined ? f.severity : null,
		publicVia: f.publicVia ?? null,
		allow: f.allow ? { reason: f.allow.reason, adr: f.allow.adr ?? null, line: f.allow.source.line } : null,
		publicEntries: f.publicEntries,
		message: f.message,
	};
}

/** The report as plain JSON data (the CLI's `--json`). */
export function boundaryReportToJson(report: BoundaryReport): unknown {
	return {
		files: report.files,
		imports: report.findings.map(boundaryFindingToJson),
		edges: report.edges,
		skipped: report.skipped,
		notes: report.notes,
	};
}

function counts(report: BoundaryReport): Record<BoundaryStatus, number> {
	const c: Record<BoundaryStatus, number> = { 'allowed-public': 0, 'allowed-exception': 0, violation: 0, 'dependency-not-declared': 0 };
	for (const f of report.findings) {
		c[f.status]++;
	}
	return c;
}

function summaryLine(report: BoundaryReport): string {
	const c = counts(report);
	return `${report.findings.length} cross-domain import(s) in ${report.files} file(s): ${c.violation} violation(s), ${c['dependency-not-declared']} undeclared dependenc${c['dependency-not-declared'] === 1 ? 'y' : 'ies'}, ${c['allowed-exception']} exception(s), ${c['allowed-public']} public use(s).`;
}

function edgeCell(edge: BoundaryReport['edges'][number]): string {
	const bad = edge.counts.violation + edge.counts['dependency-not-declared'];
	return bad > 0 ? `${edge.total} (${bad} breaking)` : String(edge.total);
}

/** Text for a terminal: every cross-domain import grouped by status, then the edge summary. */
export function renderBoundariesText(report: BoundaryReport): string {
	const lines: string[] = [];
	for (const status of statusOrder) {
		const group = report.findings.filter((f) => f.status === status);
		if (group.length === 0) {
			continue;
		}
		lines.push(`${status} (${group.length})`);
		for (const f of group) {
			lines.push(line`  ${f.file}:${f.line}:${f.column}  ${f.from} -> ${f.to}  ${f.specifier} -> ${f.target}`);
			if (status !== 'allowed-public') {
				lines.push(line`    ${f.message}`);
			}
		}
		lines.push('');
	}
	if (report.edges.length > 0) {
		lines.push('Domain dependencies (imports per edge):');
		const width = Math.max(...report.edges.map((e) => `${e.from} -> ${e.to}`.length));
		for (const edge of report.edges) {
			lines.push(`  ${oneLine(`${edge.from} -> ${edge.to}`).padEnd(width)}  ${edgeCell(edge)}`);
		}
		lines.push('');
	}
	for (const skip of report.skipped) {
		lines.push(line`skipped ${skip.file}: ${skip.reason}`);
	}
	for (const note of report.notes) {
		lines.push(line`note: ${note}`);
	}
	lines.push(summaryLine(report));
	return `${lines.join('\n')}\n`;
}

function mdCell(text: string): string {
	return oneLine(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

/** Markdown for a pull request comment or a wiki page: summary, edge table, problems, exceptions. */
export function renderBoundariesMarkdown(report: BoundaryReport): string {
	const out: string[] = ['## Domain boundaries', '', summaryLine(report), ''];
	if (report.edges.length > 0) {
		out.push('| from | to | imports | violations | undeclared | exceptions |', '| --- | --- | ---: | ---: | ---: | ---: |');
		for (const e of report.edges) {
			out.push(`| ${mdCell(e.from)} | ${mdCell(e.to)} | ${e.total} | ${e.counts.violation} | ${e.counts['dependency-not-declared']} | ${e.counts['allowed-exception']} |`);
		}
		out.push('');
	}
	const problems = report.findings.filter((f) => boundaryCode(f.status) !== undefined);
	if (problems.length > 0) {
		out.push('### Imports that break a boundary', '', '| where | import | reaches | why |', '| --- | --- | --- | --- |');
		for (const f of problems) {
			out.push(`| \`${mdCell(f.file)}:${f.line}\` | \`${mdCell(f.specifier)}\` | \`${mdCell(f.target)}\` | ${mdCell(f.message)} |`);
		}
		out.push('');
	}
	const exceptions = report.findings.filter((f) => f.status === 'allowed-exception');
	if (exceptions.length > 0) {
		out.push('### Accepted exceptions', '', '| where | reaches | reason |', '| --- | --- | --- |');
		for (const f of exceptions) {
			out.push(`| \`${mdCell(f.file)}:${f.line}\` | \`${mdCell(f.target)}\` | ${mdCell(f.allow?.reason ?? '')}${f.allow?.adr ? ` ([ADR](${mdCell(f.allow.adr)}))` : ''} |`);
		}
		out.push('');
	}
	return `${out.join('\n')}\n`;
}

/** GitHub workflow commands (`::warning file=…,line=…::message`), one per problem; `prefix` makes paths repository-relative. */
export function renderBoundariesAnnotations(findings: readonly BoundaryFinding[], prefix = ''): string {
	return boundaryProblems(findings, prefix)
		.map((p) => `::${p.severity === 'info' ? 'notice' : p.severity} file=${escapeAnnotationProperty(p.path)},line=${p.line},col=${p.column},title=${escapeAnnotationProperty(p.code)}::${escapeAnnotationData(p.message)}\n`)
		.join('');
}
