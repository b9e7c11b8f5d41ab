// Small DOM builders for the webview scripts. Text is always set as text, never parsed as HTML.

const svgNs = 'http://www.w3.org/2000/svg';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs)) {
		node.setAttribute(k, v);
	}
	node.append(...children);
	return node;
}

export function svg(tag: string, attrs: Record<string, string | number> = {}): SVGElement {
	const node = document.createElementNS(svgNs, tag);
	for (const [k, v] of Object.entries(attrs)) {
		node.setAttribute(k, String(v));
	}
	return node;
}

/** Our messages mark paths as `code`; everything is set as text, never as HTML. */
export function inline(text: string): DocumentFragment {
	const fragment = document.createDocumentFragment();
	text.split('`').forEach((part, i) => fragment.append(i % 2 === 1 ? el('code', {}, part) : part));
	return fragment;
}
