import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import type { HierarchyRectangularNode } from 'd3-hierarchy';
import type { GuardrailsConfig } from '../guardrails/types';
import type { DeciderCatalog } from './deciders';

/** One drawn rectangle: a file, a folder, or the small files of a folder taken together. */
export interface MapLeaf {
	/** Repository-relative path of the file or folder (`''` for a group's top level). */
	path: string;
	label: string;
	kind: 'file' | 'folder' | 'rest';
	/** Index into `groups`. */
	group: number;
	files: number;
	unowned: number;
	contractFiles: number;
	/** Commits of the window touching these files, summed per file. */
	changes: number;
	/** A file inside the area, for "Who decides this?". */
	sample: string;
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/** One domain (or CODEOWNERS owner, or the unowned files) and its frame. */
export interface MapGroup {
	id: string | null;
	title: string;
	/** Colour slot; -1 for the unowned group. */
	colour: number;
	files: number;
	changes: number;
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/** The laid-out treemap: what the HTML report and the webview draw, and nothing more. */
export interface OwnershipMap {
	width: number;
	height: number;
	/** `domain` with a guardrails config, else `owner` (the first CODEOWNERS owner). */
	groupedBy: 'domain' | 'owner';
	groups: MapGroup[];
	leaves: MapLeaf[];
	/** The largest changes-per-file of any leaf, to scale the load overlay. */
	maxLoad: number;
	files: number;
}

/** Size and detail of the layout. */
export interface MapOptions {
	width?: number;
	height?: number;
	/** Areas smaller than files/maxLeaves are folded together, so a 100,000-file repository stays drawable. */
	maxLeaves?: number;
}

interface Trie {
	name: string;
	path: string;
	dirs: Map<string, Trie>;
	files: string[];
	count: number;
}

interface Datum {
	name: string;
	children?: Datum[];
	leaf?: Omit<MapLeaf, 'x0' | 'y0' | 'x1' | 'y1'>;
	group?: number;
}

/** Colour slots before they repeat (the webview and the page have this many domain colours). */
export const colourSlots = 8;

function newTrie(name: string, path: string): Trie {
	return { name, path, dirs: new Map(), files: [], count: 0 };
}

function insert(root: Trie, file: string): void {
	root.count++;
	let node = root;
	const parts = file.split('/');
	for (let i = 0; i < parts.length - 1; i++) {
		let next = node.dirs.get(parts[i]);
		if (!next) {
			next = newTrie(parts[i], parts.slice(0, i + 1).join('/'));
			node.dirs.set(parts[i], next);
		}
		next.count++;
		node = next;
	}
	node.files.push(file);
}

function allFiles(node: Trie, out: string[] = []): string[] {
	out.push(...node.files);
	for (const child of node.dirs.values()) {
		allFiles(child, out);
	}
	return out;
}

/**
 * Lays out the repository's files as a treemap grouped by domain (by CODEOWNERS owner without a
 * guardrails config): area is the number of files, each area knows its unowned and contract files
 * and the window's changes. Small folders are folded into one "more files" area per folder, so the
 * number of rectangles stays near `maxLeaves` whatever the repository's size. The layout is
 * d3-hierarchy's squarified treemap.
 */
export function buildOwnershipMap(catalog: DeciderCatalog, config: GuardrailsConfig | null, files: readonly string[], pathCommits: ReadonlyMap<string, number>, options: MapOptions = {}): OwnershipMap {
	const width = options.width ?? 1200;
	const height = options.height ?? 720;
	const minLeaf = Math.max(1, Math.floor(files.length / (options.maxLeaves ?? 1500)));
	const tries = new Map<string | null, Trie>();
	for (const file of files) {
		const group = catalog.resolve(file).group;
		let trie = tries.get(group);
		if (!trie) {
			trie = newTrie('', '');
			tries.set(group, trie);
		}
		insert(trie, file);
	}
	const order = [...tries.entries()].sort((a, b) => (a[0] === null ? 1 : b[0] === null ? -1 : b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1)));
	const groups: MapGroup[] = order.map(([id, trie], i) => ({
		id,
		title: id === null ? 'Unowned' : config?.domains.get(id)?.title ?? id,
		colour: id === null ? -1 : i % colourSlots,
		files: trie.count,
		changes: 0,
		x0: 0, y0: 0, x1: 0, y1: 0,
	}));
	const leafOf = (paths: readonly string[], group: number, path: string, label: string, kind: MapLeaf['kind']): Datum => {
		let unowned = 0;
		let contractFiles = 0;
		let changes = 0;
		for (const p of paths) {
			const needs = catalog.resolve(p);
			unowned += needs.unowned ? 1 : 0;
			contractFiles += needs.contracts.length > 0 ? 1 : 0;
			changes += pathCommits.get(p) ?? 0;
		}
		groups[group].changes += changes;
		return { name: label, leaf: { path, label, kind, group, files: paths.length, unowned, contractFiles, changes, sample: paths[0] } };
	};
	const toData = (node: Trie, group: number): Datum[] => {
		const out: Datum[] = [];
		const rest: string[] = [];
		for (const child of [...node.dirs.values()].sort((a, b) => b.count - a.count)) {
			if (child.count < minLeaf) {
				rest.push(...allFiles(child));
			} else if (child.dirs.size === 0 && minLeaf > 1) {
				out.push(leafOf(child.files, group, child.path, `${child.name}/`, 'folder'));
			} else {
				out.push({ name: child.name, children: toData(child, group) });
			}
		}
		for (const file of node.files) {
			if (minLeaf > 1) {
				rest.push(file);
			} else {
				out.push(leafOf([file], group, file, file.slice(file.lastIndexOf('/') + 1), 'file'));
			}
		}
		if (rest.length > 0) {
			out.push(leafOf(rest, group, node.path, `${rest.length} more file${rest.length === 1 ? '' : 's'}${node.path ? ` in ${node.name}/` : ''}`, 'rest'));
		}
		return out;
	};
	const data: Datum = { name: '', children: order.map(([, trie], i) => ({ name: groups[i].title, group: i, children: toData(trie, i) })) };
	const root = hierarchy<Datum>(data).sum((d) => d.leaf?.files ?? 0).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
	const laid: HierarchyRectangularNode<Datum> = treemap<Datum>()
		.tile(treemapSquarify)
		.size([width, height])
		.paddingInner(1)
		.paddingOuter(2)
		.paddingTop((node) => (node.depth === 1 ? 18 : 2))
		.round(true)(root);
	const leaves: MapLeaf[] = [];
	let maxLoad = 0;
	for (const node of laid.descendants()) {
		if (node.depth === 1 && node.data.group !== undefined) {
			Object.assign(groups[node.data.group], { x0: node.x0, y0: node.y0, x1: node.x1, y1: node.y1 });
		}
		const leaf = node.data.leaf;
		if (leaf) {
			leaves.push({ ...leaf, x0: node.x0, y0: node.y0, x1: node.x1, y1: node.y1 });
			maxLoad = Math.max(maxLoad, leaf.changes / Math.max(1, leaf.files));
		}
	}
	return { width, height, groupedBy: config && config.domains.size > 0 ? 'domain' : 'owner', groups, leaves, maxLoad, files: files.length };
}
