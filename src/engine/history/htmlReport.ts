import { oneLine } from '../safety/text';
import type { MapLeaf, OwnershipMap } from './ownershipMap';
import { listedDeciders, splitCodeSpans } from './render';
import type { BottlenecksJson } from './types';

/**
 * Escapes text for HTML element content and double-quoted attributes. Line breaks become spaces (the
 * same whitespace to a browser), so no workspace string starts a line of the printed report.
 */
export function escapeHtml(text: string): string {
	return oneLine(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)
		// Control characters have no business in a report; show them as escapes.
		.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Our own messages: plain parts escaped, code spans as `<code>`. */
function inline(text: string): string {
	return splitCodeSpans(text).map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part))).join('');
}

/** FNV-1a, for a nonce that is stable for the same page (the page is static, so nothing to guess). */
function fnv(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}

const css = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0; --frame: #ffffff;
  --c0: #4e79a7; --c1: #f28e2b; --c2: #59a14f; --c3: #b07aa1; --c4: #76b7b2; --c5: #edc948; --c6: #ff9da7; --c7: #9c755f; --unowned: #bab0ac; --load: #000000; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --frame: #0d1117; --load: #ffffff; } }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
.muted { color: var(--muted); } code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; } th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--line); }
td.n, th.n { text-align: right; }
.sev { font-weight: 600; } .sev.error { color: #cf222e; } .sev.warning { color: #bc4c00; } .sev.info { color: #0969da; }
svg { max-width: 100%; height: auto; display: block; }
.group rect { fill: var(--frame); stroke: var(--line); } .group text { fill: var(--fg); font-size: 12px; font-weight: 600; }
.leaf { stroke: var(--frame); stroke-width: 1; }
.c0 { fill: var(--c0); } .c1 { fill: var(--c1); } .c2 { fill: var(--c2); } .c3 { fill: var(--c3); } .c4 { fill: var(--c4); } .c5 { fill: var(--c5); } .c6 { fill: var(--c6); } .c7 { fill: var(--c7); } .cu { fill: var(--unowned); }
.load { fill: var(--load); pointer-events: none; } .hatch { fill: url(#hatch); pointer-events: none; } .contract { fill: var(--fg); pointer-events: none; }
.leaf-label { fill: #1f2328; font-size: 10px; pointer-events: none; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 8px 0; padding: 0; list-style: none; } .legend svg { display: inline; vertical-align: middle; }
`;

function rect(x0: number, y0: number, x1: number, y1: number, cls: string, extra = ''): string {
	return `<rect class="${cls}" x="${x0}" y="${y0}" width="${Math.max(0, x1 - x0)}" height="${Math.max(0, y1 - y0)}"${extra}/>`;
}

function leafSvg(leaf: MapLeaf, colour: number, maxLoad: number): string {
	const cls = colour < 0 ? 'cu' : `c${colour}`;
	const w = leaf.x1 - leaf.x0;
	const h = leaf.y1 - leaf.y0;
	const load = maxLoad > 0 ? Math.sqrt(leaf.changes / leaf.files / maxLoad) * 0.55 : 0;
	const title = `${leaf.path || leaf.label}: ${leaf.files} file${leaf.files === 1 ? '' : 's'}, ${leaf.changes} change${leaf.changes === 1 ? '' : 's'} in the window${leaf.unowned > 0 ? `, ${leaf.unowned} unowned` : ''}${leaf.contractFiles > 0 ? `, ${leaf.contractFiles} contract file${leaf.contractFiles === 1 ? '' : 's'}` : ''}`;
	const parts = [`<g><title>${escapeHtml(title)}</title>`, rect(leaf.x0, leaf.y0, leaf.x1, leaf.y1, `leaf ${cls}`)];
	if (load > 0.01) {
		parts.push(rect(leaf.x0, leaf.y0, leaf.x1, leaf.y1, 'load', ` fill-opacity="${load.toFixed(2)}"`));
	}
	if (leaf.unowned > 0) {
		parts.push(rect(leaf.x0, leaf.y0, leaf.x1, leaf.y1, 'hatch'));
	}
	if (leaf.contractFiles > 0 && w >= 8 && h >= 8) {
		parts.push(`<path class="contract" d="M${leaf.x1 - 8} ${leaf.y0}h8v8z"/>`);
	}
	if (w > 60 && h > 14) {
		const chars = Math.floor((w - 6) / 6);
		const text = leaf.label.length > chars ? `${leaf.label.slice(0, Math.max(1, chars - 1))}…` : leaf.label;
		parts.push(`<text class="leaf-label" x="${leaf.x0 + 3}" y="${leaf.y0 + 12}">${escapeHtml(text)}</text>`);
	}
	parts.push('</g>');
	return parts.join('');
}

/** The treemap as inline SVG (no script): groups framed and labelled, areas coloured by group. */
export function renderMapSvg(map: OwnershipMap): string {
	const out: string[] = [`<svg viewBox="0 0 ${map.width} ${map.height}" width="${map.width}" height="${map.height}" role="img" aria-labelledby="map-title"><title id="map-title">Ownership map: ${map.files} files grouped by ${map.groupedBy}</title>`];
	out.push('<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="6" fill="#000000" fill-opacity="0.35"/></pattern></defs>');
	for (const group of map.groups) {
		out.push(`<g class="group">${rect(group.x0, group.y0, group.x1, group.y1, '')}`);
		if (group.x1 - group.x0 > 40) {
			const chars = Math.floor((group.x1 - group.x0 - 8) / 7);
			const title = `${group.title} (${group.files})`;
			out.push(`<text x="${group.x0 + 4}" y="${group.y0 + 13}">${escapeHtml(title.length > chars ? `${title.slice(0, Math.max(1, chars - 1))}…` : title)}</text>`);
		}
		out.push('</g>');
	}
	for (const leaf of map.leaves) {
		out.push(leafSvg(leaf, map.groups[leaf.group].colour, map.maxLoad));
	}
	out.push('</svg>');
	return out.join('');
}

function legend(map: OwnershipMap): string {
	const swatch = (cls: string): string => `<svg width="14" height="14" aria-hidden="true"><rect class="${cls}" width="14" height="14"/></svg>`;
	const items = map.groups.map((g) => `<li>${swatch(g.colour < 0 ? 'cu' : `c${g.colour}`)} ${escapeHtml(g.title)} <span class="muted">${g.files} files, ${g.changes} changes</span></li>`);
	items.push(`<li><svg width="14" height="14" aria-hidden="true"><rect class="cu" width="14" height="14"/><rect class="hatch" width="14" height="14"/></svg> unowned files</li>`);
	items.push(`<li><svg width="14" height="14" aria-hidden="true"><path class="contract" d="M6 0h8v8z"/></svg> contract files</li>`);
	items.push('<li><span class="muted">darker = more changes per file in the window (review load)</span></li>');
	return `<ul class="legend">${items.join('')}</ul>`;
}

/**
 * One self-contained HTML page for a CI artifact: the summary, the treemap as inline SVG, the
 * deciders, findings and suggestions. No script, no network: the Content Security Policy allows
 * only the page's own style element (by nonce) and nothing else. Every workspace string is escaped.
 */
export function renderBottlenecksHtml(report: BottlenecksJson, map: OwnershipMap, repository: string): string {
	const nonce = fnv(css);
	const w = report.window;
	const rows = report.deciders.slice(0, listedDeciders).map((d) => `<tr><td><code>${escapeHtml(d.id)}</code>${d.name !== undefined ? ` ${escapeHtml(d.name)}` : ''}</td><td>${d.kind}</td><td class="n">${d.commits}</td><td class="n">${(d.share * 100).toFixed(1)}%</td><td class="n">${d.files}</td><td class="n">${d.soleFiles}</td></tr>`);
	const findings = report.findings.map((f, i) => `<li><span class="sev ${f.severity}">${f.severity}</span> <code>${f.code}</code> ${inline(f.message)}<br><span class="muted">→ ${inline(report.suggestions[i]?.text ?? '')}</span></li>`);
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Decision load: ${escapeHtml(repository)}</title>
<style nonce="${nonce}">${css}</style>
</head>
<body>
<h1>Decision load: ${escapeHtml(repository)}</h1>
<p class="muted">${w.commits} non-merge commits from ${escapeHtml(w.since.slice(0, 10))} to ${escapeHtml(w.until.slice(0, 10))} · ${report.files} files · unowned: ${report.unowned.files} files, touched by ${report.unowned.commits} commits</p>
${report.notes.map((n) => `<p class="muted">Note: ${inline(n)}</p>`).join('\n')}
<h2>Ownership map</h2>
${legend(map)}
<figure id="treemap">${renderMapSvg(map)}</figure>
<h2>Single points of failure</h2>
${findings.length > 0 ? `<ul>${findings.join('')}</ul>` : '<p>None found.</p>'}
<h2>Review load per decider</h2>
${rows.length > 0 ? `<table><thead><tr><th>Decider</th><th>Kind</th><th class="n">Commits</th><th class="n">Share</th><th class="n">Files</th><th class="n">Sole files</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '<p>No deciders.</p>'}
</body>
</html>
`;
}
