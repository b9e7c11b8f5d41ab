// A synthetic TypeScript monorepo for the import-boundaries bench: workspace packages as domains,
// a guardrails.yaml with exports, dependsOn and allow entries, and source files whose imports are
// mostly inside their domain or through a public entry, with a few boundary violations,
// undeclared dependencies and accepted exceptions. Generated in memory from a seed, never committed.
import { Prng } from './prng';

export interface ImportRepoOptions {
	seed: string;
	/** Total files, configuration files included. */
	files: number;
	/** Domains (workspace packages). */
	domains?: number;
}

export interface ImportRepo {
	/** Repository-relative path → text, sorted by path. */
	files: Map<string, string>;
	domains: string[];
	/** Source files (`.ts`). */
	sources: number;
	/** Import statements written, all kinds. */
	imports: number;
	/** Deep imports into another domain's internals written on purpose (some are allowed by `allow:`). */
	deepImports: number;
}

const words = ['accounts', 'billing', 'catalog', 'checkout', 'customers', 'delivery', 'fraud', 'identity', 'inventory', 'ledger', 'loyalty', 'notifications', 'orders', 'payments', 'pricing', 'refunds', 'reporting', 'search', 'shipping', 'tax'];
const areas = ['api', 'domain', 'internal', 'store', 'jobs', 'util'];
const externals = ['react', 'zod', 'node:crypto', 'lodash/fp', 'date-fns'];

function domainName(i: number): string {
	return i < words.length ? words[i] : `${words[i % words.length]}${Math.floor(i / words.length) + 1}`;
}

/** Layering: a domain may use the next three (no cycles); every fifth declares nothing (an open domain). */
function dependsOn(i: number, count: number): number[] {
	return [i + 1, i + 2, i + 3].filter((d) => d < count);
}

function isOpen(i: number): boolean {
	return i % 5 === 4;
}

function guardrailsYaml(names: readonly string[], allows: readonly { from: string; to: string }[]): string {
	const out = ['version: 1', 'org:', '  people:'];
	names.forEach((name) => out.push(`    ${name}-lead: { name: Lead of ${name} }`));
	out.push('  teams:');
	names.forEach((name) => out.push(`    ${name}: { name: ${name} team, lead: ${name}-lead }`));
	out.push('domains:');
	names.forEach((name, i) => {
		out.push(`  ${name}:`, `    title: ${name[0].toUpperCase()}${name.slice(1)}`, `    team: ${name}`, `    paths: [packages/${name}/**]`);
		if (!isOpen(i)) {
			out.push(`    exports: [packages/${name}/index.ts, packages/${name}/src/api/**]`);
			out.push(`    dependsOn: [${dependsOn(i, names.length).map((d) => names[d]).join(', ')}]`);
		}
	});
	out.push('allow:');
	for (const allow of allows) {
		out.push(`  - from: ${allow.from}`, `    to: ${allow.to}`, '    reason: Known debt, tracked in the bench fixture.');
	}
	return `${out.join('\n')}\n`;
}

/** A function body of a few dozen lines, with comments and strings that look like imports but are not. */
function body(rng: Prng, name: string): string {
	const lines: string[] = [];
	const functions = rng.range(2, 5);
	for (let f = 0; f < functions; f++) {
		lines.push(
			`/** ${name} step ${f}: see import('./not-an-import') in the docs. */`,
			`export function ${name}Step${f}(input: readonly number[], label = "from 'nowhere' import x"): number {`,
			'\tlet total = 0;',
			'\tfor (const value of input) {',
			`\t\tif (value > ${rng.int(100)}) {`,
			`\t\t\ttotal += value * ${rng.range(2, 9)}; // require('also-not-an-import')`,
			'\t\t} else {',
			'\t\t\ttotal -= `${label}:${value}`.length;',
			'\t\t}',
			'\t}',
			'\treturn total;',
			'}',
			'',
		);
	}
	return lines.join('\n');
}

/**
 * Generates the repository: `packages/<domain>/{package.json,index.ts,src/<area>/<file>.ts}`, a
 * root `package.json` with workspaces and `tsconfig.json`, and `guardrails.yaml`. Deterministic for
 * a seed and file count.
 */
export function generateImportRepo(options: ImportRepoOptions): ImportRepo {
	const rng = new Prng(`imports:${options.seed}`);
	const domainCount = options.domains ?? 20;
	const names = Array.from({ length: domainCount }, (_, i) => domainName(i));
	const fixed = 3 + domainCount * 2;
	const perDomain = Math.max(1, Math.floor((options.files - fixed) / domainCount));
	const files = new Map<string, string>();
	const sourcesOf: string[][] = names.map(() => []);
	names.forEach((name, d) => {
		for (let k = 0; k < perDomain; k++) {
			const area = areas[k % areas.length];
			sourcesOf[d].push(`packages/${name}/src/${area}/${area}${Math.floor(k / areas.length)}.ts`);
		}
	});
	let imports = 0;
	let deepImports = 0;
	const allows: { from: string; to: string }[] = [];
	names.forEach((name, d) => {
		const own = sourcesOf[d];
		const deps = isOpen(d) ? [d + 1, d + 2].filter((x) => x < domainCount) : dependsOn(d, domainCount);
		files.set(`packages/${name}/package.json`, `${JSON.stringify({ name: `@acme/${name}`, version: '1.0.0', types: 'index.ts', main: 'index.ts' }, null, 2)}\n`);
		files.set(`packages/${name}/index.ts`, `${own.filter((f) => f.includes('/src/api/')).slice(0, 20).map((f) => `export * from './${f.slice(`packages/${name}/`.length, -3)}';`).join('\n')}\n`);
		own.forEach((file, k) => {
			const dir = file.slice(0, file.lastIndexOf('/'));
			const lines = ['// Generated by the import-boundaries bench.'];
			const add = (statement: string): void => {
				lines.push(statement);
				imports++;
			};
			for (let i = rng.range(2, 5); i > 0; i--) {
				const target = rng.pick(own);
				if (target === file) {
					continue;
				}
				add(`import { thing${i} } from '${relative(dir, target.slice(0, -3))}';`);
			}
			for (const dep of deps) {
				if (rng.chance(0.5)) {
					add(`import { ${names[dep]}Api } from '@acme/${names[dep]}';`);
				}
			}
			const closed = deps.filter((dep) => !isOpen(dep));
			if (closed.length > 0 && rng.chance(0.04)) {
				// Into another domain's internals (one that declares exports; an open domain has none):
				// a violation, or an accepted exception for every tenth.
				const dep = rng.pick(closed);
				const target = rng.pick(sourcesOf[dep].filter((f) => !f.includes('/src/api/')));
				add(`import { internal } from '@acme/${names[dep]}/${target.slice(`packages/${names[dep]}/`.length, -3)}';`);
				deepImports++;
				if (deepImports % 10 === 0) {
					allows.push({ from: file, to: target });
				}
			}
			if (d + 5 < domainCount && rng.chance(0.01)) {
				add(`import type { Later } from '@acme/${names[d + 5]}';`);
			}
			for (let i = rng.int(3); i > 0; i--) {
				add(`import * as ext${i} from '${rng.pick(externals)}';`);
			}
			lines.push('', body(rng, `${name}${k}`));
			files.set(file, lines.join('\n'));
		});
	});
	files.set('package.json', `${JSON.stringify({ name: 'acme-monorepo', private: true, workspaces: ['packages/*'] }, null, 2)}\n`);
	files.set('tsconfig.json', `${JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler' } }, null, 2)}\n`);
	files.set('guardrails.yaml', guardrailsYaml(names, allows));
	const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
	return { files: sorted, domains: names, sources: sourcesOf.reduce((n, list) => n + list.length, 0) + domainCount, imports, deepImports };
}

/** A relative specifier from a directory to a path without extension. */
function relative(fromDir: string, to: string): string {
	const from = fromDir.split('/');
	const target = to.split('/');
	let common = 0;
	while (common < from.length && common < target.length - 1 && from[common] === target[common]) {
		common++;
	}
	const up = from.length - common;
	const rest = target.slice(common).join('/');
	return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}
