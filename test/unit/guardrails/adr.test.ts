import * as assert from 'node:assert/strict';
import { loadAdrs, parseAdr, sortAdrs } from '../../../src/engine/guardrails/adr';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { fixtureText, memoryHost } from './helpers';

suite('parseAdr', () => {
	const cases: { style: string; text: string; title: string; status: string; domains?: string[]; contracts?: string[] }[] = [
		{
			style: 'Nygard / adr-tools (## Status section)',
			text: '# 1. Record architecture decisions\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n',
			title: '1. Record architecture decisions',
			status: 'accepted',
		},
		{
			style: 'adr-tools supersession line',
			text: '# 2. Use REST\n\n## Status\n\nSuperseded by [3. Use gRPC](0003-use-grpc.md)\n',
			title: '2. Use REST',
			status: 'superseded',
		},
		{
			style: 'MADR bullet with -',
			text: '# Use Postgres\n\n- Status: proposed\n- Deciders: alice\n',
			title: 'Use Postgres',
			status: 'proposed',
		},
		{
			style: 'MADR bullet with * and bold',
			text: '# Use Kafka\n\n* **Status:** Deprecated\n',
			title: 'Use Kafka',
			status: 'deprecated',
		},
		{
			style: 'log4brains / MADR 3 front matter',
			text: '---\nstatus: accepted\ndate: 2025-01-01\ndomains: [payments]\ncontracts: [payments-api, customer-model]\n---\n# Version the API\n\n## Status\n\nproposed\n',
			title: 'Version the API',
			status: 'accepted',
			domains: ['payments'],
			contracts: ['payments-api', 'customer-model'],
		},
		{
			style: 'front matter without status falls back to the bullet',
			text: '---\ndomains: core\n---\n# T\n\n- Status: rejected\n',
			title: 'T',
			status: 'rejected',
			domains: ['core'],
		},
		{
			style: 'no title, no status',
			text: 'Some notes without a heading.\n',
			title: '0009-notes',
			status: 'unknown',
		},
		{
			style: 'CRLF line endings',
			text: '# Windows ADR\r\n\r\n## Status\r\n\r\nAccepted\r\n',
			title: 'Windows ADR',
			status: 'accepted',
		},
	];
	for (const c of cases) {
		test(c.style, () => {
			const adr = parseAdr(c.text, 'docs/adr/0009-notes.md');
			assert.equal(adr.title, c.title);
			assert.equal(adr.status, c.status);
			assert.deepEqual(adr.domains, c.domains ?? []);
			assert.deepEqual(adr.contracts, c.contracts ?? []);
			assert.equal(adr.path, 'docs/adr/0009-notes.md');
		});
	}

	test('superseded ADRs are sorted after current ones, order kept otherwise', () => {
		const adr = (path: string, status: string) => ({ path, title: path, status, domains: [], contracts: [] });
		const sorted = sortAdrs([adr('a', 'superseded'), adr('b', 'accepted'), adr('c', 'proposed'), adr('d', 'deprecated')]);
		assert.deepEqual(sorted.map((a) => a.path), ['b', 'c', 'a', 'd']);
	});
});

suite('loadAdrs', () => {
	test('reads listed ADRs under the roots and the ones the config names, and reports missing ones', async () => {
		const config = parseGuardrails(fixtureText('bank', 'guardrails.yaml').replace('adrs: [docs/adr/0012-version-the-payments-api.md]', 'adrs: [docs/adr/0012-version-the-payments-api.md, docs/adr/0099-missing.md]'), 'guardrails.yaml');
		const host = memoryHost({
			'docs/adr/0007-idempotent-payment-requests.md': fixtureText('bank', 'docs/adr/0007-idempotent-payment-requests.md'),
			'docs/adr/0012-version-the-payments-api.md': fixtureText('bank', 'docs/adr/0012-version-the-payments-api.md'),
			'docs/adr/0003-old-api.md': fixtureText('bank', 'docs/adr/0003-old-api.md'),
			'docs/adr/README.md': '# ADRs\n',
			'other/0001.md': '# Not an ADR\n',
		});
		const loaded = await loadAdrs(host, config, ['docs/adr/0003-old-api.md', 'docs/adr/README.md', 'other/0001.md']);
		assert.deepEqual([...loaded.adrs.keys()].sort(), ['docs/adr/0003-old-api.md', 'docs/adr/0007-idempotent-payment-requests.md', 'docs/adr/0012-version-the-payments-api.md']);
		assert.equal(loaded.adrs.get('docs/adr/0003-old-api.md')?.status, 'superseded');
		assert.equal(loaded.problems.length, 1);
		const [problem] = loaded.problems;
		assert.equal(problem.code, 'adr-missing');
		assert.match(problem.message, /0099-missing\.md/);
		const line = fixtureText('bank', 'guardrails.yaml').split('\n').findIndex((l) => l.includes('adrs: [docs/adr/0012')) + 1;
		assert.equal(problem.line, line);
		assert.equal(host.reads.get('docs/adr/0012-version-the-payments-api.md'), 1, 'each ADR is read once');
	});

	test('uses host.listFiles when no list is given', async () => {
		const config = parseGuardrails('version: 1\nadrs: { roots: [decisions] }\n', 'guardrails.yaml');
		const host = { ...memoryHost({ 'decisions/1.md': '# One\n\n- Status: accepted\n' }), listFiles: (dir: string) => Promise.resolve(dir === 'decisions' ? ['decisions/1.md'] : undefined) };
		const loaded = await loadAdrs(host, config);
		assert.equal(loaded.adrs.get('decisions/1.md')?.status, 'accepted');
	});
});
