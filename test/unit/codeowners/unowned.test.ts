import * as assert from 'node:assert/strict';
import { explainUnowned } from '../../../src/engine/codeowners/unowned';
import { parseAndCompile } from './helpers';

suite('explainUnowned', () => {
	test('an owned path needs no explanation', () => {
		const { parsed, index } = parseAndCompile('* @all\n', 'github');
		assert.equal(explainUnowned(parsed, index, 'a.js'), null);
	});

	test('an ownerless last match: names it, the owning rule it shadows, and how to give it an owner', () => {
		const { parsed, index } = parseAndCompile('* @acme/architecture\n/tools/ @acme/tools\n/tools/scratch/notes.md\n', 'github');
		const e = explainUnowned(parsed, index, 'tools/scratch/notes.md');
		assert.ok(e);
		assert.equal(e.reason, 'ownerless-rule');
		assert.equal(e.ownerlessRule?.line, 3);
		assert.equal(e.closest?.rule.line, 2);
		assert.equal(e.closest?.matches, true);
		assert.equal(e.suggestion, '/tools/scratch/notes.md @acme/tools');
		assert.match(e.advice, /line 3 of CODEOWNERS/);
	});

	test('no rule matches: the rule sharing the most folders came closest', () => {
		const { parsed, index } = parseAndCompile('/docs/ @docs\n/services/payments/ @payments\n/services/core/api/ @core\n*.md @writers\n', 'github');
		const e = explainUnowned(parsed, index, 'services/core/src/a.ts');
		assert.ok(e);
		assert.equal(e.reason, 'no-rule');
		assert.equal(e.ownerlessRule, null);
		assert.equal(e.closest?.rule.pattern, '/services/core/api/');
		assert.equal(e.closest?.matches, false);
		assert.equal(e.suggestion, '/services/core/src/ @core');
		assert.match(e.advice, /at the end of CODEOWNERS: the last matching rule wins/);
	});

	test('nothing near: no closest rule, and a placeholder owner', () => {
		const { parsed, index } = parseAndCompile('/docs/ @docs\n', 'github');
		const e = explainUnowned(parsed, index, 'README');
		assert.ok(e);
		assert.equal(e.closest, null);
		assert.equal(e.suggestion, '/README @owner');
	});

	test('GitLab: advises a section', () => {
		const { parsed, index } = parseAndCompile('[Docs] @docs\n/docs/\n', 'gitlab');
		const e = explainUnowned(parsed, index, 'docs2/x.md');
		assert.ok(e);
		assert.match(e.advice, /to a section/);
	});
});
