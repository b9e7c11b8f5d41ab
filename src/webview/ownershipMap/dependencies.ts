// The domain dependency graph under the ownership map: the engine laid it out (the same scene the
// CLI's HTML report and the Domain Dependencies panel draw); this draws it with theme colours.
import type { GraphScene } from '../../engine/imports/dependencyGraph';
import { el, svg } from './dom';
import type { MapData } from './protocol';

function arrowMarker(id: string, tone: string): SVGElement {
	const marker = svg('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' });
	marker.append(svg('path', { d: 'M0,0L10,5L0,10z', class: `arrow-head ${tone}` }));
	return marker;
}

function titled(node: SVGElement, text: string): SVGElement {
	const title = svg('title');
	title.textContent = text;
	node.append(title);
	return node;
}

function drawGraph(scene: GraphScene, label: string): SVGSVGElement {
	const root = svg('svg', { viewBox: `0 0 ${scene.width} ${scene.height}`, width: scene.width, height: scene.height, role: 'img', 'aria-label': label, class: 'dependency-graph' }) as SVGSVGElement;
	const defs = svg('defs');
	defs.append(arrowMarker('dep-arrow', 'edge'), arrowMarker('dep-arrow-bad', 'violation'));
	root.append(defs);
	for (const e of scene.edges) {
		const group = titled(svg('g', { class: `dep-edge ${e.tone}`, 'data-from': e.from, 'data-to': e.to }), e.title);
		group.append(svg('path', { d: e.path, 'marker-end': `url(#${e.tone === 'violation' ? 'dep-arrow-bad' : 'dep-arrow'})` }));
		const text = svg('text', { x: e.labelX, y: e.labelY, 'text-anchor': e.labelAnchor });
		text.textContent = e.label;
		group.append(text);
		root.append(group);
	}
	for (const n of scene.nodes) {
		const group = titled(svg('g', { class: 'dep-node', 'data-domain': n.id }), n.tooltip);
		group.append(svg('rect', { x: n.x, y: n.y, width: n.width, height: n.height, rx: 6 }));
		const title = svg('text', { x: n.x + n.width / 2, y: n.y + 20, class: 'dep-title' });
		title.textContent = n.title;
		const subtitle = svg('text', { x: n.x + n.width / 2, y: n.y + 36, class: 'dep-subtitle' });
		subtitle.textContent = n.subtitle;
		group.append(title, subtitle);
		root.append(group);
	}
	return root;
}

/** The section under the map, or undefined when the host sent no graph (no domains, or no import index). */
export function dependencySection(data: MapData): HTMLElement | undefined {
	const dependencies = data.dependencies;
	if (!dependencies || dependencies.scene.nodes.length === 0) {
		return undefined;
	}
	return el('section', { id: 'dependencies' },
		el('h2', {}, data.labels.dependencies),
		el('p', { class: 'muted' }, dependencies.summary),
		drawGraph(dependencies.scene, data.labels.dependencies));
}
