// Lint rules that hold the architecture: the engine imports neither vscode nor Node built-ins,
// and only src/vscode (and the integration tests) may import vscode.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

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
);
