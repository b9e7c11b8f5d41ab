// The layering guards must fail when broken: a guard that never fires is no guard. Each probe is a
// file that exists only in memory, at a path inside src/engine, src/cli or a room of src/vscode,
// checked the way `npm run typecheck` and `npm run lint` check the real files.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import * as ts from 'typescript';
import { repoRoot } from '../cli/cliHarness';

/** Type-checks the engine's project with one extra in-memory file; returns the error messages. */
function engineCompileErrors(probePath: string, probeText: string): string[] {
	const configFile = path.join(repoRoot, 'src', 'engine', 'tsconfig.json');
	const read = ts.readConfigFile(configFile, ts.sys.readFile);
	const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configFile));
	const probe = path.join(repoRoot, probePath);
	const host = ts.createCompilerHost(parsed.options);
	const getSourceFile = host.getSourceFile.bind(host);
	const fileExists = host.fileExists.bind(host);
	host.getSourceFile = (name, language, onError) => (path.resolve(name) === probe ? ts.createSourceFile(name, probeText, language) : getSourceFile(name, language, onError));
	host.fileExists = (name) => path.resolve(name) === probe || fileExists(name);
	// Only the probe as a root: the engine's own files come in through its imports, if any.
	const program = ts.createProgram([probe], parsed.options, host);
	return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(repoRoot, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

async function lintMessages(probePath: string, probeText: string): Promise<string[]> {
	const eslint = new ESLint({ cwd: repoRoot });
	const [result] = await eslint.lintText(probeText, { filePath: path.join(repoRoot, probePath) });
	return result.messages.map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

suite('architecture guards fail when broken', function () {
	this.timeout(120_000);

	test('the engine\'s tsconfig refuses vscode and Node built-ins, and accepts a pure file', () => {
		const vscodeErrors = engineCompileErrors('src/engine/probe.ts', "import * as vscode from 'vscode';\nexport const probe = vscode;\n");
		assert.ok(vscodeErrors.some((e) => /The engine is pure: src\/engine must not import vscode/.test(e)), vscodeErrors.join('\n'));
		const nodeErrors = engineCompileErrors('src/engine/probe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n");
		assert.ok(nodeErrors.some((e) => /Cannot find module 'node:fs'/.test(e)), nodeErrors.join('\n'));
		const processErrors = engineCompileErrors('src/engine/probe.ts', 'export const probe = process.env;\n');
		assert.ok(processErrors.some((e) => /Cannot find name 'process'/.test(e)), processErrors.join('\n'));
		// A relative import of the extension fails through what the extension imports.
		const relativeErrors = engineCompileErrors('src/engine/probe.ts', "import { getConfig } from '../vscode/configuration';\nexport const probe = getConfig;\n");
		assert.ok(relativeErrors.length > 0, 'importing src/vscode from the engine must not compile');
		assert.deepEqual(engineCompileErrors('src/engine/probe.ts', "import { normalizeRepoPath } from './paths';\nexport const probe = normalizeRepoPath;\n"), []);
	});

	test('lint bans vscode, Node built-ins and relative imports upward from the engine, and vscode from the CLI', async () => {
		const engine = async (text: string): Promise<string[]> => lintMessages('src/engine/guardrails/probe.ts', text);
		assert.match((await engine("import * as vscode from 'vscode';\nexport const probe = vscode;\n")).join('\n'), /no-restricted-imports: .*The engine is pure: no vscode/);
		assert.match((await engine("import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n")).join('\n'), /no-restricted-imports: .*no Node built-ins/);
		for (const target of ['../../vscode/configuration', '../../cli/git', '../../webview/ownershipMap/main', '../../../tools/bench/report']) {
			assert.match((await engine(`import * as x from '${target}';\nexport const probe = x;\n`)).join('\n'), /no-restricted-imports: .*Arrows point down/, target);
		}
		assert.deepEqual(await engine("import { normalizeRepoPath } from '../paths';\nexport const probe = normalizeRepoPath;\n"), []);
		const cli = async (text: string): Promise<string[]> => lintMessages('src/cli/commands/probe.ts', text);
		assert.match((await cli("import * as vscode from 'vscode';\nexport const probe = vscode;\n")).join('\n'), /The CLI runs without VS Code/);
		assert.match((await cli("import * as x from '../../vscode/configuration';\nexport const probe = x;\n")).join('\n'), /The CLI imports the engine, never src\/vscode/);
		assert.match((await cli("import * as x from '../../../tools/bench/report';\nexport const probe = x;\n")).join('\n'), /The CLI imports the engine, never src\/vscode/);
		assert.deepEqual(await cli("import { line } from '../output';\nexport const probe = line;\n"), []);
	});
	// The rooms of src/vscode (docs/architecture.md, "Extension"). Each rule is tried from a file right
	// in its room (shallow) and from one two folders further down (deep), where the same target is two
	// `../` further away; type-only imports count, since the container circle was made of them.
	const restricted = (messages: string[]): string => messages.filter((m) => m.startsWith('no-restricted-imports')).join('\n');
	const probe = async (probePath: string, specifier: string): Promise<string> =>
		restricted(await lintMessages(probePath, `import type * as x from '${specifier}';\nexport type Probe = typeof x;\n`));

	test('lint keeps features out of the container, commands, the test API, extension.ts and each other', async () => {
		const shallow = 'src/vscode/features/statusBar/probe.ts';
		const deep = 'src/vscode/features/statusBar/parts/more/probe.ts';
		const banned: [string, string, RegExp][] = [
			[shallow, '../../container', /never the container/],
			[deep, '../../../../container', /never the container/],
			[shallow, '../../commands/whoDecides', /never the container, commands\//],
			[deep, '../../../../commands/whoDecides', /never the container, commands\//],
			[shallow, '../../testApi', /the test API/],
			[deep, '../../../../extension', /extension\.ts/],
			[shallow, '../contracts/contractDiagnostics', /never another feature/],
			[deep, '../../../contracts/contractDiagnostics', /never another feature/],
			[shallow, '../../features/contracts/contractDiagnostics', /never the container/],
			[shallow, '../../../cli/main', /nothing else of src/],
			[shallow, '../../../webview/ownershipMap/main', /nothing else of src/],
			[deep, '../../../../../webview/ownershipMap/main', /nothing else of src/],
			[shallow, '../../../../test/unit/probe', /outside src/],
			// The shared base sits in features/ itself: it may not reach into a feature either.
			['src/vscode/features/probe.ts', './statusBar/statusBarController', /never another feature/],
			['src/vscode/features/probe.ts', '../container', /never the container/],
		];
		for (const [file, specifier, message] of banned) {
			assert.match(await probe(file, specifier), message, `${file}: ${specifier}`);
		}
		const allowed: [string, string][] = [
			[shallow, './statusBarController'],
			[shallow, '../feature'],
			[deep, '../../../feature'],
			[deep, '../../statusBarController'],
			[deep, '../sibling'],
			[shallow, '../../repo/ownershipService'],
			[deep, '../../../../repo/ownershipService'],
			[shallow, '../../configuration'],
			[shallow, '../../presentation'],
			[shallow, '../../keyedDebouncer'],
			[shallow, '../../../engine/paths'],
			[deep, '../../../../../engine/paths'],
			[shallow, '../../../webview/ownershipMap/protocol'],
			[shallow, '../../../webview/ownershipMap/styles'],
			[shallow, 'vscode'],
		];
		for (const [file, specifier] of allowed) {
			assert.equal(await probe(file, specifier), '', `${file}: ${specifier}`);
		}
	});

	test('lint keeps repo/ below the features, the commands and the container', async () => {
		const shallow = 'src/vscode/repo/probe.ts';
		const deep = 'src/vscode/repo/parts/more/probe.ts';
		const banned: [string, string, RegExp][] = [
			[shallow, '../features/feature', /repo\/ imports the shared modules/],
			[deep, '../../../features/statusBar/statusBarController', /repo\/ imports the shared modules/],
			[shallow, '../container', /never features\/, commands\/, the container/],
			[deep, '../../../container', /never features\/, commands\/, the container/],
			[shallow, '../commands/whoDecides', /never features\/, commands\//],
			[shallow, '../testApi', /the test API/],
			[shallow, '../../webview/ownershipMap/protocol', /repo\/ imports the engine; nothing else/],
			[deep, '../../../../cli/main', /repo\/ imports the engine; nothing else/],
		];
		for (const [file, specifier, message] of banned) {
			assert.match(await probe(file, specifier), message, `${file}: ${specifier}`);
		}
		for (const [file, specifier] of [[shallow, './ownershipService'], [deep, '../../ownershipService'], [shallow, '../logger'], [deep, '../../../configuration'], [shallow, '../../engine/paths'], [deep, '../../../../engine/paths']]) {
			assert.equal(await probe(file, specifier), '', `${file}: ${specifier}`);
		}
	});

	test('lint keeps the shared modules below every room', async () => {
		for (const specifier of ['./repo/ownershipService', './features/feature', './commands/whoDecides', './container', './testApi']) {
			assert.match(await probe('src/vscode/presentation.ts', specifier), /A shared module imports other shared modules/, specifier);
		}
		assert.match(await probe('src/vscode/constants.ts', '../webview/ownershipMap/protocol'), /A shared module imports the engine; nothing else/);
		for (const specifier of ['./constants', '../engine/paths']) {
			assert.equal(await probe('src/vscode/presentation.ts', specifier), '', specifier);
		}
	});

	test('lint refuses relative imports from files deeper than the room rules reach', async () => {
		assert.match(await probe('src/vscode/features/a/b/c/d/e/f/g/h/probe.ts', '../../../../../../../../../../../engine/paths'), /Deeper than the import rules reach/);
	});
});
