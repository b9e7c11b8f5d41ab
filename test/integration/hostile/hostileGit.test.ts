// The extension's own git runs in a repository that names programs for git to run, and "Create
// Architecture Decision Record" next to a record numbered past 2^53 (issue 14). The git extension
// is off in this workspace (.vscode/settings.json), so every git run comes from our fallback
// (src/vscode/repo/gitRunner.ts): `status`, `ls-files`, `config`, `log`.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFile, repoFile, repoRoot, waitFor } from '../suite/extensionApi';
import { answerAfterReset, fixtureRoot, repoPath } from './hostileFixture';

const refunds = 'services/payments/src/refunds.ts';
const traps = ['filter', 'hook', 'fsmonitor'];

function markers(): string[] {
	return traps.map((name) => path.join(fixtureRoot(), 'traps', `${name}.ran`));
}

function markersLeft(): string[] {
	return markers().filter((marker) => fs.existsSync(marker)).map((marker) => path.basename(marker, '.ran'));
}

function clearMarkers(): void {
	for (const marker of markers()) {
		fs.rmSync(marker, { force: true });
	}
}

/** Same content, a new mtime: git must re-read the file through its clean filter and rewrite the index. */
function makeStatDirty(relative: string): void {
	const later = new Date(Date.now() + 120_000);
	fs.utimesSync(repoPath(relative), later, later);
}

suite('A hostile repository: git traps and record numbers (issue 14)', () => {
	const readme = 'README.md';
	let readmeBytes: Buffer | undefined;
	const createdAdrs: vscode.Uri[] = [];

	suiteTeardown(async () => {
		await closeAllEditors();
		if (readmeBytes) {
			fs.writeFileSync(repoPath(readme), readmeBytes);
		}
		for (const uri of createdAdrs) {
			fs.rmSync(uri.fsPath, { force: true });
		}
	});

	test('the extension\'s git runs (status, ls-files, config, log) run no hook, filter or fsmonitor; plain git runs all three', async () => {
		assert.strictEqual(vscode.workspace.getConfiguration('git', repoRoot()).get('enabled'), false, 'the git extension is off here');
		// The trap works: plain git status on a stat-dirty file runs the filter, the hook and the fsmonitor.
		clearMarkers();
		makeStatDirty(refunds);
		execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot().fsPath, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }, stdio: 'ignore' });
		assert.deepStrictEqual(markersLeft(), traps, 'plain git ran every trap');
		clearMarkers();

		// The same state again, plus a real change for review routing to find.
		makeStatDirty(refunds);
		readmeBytes = fs.readFileSync(repoPath(readme));
		fs.writeFileSync(repoPath(readme), `${readmeBytes.toString('utf8')}\nA line added by the hostile-repository test.\n`);
		const api = await getApi();
		// `git config user.email` on every model build.
		await answerAfterReset(api, 'the payments answer', refunds, (a) => a?.decision.domain?.title === 'Payments');
		// `git status` (the fallback without the git extension) for review routing.
		const routing = await waitFor('the README change in review routing', async () => {
			const snapshots = await api.reviewRouting();
			return snapshots.some((snapshot) => snapshot.changes.some((change) => change.path === readme)) ? snapshots : undefined;
		}, 20_000);
		assert.ok(routing.length > 0);
		// `git ls-files` for the CODEOWNERS diagnostics' file list.
		const document = await vscode.workspace.openTextDocument(repoFile('.github/CODEOWNERS'));
		await vscode.window.showTextDocument(document);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		// `git ls-files` and `git log` for the draft config.
		const draft = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('ownershipGuardrails.draftConfig', repoFile(refunds));
		assert.ok(draft, 'a draft was made (from git\'s file list and history)');
		await closeAllEditors();
		assert.deepStrictEqual(markersLeft(), [], 'no trap ran from the extension\'s git runs');
	});

	test('"Create Architecture Decision Record" next to record 9007199254740993 creates 9007199254740994 and overwrites nothing', async () => {
		const existing = 'docs/adr/9007199254740993-a-very-large-number.md';
		const before = fs.readFileSync(repoPath(existing));
		// The same title: with numbers parsed as doubles, the "next" name was exactly the existing one.
		const first = await vscode.commands.executeCommand<vscode.Uri>('ownershipGuardrails.createAdr', repoFile(refunds), 'A very large number');
		assert.ok(first);
		createdAdrs.push(first);
		assert.match(first.path, /\/docs\/adr\/9007199254740994-a-very-large-number\.md$/);
		assert.match(fs.readFileSync(first.fsPath, 'utf8'), /^# A very large number$/m);
		// Again: the next one, and neither earlier record is touched.
		const firstBytes = fs.readFileSync(first.fsPath);
		const second = await vscode.commands.executeCommand<vscode.Uri>('ownershipGuardrails.createAdr', repoFile(refunds), 'A very large number');
		assert.ok(second);
		createdAdrs.push(second);
		assert.match(second.path, /\/docs\/adr\/9007199254740995-a-very-large-number\.md$/);
		assert.deepStrictEqual(fs.readFileSync(repoPath(existing)), before, 'the existing record is untouched');
		assert.deepStrictEqual(fs.readFileSync(first.fsPath), firstBytes, 'the first new record is untouched');
		await openFile(refunds);
	});
});
