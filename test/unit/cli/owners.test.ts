import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanUp, cli, demoRoot, tempDir, write } from './cliHarness';

/** 1-based line of the rule whose pattern is `pattern` in the demo's CODEOWNERS. */
function demoRuleLine(pattern: string): number {
	const lines = readFileSync(path.join(demoRoot, '.github', 'CODEOWNERS'), 'utf8').split('\n');
	const index = lines.findIndex((line) => line.split(/\s+/)[0] === pattern);
	assert.ok(index >= 0, `pattern ${pattern} is in the demo CODEOWNERS`);
	return index + 1;
}

interface OwnersJson {
	path: string;
	owners: string[];
	rule: { line: number; pattern: string } | null;
	sections: { name: string | null; owners: string[]; optional: boolean; approvals: number; line: number }[];
	matches?: { line: number; pattern: string }[];
	shadowed?: { line: number; pattern: string }[];
}

suite('cli owners', () => {
	suiteTeardown(cleanUp);

	test('--json gives owners and the winning rule per path (GitHub: last match wins)', async () => {
		const result = await cli(['owners', '--json', 'services/payments/src/refunds.ts', 'services/payments/api/openapi.yaml', 'README.md'], demoRoot);
		assert.equal(result.code, 0, result.stderr);
		const answers = JSON.parse(result.stdout) as OwnersJson[];
		assert.deepEqual(answers.map((a) => Object.keys(a)), answers.map(() => ['path', 'owners', 'rule', 'sections']));
		assert.deepEqual(answers[0], { path: 'services/payments/src/refunds.ts', owners: ['@acme-bank/payments'], rule: { line: demoRuleLine('/services/payments/'), pattern: '/services/payments/' }, sections: [] });
		assert.deepEqual(answers[1].owners, ['@acme-bank/payments', '@acme-bank/architecture']);
		assert.equal(answers[1].rule?.pattern, '/services/payments/api/openapi.yaml');
		assert.deepEqual(answers[2].owners, ['@acme-bank/architecture']);
		assert.equal(answers[2].rule?.pattern, '*');
	});

	test('an ownerless rule makes a file unowned but still names the rule', async () => {
		const result = await cli(['owners', '--json', 'tools/scratch/notes.md', 'vendor/iban/index.js'], demoRoot);
		const answers = JSON.parse(result.stdout) as OwnersJson[];
		assert.deepEqual(answers[0], { path: 'tools/scratch/notes.md', owners: [], rule: { line: demoRuleLine('/tools/scratch/notes.md'), pattern: '/tools/scratch/notes.md' }, sections: [] });
		assert.deepEqual(answers[1].owners, []);
		assert.equal(answers[1].rule?.pattern, '/vendor/');
		const text = await cli(['owners', 'tools/scratch/notes.md'], demoRoot);
		assert.match(text.stdout, /tools\/scratch\/notes\.md\s+\(unowned\)\s+\.github\/CODEOWNERS:\d+ \/tools\/scratch\/notes\.md has no owners/);
	});

	test('--explain lists the winner and the shadowed rules', async () => {
		const result = await cli(['owners', '--json', '--explain', 'services/payments/api/openapi.yaml'], demoRoot);
		const [answer] = JSON.parse(result.stdout) as OwnersJson[];
		assert.deepEqual(answer.matches?.map((r) => r.pattern), ['*', '/services/payments/', '/services/payments/api/openapi.yaml']);
		assert.deepEqual(answer.shadowed?.map((r) => r.line), [demoRuleLine('*'), demoRuleLine('/services/payments/')]);
		const text = await cli(['owners', '--explain', 'services/payments/api/openapi.yaml'], demoRoot);
		assert.match(text.stdout, /winner: +\.github\/CODEOWNERS:\d+ +\/services\/payments\/api\/openapi\.yaml/);
		assert.match(text.stdout, /shadowed/);
	});

	test('paths are taken relative to the working directory', async () => {
		const result = await cli(['owners', '--json', 'src/refunds.ts'], path.join(demoRoot, 'services', 'payments'));
		assert.equal(result.code, 0, result.stderr);
		assert.equal((JSON.parse(result.stdout) as OwnersJson[])[0].path, 'services/payments/src/refunds.ts');
	});

	test('GitLab sections come back with name, owners, optional, approvals and line', async () => {
		const root = tempDir();
		write(root, '.gitlab/CODEOWNERS', [
			'* @admin',
			'',
			'[Backend][2] @backend-team',
			'app/',
			'',
			'^[Docs] @docs-team',
			'*.md',
			'',
		].join('\n'));
		const result = await cli(['owners', '--json', '--root', root, 'app/README.md'], root);
		assert.equal(result.code, 0, result.stderr);
		const [answer] = JSON.parse(result.stdout) as OwnersJson[];
		assert.deepEqual(answer.owners, ['@admin', '@backend-team', '@docs-team']);
		assert.deepEqual(answer.sections, [
			{ name: null, owners: ['@admin'], optional: false, approvals: 1, line: 1 },
			{ name: 'Backend', owners: ['@backend-team'], optional: false, approvals: 2, line: 4 },
			{ name: 'Docs', owners: ['@docs-team'], optional: true, approvals: 1, line: 7 },
		]);
		assert.equal(answer.rule?.line, 7);
	});

	test('--dialect overrides detection: the same file read as GitHub anchors inner slashes', async () => {
		const root = tempDir();
		write(root, 'CODEOWNERS', 'docs/guide.md @writers\n');
		const github = await cli(['owners', '--json', '--dialect', 'github', 'sub/docs/guide.md'], root);
		const gitlab = await cli(['owners', '--json', '--dialect', 'gitlab', 'sub/docs/guide.md'], root);
		assert.deepEqual((JSON.parse(github.stdout) as OwnersJson[])[0].owners, []);
		assert.deepEqual((JSON.parse(gitlab.stdout) as OwnersJson[])[0].owners, ['@writers']);
	});

	test('--codeowners picks another file', async () => {
		const root = tempDir();
		write(root, 'CODEOWNERS', '* @root-owner\n');
		write(root, 'other/OWNERS.txt', '* @other-owner\n');
		const result = await cli(['owners', '--json', '--codeowners', 'other/OWNERS.txt', 'a.txt'], root);
		assert.deepEqual((JSON.parse(result.stdout) as OwnersJson[])[0].owners, ['@other-owner']);
	});
});
