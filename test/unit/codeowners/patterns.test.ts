import * as assert from 'node:assert/strict';
import type { Dialect } from '../../../src/engine/codeowners/types';
import { bruteForceOwners, loadCases, parseAndCompile, selectFocused } from './helpers';

// Table-driven matching semantics, one fixture per dialect (see the semantics reference). `null`
// means no rule matched; `[]` means a rule matched and leaves the path unowned.
for (const [dialect, file] of [['github', 'github-patterns.json'], ['gitlab', 'gitlab-patterns.json']] as [Dialect, string][]) {
	suite(`CODEOWNERS patterns (${dialect})`, () => {
		for (const c of selectFocused(loadCases(file))) {
			test(c.name, () => {
				const { parsed, index } = parseAndCompile(c.codeowners, dialect);
				for (const [path, expected] of Object.entries(c.expect)) {
					const resolution = index.resolve(path);
					if (expected === null) {
						assert.equal(resolution.rule, null, `${path}: expected no matching rule, got line ${resolution.rule?.line}`);
						assert.deepEqual(resolution.owners, [], `${path}: owners`);
					} else {
						assert.notEqual(resolution.rule, null, `${path}: expected a matching rule`);
						assert.deepEqual(resolution.owners, expected, `${path}: owners`);
					}
					// The index must agree with matching every rule one by one.
					const brute = bruteForceOwners(parsed, path);
					assert.deepEqual(resolution.owners, brute.owners, `${path}: index vs brute force`);
					const explanation = index.explain(path);
					assert.deepEqual(explanation.owners, resolution.owners);
					if (dialect === 'github') {
						assert.equal(explanation.matches[explanation.matches.length - 1] ?? null, resolution.rule, `${path}: explain winner`);
					}
				}
			});
		}
	});
}
