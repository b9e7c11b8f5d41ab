import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCommand, commandNames } from '../../../src/cli/args';
import type { CommandName } from '../../../src/cli/args';
import { checkFormats } from '../../../src/cli/commands/check';

const root = path.resolve(__dirname, '..', '..', '..', '..');

suite('docs/ci.md', () => {
	const doc = readFileSync(path.join(root, 'docs', 'ci.md'), 'utf8');

	test('every guardrails command in the GitHub and GitLab templates is one the CLI accepts', () => {
		const lines = [...doc.matchAll(/npx guardrails ([^\n>|]+)/g)].map((m) => m[1].trim());
		assert.ok(lines.length >= 4, 'the templates run lint and check');
		for (const line of lines) {
			// Shell words: quoted CI variables stand for one ref each.
			const words = line.replace(/"[^"]*"/g, 'origin/main').replace(/\$\{\{[^}]*\}\}/g, 'main').split(/\s+/);
			const [command, ...rest] = words;
			assert.ok((commandNames as readonly string[]).includes(command), line);
			const parsed = parseCommand(command as CommandName, rest);
			const format = parsed.values.format;
			if (typeof format === 'string') {
				assert.ok((checkFormats as readonly string[]).includes(format), `${line}: unknown format`);
			}
		}
	});

	test('the GitLab template keeps the Code Quality reports and fetches the target branch', () => {
		assert.match(doc, /reports:\n\s+codequality:/);
		assert.match(doc, /git fetch --quiet origin "\$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"/);
		assert.match(doc, /GIT_DEPTH: 0/);
	});
});
