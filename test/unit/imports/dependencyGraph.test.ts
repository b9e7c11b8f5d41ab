import * as assert from 'assert';
import { renderDependencySvg } from '../../../src/engine/imports/dependencyGraph';
import type { DomainEdge } from '../../../src/engine/imports/boundaryScan';

function edge(from: string, to: string, total: number, violation = 0): DomainEdge {
	return { from, to, total, counts: { 'allowed-public': total - violation, 'allowed-exception': 0, violation, 'dependency-not-declared': 0 } };
}

/** The start point of each edge's path and its label position, by `from>to`. */
function geometry(svg: string): Map<string, { start: number[]; label: number[] }> {
	const out = new Map<string, { start: number[]; label: number[] }>();
	for (const m of svg.matchAll(/<g class="edge[^"]*" data-from="([^"]+)" data-to="([^"]+)">.*?<path d="M([\d.-]+),([\d.-]+) .*?<text x="([\d.-]+)" y="([\d.-]+)"/g)) {
		out.set(`${m[1]}>${m[2]}`, { start: [Number(m[3]), Number(m[4])], label: [Number(m[5]), Number(m[6])] });
	}
	return out;
}

suite('domain dependency graph', () => {
	test('two domains importing each other get two separate arrows and labels (the demo: payments ⇄ core banking)', () => {
		const svg = renderDependencySvg([edge('core', 'payments', 1), edge('payments', 'core', 3, 1)], new Map());
		const shapes = geometry(svg);
		const there = shapes.get('payments>core');
		const back = shapes.get('core>payments');
		assert.ok(there && back, svg);
		assert.ok(Math.abs(there.label[0] - back.label[0]) >= 12, `labels apart: ${there.label[0]} vs ${back.label[0]}`);
		assert.match(svg, /text-anchor="end"[^>]*>1<|text-anchor="end"[^>]*>3 \(1 ✗\)</);
	});

	test('a one-way edge is drawn from the centre of its node', () => {
		const svg = renderDependencySvg([edge('payments', 'core', 2)], new Map());
		const shapes = geometry(svg);
		const one = shapes.get('payments>core');
		assert.ok(one);
		assert.doesNotMatch(svg, /text-anchor="end"[^>]*>2</);
	});
});
