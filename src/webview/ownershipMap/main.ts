// The ownership map's webview script: draws what the host computed (the treemap is laid out by the
// engine) and reports clicks. Every colour is a theme variable, so light, dark and high-contrast
// themes all work; every area is reachable with Tab and chosen with Enter or Space.
import type { MapLeaf } from '../../engine/history/ownershipMap';
import { dependencySection } from './dependencies';
import { el, inline, svg } from './dom';
import type { DecisionLine, HostMessage, MapData, WebviewMessage } from './protocol';

interface VsCodeApi {
	postMessage(message: WebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

/** Theme colours for the group slots (the engine's `colourSlots`). */
const slotColours = [
	'var(--vscode-charts-blue)', 'var(--vscode-charts-orange)', 'var(--vscode-charts-green)', 'var(--vscode-charts-purple)',
	'var(--vscode-charts-red)', 'var(--vscode-charts-yellow)', 'var(--vscode-terminal-ansiCyan)', 'var(--vscode-terminal-ansiMagenta)',
];


function colourOf(data: MapData, leaf: MapLeaf): string {
	const slot = data.map.groups[leaf.group]?.colour ?? -1;
	return slot < 0 ? '' : slotColours[slot % slotColours.length];
}

function leafTitle(data: MapData, leaf: MapLeaf): string {
	const l = data.labels;
	const group = data.map.groups[leaf.group]?.title ?? '';
	return `${leaf.path || leaf.label} · ${group} · ${leaf.files} ${l.files}, ${leaf.changes} ${l.changes}${leaf.unowned > 0 ? `, ${leaf.unowned} ${l.unowned}` : ''}${leaf.contractFiles > 0 ? `, ${leaf.contractFiles} ${l.contract}` : ''}`;
}

let current: MapData | undefined;
let selected: SVGElement | undefined;

function drawMap(data: MapData): SVGSVGElement {
	const { map } = data;
	const root = svg('svg', { viewBox: `0 0 ${map.width} ${map.height}`, role: 'group', 'aria-label': data.labels.title }) as SVGSVGElement;
	const defs = svg('defs');
	const pattern = svg('pattern', { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
	pattern.append(svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }));
	defs.append(pattern);
	root.append(defs);
	for (const group of map.groups) {
		root.append(svg('rect', { class: 'frame', x: group.x0, y: group.y0, width: group.x1 - group.x0, height: group.y1 - group.y0 }));
		if (group.x1 - group.x0 > 40) {
			const label = svg('text', { class: 'group-label', x: group.x0 + 4, y: group.y0 + 13 });
			const title = `${group.title} (${group.files})`;
			const chars = Math.floor((group.x1 - group.x0 - 8) / 7);
			label.textContent = title.length > chars ? `${title.slice(0, Math.max(1, chars - 1))}…` : title;
			root.append(label);
		}
	}
	map.leaves.forEach((leaf, index) => {
		const w = leaf.x1 - leaf.x0;
		const h = leaf.y1 - leaf.y0;
		const g = svg('g', { class: 'leaf', tabindex: 0, role: 'button', 'aria-label': leafTitle(data, leaf), 'data-leaf': index });
		const title = svg('title');
		title.textContent = leafTitle(data, leaf);
		g.append(title);
		const colour = colourOf(data, leaf);
		const area = svg('rect', { class: colour === '' ? 'area unowned-area' : 'area', x: leaf.x0, y: leaf.y0, width: w, height: h });
		if (colour !== '') {
			// CSSOM, not a style attribute: the CSP allows it, and var() works there (not in presentation attributes).
			area.style.fill = colour;
		}
		g.append(area);
		const load = map.maxLoad > 0 ? Math.sqrt(leaf.changes / leaf.files / map.maxLoad) * 0.6 : 0;
		if (load > 0.01) {
			g.append(svg('rect', { class: 'load', x: leaf.x0, y: leaf.y0, width: w, height: h, 'fill-opacity': load.toFixed(2) }));
		}
		if (leaf.unowned > 0) {
			g.append(svg('rect', { x: leaf.x0, y: leaf.y0, width: w, height: h, fill: 'url(#hatch)', 'pointer-events': 'none' }));
		}
		if (leaf.contractFiles > 0 && w >= 8 && h >= 8) {
			g.append(svg('path', { class: 'contract', d: `M${leaf.x1 - 9} ${leaf.y0}h9v9z` }));
		}
		if (w > 56 && h > 14) {
			const text = svg('text', { x: leaf.x0 + 3, y: leaf.y0 + 12 });
			const chars = Math.floor((w - 6) / 6);
			text.textContent = leaf.label.length > chars ? `${leaf.label.slice(0, Math.max(1, chars - 1))}…` : leaf.label;
			g.append(text);
		}
		root.append(g);
	});
	const choose = (target: EventTarget | null): void => {
		const g = (target as Element | null)?.closest?.('.leaf') as SVGElement | null;
		if (!g) {
			return;
		}
		selected?.classList.remove('selected');
		selected = g;
		g.classList.add('selected');
		vscode.postMessage({ type: 'select', leaf: Number(g.getAttribute('data-leaf')) });
	};
	root.addEventListener('click', (event) => choose(event.target));
	root.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' || event.key === ' ') {
			event.preventDefault();
			choose(event.target);
		}
	});
	return root;
}

function legend(data: MapData): HTMLElement {
	const list = el('ul', { class: 'legend' });
	for (const group of data.map.groups) {
		const swatch = el('span', { class: 'swatch' });
		swatch.style.background = group.colour < 0 ? 'var(--vscode-disabledForeground, #888)' : slotColours[group.colour % slotColours.length];
		list.append(el('li', {}, swatch, `${group.title} `, el('span', { class: 'muted' }, `${group.files}`)));
	}
	list.append(el('li', { class: 'muted' }, data.labels.legend));
	return list;
}

function sidePanel(data: MapData): HTMLElement {
	const l = data.labels;
	const aside = el('aside');
	aside.append(el('h2', {}, l.whoDecides), el('div', { id: 'decision', 'aria-live': 'polite' }, el('p', { class: 'muted' }, l.pickArea)));
	aside.append(el('h2', {}, l.findings));
	if (data.report.findings.length === 0) {
		aside.append(el('p', {}, l.noFindings));
	} else {
		const list = el('ul', { class: 'findings' });
		data.report.findings.forEach((f, i) => {
			const suggestion = data.report.suggestions[i]?.text ?? '';
			list.append(el('li', {}, el('span', { class: `sev ${f.severity}` }, f.severity), inline(f.message), el('br'), el('span', { class: 'muted' }, '→ ', inline(suggestion))));
		});
		aside.append(list);
	}
	aside.append(el('h2', {}, l.deciders));
	const table = el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', { class: 'n' }, l.commits), el('th', { class: 'n' }, l.files))));
	const body = el('tbody');
	for (const d of data.report.deciders) {
		body.append(el('tr', {}, el('td', {}, el('code', {}, d.id)), el('td', { class: 'n' }, `${d.commits} (${Math.round(d.share * 100)}%)`), el('td', { class: 'n' }, String(d.files))));
	}
	table.append(body);
	aside.append(table);
	return aside;
}

function render(data: MapData): void {
	current = data;
	const app = document.getElementById('app') as HTMLElement;
	app.replaceChildren();
	app.removeAttribute('aria-busy');
	const l = data.labels;
	const main = el('section', { id: 'map' });
	const overlay = el('input', { type: 'checkbox', id: 'overlay', checked: '' });
	const refresh = el('button', { type: 'button' }, l.refresh);
	refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
	main.append(
		el('h1', {}, `${l.title}: ${data.repository}`),
		el('p', { class: 'muted' }, l.summary),
		...data.report.notes.map((n) => el('p', { class: 'muted' }, inline(n))),
		el('div', { class: 'toolbar' }, el('label', {}, overlay, ` ${l.loadOverlay}`), refresh),
		legend(data),
	);
	const picture = drawMap(data);
	overlay.addEventListener('change', () => picture.classList.toggle('no-load', !overlay.checked));
	main.append(picture);
	const dependencies = dependencySection(data);
	if (dependencies) {
		main.append(dependencies);
	}
	app.append(main, sidePanel(data));
}

function showDecision(path: string, lines: readonly DecisionLine[]): void {
	const target = document.getElementById('decision');
	if (!target || !current) {
		return;
	}
	const list = el('dl');
	for (const line of lines) {
		list.append(el('dt', {}, `${line.who} `, el('span', { class: 'muted' }, line.role)), el('dd', {}, inline(line.why)));
	}
	target.replaceChildren(el('p', {}, el('code', {}, path)), lines.length > 0 ? list : el('p', { class: 'muted' }, current.labels.noFindings));
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
	const message = event.data;
	if (message.type === 'map') {
		render(message.data);
	} else if (message.type === 'decision') {
		showDecision(message.path, message.lines);
	} else if (message.type === 'error') {
		(document.getElementById('app') as HTMLElement).replaceChildren(el('p', { role: 'alert' }, message.message));
	}
});

vscode.postMessage({ type: 'ready' });
