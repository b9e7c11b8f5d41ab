// The engine side of "under load": what the extension does on every save and every editor switch
// stays bounded (time with generous bounds, memory through the bounded memo).
import * as assert from 'node:assert/strict';
import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import { lintCodeowners } from '../../../src/engine/codeowners/lint';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { createDecisionContext, whoDecides } from '../../../src/engine/guardrails/whoDecides';
import { fixtureText } from '../guardrails/helpers';
import { assertValidPositions } from './hostileText';

function elapsed(run: () => void): number {
	const start = process.hrtime.bigint();
	run();
	return Number(process.hrtime.bigint() - start) / 1e6;
}

suite('robustness: under load (engine side)', () => {
	test('the per-path memo stays bounded after 50,000 distinct paths (memory does not grow with use)', () => {
		const config = parseGuardrails(fixtureText('bank', 'guardrails.yaml'), 'guardrails.yaml');
		const ctx = createDecisionContext({ config, dialect: 'github', cacheSize: 1000 });
		for (let i = 0; i < 50000; i++) {
			whoDecides(ctx, `services/payments/f${i}.ts`);
		}
		assert.equal(ctx.cachedCount, 1000);
		// Evicted entries are recomputed with the same answer.
		assert.equal(whoDecides(ctx, 'services/payments/f0.ts').domain?.id, 'payments');
	});

	test('a CODEOWNERS saved 200 times in a row (each save reparsed and recompiled) stays within a generous bound and answers from the last save', () => {
		const base: string[] = ['* @all'];
		for (let i = 0; i < 2000; i++) {
			base.push(`/area${i}/ @team${i % 50}`);
		}
		let last = compileCodeowners(parseCodeowners(base.join('\n'), { dialect: 'github' }));
		const ms = elapsed(() => {
			for (let save = 0; save < 200; save++) {
				const text = `${base.join('\n')}\n/area7/ @saved${save}\n`;
				last = compileCodeowners(parseCodeowners(text, { dialect: 'github' }));
			}
		});
		assert.ok(ms < 20000, `${ms} ms`);
		assert.deepEqual(last.resolve('area7/x').owners, ['@saved199']);
	});

	test('20,000 problems (thousands of diagnostics) are produced in bounded time, each positioned', () => {
		const lines: string[] = [];
		for (let i = 0; i < 20000; i++) {
			lines.push(`/dir${i}/ not-an-owner${i}`);
		}
		const text = lines.join('\n');
		let problems = 0;
		const ms = elapsed(() => {
			const parsed = parseCodeowners(text, { dialect: 'gitlab' });
			const all = [...parsed.problems, ...lintCodeowners(parsed, { index: compileCodeowners(parsed), files: ['dir1/a'] })];
			assertValidPositions(text, all);
			problems = all.length;
		});
		assert.ok(problems >= 20000, String(problems));
		assert.ok(ms < 20000, `${ms} ms`);
	});
});
