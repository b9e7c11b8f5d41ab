import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

// Every problem code links to docs/diagnostics.md#<code> (see toDiagnostic and docsCode in
// src/vscode). This test finds the codes the engine and the extension emit by reading their
// source, so a new code without a `### <code>` section fails the build.

const root = path.resolve(__dirname, '..', '..', '..', '..');
const docPath = path.join(root, 'docs', 'diagnostics.md');
const scannedRoots = ['src/engine', 'src/vscode'];

/** A problem code: lower-case kebab-case (`malformed-entry-owner`, `yaml-syntax`). */
const codeLiteral = "'([a-z][a-z0-9]*(?:-[a-z0-9]+)+)'";

/**
 * How a code is emitted in this code base:
 * - an object literal `code: 'x'` (a Problem pushed directly);
 * - a report helper whose first string argument is the code: `report(ctx, 'x', …)`,
 *   `reader.report('x', …)`, `ruleProblem(parsed, rule, 'x', …)`;
 * - a named constant `…Code = 'x'` (the editor's `contractEditCode`);
 * - an assignment `code = cond ? 'x' : 'y'` (every code literal of the expression counts).
 */
const emitters: readonly RegExp[] = [
	new RegExp(`\\bcode\\s*:\\s*${codeLiteral}`, 'g'),
	new RegExp(`\\b(?:report|ruleProblem)\\(\\s*(?:[\\w.]+\\s*,\\s*)*${codeLiteral}`, 'g'),
	new RegExp(`\\b\\w+Code\\s*=\\s*${codeLiteral}`, 'g'),
];
const codeAssignment = /\bcode\s*=\s*([^;\n]*\?[^;\n]*)/g;

function sourceFiles(dir: string): string[] {
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			out.push(...sourceFiles(full));
		} else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
			out.push(full);
		}
	}
	return out;
}

/** Drops comments so a code mentioned only in a comment is not taken for an emitted one. */
function withoutComments(text: string): string {
	return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** code -> the source files that emit it. */
function emittedCodes(): Map<string, Set<string>> {
	const codes = new Map<string, Set<string>>();
	const add = (code: string, file: string): void => {
		const files = codes.get(code) ?? new Set<string>();
		files.add(path.relative(root, file).split(path.sep).join('/'));
		codes.set(code, files);
	};
	for (const dir of scannedRoots) {
		for (const file of sourceFiles(path.join(root, dir))) {
			const text = withoutComments(fs.readFileSync(file, 'utf8'));
			for (const emitter of emitters) {
				for (const match of text.matchAll(emitter)) {
					add(match[1], file);
				}
			}
			for (const match of text.matchAll(codeAssignment)) {
				for (const literal of match[1].matchAll(new RegExp(codeLiteral, 'g'))) {
					add(literal[1], file);
				}
			}
		}
	}
	return codes;
}

/** GitHub's heading anchor: lower case, punctuation other than `-` and `_` dropped, spaces to `-`. */
function githubAnchor(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\p{M}\p{Pc}\- ]/gu, '')
		.replace(/ /g, '-');
}

interface Heading {
	level: number;
	text: string;
	line: number;
}

function headings(markdown: string): Heading[] {
	const out: Heading[] = [];
	let fenced = false;
	markdown.split(/\r?\n/).forEach((line, i) => {
		if (/^\s*(```|~~~)/.test(line)) {
			fenced = !fenced;
			return;
		}
		const match = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
		if (!fenced && match) {
			out.push({ level: match[1].length, text: match[2], line: i + 1 });
		}
	});
	return out;
}

suite('docs/diagnostics.md documents every problem code', () => {
	const codes = emittedCodes();
	const doc = fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : '';
	const all = headings(doc);
	const codeHeadings = all.filter((h) => h.level === 3);

	test('the source scan finds the codes of every emitter (the scan itself works)', () => {
		// One code per way of emitting, from each part of the code base.
		for (const known of ['malformed-entry-owner', 'duplicate-pattern', 'unowned-files', 'yaml-syntax', 'duplicate-key', 'unknown-key', 'codeowners-drift', 'file-not-found', 'contract-edit', 'cross-team-edit']) {
			assert.ok(codes.has(known), `the scan did not find "${known}"; found: ${[...codes.keys()].sort().join(', ')}`);
		}
		// Other kebab-case literals (encodings, enum values) are not codes.
		for (const notCode of ['utf-8', 'data-model', 'contract-owner']) {
			assert.ok(!codes.has(notCode), `"${notCode}" was taken for a problem code`);
		}
	});

	test('the editor links problem codes to diagnostics.md#<code>, and every code link opens an existing page', () => {
		const constants = fs.readFileSync(path.join(root, 'src', 'vscode', 'constants.ts'), 'utf8');
		assert.match(constants, /docsBaseUrl\s*=\s*'[^']*\/docs\/'/, 'docsBaseUrl should point at the docs/ folder');
		const problems = fs.readFileSync(path.join(root, 'src', 'vscode', 'features', 'language', 'codeownersDiagnostics.ts'), 'utf8');
		assert.match(problems, /\$\{docsBaseUrl\}diagnostics\.md#\$\{problem\.code\}/, 'toDiagnostic no longer links problem codes to diagnostics.md#<code>');
		// Every `${docsBaseUrl}<page>.md#${…}` link in the extension must open a page that exists.
		for (const file of sourceFiles(path.join(root, 'src', 'vscode'))) {
			for (const match of fs.readFileSync(file, 'utf8').matchAll(/\$\{docsBaseUrl\}([\w./-]+\.md)#/g)) {
				assert.ok(fs.existsSync(path.join(root, 'docs', match[1])), `${path.relative(root, file)} links to docs/${match[1]}, which does not exist`);
				// One reference page for every code: the editor's own codes (contract-edit, cross-team-edit) too.
				assert.strictEqual(match[1], 'diagnostics.md', `${path.relative(root, file)} links a code to docs/${match[1]}, not docs/diagnostics.md`);
			}
		}
	});

	test('every emitted code has a ### heading whose anchor is the code', () => {
		assert.ok(doc.length > 0, 'docs/diagnostics.md is missing');
		const anchors = new Set(codeHeadings.map((h) => githubAnchor(h.text)));
		const missing = [...codes.entries()]
			.filter(([code]) => !anchors.has(code))
			.map(([code, files]) => `${code} (emitted in ${[...files].sort().join(', ')})`);
		assert.deepStrictEqual(missing, [], `add a "### <code>" section to docs/diagnostics.md for:\n  ${missing.join('\n  ')}`);
	});

	test('code headings are exactly the code, unique, and every documented code is still emitted', () => {
		const seen = new Map<string, number>();
		for (const heading of codeHeadings) {
			const anchor = githubAnchor(heading.text);
			assert.strictEqual(heading.text, anchor, `line ${heading.line}: "### ${heading.text}" should be the bare code so its anchor is the code`);
			assert.ok(!seen.has(anchor), `line ${heading.line}: "${anchor}" is documented twice (first on line ${seen.get(anchor)}); GitHub would give the second anchor a -1 suffix`);
			seen.set(anchor, heading.line);
			assert.ok(codes.has(anchor), `line ${heading.line}: "${anchor}" is documented but nothing in ${scannedRoots.join(' or ')} emits it`);
		}
		// No other heading may take a code's anchor first.
		for (const heading of all.filter((h) => h.level !== 3)) {
			assert.ok(!codes.has(githubAnchor(heading.text)), `line ${heading.line}: heading "${heading.text}" takes the anchor of a code`);
		}
	});

	test('each code section names its severity and gives an example', () => {
		const lines = doc.split(/\r?\n/);
		codeHeadings.forEach((heading, i) => {
			const end = i + 1 < codeHeadings.length ? codeHeadings[i + 1].line - 1 : lines.length;
			const body = lines.slice(heading.line, end).join('\n');
			assert.match(body, /\*\*Severity:\*\*\s*(error|warning|info)/i, `${heading.text}: no "**Severity:**" line`);
			assert.match(body, /```/, `${heading.text}: no example`);
		});
	});
});
