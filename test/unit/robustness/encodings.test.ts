// Encodings and names: BOM, CRLF, lone CR, NUL, NFC versus NFD, non-ASCII, spaces, case twins.
// Hosts compare paths as bytes, so the engine never normalises Unicode or case.
import * as assert from 'node:assert/strict';
import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import { compileGuardrails } from '../../../src/engine/guardrails/domainIndex';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { referenceResolve } from '../../reference/referenceOwners';
import { assertValidPositions } from './hostileText';

const nfc = 'caf\u00e9';
const nfd = 'cafe\u0301';

function owners(text: string, dialect: 'github' | 'gitlab', path: string): string[] {
	return compileCodeowners(parseCodeowners(text, { dialect })).resolve(path).owners;
}

suite('robustness: encodings', () => {
	for (const dialect of ['github', 'gitlab'] as const) {
		test(`${dialect}: BOM, CRLF and lone CR give the same rules, lines and answers as LF`, () => {
			const lf = '* @a\n/docs/ @d\n*.md @m\n';
			const variants = [`\uFEFF${lf}`, lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r'), `\uFEFF${lf.replace(/\n/g, '\r\n')}`];
			const expected = parseCodeowners(lf, { dialect }).rules.map((r) => [r.line, r.column, r.pattern, r.owners.map((o) => o.text)]);
			for (const text of variants) {
				const parsed = parseCodeowners(text, { dialect });
				assert.deepEqual(parsed.rules.map((r) => [r.line, r.column, r.pattern, r.owners.map((o) => o.text)]), expected, JSON.stringify(text));
				assert.deepEqual(owners(text, dialect, 'docs/x.md'), owners(lf, dialect, 'docs/x.md'));
			}
		});

		test(`${dialect}: NUL bytes never crash, stay literal, and positions stay inside the text`, () => {
			const text = '* @a\n/a\0b @n\n\0\n@x\0 @y\n';
			const parsed = parseCodeowners(text, { dialect });
			assertValidPositions(text, parsed.problems);
			assert.deepEqual(owners(text, dialect, 'a\0b'), ['@n']);
			assert.deepEqual(owners(text, dialect, 'ab'), ['@a']);
		});

		test(`${dialect}: NFC and NFD spellings are different paths (hosts compare bytes), consistently`, () => {
			const text = `* @all\n/${nfc}/ @nfc\n/${nfd}/ @nfd\n`;
			assert.deepEqual(owners(text, dialect, `${nfc}/menu.txt`), ['@nfc']);
			assert.deepEqual(owners(text, dialect, `${nfd}/menu.txt`), ['@nfd']);
			const onlyNfc = `* @all\n/${nfc}/ @nfc\n`;
			assert.deepEqual(owners(onlyNfc, dialect, `${nfd}/menu.txt`), ['@all'], 'an NFD path is not owned by an NFC rule');
			const parsed = parseCodeowners(onlyNfc, { dialect });
			assert.deepEqual(compileCodeowners(parsed).resolve(`${nfd}/menu.txt`).owners, referenceResolve(parsed, `${nfd}/menu.txt`).owners);
		});

		test(`${dialect}: non-ASCII and escaped spaces in patterns, spaces in paths`, () => {
			const text = '* @all\n/docs/my\\ notes/ @notes\n/日本語/*.md @ja\n**/😀.txt @emoji\n';
			assert.deepEqual(owners(text, dialect, 'docs/my notes/a.md'), ['@notes']);
			assert.deepEqual(owners(text, dialect, 'docs/my/notes/a.md'), ['@all']);
			assert.deepEqual(owners(text, dialect, '日本語/読んで.md'), ['@ja']);
			assert.deepEqual(owners(text, dialect, 'x/y/😀.txt'), ['@emoji']);
		});

		test(`${dialect}: case twins resolve independently (matching is case-sensitive)`, () => {
			const text = '* @all\nREADME.md @upper\nreadme.md @lower\n/Docs/ @docs\n';
			assert.deepEqual(owners(text, dialect, 'README.md'), ['@upper']);
			assert.deepEqual(owners(text, dialect, 'readme.md'), ['@lower']);
			assert.deepEqual(owners(text, dialect, 'ReadMe.md'), ['@all']);
			assert.deepEqual(owners(text, dialect, 'docs/x'), ['@all']);
			assert.deepEqual(owners(text, dialect, 'Docs/x'), ['@docs']);
		});
	}

	test('guardrails: NFC/NFD and case twins are different paths for domains too', () => {
		const config = parseGuardrails([
			'version: 1',
			'org: { people: { p: { name: P } }, teams: { t: { name: T, lead: p } } }',
			'domains:',
			`  cafe: { team: t, paths: ["${nfc}/**"] }`,
			'  upper: { team: t, paths: ["Docs/**"] }',
			'',
		].join('\r\n'), 'guardrails.yaml');
		assert.deepEqual(config.problems, []);
		const index = compileGuardrails(config);
		assert.equal(index.domainOf(`${nfc}/a`)?.domain.id, 'cafe');
		assert.equal(index.domainOf(`${nfd}/a`), null);
		assert.equal(index.domainOf('Docs/a')?.domain.id, 'upper');
		assert.equal(index.domainOf('docs/a'), null);
	});
});
