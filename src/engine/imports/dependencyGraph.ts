// The domain dependency graph as a self-contained SVG: domains as boxes, imports per domain pair
// as arrows labelled with their count, arrows that carry a violation drawn dashed and marked.
// The layout is a small layered one (longest path, cycles broken at back edges, one barycentre
// pass): domain graphs have tens of nodes, and a hand layout keeps the output deterministic and
// the extension free of a layout dependency. Pure: no vscode, no Node built-ins.

import type { Domain } from '../guardrails/types';
import { oneLine } from '../safety/text';
import type { BoundaryReport, DomainEdge } from './boundaryScan';

/** Colours as CSS values; the webview passes theme variables, the HTML report fixed ones. */
export interface GraphTheme {
	background: string;
	node: string;
	nodeBorder: string;
	text: string;
	edge: string;
	violation: string;
	exception: string;
	font: string;
}

export const lightTheme: GraphTheme = {
	background: '#ffffff', node: '#f3f6fa', nodeBorder: '#5b6b7f', text: '#1f2328', edge: '#5b6b7f', violation: '#cf222e', exception: '#9a6700', font: 'system-ui, sans-serif',
};

const nodeWidth = 170;
const nodeHeight = 46;
const layerGap = 110;
const nodeGap = 40;
const margin = 30;

function escapeXml(text: string): string {
	return oneLine(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c] ?? c);
}

/** Layer per node: importers above what they import; an edge closing a cycle is ignored for layering. */
function layers(nodes: readonly string[], edges: readonly DomainEdge[]): Map<string, number> {
	const out = new Map<string, string[]>();
	for (const e of edges) {
		out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
	}
	const state = new Map<string, 'visiting' | 'done'>();
	const acyclic = new Map<string, string[]>();
	const visit = (n: string): void => {
		state.set(n, 'visiting');
		for (const m of out.get(n) ?? []) {
			if (state.get(m) === 'visiting') {
				continue; // a back edge: part of a cycle
			}
			acyclic.set(n, [...(acyclic.get(n) ?? []), m]);
			if (!state.has(m)) {
				visit(m);
			}
		}
		state.set(n, 'done');
	};
	for (const n of nodes) {
		if (!state.has(n)) {
			visit(n);
		}
	}
	const layer = new Map<string, number>();
	const depth = (n: string, guard: number): number => {
		const known = layer.get(n);
		if (known !== undefined) {
			return known;
		}
		if (guard > nodes.length) {
			return 0;
		}
		const preds = [...acyclic.entries()].filter(([, targets]) => targets.includes(n)).map(([from]) => from);
		const value = preds.length === 0 ? 0 : Math.max(...preds.map((p) => depth(p, guard + 1) + 1));
		layer.set(n, value);
		return value;
	};
	for (const n of nodes) {
		depth(n, 0);
	}
	return layer;
}

/** How far apart the two arrows of a domain pair that imports both ways are drawn (each side of the centre). */
const twoWayOffset = 18;

/** Node positions (top-left corners) and the drawing size. */
export function layoutGraph(nodes: readonly string[], edges: readonly DomainEdge[]): { positions: Map<string, { x: number; y: number }>; width: number; height: number } {
	const layer = layers(nodes, edges);
	const rows: string[][] = [];
	for (const n of nodes) {
		const l = layer.get(n) ?? 0;
		(rows[l] ??= []).push(n);
	}
	// One barycentre pass: order each row by the mean position of its importers in the row above.
	for (let r = 1; r < rows.length; r++) {
		const above = rows[r - 1] ?? [];
		const weight = (n: string): number => {
			const idx = edges.filter((e) => e.to === n).map((e) => above.indexOf(e.from)).filter((i) => i >= 0);
			return idx.length === 0 ? Number.MAX_SAFE_INTEGER : idx.reduce((a, b) => a + b, 0) / idx.length;
		};
		rows[r] = (rows[r] ?? []).sort((a, b) => weight(a) - weight(b) || a.localeCompare(b));
	}
	const widest = Math.max(1, ...rows.map((row) => row?.length ?? 0));
	const width = margin * 2 + widest * nodeWidth + (widest - 1) * nodeGap;
	const positions = new Map<string, { x: number; y: number }>();
	rows.forEach((row, r) => {
		const rowWidth = row.length * nodeWidth + (row.length - 1) * nodeGap;
		const start = (width - rowWidth) / 2;
		row.forEach((n, i) => positions.set(n, { x: start + i * (nodeWidth + nodeGap), y: margin + r * (nodeHeight + layerGap) }));
	});
	return { positions, width, height: margin * 2 + rows.length * nodeHeight + Math.max(0, rows.length - 1) * layerGap };
}

/** How an edge is drawn: plain, carrying an allowed exception, or breaking a boundary. */
export type EdgeTone = 'edge' | 'exception' | 'violation';

/** The graph laid out, ready to draw: the SVG below and the ownership map's webview draw the same scene. */
export interface GraphScene {
	width: number;
	height: number;
	edges: {
		from: string;
		to: string;
		/** SVG path data of the arrow. */
		path: string;
		tone: EdgeTone;
		label: string;
		labelX: number;
		labelY: number;
		labelAnchor: 'start' | 'end';
		/** The counts in words, for a tooltip. */
		title: string;
	}[];
	nodes: { id: string; x: number; y: number; width: number; height: number; title: string; subtitle: string; tooltip: string }[];
}

/**
 * Lays the graph out: every domain of the config (also those without imports), every edge with
 * its import count; an edge with violations or undeclared dependencies gets the violation tone
 * and its label says how many break the boundary.
 */
export function dependencyGraphScene(edges: readonly DomainEdge[], domains: ReadonlyMap<string, Domain>): GraphScene {
	const nodes = [...new Set([...domains.keys(), ...edges.flatMap((e) => [e.from, e.to])])];
	const { positions, width, height } = layoutGraph(nodes, edges);
	const scene: GraphScene = { width, height, edges: [], nodes: [] };
	const pairs = new Set(edges.map((e) => `${e.from}\u0000${e.to}`));
	for (const e of edges) {
		const a = positions.get(e.from);
		const b = positions.get(e.to);
		if (!a || !b) {
			continue;
		}
		// Imports both ways between two domains: each arrow keeps to its own side, or they and their counts overlap.
		const twoWay = e.from !== e.to && pairs.has(`${e.to}\u0000${e.from}`);
		const bad = e.counts.violation + e.counts['dependency-not-declared'];
		const down = b.y >= a.y;
		const shift = twoWay ? (down ? -twoWayOffset : twoWayOffset) : 0;
		const x1 = a.x + nodeWidth / 2 + shift;
		const y1 = down ? a.y + nodeHeight : a.y;
		const x2 = b.x + nodeWidth / 2 + shift + (a.x === b.x && a.y === b.y ? 20 : 0);
		const y2 = down ? b.y : b.y + nodeHeight;
		const bend = a.y === b.y ? 60 : 0;
		const leftLabel = twoWay && down;
		scene.edges.push({
			from: e.from,
			to: e.to,
			path: `M${x1},${y1} C${x1 + bend},${(y1 + y2) / 2 + (down ? 0 : -bend)} ${x2 + bend},${(y1 + y2) / 2} ${x2},${y2}`,
			tone: bad > 0 ? 'violation' : e.counts['allowed-exception'] > 0 ? 'exception' : 'edge',
			label: bad > 0 ? `${e.total} (${bad} ✗)` : e.counts['allowed-exception'] > 0 ? `${e.total} (${e.counts['allowed-exception']} exc.)` : String(e.total),
			labelX: (x1 + x2) / 2 + bend / 2 + (leftLabel ? -16 : 6),
			labelY: (y1 + y2) / 2,
			labelAnchor: leftLabel ? 'end' : 'start',
			title: `${e.from} → ${e.to}: ${e.total} import(s); ${e.counts.violation} violation(s), ${e.counts['dependency-not-declared']} undeclared, ${e.counts['allowed-exception']} exception(s), ${e.counts['allowed-public']} public`,
		});
	}
	for (const n of nodes) {
		const p = positions.get(n);
		if (p) {
			const title = oneLine(domains.get(n)?.title ?? n);
			scene.nodes.push({
				id: n, x: p.x, y: p.y, width: nodeWidth, height: nodeHeight,
				title: title.length > 22 ? `${title.slice(0, 21)}…` : title,
				subtitle: n.length > 26 ? `${n.slice(0, 25)}…` : n,
				tooltip: `${title} (${n})`,
			});
		}
	}
	return scene;
}

/** The dependency graph as a self-contained SVG element in `theme`'s colours. */
export function renderDependencySvg(edges: readonly DomainEdge[], domains: ReadonlyMap<string, Domain>, theme: GraphTheme = lightTheme): string {
	const scene = dependencyGraphScene(edges, domains);
	const { width, height } = scene;
	const parts: string[] = [];
	parts.push(`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Domain dependency graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(theme.font)}" font-size="13">`);
	parts.push(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${escapeXml(theme.edge)}"/></marker><marker id="arrow-bad" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${escapeXml(theme.violation)}"/></marker></defs>`);
	parts.push(`<rect width="100%" height="100%" fill="${escapeXml(theme.background)}"/>`);
	for (const e of scene.edges) {
		const bad = e.tone === 'violation';
		const colour = theme[e.tone];
		parts.push(`<g class="edge${bad ? ' violation' : ''}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}"><title>${escapeXml(e.title)}</title><path d="${e.path}" fill="none" stroke="${escapeXml(colour)}" stroke-width="${bad ? 2 : 1.5}"${bad ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#${bad ? 'arrow-bad' : 'arrow'})"/>`
			+ `<text x="${e.labelX}" y="${e.labelY}"${e.labelAnchor === 'end' ? ' text-anchor="end"' : ''} fill="${escapeXml(colour)}">${escapeXml(e.label)}</text></g>`);
	}
	for (const n of scene.nodes) {
		parts.push(`<g class="node" data-domain="${escapeXml(n.id)}"><title>${escapeXml(n.tooltip)}</title><rect x="${n.x}" y="${n.y}" width="${n.width}" height="${n.height}" rx="6" fill="${escapeXml(theme.node)}" stroke="${escapeXml(theme.nodeBorder)}"/>`
			+ `<text x="${n.x + n.width / 2}" y="${n.y + 20}" text-anchor="middle" fill="${escapeXml(theme.text)}" font-weight="600">${escapeXml(n.title)}</text>`
			+ `<text x="${n.x + n.width / 2}" y="${n.y + 36}" text-anchor="middle" fill="${escapeXml(theme.text)}" font-size="11" opacity="0.75">${escapeXml(n.subtitle)}</text></g>`);
	}
	parts.push('</svg>');
	return parts.join('\n');
}

/** A self-contained HTML page (no scripts, no external resources): the graph, the edge table and the breaking imports. */
export function renderBoundariesHtml(report: BoundaryReport, domains: ReadonlyMap<string, Domain>): string {
	const rows = report.edges.map((e) => `<tr><td>${escapeXml(e.from)}</td><td>${escapeXml(e.to)}</td><td>${e.total}</td><td>${e.counts.violation}</td><td>${e.counts['dependency-not-declared']}</td><td>${e.counts['allowed-exception']}</td><td>${e.counts['allowed-public']}</td></tr>`).join('\n');
	const problems = report.findings.filter((f) => f.status === 'violation' || f.status === 'dependency-not-declared')
		.map((f) => `<li><code>${escapeXml(f.file)}:${f.line}</code> ${escapeXml(f.message)}</li>`).join('\n');
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Domain dependencies</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2328}table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left}svg{max-width:100%;height:auto}</style>
</head>
<body>
<h1>Domain dependencies</h1>
<p>${report.findings.length} cross-domain import(s) in ${report.files} file(s). Dashed red arrows carry imports that break a boundary.</p>
${renderDependencySvg(report.edges, domains)}
<h2>Imports per domain pair</h2>
<table><thead><tr><th>from</th><th>to</th><th>imports</th><th>violations</th><th>undeclared</th><th>exceptions</th><th>public</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Imports that break a boundary</h2>
${problems === '' ? '<p>None.</p>' : `<ul>\n${problems}\n</ul>`}
</body>
</html>
`;
}
