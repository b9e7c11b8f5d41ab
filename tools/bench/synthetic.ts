// Deterministic synthetic repository for measuring CODEOWNERS resolution beyond the size of the
// real corpus. Everything is produced as text (a CODEOWNERS file and a newline-separated file
// list), so the engines under test parse real input exactly as they would read it from disk.
import type { Dialect } from '../../src/engine/codeowners/types';
import { Prng } from './prng';

export interface SyntheticOptions {
	seed: number | string;
	/** Number of file paths in the tree. */
	paths: number;
	/** Number of pattern lines (section headers, comments and blank lines are not counted). */
	rules: number;
	dialect: Dialect;
}

/** How many rules of each shape were written, so the tests (and the report) can show the mix. */
export interface RuleShapeCounts {
	catchAll: number;
	anchoredDir: number;
	middleSlashDir: number;
	exactFile: number;
	extensionGlob: number;
	dirStar: number;
	dirDoubleStar: number;
	anyDepthName: number;
	bareName: number;
	wildcardName: number;
	ownerless: number;
	repeatedGeneral: number;
	exclusion: number;
}

export interface SyntheticDataset {
	codeowners: string;
	/** One path per line, no trailing newline, repository-relative posix paths. */
	files: string;
	paths: number;
	rules: number;
	/** GitLab: section headers written (0 on GitHub). */
	sectionHeaders: number;
	shapes: RuleShapeCounts;
}

/** The tree before it is turned into text; exported for the tests. */
export interface SyntheticTree {
	dirs: string[];
	depth: number[];
	children: number[][];
	fileNames: string[][];
	/** Paths in emission order (depth-first, files before subdirectories). */
	files: string[];
}

const topLevel = ['services', 'libs', 'packages', 'apps', 'tools', 'docs', 'infra', 'vendor', 'test', 'scripts', 'platform', 'src', 'examples', 'third_party', 'config', '.github'];
const commonDirs = ['src', 'test', 'tests', 'internal', 'api', 'migrations', 'assets', 'docs', 'lib', 'cmd', 'pkg', 'config', 'fixtures', '__tests__', 'proto', 'dashboards', 'include', 'scripts', 'drivers', 'boards'];
const extensions = ['ts', 'ts', 'ts', 'js', 'py', 'py', 'go', 'c', 'c', 'h', 'h', 'md', 'json', 'yaml', 'yml', 'proto', 'sql', 'rs', 'java', 'txt', 'cmake', 'sh', 'rst'];
const specialFiles = ['README.md', 'package.json', 'Makefile', 'CMakeLists.txt', 'BUILD', 'Kconfig', 'manifest.json', '.gitignore', 'CHANGELOG.md', 'go.mod'];
const syllables = ['ka', 'lo', 'mi', 'ren', 'tor', 'sa', 'vi', 'dun', 'pe', 'qua', 'ri', 'zo', 'ban', 'cle', 'fo', 'gar', 'hu', 'jin', 'mek', 'nor', 'ost', 'pla', 'sun', 'tri', 'ul', 'ver', 'wen', 'yx'];

/** Maximum directory depth (top level is 1), close to what large monorepos show. */
const maxDepth = 8;

function word(rng: Prng): string {
	const count = rng.range(1, 3);
	let text = '';
	for (let i = 0; i < count; i++) {
		text += rng.pick(syllables);
	}
	return text;
}

/** Builds the directory tree and the file names; deterministic for a given seed and size. */
export function generateTree(seed: number | string, pathCount: number): SyntheticTree {
	const rng = new Prng(`${String(seed)}:tree`);
	const dirs: string[] = [];
	const depth: number[] = [];
	const children: number[][] = [];
	const known = new Set<string>();
	for (const name of topLevel) {
		known.add(name);
		dirs.push(name);
		depth.push(1);
		children.push([]);
	}
	// About 16 files per directory, the median of the corpus repositories.
	const dirCount = Math.max(topLevel.length, Math.round(pathCount / 16));
	while (dirs.length < dirCount) {
		const parent = rng.int(dirs.length);
		if (depth[parent] >= maxDepth) {
			continue;
		}
		let name = rng.chance(0.3) ? rng.pick(commonDirs) : word(rng);
		let path = `${dirs[parent]}/${name}`;
		if (known.has(path)) {
			name = `${name}-${dirs.length}`;
			path = `${dirs[parent]}/${name}`;
		}
		known.add(path);
		children[parent].push(dirs.length);
		dirs.push(path);
		depth.push(depth[parent] + 1);
		children.push([]);
	}
	// Skewed file counts: half the files land uniformly, half favour the older (shallower)
	// directories, so some directories are large and many are small, as in real trees.
	const counts = new Array<number>(dirs.length).fill(0);
	for (let i = 0; i < pathCount; i++) {
		const u = rng.next();
		const index = rng.chance(0.5) ? Math.floor(u * dirs.length) : Math.floor(u * u * dirs.length);
		counts[index]++;
	}
	const fileNames: string[][] = [];
	for (let d = 0; d < dirs.length; d++) {
		const names: string[] = [];
		const used = new Set<string>();
		for (let k = 0; k < counts[d]; k++) {
			let name = rng.chance(0.08) ? rng.pick(specialFiles) : `${word(rng)}.${rng.pick(extensions)}`;
			if (used.has(name)) {
				name = `${word(rng)}${k}.${rng.pick(extensions)}`;
			}
			used.add(name);
			names.push(name);
		}
		fileNames.push(names);
	}
	const files: string[] = [];
	const stack: number[] = [];
	for (let t = topLevel.length - 1; t >= 0; t--) {
		stack.push(t);
	}
	while (stack.length > 0) {
		const d = stack.pop() as number;
		for (const name of fileNames[d]) {
			files.push(`${dirs[d]}/${name}`);
		}
		const kids = children[d];
		for (let c = kids.length - 1; c >= 0; c--) {
			stack.push(kids[c]);
		}
	}
	return { dirs, depth, children, fileNames, files };
}

function emptyShapes(): RuleShapeCounts {
	return {
		catchAll: 0, anchoredDir: 0, middleSlashDir: 0, exactFile: 0, extensionGlob: 0, dirStar: 0, dirDoubleStar: 0,
		anyDepthName: 0, bareName: 0, wildcardName: 0, ownerless: 0, repeatedGeneral: 0, exclusion: 0,
	};
}

type Shape = keyof RuleShapeCounts;

interface Line {
	pattern: string;
	shape: Shape;
	/** Null: write no owners (ownerless override, or GitLab: inherit the section's defaults). */
	owners: string | null;
}

class RuleWriter {
	readonly owners: string[] = [];

	constructor(private readonly rng: Prng, private readonly tree: SyntheticTree, private readonly dialect: Dialect) {
		for (let i = 0; i < 300; i++) {
			this.owners.push(`@synth-org/team-${word(rng)}${i}`);
		}
		for (let i = 0; i < 300; i++) {
			this.owners.push(`@user-${word(rng)}${i}`);
		}
		for (let i = 0; i < 100; i++) {
			this.owners.push(`${word(rng)}${i}@example.com`);
		}
		if (dialect === 'gitlab') {
			// GitLab nested groups have more than two segments (esp-idf uses them).
			for (let i = 0; i < 50; i++) {
				this.owners.push(`@synth-org/${word(rng)}/team${i}`);
			}
		}
	}

	ownerList(): string {
		const count = this.rng.chance(0.7) ? 1 : this.rng.range(2, 3);
		const picked: string[] = [];
		for (let i = 0; i < count; i++) {
			picked.push(this.rng.pick(this.owners));
		}
		return picked.join(' ');
	}

	/** A directory below `dir`, 0 to `most` levels down. */
	descendant(dir: number, most = 3): number {
		let current = dir;
		const steps = this.rng.range(0, most);
		for (let i = 0; i < steps; i++) {
			const kids = this.tree.children[current];
			if (kids.length === 0) {
				break;
			}
			current = this.rng.pick(kids);
		}
		return current;
	}

	/** One rule about `dir` or something inside it, in the mix the corpus shows. */
	specific(area: number): Line {
		const rng = this.rng;
		const d = this.descendant(area);
		const dir = this.tree.dirs[d];
		const names = this.tree.fileNames[d];
		const lead = this.dialect === 'gitlab' || rng.chance(0.6) ? '/' : '';
		const shape = rng.weighted<Exclude<Shape, 'catchAll' | 'bareName' | 'repeatedGeneral' | 'exclusion'>>({
			anchoredDir: 35, middleSlashDir: 6, exactFile: 26, dirStar: 11, extensionGlob: 6, dirDoubleStar: 3,
			wildcardName: 3, ownerless: 5, anyDepthName: 1,
		});
		switch (shape) {
			case 'anchoredDir':
				return { pattern: `/${dir}/`, shape, owners: this.ownerList() };
			case 'middleSlashDir':
				// No leading slash but an inner one: anchored on GitHub, any depth on GitLab.
				return { pattern: `${dir}/`, shape, owners: this.ownerList() };
			case 'exactFile':
				if (names.length > 0) {
					return { pattern: `${lead}${dir}/${rng.pick(names)}`, shape, owners: this.ownerList() };
				}
				return { pattern: `/${dir}/`, shape: 'anchoredDir', owners: this.ownerList() };
			case 'dirStar':
				return { pattern: `${lead}${dir}/*`, shape, owners: this.ownerList() };
			case 'extensionGlob':
				return { pattern: rng.chance(0.5) ? `/${dir}/**/*.${rng.pick(extensions)}` : `${lead}${dir}/*.${rng.pick(extensions)}`, shape, owners: this.ownerList() };
			case 'dirDoubleStar':
				return { pattern: `/${dir}/**`, shape, owners: this.ownerList() };
			case 'wildcardName': {
				const stem = names.length > 0 ? rng.pick(names).slice(0, 2) : 'a';
				return { pattern: `/${dir}/${stem}*`, shape, owners: this.ownerList() };
			}
			case 'ownerless':
				if (names.length > 0 && rng.chance(0.3)) {
					return { pattern: `/${dir}/${rng.pick(names)}`, shape, owners: null };
				}
				return { pattern: `/${dir}/`, shape, owners: null };
			default:
				// Scoped to the area (`/examples/**/name/`, as esp-idf writes them): an area's rule
				// should not reach across the whole tree; the tree-wide `**/name/` rules are globals.
				return { pattern: `/${this.tree.dirs[area]}/**/${this.tree.dirs[d].split('/').pop() as string}/`, shape: 'anyDepthName', owners: this.ownerList() };
		}
	}

	/** Rules that apply across the tree; repositories put them near the top. */
	global(first: boolean[]): Line {
		const rng = this.rng;
		// Each kind at least once (`first` flags), so small files still show the whole mix.
		const kinds = ['ext', 'anyDepth', 'bare'] as const;
		const unused = kinds.findIndex((_, i) => !first[i]);
		const kind = unused >= 0 ? kinds[unused] : rng.weighted({ ext: 4, anyDepth: 3, bare: 2 });
		if (unused >= 0) {
			first[unused] = true;
		}
		switch (kind) {
			case 'ext':
				return { pattern: `*.${rng.pick(extensions)}`, shape: 'extensionGlob', owners: this.ownerList() };
			case 'anyDepth':
				return { pattern: `**/${rng.pick(commonDirs)}/`, shape: 'anyDepthName', owners: this.ownerList() };
			default:
				return { pattern: rng.pick(specialFiles), shape: 'bareName', owners: this.ownerList() };
		}
	}
}

/** Generates the CODEOWNERS text and the file list text for one dialect. */
export function generateSynthetic(options: SyntheticOptions): SyntheticDataset {
	const tree = generateTree(options.seed, options.paths);
	const codeowners = generateCodeowners(tree, options);
	const files = tree.files.join('\n');
	return { ...codeowners, files, paths: tree.files.length };
}

/** The CODEOWNERS half of `generateSynthetic`, for a tree built once and shared by both dialects. */
export function generateCodeowners(tree: SyntheticTree, options: SyntheticOptions): Omit<SyntheticDataset, 'files' | 'paths'> {
	const rng = new Prng(`${String(options.seed)}:${options.dialect}:rules`);
	const writer = new RuleWriter(rng, tree, options.dialect);
	const shapes = emptyShapes();
	const out: string[] = [`# Synthetic CODEOWNERS (${options.dialect}), seed ${String(options.seed)}: ${options.rules} rules, ${tree.files.length} paths.`, ''];
	let rules = 0;
	let sectionHeaders = 0;
	const gitlab = options.dialect === 'gitlab';
	const write = (line: Line): void => {
		if (rules >= options.rules) {
			return;
		}
		shapes[line.shape]++;
		out.push(line.owners === null ? line.pattern : `${line.pattern} ${line.owners}`);
		rules++;
	};
	// Catch-all first, then a handful of repository-wide rules (as integrations-extras does).
	write({ pattern: '*', shape: 'catchAll', owners: writer.ownerList() });
	const globals = Math.max(3, Math.round(options.rules * 0.004));
	const seen = [false, false, false];
	for (let i = 0; i < globals; i++) {
		write(writer.global(seen));
	}
	const sectionNames: string[] = [];
	let sectionBudget = 0;
	// Entries may leave their owners out only where the section header gives defaults.
	let sectionDefaults = false;
	let sectionRoots: number[] = [];
	// Areas: directories at depth 1 to 3, each given a general rule and then its specifics.
	const areas: number[] = [];
	for (let d = 0; d < tree.dirs.length; d++) {
		if (tree.depth[d] <= 3) {
			areas.push(d);
		}
	}
	while (rules < options.rules) {
		if (gitlab && sectionBudget <= 0) {
			// A new section about every 100 rules; some repeat an earlier name (GitLab merges them),
			// some are optional (`^`), some ask for more than one approval.
			let name = `${word(rng)} ${sectionNames.length}`;
			if (sectionNames.length > 3 && rng.chance(0.05)) {
				name = rng.pick(sectionNames);
			} else {
				sectionNames.push(name);
			}
			// The second and third sections always show these features, so small files have them too.
			const optional = sectionHeaders === 1 || rng.chance(0.15) ? '^' : '';
			// GitLab rejects an approval count on an optional section, so never write both.
			const approvals = optional === '' && (sectionHeaders === 2 || rng.chance(0.15)) ? `[${rng.range(2, 3)}]` : '';
			sectionDefaults = rng.chance(0.95);
			const defaults = sectionDefaults ? ` ${writer.ownerList()}` : '';
			out.push('', `${optional}[${name}]${approvals}${defaults}`);
			sectionHeaders++;
			sectionBudget = rng.range(50, 150);
			// A section is a team's part of the tree: its rules stay under one to three roots, so
			// sections overlap as little as in real files (NVIDIA__warp: under one section per path).
			sectionRoots = [];
			const roots = rng.range(1, 3);
			for (let i = 0; i < roots; i++) {
				sectionRoots.push(rng.pick(areas));
			}
		}
		const area = gitlab ? writer.descendant(rng.pick(sectionRoots), 2) : rng.pick(areas);
		const general: Line = rng.weighted({ dir: 6, star: 2, doubleStar: 1 }) === 'dir'
			? { pattern: `/${tree.dirs[area]}/`, shape: 'anchoredDir', owners: writer.ownerList() }
			: rng.chance(0.66)
				? { pattern: `${tree.dirs[area]}/*`, shape: 'dirStar', owners: writer.ownerList() }
				: { pattern: `/${tree.dirs[area]}/**`, shape: 'dirDoubleStar', owners: writer.ownerList() };
		if (rng.chance(0.05)) {
			out.push(`# ${word(rng)} ${word(rng)}`);
		}
		write(gitlab && sectionDefaults && rng.chance(0.5) ? { ...general, owners: null } : general);
		const specifics = rng.range(0, 12);
		for (let i = 0; i < specifics; i++) {
			const line = writer.specific(area);
			// GitLab: a path line with no owners inherits the section defaults, so most lines
			// leave them out; an ownerless override is only meaningful on GitHub.
			if (gitlab && line.shape === 'ownerless') {
				write({ ...line, shape: 'exclusion', pattern: `!${line.pattern}` });
			} else if (gitlab && sectionDefaults && rng.chance(0.6)) {
				write({ ...line, owners: null });
			} else {
				write(line);
			}
		}
		if (rng.chance(0.2)) {
			// The general rule again after its specifics: it wins for everything under the area.
			write({ ...general, shape: 'repeatedGeneral' });
		}
		sectionBudget -= specifics + 1;
	}
	out.push('');
	return { codeowners: out.join('\n'), rules, sectionHeaders, shapes };
}
