// Paths from the config (ADRs, ADR roots, the ADR template) must never reach outside the
// repository: the parser rejects them with a problem and nothing reads them.
import * as assert from 'node:assert/strict';
import { loadAdrs } from '../../../src/engine/guardrails/adr';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { loadWorkspaceModel } from '../../../src/engine/workspaceModel';
import { memoryHost } from '../guardrails/helpers';

const escaping = ['../../etc/passwd', '/etc/passwd', 'docs/../../secret.md', 'C:/Windows/win.ini', '..\\..\\secret.md', '\\\\server\\share\\x.md'];

function configText(adr: string): string {
	return [
		'version: 1',
		'org:',
		'  people: { p: { name: P } }',
		'  teams: { t: { name: T, lead: p } }',
		'domains:',
		'  d:',
		'    team: t',
		'    paths: [src/**]',
		`    adrs: [${JSON.stringify(adr)}]`,
		'contracts:',
		'  c:',
		'    owner: d',
		'    paths: [api/**]',
		`    adrs: [${JSON.stringify(adr)}]`,
		'escalation:',
		'  forum:',
		'    members: [p]',
		`    adrTemplate: ${JSON.stringify(adr)}`,
		'adrs:',
		`  roots: [docs/adr, ${JSON.stringify(adr)}]`,
		'',
	].join('\n');
}

suite('robustness: config paths never leave the repository', () => {
	for (const adr of escaping) {
		test(`${JSON.stringify(adr)}: reported at each place it is written, and never read`, async () => {
			const text = configText(adr);
			const config = parseGuardrails(text, 'guardrails.yaml');
			const outside = config.problems.filter((p) => p.code === 'path-outside-repository');
			assert.deepEqual(outside.map((p) => p.line).sort((a, b) => a - b), [9, 14, 18, 20], JSON.stringify(config.problems));
			assert.ok(outside.every((p) => p.severity === 'error'));
			assert.equal(config.forum?.adrTemplate, undefined, 'the template is dropped');
			assert.deepEqual(config.adrRoots, ['docs/adr'], 'the root is dropped');
			const host = memoryHost({ [adr]: '# Stolen\n', 'guardrails.yaml': text });
			const loaded = await loadAdrs(host, config);
			assert.equal(host.reads.get(adr), undefined, 'an escaping path is never read');
			assert.equal(loaded.adrs.size, 0);
			const model = await loadWorkspaceModel(host, {});
			assert.equal(host.reads.get(adr), undefined);
			assert.ok(model.problems().some((p) => p.code === 'path-outside-repository'));
		});
	}

	test('ordinary relative paths, including names with dots, are accepted', () => {
		const config = parseGuardrails(configText('docs/adr/0001-..dots..md'), 'guardrails.yaml');
		assert.deepEqual(config.problems.filter((p) => p.code === 'path-outside-repository'), []);
	});
});
