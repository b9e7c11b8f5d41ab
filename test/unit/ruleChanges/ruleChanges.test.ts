import * as assert from 'node:assert/strict';
import { ruleFileEdits } from '../../../src/engine/ruleChanges/ruleChanges';

suite('ruleFileEdits', () => {
	test('finds every CODEOWNERS and guardrails location a change touches, by new and old path', () => {
		const edits = ruleFileEdits([
			{ path: 'src/a.ts', status: 'modified' },
			{ path: '.github/CODEOWNERS', status: 'added' },
			{ path: 'config/guardrails.yaml', status: 'renamed', oldPath: 'guardrails.yaml' },
			{ path: 'docs/CODEOWNERS', status: 'deleted' },
		]);
		assert.deepEqual(edits, [
			{ file: '.github/CODEOWNERS', kind: 'codeowners', status: 'added' },
			{ file: 'guardrails.yaml', kind: 'guardrails', status: 'renamed' },
			{ file: 'docs/CODEOWNERS', kind: 'codeowners', status: 'deleted' },
		]);
	});

	test('a configured path counts with its kind; other files do not', () => {
		const changes = [{ path: 'ops/OWNERS', status: 'modified' as const }, { path: 'ops/rules.yaml', status: 'modified' as const }, { path: 'README.md', status: 'modified' as const }];
		assert.deepEqual(ruleFileEdits(changes, { codeowners: ['ops/OWNERS'], guardrails: [undefined, 'ops/rules.yaml'] }).map((e) => [e.file, e.kind]), [
			['ops/OWNERS', 'codeowners'],
			['ops/rules.yaml', 'guardrails'],
		]);
		assert.deepEqual(ruleFileEdits(changes), []);
	});
});
