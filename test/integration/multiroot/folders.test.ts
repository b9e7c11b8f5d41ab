// Workspace folders removed and added back while the extension answers for them (docs/reliability.md,
// file system). Only folders after the first are touched: changing the first folder restarts the
// extension host. The extra repository lives next to the workspace's folders and is deleted afterwards.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { getApi, waitFor } from '../suite/extensionApi';
import { addFolder, changeFolders, deleteSiblingFolder, folderNamed, removeFolder, writeSiblingFolder } from './workspaceFolders';

suite('multi-root: a workspace folder removed and added back', () => {
	const name = 'extra-repo';
	let extra: vscode.Uri;
	let app: vscode.Uri;

	suiteSetup(async () => {
		// A folder with a CODEOWNERS is a repository root of its own for the extension.
		extra = await writeSiblingFolder(name, { 'CODEOWNERS': '* @extra/team\n', 'src/app.ts': 'export const app = 1;\n' });
		app = vscode.Uri.joinPath(extra, 'src', 'app.ts');
		(await getApi()).captureLog(2_000);
	});

	suiteTeardown(async () => {
		(await getApi()).captureLog(0);
		await deleteSiblingFolder(name, extra);
	});

	test('the repository folder answers, is dropped (answer undefined, status bar hidden) when removed, and answers again when added back', async () => {
		const api = await getApi();
		await addFolder(extra, name);
		const first = await waitFor('an answer in the added folder', () => api.answer(app));
		assert.deepStrictEqual(first.decision.codeowners?.owners, ['@extra/team']);
		assert.strictEqual(first.repo.root.toString(), extra.toString());
		await vscode.window.showTextDocument(app, { preview: false });
		await waitFor('status bar for the added folder', async () => {
			const state = await api.statusBar();
			return state.visible && state.text === '$(organization) @extra/team' ? true : undefined;
		});

		await removeFolder(name);
		assert.strictEqual(vscode.workspace.getWorkspaceFolder(app), undefined, 'the file is in no folder now');
		assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), app.toString(), 'its editor stays active');
		assert.strictEqual(await api.answer(app), undefined, 'no answer for a file of the removed folder');
		assert.strictEqual(await api.workspaceHost(app), undefined, 'no model for the removed folder');
		await waitFor('status bar hidden', async () => (!(await api.statusBar()).visible ? true : undefined));
		assert.deepStrictEqual(await api.whoDecidesItems(app), []);
		const routed = await api.reviewRouting();
		assert.ok(routed.every((snapshot) => snapshot.root.toString() !== extra.toString()), 'review routing no longer covers it');
		// The other folders still answer.
		const acme = folderNamed('acme-bank');
		assert.ok(acme);
		const refunds = await api.answer(vscode.Uri.joinPath(acme.uri, 'services', 'payments', 'src', 'refunds.ts'));
		assert.strictEqual(refunds?.decision.domain?.title, 'Payments');
		// Still hidden after a switch away and back.
		await vscode.window.showTextDocument(vscode.Uri.joinPath(acme.uri, 'services', 'payments', 'src', 'refunds.ts'), { preview: false });
		await waitFor('payments shown', async () => ((await api.statusBar()).text === '$(organization) Payments · Alice Ng' ? true : undefined));
		await vscode.window.showTextDocument(app, { preview: false });
		await waitFor('hidden again for the removed folder', async () => (!(await api.statusBar()).visible ? true : undefined));

		await addFolder(extra, name);
		const again = await waitFor('an answer after adding the folder back', () => api.answer(app));
		assert.deepStrictEqual(again.decision.codeowners?.owners, ['@extra/team']);
		await waitFor('status bar back', async () => {
			const state = await api.statusBar();
			return state.visible && state.text === '$(organization) @extra/team' ? true : undefined;
		});
		const problems = api.logLines().filter((line) => line.level === 'error' || line.level === 'warn');
		assert.deepStrictEqual(problems, []);
	});

	test('the plain folder removed and added back: its files get no answer either way, and nothing fails', async () => {
		const api = await getApi();
		const notes = folderNamed('notes');
		assert.ok(notes);
		const notesUri = notes.uri;
		const todo = vscode.Uri.joinPath(notesUri, 'todo.txt');
		await removeFolder('notes');
		try {
			assert.strictEqual(await api.answer(todo), undefined);
			await vscode.window.showTextDocument(todo, { preview: false });
			await waitFor('status bar hidden', async () => (!(await api.statusBar()).visible ? true : undefined));
		} finally {
			// Back at index 1, where the workspace file had it.
			await changeFolders(() => vscode.workspace.updateWorkspaceFolders(1, 0, { uri: notesUri }));
		}
		assert.strictEqual(vscode.workspace.workspaceFolders?.[1]?.name, 'notes');
		assert.strictEqual(await api.answer(todo), undefined);
		const problems = api.logLines().filter((line) => line.level === 'error' || line.level === 'warn');
		assert.deepStrictEqual(problems, []);
	});
});
