// Lint rules that hold the architecture: the engine imports neither vscode nor Node built-ins,
// only src/vscode (and the integration tests) may import vscode, and inside src/vscode the rooms of
// docs/architecture.md ("Extension") import only downward. test/unit/architecture/guards.test.ts
// shows each rule failing when broken.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// The modules at the top of src/vscode that every room may use.
const shared = '(?:configuration|constants|presentation|logger|keyedDebouncer)';
// A relative specifier climbs as many folders as its file is deep, so the rules are generated for
// each depth: `up(n)` matches a specifier that climbs exactly n folders (`./` for none), and each
// pattern's lookahead lets a further climb through to the pattern for the next level up.
const up = (n) => (n === 0 ? '^\\./' : `^(?:\\.\\./){${n}}`);
const deepest = 8;
const outsideSrc = (k) => ({ regex: up(k + 2), message: 'src/vscode imports nothing from outside src.' });

/** For a file k folders below src/vscode: a feature (features/<x>/, or features/feature.ts at k = 1). */
const featurePatterns = (k) => [
	{ regex: `${up(k - 1)}(?!feature$|\\.\\./)`, message: 'A feature imports its own folder and the shared base (features/feature.ts), never another feature: code two features need belongs in repo/, the engine or a shared module.' },
	{ regex: `${up(k)}(?!${shared}$|repo/|\\.\\./)`, message: 'A feature imports repo/, features/feature.ts, the shared modules (configuration, constants, presentation, logger, keyedDebouncer) and the engine; never the container, commands/, the test API or extension.ts (it gets a FeatureHost).' },
	{ regex: `${up(k + 1)}(?!engine/|webview/ownershipMap/(?:protocol|styles)$|\\.\\./)`, message: 'A feature imports the engine and, for the map panel, the webview protocol and styles; nothing else of src.' },
	outsideSrc(k),
];

/** For a file k folders below src/vscode in repo/. */
const repoPatterns = (k) => [
	{ regex: `${up(k)}(?!${shared}$|repo/|\\.\\./)`, message: 'repo/ imports the shared modules (configuration, constants, presentation, logger, keyedDebouncer) and the engine; never features/, commands/, the container, the test API or extension.ts.' },
	{ regex: `${up(k + 1)}(?!engine/|\\.\\./)`, message: 'repo/ imports the engine; nothing else of src.' },
	outsideSrc(k),
];

/** For the shared modules themselves (k = 0). */
const sharedPatterns = [
	{ regex: `${up(0)}(?!${shared}$)`, message: 'A shared module imports other shared modules and the engine; never repo/, features/, commands/, the container or the test API.' },
	{ regex: `${up(1)}(?!engine/|\\.\\./)`, message: 'A shared module imports the engine; nothing else of src.' },
	outsideSrc(0),
];

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// One block per depth: k = 1 is a file right in src/vscode/<room>/, k = 2 one folder below, and so on.
function roomBlocks(room, patternsAt) {
	const blocks = [];
	for (let k = 1; k <= deepest; k++) {
		blocks.push({ files: [`src/vscode/${room}/${'*/'.repeat(k - 1)}*.ts`], rules: restrict(patternsAt(k)) });
	}
	return blocks;
}

export default tseslint.config(
	{ ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/harness/**', 'demo/**', 'media/**', 'test/fixtures/**', '**/*.mjs', '**/*.js'] },
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/consistent-type-imports': 'error',
			'curly': 'error',
			'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/vscode and test/integration may import vscode.' }] }],
		},
	},
	{
		files: ['src/engine/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', {
				paths: [
					{ name: 'vscode', message: 'The engine is pure: no vscode.' },
					...nodeBuiltins.map((name) => ({ name, message: 'The engine is pure: no Node built-ins; take text, return data.' })),
				],
				patterns: [{ regex: '^(\\.\\./)+(vscode|cli|webview|tools)(/|$)', message: 'Arrows point down: the engine imports nothing from src/vscode, src/cli, src/webview or tools/ (the bench).' }],
			}],
		},
	},
	{
		files: ['src/cli/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', {
				paths: [{ name: 'vscode', message: 'The CLI runs without VS Code: no vscode.' }],
				patterns: [{ regex: '^(\\.\\./)+(vscode|webview|tools)(/|$)', message: 'The CLI imports the engine, never src/vscode, src/webview or tools/ (the bench).' }],
			}],
		},
	},
	{
		files: ['src/vscode/**/*.ts', 'test/integration/**/*.ts'],
		rules: { 'no-restricted-imports': 'off' },
	},
	// The rooms of src/vscode. extension.ts, container.ts, testApi.ts and commands/ sit on top and may import any room.
	...roomBlocks('features', featurePatterns),
	...roomBlocks('repo', repoPatterns),
	{
		// Deeper than the generated rules reach: refuse every relative import rather than check none.
		files: [`src/vscode/{features,repo}/${'*/'.repeat(deepest)}**/*.ts`],
		rules: restrict([{ regex: '^\\.', message: `Deeper than the import rules reach: raise \`deepest\` in eslint.config.mjs.` }]),
	},
	{
		files: ['src/vscode/{configuration,constants,presentation,logger,keyedDebouncer}.ts'],
		rules: restrict(sharedPatterns),
	},
);
