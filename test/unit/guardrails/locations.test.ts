import * as assert from 'node:assert/strict';
import { findGuardrails, guardrailsLocations } from '../../../src/engine/guardrails/locations';
import { memoryHost } from './helpers';

suite('findGuardrails', () => {
	test('the documented order', () => {
		assert.deepEqual(guardrailsLocations, ['guardrails.yaml', '.github/guardrails.yaml', '.gitlab/guardrails.yaml', '.config/guardrails.yaml', 'guardrails.json']);
	});

	test('the first existing location wins', async () => {
		for (let i = 0; i < guardrailsLocations.length; i++) {
			const files: Record<string, string> = {};
			for (const later of guardrailsLocations.slice(i)) {
				files[later] = `# ${later}\nversion: 1\n`;
			}
			const found = await findGuardrails(memoryHost(files));
			assert.equal(found?.file, guardrailsLocations[i]);
			assert.equal(found?.text, files[guardrailsLocations[i]]);
		}
	});

	test('an explicit file wins and is not replaced when missing', async () => {
		const host = memoryHost({ 'guardrails.yaml': 'version: 1\n', 'ops/rails.yaml': 'version: 1\n' });
		assert.equal((await findGuardrails(host, './ops/rails.yaml'))?.file, 'ops/rails.yaml');
		assert.equal(await findGuardrails(host, 'ops/missing.yaml'), undefined);
	});

	test('nothing found, and a throwing host, give undefined', async () => {
		assert.equal(await findGuardrails(memoryHost({})), undefined);
		assert.equal(await findGuardrails({ readFile: () => Promise.reject(new Error('EIO')) }), undefined);
	});
});
