import * as assert from 'assert';
import { getApi, repoFile, withSetting } from './extensionApi';

suite('explorer decorations', () => {
	test('a contract file gets a badge and a tooltip naming the contract, domain and lead', async () => {
		const api = await getApi();
		const decoration = await api.decoration(repoFile('services/payments/api/openapi.yaml'));
		assert.ok(decoration);
		assert.strictEqual(decoration.badge, 'C');
		assert.match(decoration.tooltip ?? '', /Payments HTTP API v2/);
		assert.match(decoration.tooltip ?? '', /Payments/);
		assert.match(decoration.tooltip ?? '', /Alice Ng/);
	});

	test('an owned file names its domain and lead without a badge', async () => {
		const api = await getApi();
		const decoration = await api.decoration(repoFile('libs/ledger/money.ts'));
		assert.ok(decoration);
		assert.strictEqual(decoration.badge, undefined);
		assert.strictEqual(decoration.tooltip, 'Core Banking · lead Chen Li');
	});

	test('a file in no domain gets no decoration', async () => {
		const api = await getApi();
		assert.strictEqual(await api.decoration(repoFile('tools/scratch/notes.md')), undefined);
	});

	test('the setting turns decorations off', async () => {
		const api = await getApi();
		await withSetting('ownershipGuardrails.explorerDecorations.enabled', false, async () => {
			assert.strictEqual(await api.decoration(repoFile('services/payments/api/openapi.yaml')), undefined);
		});
		assert.ok(await api.decoration(repoFile('services/payments/api/openapi.yaml')));
	});
});
