import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';
import type { IGrammar, StateStack } from 'vscode-textmate';

// Tokenizes with the same libraries VS Code uses (vscode-textmate + the Oniguruma WebAssembly
// build), so a scope asserted here is the scope the editor gives the text.

const root = path.resolve(__dirname, '..', '..', '..', '..');
const grammarPath = path.join(root, 'media', 'codeowners.tmLanguage.json');
const scopeName = 'text.codeowners';

interface Token {
	text: string;
	start: number;
	end: number;
	scopes: readonly string[];
}

let loaded: Promise<IGrammar> | undefined;

/** Loads Oniguruma once per process (loadWASM may only run once) and the grammar once. */
function grammar(): Promise<IGrammar> {
	if (loaded === undefined) {
		loaded = (async () => {
			const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
			await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
			const registry = new Registry({
				onigLib: Promise.resolve({
					createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
					createOnigString: (text: string) => new oniguruma.OnigString(text),
				}),
				loadGrammar: async (name: string) => (name === scopeName ? parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null),
			});
			const result = await registry.loadGrammar(scopeName);
			assert.ok(result, `grammar ${scopeName} did not load from ${grammarPath}`);
			return result;
		})();
	}
	return loaded;
}

/** Tokenizes the lines of a document in order, carrying the rule stack as the editor does. */
async function tokenizeLines(lines: readonly string[]): Promise<Token[][]> {
	const g = await grammar();
	let state: StateStack = INITIAL;
	const out: Token[][] = [];
	for (const line of lines) {
		const result = g.tokenizeLine(line, state);
		out.push(result.tokens.map((t) => ({ text: line.slice(t.startIndex, Math.min(t.endIndex, line.length)), start: t.startIndex, end: Math.min(t.endIndex, line.length), scopes: t.scopes })));
		state = result.ruleStack;
	}
	return out;
}

async function tokenize(line: string): Promise<Token[]> {
	return (await tokenizeLines([line]))[0];
}

function describe(tokens: readonly Token[]): string {
	return tokens.map((t) => `${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n');
}

/**
 * The tokens covering the `occurrence`-th (0-based) appearance of `text` in the line. With `exact`,
 * the text must start and end on token boundaries (a scope that spills over is wrong too).
 */
function tokensOf(tokens: readonly Token[], line: string, text: string, occurrence: number, exact: boolean): Token[] {
	let start = -1;
	for (let i = 0; i <= occurrence; i++) {
		start = line.indexOf(text, start + 1);
		assert.ok(start >= 0, `${JSON.stringify(text)} (occurrence ${occurrence}) is not in ${JSON.stringify(line)}`);
	}
	const end = start + text.length;
	const covering = tokens.filter((t) => t.start < end && t.end > start);
	assert.ok(covering.length > 0, `no token covers ${JSON.stringify(text)}`);
	if (!exact) {
		return covering;
	}
	assert.strictEqual(covering[0].start, start, `${JSON.stringify(text)} does not start a token:\n${describe(tokens)}`);
	assert.strictEqual(covering[covering.length - 1].end, end, `${JSON.stringify(text)} does not end a token:\n${describe(tokens)}`);
	return covering;
}

/** Every token of the substring carries `scope` (an exact name, or a prefix ending in `.`). */
function assertScope(tokens: readonly Token[], line: string, text: string, scope: string, occurrence = 0): void {
	for (const token of tokensOf(tokens, line, text, occurrence, true)) {
		const has = token.scopes.some((s) => (scope.endsWith('.') ? s.startsWith(scope) : s === scope));
		assert.ok(has, `${JSON.stringify(token.text)} in ${JSON.stringify(text)} lacks ${scope}:\n${describe(tokens)}`);
	}
}

/** No token of the substring carries a scope starting with `prefix`. */
function assertNoScope(tokens: readonly Token[], line: string, text: string, prefix: string, occurrence = 0): void {
	for (const token of tokensOf(tokens, line, text, occurrence, false)) {
		const bad = token.scopes.find((s) => s.startsWith(prefix));
		assert.strictEqual(bad, undefined, `${JSON.stringify(token.text)} in ${JSON.stringify(text)} has ${String(bad)}:\n${describe(tokens)}`);
	}
}

const pattern = 'string.unquoted.pattern.codeowners';
const user = 'variable.other.user.codeowners';
const team = 'entity.name.type.team.codeowners';
const email = 'string.unquoted.email.codeowners';
const role = 'constant.language.role.codeowners';
const comment = 'comment.line.number-sign.';
const ownerScopes = [user, team, email, role];

function assertNotOwner(tokens: readonly Token[], line: string, text: string): void {
	for (const scope of ownerScopes) {
		assertNoScope(tokens, line, text, scope);
	}
}

suite('CODEOWNERS grammar (media/codeowners.tmLanguage.json)', function () {
	// Compiling the WebAssembly module is slow on a loaded machine.
	this.timeout(60000);

	suiteSetup(async () => {
		await grammar();
	});

	test('the manifest contributes this grammar for the codeowners language', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes?: { grammars?: { language: string; scopeName: string; path: string }[] } };
		const entry = manifest.contributes?.grammars?.find((g) => g.language === 'codeowners');
		assert.ok(entry, 'no grammar for codeowners');
		assert.strictEqual(entry.scopeName, scopeName);
		assert.strictEqual(path.resolve(root, entry.path), grammarPath);
	});

	test('a comment line is one comment, mentions in it are not owners', async () => {
		for (const line of ['# Payments team owns the API @not-an-owner', '   # indented remark', '#']) {
			const tokens = await tokenize(line);
			assertScope(tokens, line, line.trim(), comment);
			assertScope(tokens, line, '#', 'punctuation.definition.comment.codeowners');
			if (line.includes('@')) {
				assertNotOwner(tokens, line, '@not-an-owner');
			}
		}
	});

	test('a pattern with escapes and globs: the whole pattern is one pattern scope, its parts are marked', async () => {
		const line = '/docs/my\\ notes/**/*.m?  @acme-bank/docs';
		const tokens = await tokenize(line);
		// The escaped space does not end the pattern.
		assertScope(tokens, line, '/docs/my\\ notes/**/*.m?', pattern);
		assertScope(tokens, line, '\\ ', 'constant.character.escape.codeowners');
		assertScope(tokens, line, '**', 'keyword.operator.glob.globstar.codeowners');
		assertScope(tokens, line, '*', 'keyword.operator.glob.star.codeowners', 2);
		assertScope(tokens, line, '?', 'keyword.operator.glob.question.codeowners');
		assertScope(tokens, line, '/', 'punctuation.separator.path.codeowners');
		assertScope(tokens, line, '@acme-bank/docs', team);
		assertNoScope(tokens, line, '@acme-bank/docs', pattern);
	});

	test('an escaped leading # is a pattern, not a comment', async () => {
		const line = '\\#notes.md @alice';
		const tokens = await tokenize(line);
		assertScope(tokens, line, '\\#notes.md', pattern);
		assertScope(tokens, line, '\\#', 'constant.character.escape.codeowners');
		assertNoScope(tokens, line, '\\#notes.md', 'comment.');
		assertScope(tokens, line, '@alice', user);
	});

	test('owners: @user, @org/team, e-mail, each in its own owner scope', async () => {
		const line = '*.js\t@alice @acme-bank/frontend dev.ops+ci@bank.example';
		const tokens = await tokenize(line);
		assertScope(tokens, line, '*.js', pattern);
		assertScope(tokens, line, '@alice', user);
		assertScope(tokens, line, '@', 'punctuation.definition.owner.codeowners');
		assertScope(tokens, line, '@acme-bank/frontend', team);
		assertScope(tokens, line, 'dev.ops+ci@bank.example', email);
		for (const owner of ['@alice', '@acme-bank/frontend', 'dev.ops+ci@bank.example']) {
			assertScope(tokens, line, owner, 'meta.rule.codeowners');
			assertNoScope(tokens, line, owner, pattern);
			assertNoScope(tokens, line, owner, 'invalid.');
		}
	});

	test('nested GitLab groups are teams', async () => {
		const line = '/app/ @group/sub/subsub';
		const tokens = await tokenize(line);
		assertScope(tokens, line, '@group/sub/subsub', team);
	});

	test('an inline # comment after the owners is a comment and its mentions are not owners', async () => {
		const line = '*.js @alice # JS owners, ask @bob first';
		const tokens = await tokenize(line);
		assertScope(tokens, line, '@alice', user);
		assertScope(tokens, line, '# JS owners, ask @bob first', comment);
		assertNotOwner(tokens, line, '@bob');
		assertNoScope(tokens, line, 'JS', 'invalid.');
	});

	test('a # inside a pattern does not start a comment', async () => {
		const line = '/docs/c#/ @cs';
		const tokens = await tokenize(line);
		assertScope(tokens, line, '/docs/c#/', pattern);
		assertNoScope(tokens, line, '/docs/c#/', 'comment.');
		assertScope(tokens, line, '@cs', user);
	});

	test('a token that is no owner is marked invalid', async () => {
		const line = '*.js notanowner @alice';
		const tokens = await tokenize(line);
		assertScope(tokens, line, 'notanowner', 'invalid.illegal.owner.codeowners');
		assertScope(tokens, line, '@alice', user);
	});

	test('GitLab optional section header with approvals and default owners', async () => {
		const line = '^[Section Name][2] @group/sub';
		const tokens = await tokenize(line);
		assertScope(tokens, line, line, 'meta.section.header.codeowners');
		assertScope(tokens, line, '^', 'keyword.operator.optional.codeowners');
		assertScope(tokens, line, '[', 'punctuation.definition.section.begin.codeowners');
		assertScope(tokens, line, 'Section Name', 'entity.name.section.codeowners');
		assertScope(tokens, line, ']', 'punctuation.definition.section.end.codeowners');
		assertScope(tokens, line, '2', 'constant.numeric.approvals.codeowners');
		assertScope(tokens, line, '@group/sub', team);
		assertNoScope(tokens, line, 'Section Name', pattern);
	});

	test('GitLab plain section header and a header without defaults', async () => {
		for (const line of ['[Docs] @docs-team @@owner', '[Backend]']) {
			const tokens = await tokenize(line);
			const name = line.slice(1, line.indexOf(']'));
			assertScope(tokens, line, name, 'entity.name.section.codeowners');
			assertNoScope(tokens, line, line, pattern);
			if (line.includes('@docs-team')) {
				assertScope(tokens, line, '@docs-team', user);
				assertScope(tokens, line, '@@owner', role);
			}
		}
	});

	test('a GitHub character range is a pattern, not a section header', async () => {
		const line = '[abc].js @alice';
		const tokens = await tokenize(line);
		assertScope(tokens, line, '[abc].js', pattern);
		assertNoScope(tokens, line, 'abc', 'entity.name.section.');
		assertScope(tokens, line, 'abc', 'constant.other.character-class.codeowners');
	});

	test('GitLab exclusion: the ! is an operator and the rest is the pattern', async () => {
		const line = '!excluded/path';
		const tokens = await tokenize(line);
		assertScope(tokens, line, '!', 'keyword.operator.exclusion.codeowners');
		assertNoScope(tokens, line, '!', pattern);
		assertScope(tokens, line, 'excluded/path', pattern);
	});

	test('GitLab roles: @@maintainer is a role, not a user', async () => {
		const line = '*.rb @@maintainer @@Developers';
		const tokens = await tokenize(line);
		assertScope(tokens, line, '@@maintainer', role);
		assertScope(tokens, line, '@@Developers', role);
		assertNoScope(tokens, line, '@@maintainer', user);
		assertScope(tokens, line, '@@', 'punctuation.definition.owner.codeowners');
	});

	test('a whole file: no scope leaks from one line into the next', async () => {
		const lines = [
			'# Default owners',
			'*\t@acme-bank/architecture',
			'^[Docs][2] @docs # section remark',
			'docs/ @writer',
			'!docs/generated/',
			'',
			'*.rb @@maintainer',
		];
		const all = await tokenizeLines(lines);
		assertScope(all[0], lines[0], lines[0], comment);
		assertScope(all[1], lines[1], '*', pattern);
		assertScope(all[1], lines[1], '@acme-bank/architecture', team);
		assertScope(all[2], lines[2], 'Docs', 'entity.name.section.codeowners');
		assertScope(all[2], lines[2], '# section remark', comment);
		for (const i of [3, 4, 6]) {
			assertNoScope(all[i], lines[i], lines[i], 'meta.section.header.');
			assertNoScope(all[i], lines[i], lines[i], 'comment.');
		}
		assertScope(all[3], lines[3], 'docs/', pattern);
		assertScope(all[3], lines[3], '@writer', user);
		assertScope(all[4], lines[4], '!', 'keyword.operator.exclusion.codeowners');
		assertScope(all[6], lines[6], '@@maintainer', role);
	});
});
