// Large inputs: each finishes in bounded time with the right answer (bounds are generous and only
// catch super-linear blow-ups; the default run of this file takes a few seconds).
import * as assert from 'node:assert/strict';
import { generateCodeowners, generateTree } from '../../../tools/bench/synthetic';
import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import { githubSizeLimit, parseCodeowners } from '../../../src/engine/codeowners/parse';
import type { Change } from '../../../src/engine/guardrails/types';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { createDecisionContext, whoDecides } from '../../../src/engine/guardrails/whoDecides';
import { forecastReview } from '../../../src/engine/guardrails/forecast';
import { fixtureText } from '../guardrails/helpers';
import { referenceResolve } from '../../reference/referenceOwners';
import { assertValidPositions } from './hostileText';

function elapsed(run: () => void): number {
	const start = process.hrtime.bigint();
	run();
	return Number(process.hrtime.bigint() - start) / 1e6;
}

suite('robustness: sizes', () => {
	test('GitHub: a CODEOWNERS of 3 MB or more is reported (file-too-large) and resolves no owners, as on GitHub', () => {
		const line = `/src/${'x'.repeat(90)}/ @owner\n`;
		const text = `* @everyone\n${line.repeat(Math.ceil(githubSizeLimit / line.length))}`;
		assert.ok(text.length >= githubSizeLimit);
		const parsed = parseCodeowners(text, { dialect: 'github' });
		assert.equal(parsed.ignored, true);
		const problem = parsed.problems.find((p) => p.code === 'file-too-large');
		assert.ok(problem);
		assert.equal(problem.line, 1);
		assert.deepEqual(compileCodeowners(parsed).resolve('src/a.ts').owners, []);
		// One byte under the limit is loaded.
		const under = parseCodeowners(`* @everyone\n${'#'.repeat(githubSizeLimit - 14)}\n`, { dialect: 'github' });
		assert.equal(under.ignored, undefined);
		assert.deepEqual(compileCodeowners(under).resolve('src/a.ts').owners, ['@everyone']);
		// GitLab documents no such limit: the same text is used.
		assert.deepEqual(compileCodeowners(parseCodeowners(text, { dialect: 'gitlab' })).resolve('README').owners, ['@everyone']);
	});

	test('a 100,000-line guardrails.yaml (2,500 domains with 36 paths each) parses with positions and answers within a generous bound', () => {
		// Shape matters: the yaml library's map handling is quadratic in the keys of ONE map, so
		// 25,000 domains (4 lines each) take over 10 s; docs/reliability.md lists that limit.
		const lines = ['version: 1', 'org:', '  people:', '    p: { name: P }', '  teams:', '    t: { name: T, lead: p }', 'domains:'];
		let d = 0;
		while (lines.length < 100000) {
			lines.push(`  d${d}:`, '    team: t', `    charter: Domain number ${d}.`, '    paths:');
			for (let k = 0; k < 36; k++) {
				lines.push(`      - area${d}/p${k}/**`);
			}
			d++;
		}
		lines.push('  broken: [', '');
		const text = lines.join('\n');
		let config: ReturnType<typeof parseGuardrails> | undefined;
		const ms = elapsed(() => {
			config = parseGuardrails(text, 'guardrails.yaml');
		});
		assert.ok(config);
		assert.ok(ms < 30000, `${ms} ms`);
		assertValidPositions(text, config.problems);
		assert.ok(config.problems.some((p) => p.line >= 100000), 'the syntax error at the end is found at its line');
		const ctx = createDecisionContext({ config, dialect: 'github' });
		assert.equal(whoDecides(ctx, `area${d - 1}/p35/x.ts`).domain?.id, `d${d - 1}`);
	});

	test('a 50,000-file change set goes through the forecast within a generous bound', () => {
		const config = parseGuardrails(fixtureText('bank', 'guardrails.yaml'), 'guardrails.yaml');
		const codeowners = { index: compileCodeowners(parseCodeowners('* @bank/infra\nservices/payments/ @bank/payments\n', { dialect: 'github' })), file: '.github/CODEOWNERS', dialect: 'github' as const };
		const ctx = createDecisionContext({ config, codeowners, dialect: 'github' });
		const changes: Change[] = [];
		for (let i = 0; i < 50000; i++) {
			const dir = ['services/payments/api', 'libs/ledger', 'infra/net', 'docs/misc', 'libs/payments/contracts'][i % 5];
			changes.push(i % 97 === 0 ? { path: `${dir}/n${i}.ts`, status: 'renamed', oldPath: `old/${i}.ts` } : { path: `${dir}/f${i}.ts`, status: i % 3 === 0 ? 'added' : 'modified' });
		}
		let forecast: ReturnType<typeof forecastReview> | undefined;
		const ms = elapsed(() => {
			forecast = forecastReview(ctx, changes);
		});
		assert.ok(forecast);
		assert.ok(ms < 20000, `${ms} ms`);
		assert.equal(forecast.files.length, 50000);
		assert.ok(forecast.contracts.some((c) => c.contract.id === 'payments-api'));
	});

	test('paths with 1,000 segments and names of 1 MB resolve (both dialects) and decide', () => {
		for (const dialect of ['github', 'gitlab'] as const) {
			const parsed = parseCodeowners('* @all\n**/deep/ @deep\n*.md @docs\n', { dialect });
			const index = compileCodeowners(parsed);
			const deep = `${'d/'.repeat(500)}deep/${'e/'.repeat(499)}f.ts`;
			assert.equal(deep.split('/').length, 1001);
			assert.deepEqual(index.resolve(deep).owners, referenceResolve(parsed, deep).owners);
			assert.deepEqual(index.resolve(deep).owners, dialect === 'github' ? ['@deep'] : ['@deep']);
			const huge = `${'n'.repeat(1024 * 1024)}.md`;
			assert.deepEqual(index.resolve(huge).owners, ['@docs']);
		}
		const ctx = createDecisionContext({ config: parseGuardrails(fixtureText('bank', 'guardrails.yaml'), 'guardrails.yaml'), dialect: 'github' });
		assert.equal(whoDecides(ctx, `services/payments/${'x/'.repeat(998)}y.ts`).domain?.id, 'payments');
	});

	test('lines of 1 MB: a huge pattern, a huge owner and a huge comment are read, positioned and bounded', () => {
		const mb = 1024 * 1024;
		for (const dialect of ['github', 'gitlab'] as const) {
			const text = `/${'p'.repeat(mb)} @a\n* @b ${'@'.repeat(1)}${'c'.repeat(mb)}\n# ${'#'.repeat(mb)}\n/${'*'.repeat(mb)}x @z\n`;
			let parsed: ReturnType<typeof parseCodeowners> | undefined;
			const ms = elapsed(() => {
				parsed = parseCodeowners(text, { dialect });
				compileCodeowners(parsed).resolve(`${'p'.repeat(mb)}`);
			});
			assert.ok(parsed);
			assert.ok(ms < 10000, `${dialect}: ${ms} ms`);
			assertValidPositions(text, parsed.problems);
			assert.equal(parsed.rules[0].pattern.length, mb + 1);
			for (const p of parsed.problems) {
				assert.ok(p.message.length < 1000, 'a problem message never repeats a megabyte of input');
			}
		}
		const yaml = `version: 1\nx-note: "${'y'.repeat(mb)}"\nbogus${'k'.repeat(mb)}: 1\n`;
		const config = parseGuardrails(yaml, 'guardrails.yaml');
		assertValidPositions(yaml, config.problems);
		assert.ok(config.problems.some((p) => p.line === 3));
	});

	test('a million-path synthetic resolution (bench generator) finishes and agrees with the reference on a sample', () => {
		const tree = generateTree(7, 100000);
		const dataset = generateCodeowners(tree, { seed: 7, paths: tree.files.length, rules: 2000, dialect: 'github' });
		const parsed = parseCodeowners(dataset.codeowners, { dialect: 'github' });
		const index = compileCodeowners(parsed);
		let resolved = 0;
		let owned = 0;
		const ms = elapsed(() => {
			for (let v = 0; v < 10; v++) {
				for (const file of tree.files) {
					// Ten distinct variants of every generated path: a million distinct lookups.
					const path = v === 0 ? file : `${file.slice(0, file.lastIndexOf('/') + 1)}v${v}-${file.slice(file.lastIndexOf('/') + 1)}`;
					if (index.resolve(path).owners.length > 0) {
						owned++;
					}
					resolved++;
				}
			}
		});
		assert.ok(resolved >= 1000000, String(resolved));
		assert.ok(owned > 0);
		assert.ok(ms < 60000, `${ms} ms`);
		for (let i = 0; i < tree.files.length; i += 997) {
			const file = tree.files[i];
			assert.deepEqual(index.resolve(file).owners, referenceResolve(parsed, file).owners, file);
		}
	});
});
