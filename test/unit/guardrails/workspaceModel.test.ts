import * as assert from 'node:assert/strict';
import { loadWorkspaceModel } from '../../../src/engine/workspaceModel';
import { fixtureFiles, fixtureText, memoryHost } from './helpers';

function bankFiles(): Record<string, string> {
	const files: Record<string, string> = {};
	for (const path of ['guardrails.yaml', '.github/CODEOWNERS', 'docs/adr/0003-old-api.md', 'docs/adr/0007-idempotent-payment-requests.md', 'docs/adr/0012-version-the-payments-api.md']) {
		files[path] = fixtureText('bank', path);
	}
	return files;
}

suite('loadWorkspaceModel', () => {
	test('finds and parses both files once and answers from memory', async () => {
		const host = memoryHost(bankFiles());
		const model = await loadWorkspaceModel(host, { identity: 'fay@bank.example', adrFiles: fixtureFiles('bank') });
		assert.equal(model.codeowners?.file, '.github/CODEOWNERS');
		assert.equal(model.codeowners?.dialect, 'github');
		assert.equal(model.config?.file, 'guardrails.yaml');
		assert.equal(model.identity?.person.id, 'fay');
		const decision = model.who('./services/payments/api/openapi.yaml');
		assert.equal(decision.path, 'services/payments/api/openapi.yaml');
		assert.equal(decision.domain?.id, 'payments');
		assert.equal(decision.crossTeam, true);
		assert.equal(model.who('services/payments/api/openapi.yaml'), decision, 'memoized');
		assert.deepEqual(decision.adrs.map((a) => a.status), ['accepted', 'proposed']);
		assert.deepEqual(model.owners('libs/ledger/index.ts')?.owners, ['@bank/core-banking']);
		assert.equal(model.explain('libs/ledger/index.ts')?.matches.length, 2);
		assert.equal(model.crossings('services/payments/api/openapi.yaml').contracts[0].contract.id, 'payments-api');
		assert.equal(model.forecast([{ path: 'services/payments/api/openapi.yaml', status: 'modified' }]).forum, true);
		assert.deepEqual(model.problems(), []);
		const readsBefore = [...host.reads.values()].reduce((a, b) => a + b, 0);
		model.who('libs/ledger/index.ts');
		model.problems();
		assert.equal([...host.reads.values()].reduce((a, b) => a + b, 0), readsBefore, 'no reads after loading');
		assert.equal(host.reads.get('guardrails.yaml'), 1);
	});

	test('problems() includes both parsers and, with a file list, the lint checks', async () => {
		const files = bankFiles();
		files['guardrails.yaml'] = files['guardrails.yaml'].replace('charter:', 'chartr:');
		files['.github/CODEOWNERS'] += 'not/a/valid @@@\n';
		const model = await loadWorkspaceModel(memoryHost(files), { files: fixtureFiles('bank') });
		const codes = model.problems().map((p) => `${p.file} ${p.code}`);
		assert.ok(codes.includes('guardrails.yaml unknown-key'), codes.join('\n'));
		assert.ok(codes.some((c) => c.startsWith('.github/CODEOWNERS ') && !c.endsWith('codeowners-drift')), codes.join('\n'));
		assert.ok(codes.includes('.github/CODEOWNERS codeowners-drift'), codes.join('\n'));
		assert.deepEqual(model.lint(['services/payments/legacy/old.ts']).map((p) => p.code).filter((c) => c === 'codeowners-drift'), ['codeowners-drift']);
	});

	test('ADR problems are not reported twice by lint', async () => {
		const files = bankFiles();
		delete files['docs/adr/0012-version-the-payments-api.md'];
		const model = await loadWorkspaceModel(memoryHost(files), { files: fixtureFiles('bank').filter((f) => !f.includes('0012')) });
		// 0012 is named once (contracts.payments-api.adrs): found by loadAdrs and by lint, reported once.
		assert.equal(model.problems().filter((p) => p.code === 'adr-missing').length, 1);
	});

	test('CODEOWNERS only: no config, the owning handle is the domain', async () => {
		const model = await loadWorkspaceModel(memoryHost({ CODEOWNERS: '* @org/all\n' }));
		assert.equal(model.config, null);
		assert.equal(model.codeowners?.file, 'CODEOWNERS');
		assert.equal(model.who('a.ts').domain?.id, '@org/all');
	});

	test('explicit files win; a missing explicit file is a problem', async () => {
		const files = { 'cfg/rails.yaml': 'version: 1\n', 'guardrails.yaml': 'version: 2\n', 'own/CO': '* @x\n' };
		const model = await loadWorkspaceModel(memoryHost(files), { configFile: 'cfg/rails.yaml', codeownersFile: 'own/CO', dialect: 'gitlab' });
		assert.equal(model.config?.file, 'cfg/rails.yaml');
		assert.equal(model.codeowners?.dialect, 'gitlab');
		assert.deepEqual(model.problems(), []);
		const missing = await loadWorkspaceModel(memoryHost(files), { configFile: 'nope.yaml' });
		assert.equal(missing.config, null);
		assert.deepEqual(missing.problems().map((p) => [p.code, p.file]), [['file-not-found', 'nope.yaml']]);
	});

	test('location order and guardrails.json', async () => {
		const a = await loadWorkspaceModel(memoryHost({ '.config/guardrails.yaml': 'version: 1\n', 'guardrails.json': '{"version": 2}' }));
		assert.equal(a.config?.file, '.config/guardrails.yaml');
		const b = await loadWorkspaceModel(memoryHost({ 'guardrails.json': '{"version": 1}' }));
		assert.equal(b.config?.file, 'guardrails.json');
		assert.deepEqual(b.config?.problems, []);
	});

	test('a host that throws never makes loading fail', async () => {
		const model = await loadWorkspaceModel({ readFile: () => Promise.reject(new Error('EACCES')) });
		assert.equal(model.config, null);
		assert.equal(model.codeowners, null);
		assert.equal(model.who('a').domain, null);
	});

	test('paths written with ./, a leading slash or doubled slashes get the same answer', async () => {
		const model = await loadWorkspaceModel(memoryHost(bankFiles()), { adrFiles: fixtureFiles('bank') });
		const plain = model.who('services/payments/api/openapi.yaml');
		for (const spelling of ['./services/payments/api/openapi.yaml', '/services/payments/api/openapi.yaml', 'services//payments/api/openapi.yaml']) {
			assert.equal(model.who(spelling).path, plain.path, spelling);
			assert.deepEqual(model.owners(spelling)?.owners, model.owners(plain.path)?.owners, spelling);
		}
	});

	test('a backslash is a character of the name, not a separator (issue 14): "services\\payments\\api\\openapi.yaml" at the root is not the contract', async () => {
		const model = await loadWorkspaceModel(memoryHost(bankFiles()), { adrFiles: fixtureFiles('bank') });
		const plain = model.who('services/payments/api/openapi.yaml');
		assert.ok(plain.contracts.length > 0);
		for (const spelling of ['services\\payments\\api\\openapi.yaml', '/services\\payments\\api/openapi.yaml', 'services\\payments/api/openapi.yaml']) {
			const decision = model.who(spelling);
			assert.equal(decision.path, spelling.replace(/^\//, ''), spelling);
			assert.equal(decision.contracts.length, 0, spelling);
			assert.notDeepEqual(model.owners(spelling)?.owners, model.owners(plain.path)?.owners, spelling);
			assert.equal(model.crossings(spelling).contracts.length, 0, spelling);
		}
	});
});
