// Two bundles: the extension (cjs, vscode external) and the CLI (plain Node), plus the webview script;
// `--bench` builds the benchmark alone (tools/bench → out/bench/bench.js). The CLI bundle has no
// vscode external, so an engine that imported vscode would fail this build.
import * as esbuild from 'esbuild';
import { removeCodeCache, writeCodeCache } from './scripts/cliCodeCache.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `npm run bench` only: the benchmark is a development tool, kept out of dist/ and of every product build.
const bench = process.argv.includes('--bench');

/** Prints errors in the form VS Code's $esbuild-watch problem matcher reads. */
const problemMatcher = {
	name: 'problem-matcher',
	setup(build) {
		build.onStart(() => console.log('[watch] build started'));
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) {
					console.error(`    ${location.file}:${location.line}:${location.column}:`);
				}
			}
			console.log('[watch] build finished');
		});
	},
};

const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	minify: production,
	sourcemap: !production,
	sourcesContent: false,
	logLevel: watch ? 'silent' : 'warning',
	plugins: watch ? [problemMatcher] : [],
};

const cliBundle = 'dist/cli-main.js';

const builds = [
	{ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
	// The CLI is started once per call, so its load time counts: whitespace and syntax are always
	// minified (about a third less to parse), names are kept so stack traces stay readable. The
	// binary, dist/cli.js, is a small loader that runs dist/cli-main.js with V8's code cache.
	{ ...common, entryPoints: ['src/cli/main.ts'], outfile: cliBundle, minifyWhitespace: true, minifySyntax: true },
	{ ...common, entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, minifyWhitespace: true, minifySyntax: true },
	// Webview scripts run in the webview's browser context, not in Node.
	{ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['src/webview/ownershipMap/main.ts'], outfile: 'dist/webview/ownershipMap.js' },
];

if (bench) {
	await esbuild.build({ ...common, entryPoints: ['tools/bench/main.ts'], outfile: 'out/bench/bench.js' });
} else if (watch) {
	// Each rebuild changes the bundle: no cache rather than a stale one (the loader checks, too).
	removeCodeCache(cliBundle);
	for (const options of builds) {
		const ctx = await esbuild.context(options);
		await ctx.watch();
	}
} else {
	await Promise.all(builds.map((options) => esbuild.build(options)));
	writeCodeCache(cliBundle);
}
