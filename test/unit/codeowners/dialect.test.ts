import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { detectDialect, hasSectionHeader } from '../../../src/engine/codeowners/dialect';
import { codeownersLocations, findCodeowners } from '../../../src/engine/codeowners/locations';
import type { EngineHost } from '../../../src/engine/types';

function memoryHost(files: Record<string, string>): EngineHost & { reads: string[] } {
	const reads: string[] = [];
	return {
		reads,
		readFile: async (path: string) => {
			reads.push(path);
			return files[path];
		},
	};
}

suite('detectDialect', () => {
	test('explicit wins over location and content', () => {
		assert.deepEqual(detectDialect('.github/CODEOWNERS', '[S] @a', 'gitlab'), { dialect: 'gitlab', reason: 'explicit' });
		assert.deepEqual(detectDialect('.gitlab/CODEOWNERS', '', 'github'), { dialect: 'github', reason: 'explicit' });
	});

	test('location: .github/ and .gitlab/', () => {
		assert.deepEqual(detectDialect('.github/CODEOWNERS', '[S] @a', 'auto'), { dialect: 'github', reason: 'location' });
		assert.deepEqual(detectDialect('.gitlab/CODEOWNERS', '* @a'), { dialect: 'gitlab', reason: 'location' });
	});

	test('content: a section header means GitLab', () => {
		assert.deepEqual(detectDialect('CODEOWNERS', '* @a\n^[Docs][2] @d\n/docs/\n'), { dialect: 'gitlab', reason: 'content' });
		assert.deepEqual(detectDialect('docs/CODEOWNERS', '  [CI/CD] @ci\r\n'), { dialect: 'gitlab', reason: 'content' });
	});

	test('default: GitHub, also for bracket patterns that are not headers', () => {
		assert.deepEqual(detectDialect('CODEOWNERS', '* @a\n[abc].js @b\n'), { dialect: 'github', reason: 'default' });
		assert.deepEqual(detectDialect('CODEOWNERS', ''), { dialect: 'github', reason: 'default' });
	});
});

suite('codeownersLocations / findCodeowners', () => {
	test('each host order', () => {
		assert.deepEqual(codeownersLocations('github'), ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']);
		assert.deepEqual(codeownersLocations('gitlab'), ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']);
		assert.deepEqual(codeownersLocations(), ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']);
	});

	test('GitHub takes .github/ before the root; GitLab takes the root first', async () => {
		const host = memoryHost({ '.github/CODEOWNERS': '* @gh', CODEOWNERS: '* @root', '.gitlab/CODEOWNERS': '* @gl' });
		assert.equal((await findCodeowners(host, { dialect: 'github' }))?.file, '.github/CODEOWNERS');
		assert.equal((await findCodeowners(host, { dialect: 'gitlab' }))?.file, 'CODEOWNERS');
		assert.equal((await findCodeowners(host))?.file, '.github/CODEOWNERS');
	});

	test('root before docs/ on GitHub (unlike codeowners-utils)', async () => {
		const host = memoryHost({ 'docs/CODEOWNERS': '* @d', CODEOWNERS: '* @r' });
		assert.equal((await findCodeowners(host, { dialect: 'github' }))?.file, 'CODEOWNERS');
	});

	test('auto falls back to .gitlab/ and reports the dialect by location', async () => {
		const found = await findCodeowners(memoryHost({ '.gitlab/CODEOWNERS': '* @gl' }), { dialect: 'auto' });
		assert.deepEqual(found, { file: '.gitlab/CODEOWNERS', text: '* @gl', choice: { dialect: 'gitlab', reason: 'location' } });
	});

	test('GitLab never looks in .github/', async () => {
		assert.equal(await findCodeowners(memoryHost({ '.github/CODEOWNERS': '* @gh' }), { dialect: 'gitlab' }), undefined);
	});

	test('a user-given file wins and is the only one read', async () => {
		const host = memoryHost({ '.github/CODEOWNERS': '* @gh', 'custom/OWNERS': '[S] @s\n*' });
		const found = await findCodeowners(host, { file: 'custom/OWNERS' });
		assert.equal(found?.file, 'custom/OWNERS');
		assert.deepEqual(found?.choice, { dialect: 'gitlab', reason: 'content' });
		assert.deepEqual(host.reads, ['custom/OWNERS']);
	});

	test('nothing found, and a throwing host counts as missing', async () => {
		assert.equal(await findCodeowners(memoryHost({})), undefined);
		const throwing: EngineHost = { readFile: async () => { throw new Error('EACCES'); } };
		assert.equal(await findCodeowners(throwing), undefined);
	});

	test('hasSectionHeader (jumping from [ to [) agrees with testing every line', () => {
		const header = /^\^?\[[^\]\r\n]+\](?:\[\d*\])?(?:[ \t]+[@\w.\-/+ \t]*)?$/;
		const everyLine = (text: string): boolean => text.split(/\r\n|\r|\n/).some((raw) => {
			const line = raw.trim();
			return (line.startsWith('[') || line.startsWith('^[')) && header.test(line);
		});
		const piece = fc.constantFrom('[', ']', '^', 'Docs', ' ', '\t', '\n', '\r', '\r\n', '@a', '[2]', '*.js', '\u00a0', '#', 'x[y]');
		fc.assert(fc.property(fc.array(piece, { maxLength: 24 }).map((parts) => parts.join('')), (text) => {
			assert.equal(hasSectionHeader(text), everyLine(text), JSON.stringify(text));
		}), { numRuns: 3000 });
		assert.equal(hasSectionHeader('a @x\n  ^[Docs][2] @d\n'), true);
		assert.equal(hasSectionHeader('[abc].js @x\n'), false);
	});
});
