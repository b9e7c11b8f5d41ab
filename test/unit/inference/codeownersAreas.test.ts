import * as assert from 'node:assert/strict';
import { coveringGlobs } from '../../../src/engine/inference/coveringGlobs';
import { infer, many } from './helpers';

function domain(model: Awaited<ReturnType<typeof infer>>, id: string) {
	const found = model.domains.find((d) => d.id === id);
	assert.ok(found, `no domain ${id} in ${model.domains.map((d) => d.id).join(', ')}`);
	return found;
}

suite('init: domains from CODEOWNERS', () => {
	test('an umbrella co-owner on nearly every rule is not a domain; the distinguishing team is', async () => {
		const model = await infer({
			'.github/CODEOWNERS': [
				'/services/payments/ @acme/maintainers @acme/payments',
				'/services/ledger/ @acme/maintainers @acme/ledger',
				'/services/cards/ @acme/maintainers @acme/cards',
				'/libs/auth/ @acme/maintainers @acme/identity',
				'/docs/ @acme/maintainers',
			].join('\n'),
			...many('services/payments', 3), ...many('services/ledger', 3), ...many('services/cards', 2), ...many('libs/auth', 2), ...many('docs', 2, 'md'),
		});
		assert.deepEqual(model.domains.map((d) => d.id), ['cards', 'identity', 'ledger', 'maintainers', 'payments']);
		assert.deepEqual(domain(model, 'payments').paths, ['services/payments/**']);
		// Alone on a rule, the umbrella still owns that area: nobody else distinguishes it.
		assert.deepEqual(domain(model, 'maintainers').paths, ['docs/**']);
		assert.ok(model.notes.some((n) => n.includes('@acme/maintainers') && n.includes('umbrella')), model.notes.join('\n'));
	});

	test('the catch-all rule\'s owners become the fallback domain, covering the rest as **', async () => {
		const model = await infer({
			'.github/CODEOWNERS': '* @acme/platform\n/services/payments/ @acme/payments\n',
			'README.md': '', 'Makefile': '', ...many('tools', 2), ...many('services/payments', 4),
		});
		const platform = domain(model, 'platform');
		assert.equal(platform.fallback, true);
		assert.deepEqual(platform.paths, ['**']);
		assert.match(platform.evidence, /catch-all rule/);
		assert.equal(domain(model, 'payments').fallback, false);
		assert.deepEqual(domain(model, 'payments').paths, ['services/payments/**']);
	});

	test('only the fallback may take the whole repository: a team with most root files gets them listed', async () => {
		const model = await infer({
			'.github/CODEOWNERS': '/a.md @acme/docs\n/b.md @acme/docs\n/src/ @acme/core\n',
			'a.md': '', 'b.md': '', 'c.md': '', ...many('src', 2),
		});
		assert.deepEqual(domain(model, 'docs').paths, ['a.md', 'b.md']);
	});

	test('a rule with several teams goes to the team that owns most of the surrounding area elsewhere', async () => {
		const model = await infer({
			'.github/CODEOWNERS': [
				'/services/ @acme/platform',
				'/services/payments/ @acme/payments',
				'/services/payments/api/ @acme/api-guild @acme/payments',
				'/libs/ @acme/api-guild',
			].join('\n'),
			...many('services/payments', 4), ...many('services/payments/api', 2, 'yaml'), ...many('libs', 3), ...many('services/other', 1),
		});
		assert.deepEqual(domain(model, 'payments').paths, ['services/payments/**']);
		assert.deepEqual(domain(model, 'api-guild').paths, ['libs/**']);
		assert.ok(model.notes.some((n) => n.startsWith('2 files have several owning teams')), model.notes.join('\n'));
	});

	test('e-mail and user owners are people, not teams: no domain for their files', async () => {
		const model = await infer({
			'.github/CODEOWNERS': '/drivers/ alice@example.com @bob\n/net/ @acme/net\n',
			...many('drivers', 3, 'c'), ...many('net', 2, 'c'),
		});
		assert.deepEqual(model.domains.map((d) => d.id), ['net']);
		assert.ok(model.notes.some((n) => n.startsWith('3 files are owned by people only (2 persons')), model.notes.join('\n'));
	});

	test('GitLab sections name domains, even when people own them; section owners become members', async () => {
		const model = await infer({
			'.gitlab/CODEOWNERS': '[Public API] @mmacklin @ershi\n/warp/api/\n\n[FEM Module] @gdaviet\n/warp/fem/\n',
			...many('warp/api', 2), ...many('warp/fem', 3),
		});
		assert.deepEqual(model.domains.map((d) => [d.id, d.title, d.paths]), [
			['fem-module', 'FEM Module', ['warp/fem/**']],
			['public-api', 'Public API', ['warp/api/**']],
		]);
		assert.deepEqual(model.teams.find((t) => t.id === 'public-api')?.members, ['ershi', 'mmacklin']);
		assert.deepEqual(model.people.find((p) => p.id === 'ershi')?.handles, { gitlab: '@ershi' });
	});

	test('a GitLab team section keeps its team as the domain and the section as its title', async () => {
		const model = await infer({
			'.gitlab/CODEOWNERS': '* @acme/admins\n\n[Backend] @acme/backend\napp/\n',
			...many('app', 3, 'rb'), 'README.md': '',
		});
		assert.deepEqual(domain(model, 'backend').title, 'Backend');
		assert.deepEqual(domain(model, 'backend').paths, ['app/**']);
		assert.equal(domain(model, 'admins').fallback, true);
	});

	test('a shared rule with no area evidence goes to the team on the fewest rules, not the first written', async () => {
		const model = await infer({
			'.github/CODEOWNERS': '/a/ @o/core @o/alpha\n/b/ @o/core @o/beta\n',
			...many('a', 2), ...many('b', 2),
		});
		assert.deepEqual(model.domains.map((d) => [d.id, d.paths]), [['alpha', ['a/**']], ['beta', ['b/**']]]);
	});

	test('a CODEOWNERS full of errors: the draft follows what the host still applies, and says so', async () => {
		const model = await infer({ '.github/CODEOWNERS': '/a/ @o/alpha not-an-owner\n[bad\n/b/ @o/beta\n', ...many('a', 2), ...many('b', 1) });
		assert.deepEqual(model.domains.map((d) => d.id), ['beta']);
		assert.ok(model.notes.some((n) => /has 1 error \(see guardrails lint\)/.test(n)), model.notes.join('\n'));
	});

	test('evidence names the files and the CODEOWNERS lines', async () => {
		const model = await infer({ '.github/CODEOWNERS': '# owners\n/a/ @o/x\n/b/ @o/x\n/c/ @o/x\n', ...many('a', 2), ...many('b', 1), ...many('c', 1) });
		assert.equal(domain(model, 'x').evidence, '4 files, .github/CODEOWNERS lines 2-4');
	});
});

suite('init: covering globs', () => {
	test('directories, not files: the smallest set of globs under most-specific-wins', () => {
		const files = ['a/1', 'a/2', 'a/b/1', 'a/b/2', 'a/b/c/1', 'z/1'];
		const labels = new Map([['a/1', 'X'], ['a/2', 'X'], ['a/b/1', 'Y'], ['a/b/2', 'Y'], ['a/b/c/1', 'X'], ['z/1', 'Y']]);
		assert.deepEqual(Object.fromEntries(coveringGlobs(files, labels)), { X: ['a/**', 'a/b/c/**'], Y: ['a/b/**', 'z/**'] });
	});

	test('a stray file in another team\'s folder is listed literally, with glob characters escaped', () => {
		const files = ['a/1', 'a/2', 'a/3', 'a/x[1].md'];
		const labels = new Map([['a/1', 'X'], ['a/2', 'X'], ['a/3', 'X'], ['a/x[1].md', 'Y']]);
		assert.deepEqual(Object.fromEntries(coveringGlobs(files, labels)), { X: ['a/**'], Y: ['a/x\\[1\\].md'] });
	});

	test('a folder of mostly unowned files does not become a team\'s domain', () => {
		const files = ['w/a', 'w/b', 'w/c', 'w/d', 'w/e', 'w/f', 'w/g', 'w/h', 'w/i', 'w/owned.py'];
		const labels = new Map([['w/owned.py', 'X']]);
		assert.deepEqual(Object.fromEntries(coveringGlobs(files, labels)), { X: ['w/owned.py'] });
	});

	test('files sharing a name prefix become one prefix glob', () => {
		const files = ['s/snap.aws.1.json', 's/snap.aws.2.json', 's/snap.aws.3.json', 's/snap.gcp.1.json', 's/snap.gcp.2.json', 's/snap.gcp.3.json', 's/snap.gcp.4.json'];
		const labels = new Map(files.map((f) => [f, f.includes('aws') ? 'A' : 'G']));
		assert.deepEqual(Object.fromEntries(coveringGlobs(files, labels)), { A: ['s/snap.aws.*'], G: ['s/**'] });
	});

	test('the answer does not depend on the order of the files', () => {
		const files = Array.from({ length: 200 }, (_, i) => `d${i % 7}/e${i % 3}/f${i}.ts`);
		const labels = new Map(files.map((f, i) => [f, `L${(i * 7) % 5}`]));
		const once = JSON.stringify([...coveringGlobs(files, labels)].sort());
		const reversed = JSON.stringify([...coveringGlobs([...files].reverse(), new Map([...labels].reverse()))].sort());
		assert.equal(reversed, once);
	});
});
