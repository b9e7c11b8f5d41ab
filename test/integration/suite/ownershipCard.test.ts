// What a new user saw first (issue 13): the counts in the CODEOWNERS hover, the status-bar card and
// "Open CODEOWNERS rule" on a GitLab CODEOWNERS with no guardrails.yaml (review routing without
// domains is tested in codeownersOnly/: the view forecasts with HEAD's rules, and the demo's HEAD has domains).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFile, repoFile, repoRoot, waitFor } from './extensionApi';

function hoverText(hovers: vscode.Hover[]): string {
	return hovers
		.flatMap((hover) => hover.contents)
		.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
		.join('\n')
		.replace(/&nbsp;/g, ' ')
		.replace(/\\(.)/g, '$1');
}

function git(...args: string[]): string {
	return execFileSync('git', args, { cwd: repoRoot().fsPath, encoding: 'utf8' });
}

/** What `git ls-files` lists under a folder: the list the CLI counts (plus untracked files). */
function gitListed(folder: string): string[] {
	const out = git('ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', folder);
	return [...new Set(out.split('\0').filter((entry) => entry.length > 0))];
}

/**
 * What a suite here changes in the shared workspace must be gone at its end: later suites (in any
 * order) expect the demo as committed. `git status` and the global settings this file touches.
 */
function workspaceState(): string {
	const dialect = vscode.workspace.getConfiguration('ownershipGuardrails').inspect('dialect');
	return JSON.stringify({ status: git('status', '--porcelain', '--untracked-files=all'), dialect: dialect?.globalValue ?? null });
}

suite('CODEOWNERS hover: file counts come from git', () => {
	const link = 'services/payments/linked-ledger';
	const extra = 'services/payments/src/symlink-test.ts';
	// Tracked, deleted in the working tree and not staged: git still lists it, the disk does not.
	const deleted = 'services/payments/src/store.ts';
	let before = '';

	suiteSetup(() => {
		before = workspaceState();
	});

	suiteTeardown(async () => {
		fs.rmSync(repoFile(link).fsPath, { force: true });
		fs.rmSync(repoFile(extra).fsPath, { force: true });
		git('checkout', '--', deleted);
		await closeAllEditors();
		assert.strictEqual(workspaceState(), before, 'the suite leaves the workspace as it found it');
	});

	test('a symlinked folder counts as the one entry git lists, not as the files behind it', async () => {
		// libs/ledger holds 3 files: a search that follows the link would count them under /services/payments/ too.
		fs.symlinkSync('../../libs/ledger', repoFile(link).fsPath, 'dir');
		fs.writeFileSync(repoFile(extra).fsPath, 'export const created = true;\n');
		fs.rmSync(repoFile(deleted).fsPath);
		const expected = gitListed('services/payments/').filter((file) => file !== deleted);
		assert.ok(expected.includes(link), `git lists the link itself: ${expected.join(', ')}`);
		const document = await vscode.workspace.openTextDocument(repoFile('.github/CODEOWNERS'));
		await vscode.window.showTextDocument(document);
		let line = 0;
		while (!document.lineAt(line).text.startsWith('/services/payments/ ')) {
			line++;
		}
		const hover = await waitFor(`a hover counting ${expected.length} files`, async () => {
			const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 3)));
			return text.includes(`of the ${expected.length} files it matches`) ? text : undefined;
		}, 15_000);
		assert.match(hover, new RegExp(`Owns \\d+ of the ${expected.length} files it matches`));
		assert.doesNotMatch(hover, /linked-ledger\/journal\.ts/);
		assert.match(hover, /Counted in git's file list \(\d+ files, \d+ of them untracked\); guardrails audit counts the tracked ones\./);
		assert.match(hover, /Files deleted in the working tree and not staged are left out \(1\); guardrails audit still counts them\./);
	});
});

suite('GitLab sections, CODEOWNERS alone (no guardrails.yaml)', () => {
	const guardrails = repoFile('guardrails.yaml').fsPath;
	const codeowners = repoFile('CODEOWNERS').fsPath;
	const header = repoFile('warp/native/tile_reduce.h').fsPath;
	// Lines 55-78 of NVIDIA/warp's CODEOWNERS, shortened: two optional sections cover tile_reduce.h.
	const text = [
		'[Public API] @mmacklin @ershi',
		'/warp/__init__.py',
		'',
		'^[Native C++/CUDA] @mmacklin @lwawrzyniak @ncapens',
		'/warp/native/',
		'',
		'^[Clang] @ncapens',
		'/warp/native/clang/',
		'',
		'^[Tiles] @zcorse',
		'/warp/native/tile*',
		'',
	].join('\n');
	let originalGuardrails: string | undefined;
	let originalDialect: unknown;
	let before = '';

	suiteSetup(async () => {
		before = workspaceState();
		originalGuardrails = fs.readFileSync(guardrails, 'utf8');
		originalDialect = vscode.workspace.getConfiguration('ownershipGuardrails').inspect('dialect')?.globalValue;
		fs.rmSync(guardrails);
		fs.writeFileSync(codeowners, text);
		fs.mkdirSync(path.dirname(header), { recursive: true });
		fs.writeFileSync(header, '#pragma once\n');
		await vscode.workspace.getConfiguration('ownershipGuardrails').update('dialect', 'gitlab', vscode.ConfigurationTarget.Global);
		const api = await getApi();
		await waitFor('the GitLab model', async () => ((await api.answer(vscode.Uri.file(header)))?.decision.codeowners?.sections.length === 2 ? true : undefined), 15_000);
	});

	suiteTeardown(async () => {
		// A test stopped while the rule pick was open must not leave it to the next suite.
		await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
		if (originalGuardrails !== undefined) {
			fs.writeFileSync(guardrails, originalGuardrails);
		}
		fs.rmSync(codeowners, { force: true });
		fs.rmSync(repoFile('warp').fsPath, { recursive: true, force: true });
		await vscode.workspace.getConfiguration('ownershipGuardrails').update('dialect', originalDialect, vscode.ConfigurationTarget.Global);
		// Later suites expect the demo's answers.
		const api = await getApi();
		await waitFor('the restored model', async () => {
			const answer = await api.answer(repoFile('services/payments/src/refunds.ts'));
			return answer?.decision.domain?.title === 'Payments' ? true : undefined;
		}, 15_000);
		await closeAllEditors();
		assert.strictEqual(workspaceState(), before, 'the suite leaves the workspace as it found it');
	});

	test('the status bar shows that the file has four owners, not just the first', async () => {
		const api = await getApi();
		await openFile('warp/native/tile_reduce.h');
		const state = await waitFor('the status bar for tile_reduce.h', async () => {
			const current = await api.statusBar();
			return current.visible && current.text.includes('@mmacklin') ? current : undefined;
		});
		assert.strictEqual(state.text, '$(organization) @mmacklin +3');
		assert.match(state.accessibilityLabel, /Owned by @mmacklin and 3 more/);
	});

	test('the card names the owner as an owner, not a domain, and points to setting domains up', async () => {
		const api = await getApi();
		await openFile('warp/native/tile_reduce.h');
		const state = await waitFor('the card', async () => {
			const current = await api.statusBar();
			return current.tooltipText.includes('tile_reduce.h') ? current : undefined;
		});
		assert.doesNotMatch(state.tooltipText, /Domain:/);
		assert.match(state.tooltipText, /Owner: @mmacklin/);
		assert.match(state.tooltipText, /No domains yet/);
		assert.match(state.tooltip, /\]\(https:\/\/[^)]*guardrails-config\.md\)/);
	});

	test('the card shows each section with its rule and that both are optional', async () => {
		const api = await getApi();
		await openFile('warp/native/tile_reduce.h');
		const state = await waitFor('the card', async () => {
			const current = await api.statusBar();
			return current.tooltipText.includes('tile_reduce.h') ? current : undefined;
		});
		assert.match(state.tooltipText, /\[Native C\+\+\/CUDA\] @mmacklin @lwawrzyniak @ncapens \(rule \/warp\/native\/ at CODEOWNERS:5; optional, approval not required\)/);
		assert.match(state.tooltipText, /\[Tiles\] @zcorse \(rule \/warp\/native\/tile\* at CODEOWNERS:11; optional, approval not required\)/);
		assert.match(state.tooltipText, /Every section is optional: no code owner approval is required\./);
		// The last section's rule must not be credited with every owner.
		assert.doesNotMatch(state.tooltipText, /@mmacklin @lwawrzyniak @ncapens @zcorse \(rule/);
	});

	test('"Open CODEOWNERS rule" offers every contributing line', async () => {
		const api = await getApi();
		const uri = vscode.Uri.file(header);
		const rules = (await api.whoDecidesItems(uri)).filter((item) => item.id === 'rule');
		assert.deepStrictEqual(rules.map((item) => item.description?.replace(/ ·.*/, '')), ['CODEOWNERS:5', 'CODEOWNERS:11']);
		// The command itself asks which line; the first is the Native C++/CUDA section's. Accept until
		// the pick has appeared (a single accept after a fixed wait can come too early on a loaded machine).
		let settled = false;
		const opened = vscode.commands.executeCommand<boolean>('ownershipGuardrails.openCodeownersRule', uri).then((result) => {
			settled = true;
			return result;
		});
		await waitFor('the rule pick accepted', async () => {
			await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
			await new Promise((resolve) => setTimeout(resolve, 250));
			return settled ? true : undefined;
		}, 15_000);
		assert.strictEqual(await opened, true);
		const editor = vscode.window.activeTextEditor;
		assert.ok(editor);
		assert.strictEqual(path.basename(editor.document.uri.fsPath), 'CODEOWNERS');
		assert.strictEqual(editor.selection.active.line + 1, 5);
	});
});
