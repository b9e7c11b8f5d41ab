// Rule files read at HEAD get the working tree's protection (issue 14, items 2, 3 and 7): when the
// working tree edits CODEOWNERS, review routing reads HEAD's rules (src/vscode/repo/headRules.ts); a
// HEAD whose CODEOWNERS is a committed symbolic link must not be read: `git show` prints a link's
// target as the file's text, and a target can be any string, rules included. The git extension is
// off in this workspace, so HEAD is read by our hardened git (`ls-tree`, `show`).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getApi, repoRoot, waitFor } from '../suite/extensionApi';
import { repoPath } from './hostileFixture';

const codeowners = '.github/CODEOWNERS';
const refunds = 'services/payments/src/refunds.ts';
const linkTeam = '@link/target-text';
/** A link's target is any string: this one reads as a CODEOWNERS rule when the link is shown as text. */
const linkTarget = `* ${linkTeam}`;

/** Plain git with the repository's traps (hooks, fsmonitor) switched off: the test's own plumbing. */
function git(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): string {
	return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', ...args], {
		cwd: repoRoot().fsPath,
		env: options.env ?? process.env,
		input: options.input,
		encoding: 'utf8',
	}).trim();
}

suite('A hostile repository: rule files at HEAD (issue 14)', () => {
	let previousHead = '';
	let refundsText = '';
	let scratch = '';

	suiteSetup(() => {
		previousHead = git(['rev-parse', 'HEAD']);
		refundsText = fs.readFileSync(repoPath(refunds), 'utf8');
		// A commit whose CODEOWNERS is a symbolic link, built on a scratch index so the
		// working tree and the real index stay as they are: the working tree's CODEOWNERS now
		// differs from HEAD's, so the view forecasts with HEAD's rules.
		scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'og-head-index-'));
		const env = { ...process.env, GIT_INDEX_FILE: path.join(scratch, 'index') };
		git(['read-tree', 'HEAD'], { env });
		const link = git(['hash-object', '-w', '--no-filters', '--stdin'], { input: linkTarget });
		git(['update-index', '--add', '--cacheinfo', `120000,${link},${codeowners}`], { env });
		const tree = git(['write-tree'], { env });
		const commit = git(['commit-tree', tree, '-p', previousHead, '-m', 'CODEOWNERS is a symbolic link'], { env });
		git(['update-ref', 'HEAD', commit]);
		fs.appendFileSync(repoPath(refunds), '\n// changed by the HEAD rules test\n');
	});

	suiteTeardown(() => {
		git(['update-ref', 'HEAD', previousHead]);
		fs.writeFileSync(repoPath(refunds), refundsText);
		fs.rmSync(scratch, { recursive: true, force: true });
	});

	test('HEAD\'s CODEOWNERS as a symbolic link is not read as rules (git shows a link as its target); the edit is still listed', async () => {
		assert.strictEqual(git(['ls-tree', 'HEAD', '--', codeowners]).split(' ')[0], '120000', 'HEAD holds a link');
		assert.strictEqual(git(['show', `HEAD:${codeowners}`]), linkTarget, 'plain git shows the link as its target');
		const api = await getApi();
		api.reset();
		const snapshot = await waitFor('the forecast with HEAD\'s rules', async () => {
			const [first] = await api.reviewRouting();
			const paths = first?.forecast.files.map((file) => file.path) ?? [];
			return first?.rules && paths.includes(refunds) ? first : undefined;
		}, 30_000);
		const rules = snapshot.rules;
		assert.ok(rules);
		assert.deepStrictEqual(rules.edited.map((edit) => edit.file), [codeowners]);
		const seen = JSON.stringify({ reviewers: snapshot.forecast.reviewers, files: snapshot.forecast.files, rules });
		assert.ok(!seen.includes(linkTeam), `the link's target was read as rules: ${seen}`);
		// HEAD has no readable CODEOWNERS: every file the edit changes gains its owner from nothing.
		const owners = rules.examples.filter((entry) => entry.aspect === 'owners');
		assert.ok(owners.length > 0, JSON.stringify(rules.examples));
		assert.ok(owners.every((entry) => entry.before.length === 0 && entry.after.length > 0), JSON.stringify(owners));
	});
});
