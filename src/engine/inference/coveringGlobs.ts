// The smallest set of directory globs that gives every labelled file its label, relying on the
// config's rule that the most specific pattern wins (`a/b/**` beats `a/**`, a file beats both).
// A tree dynamic programme: at each directory either keep the label inherited from above (no
// glob) or start a new one (`dir/**`, one glob); files that still disagree get a literal entry.
// Files without a label are "don't care": they may fall into whatever domain covers them.

interface DirNode {
	path: string;
	/** Labels of the files directly in this directory (undefined: no label). */
	files: { path: string; label: string }[];
	children: DirNode[];
	/** Labelled files in the whole subtree, per label. */
	totals: Map<string, number>;
	/** Files without a label: directly here, and in the whole subtree. */
	loose: number;
	looseNames: string[];
	looseTotal: number;
	memo: Map<string, { cost: number; choice: string }>;
}

const none = '';
/**
 * What it costs to let one unlabelled file fall into a domain, in globs: four such files weigh as
 * much as one more glob, so a folder of a team's files with a stray unowned file still becomes
 * `dir/**`, but a folder of mostly unowned files does not become a team's domain.
 */
const looseWeight = 0.25;
/** A literal file entry costs a little more than a directory glob, so on a tie the folder wins. */
const literalCost = 1.001;

/** Escapes minimatch's special characters so a real path is matched literally. */
export function literalGlob(path: string): string {
	const escaped = path.replace(/[*?[\]{}()\\]/g, (c) => `\\${c}`);
	return escaped.startsWith('!') || escaped.startsWith('#') ? `\\${escaped}` : escaped;
}

function buildTree(files: readonly string[], assignment: ReadonlyMap<string, string>): DirNode {
	const root: DirNode = { path: '', files: [], children: [], totals: new Map(), loose: 0, looseNames: [], looseTotal: 0, memo: new Map() };
	const byPath = new Map<string, DirNode>([['', root]]);
	const nodeOf = (dir: string): DirNode => {
		let node = byPath.get(dir);
		if (node === undefined) {
			const slash = dir.lastIndexOf('/');
			const parent = nodeOf(slash < 0 ? '' : dir.slice(0, slash));
			node = { path: dir, files: [], children: [], totals: new Map(), loose: 0, looseNames: [], looseTotal: 0, memo: new Map() };
			parent.children.push(node);
			byPath.set(dir, node);
		}
		return node;
	};
	for (const file of files) {
		const label = assignment.get(file);
		const slash = file.lastIndexOf('/');
		const dir = slash < 0 ? '' : file.slice(0, slash);
		if (label === undefined) {
			nodeOf(dir).loose++;
			nodeOf(dir).looseNames.push(file);
		} else {
			nodeOf(dir).files.push({ path: file, label });
		}
		let node: string | undefined = dir;
		while (node !== undefined) {
			const entry = byPath.get(node)!;
			if (label === undefined) {
				entry.looseTotal++;
			} else {
				entry.totals.set(label, (entry.totals.get(label) ?? 0) + 1);
			}
			node = node === '' ? undefined : (node.lastIndexOf('/') < 0 ? '' : node.slice(0, node.lastIndexOf('/')));
		}
	}
	const sortTree = (node: DirNode): void => {
		node.children.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
		node.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
		node.children.forEach(sortTree);
	};
	sortTree(root);
	return root;
}

/** Fewest globs for a subtree whose files inherit `inherited`, and the label to use here. */
function solve(node: DirNode, inherited: string, rootLabel: string | undefined): number {
	const cached = node.memo.get(inherited);
	if (cached !== undefined) {
		return cached.cost;
	}
	if (node.totals.size === 0 || (node.totals.size === 1 && node.totals.has(inherited))) {
		const forced = inherited === none ? 0 : node.looseTotal * looseWeight;
		node.memo.set(inherited, { cost: forced, choice: inherited });
		return forced;
	}
	// Candidates in a fixed order: the inherited label first, then by files (most first), then name.
	const labels = [...node.totals.keys()].filter((l) => l !== inherited)
		.sort((a, b) => node.totals.get(b)! - node.totals.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
	let best = Number.POSITIVE_INFINITY;
	let bestChoice = inherited;
	const choices = node.path === '' ? [inherited, ...labels.filter((l) => l === rootLabel)] : [inherited, ...labels];
	for (const choice of choices) {
		let cost = (choice === inherited ? 0 : 1) + (choice === none ? 0 : node.loose * looseWeight);
		for (const file of node.files) {
			if (file.label !== choice) {
				cost += literalCost;
			}
		}
		if (cost > best) {
			continue;
		}
		for (const child of node.children) {
			cost += solve(child, choice, rootLabel);
			if (cost > best) {
				break;
			}
		}
		// On equal cost the inherited label (tried first) stays: a glob lower down claims less.
		if (cost < best - 1e-9) {
			best = cost;
			bestChoice = choice;
		}
	}
	node.memo.set(inherited, { cost: best, choice: bestChoice });
	return best;
}

/**
 * Literal files of one label in one folder, as `dir/prefix*` when three or more share a name
 * prefix that no other file of the folder has (CODEOWNERS files list test snapshots that way).
 */
function compressFiles(node: DirNode, label: string, paths: string[]): string[] {
	if (paths.length < 3) {
		return paths.map(literalGlob);
	}
	const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
	const names = paths.map(base).sort();
	let prefix = names[0];
	for (const name of names) {
		while (!name.startsWith(prefix)) {
			prefix = prefix.slice(0, -1);
		}
	}
	const others = [...node.files.filter((f) => f.label !== label).map((f) => f.path), ...node.looseNames].map(base);
	if (prefix.length < 4 || others.some((name) => name.startsWith(prefix))) {
		return paths.map(literalGlob);
	}
	return [`${node.path === '' ? '' : `${literalGlob(node.path)}/`}${literalGlob(prefix)}*`];
}

/**
 * The fewest globs (directories as `dir/**`, the root as `**`, leftover files literally) that give
 * every labelled file its label under most-specific-wins, per label, each list sorted, letting as
 * few unlabelled files as possible fall into a domain. Only `rootLabel` (the fallback, owner of
 * the catch-all rule) may take the whole repository (`**`). The answer depends only on the
 * files and labels, never on their order.
 */
export function coveringGlobs(files: readonly string[], assignment: ReadonlyMap<string, string>, rootLabel?: string): Map<string, string[]> {
	const root = buildTree(files, assignment);
	const globs = new Map<string, string[]>();
	const add = (label: string, glob: string): void => {
		const list = globs.get(label) ?? [];
		list.push(glob);
		globs.set(label, list);
	};
	const emit = (node: DirNode, inherited: string): void => {
		solve(node, inherited, rootLabel);
		const choice = node.memo.get(inherited)!.choice;
		if (choice !== inherited) {
			add(choice, node.path === '' ? '**' : `${literalGlob(node.path)}/**`);
		}
		const stray = new Map<string, string[]>();
		for (const file of node.files) {
			if (file.label !== choice) {
				stray.set(file.label, [...(stray.get(file.label) ?? []), file.path]);
			}
		}
		for (const [label, paths] of stray) {
			compressFiles(node, label, paths).forEach((glob) => add(label, glob));
		}
		for (const child of node.children) {
			if (child.totals.size > 0 && !(child.totals.size === 1 && child.totals.has(choice))) {
				emit(child, choice);
			}
		}
	};
	emit(root, none);
	for (const list of globs.values()) {
		list.sort();
	}
	return globs;
}
