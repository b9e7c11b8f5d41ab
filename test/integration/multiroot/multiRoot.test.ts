import * as assert from 'assert';
import * as vscode from 'vscode';
import { getApi, waitFor } from '../suite/extensionApi';

function folder(name: string): vscode.WorkspaceFolder {
	const found = (vscode.workspace.workspaceFolders ?? []).find((entry) => entry.name === name);
	assert.ok(found, `workspace folder ${name} is open (have: ${(vscode.workspace.workspaceFolders ?? []).map((f) => f.name).join(', ')})`);
	return found;
}

suite('multi-root: a repository and a folder outside any repository', () => {
	suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

	test('the status bar answers in the repository folder', async () => {
		const api = await getApi();
		await vscode.window.showTextDocument(vscode.Uri.joinPath(folder('acme-bank').uri, 'services', 'payments', 'src', 'refunds.ts'));
		const state = await waitFor('status bar in the repository', async () => {
			const current = await api.statusBar();
			return current.text.includes('Payments') ? current : undefined;
		});
		assert.strictEqual(state.text, '$(organization) Payments · Alice Ng');
	});

	test('the status bar is hidden in the plain folder, and nothing fails there', async () => {
		const api = await getApi();
		const todo = vscode.Uri.joinPath(folder('notes').uri, 'todo.txt');
		await vscode.window.showTextDocument(todo);
		await waitFor('status bar hidden', async () => (!(await api.statusBar()).visible ? true : undefined));
		assert.strictEqual(await api.answer(todo), undefined);
		assert.deepStrictEqual(await api.whoDecidesItems(todo), []);
		assert.strictEqual(await api.decoration(todo), undefined);
		// The review routing covers only the repository.
		const snapshots = await api.reviewRouting();
		assert.ok(snapshots.every((snapshot) => snapshot.root.toString() === folder('acme-bank').uri.toString()));
		const ours = vscode.languages.getDiagnostics(todo).filter((d) => d.source === 'Ownership Guardrails');
		assert.deepStrictEqual(ours, []);
	});

	test('switching back to the repository shows the owner again', async () => {
		const api = await getApi();
		await vscode.window.showTextDocument(vscode.Uri.joinPath(folder('acme-bank').uri, 'libs', 'ledger', 'money.ts'));
		const state = await waitFor('status bar back', async () => {
			const current = await api.statusBar();
			return current.visible && current.text.includes('Core Banking') ? current : undefined;
		});
		// The copy's git user is Bob, of Payments: core banking is another team.
		assert.strictEqual(state.text, '$(organization) Core Banking · Chen Li · other team');
		assert.strictEqual(state.warning, true);
	});

	test('a workspace folder nested inside the repository uses the CODEOWNERS at the git root', async () => {
		const api = await getApi();
		const nested = vscode.Uri.joinPath(folder('acme-bank').uri, 'services', 'payments');
		const count = vscode.workspace.workspaceFolders?.length ?? 0;
		const added = new Promise<void>((resolve) => {
			const listener = vscode.workspace.onDidChangeWorkspaceFolders(() => {
				listener.dispose();
				resolve();
			});
		});
		assert.ok(vscode.workspace.updateWorkspaceFolders(count, 0, { uri: nested, name: 'payments-only' }));
		await added;
		try {
			const file = vscode.Uri.joinPath(nested, 'api', 'openapi.yaml');
			assert.strictEqual(vscode.workspace.getWorkspaceFolder(file)?.name, 'payments-only');
			const answer = await api.answer(file);
			assert.ok(answer, 'an answer inside the nested folder');
			assert.strictEqual(answer.path, 'services/payments/api/openapi.yaml');
			assert.strictEqual(answer.repo.root.toString(), folder('acme-bank').uri.toString());
			assert.strictEqual(answer.decision.codeowners?.file, '.github/CODEOWNERS');
			assert.deepStrictEqual(answer.decision.contracts.map((fact) => fact.contract.id), ['payments-api']);
		} finally {
			const index = (vscode.workspace.workspaceFolders ?? []).findIndex((entry) => entry.name === 'payments-only');
			if (index >= 0) {
				vscode.workspace.updateWorkspaceFolders(index, 1);
			}
		}
	});

	test('a CODEOWNERS created in the plain folder makes it answer', async () => {
		const api = await getApi();
		const notes = folder('notes').uri;
		const codeowners = vscode.Uri.joinPath(notes, 'CODEOWNERS');
		const todo = vscode.Uri.joinPath(notes, 'todo.txt');
		assert.strictEqual(await api.answer(todo), undefined);
		await vscode.workspace.fs.writeFile(codeowners, new TextEncoder().encode('*.txt @notes/writers\n'));
		try {
			const answer = await waitFor('an answer in the plain folder', () => api.answer(todo));
			assert.deepStrictEqual(answer.decision.codeowners?.owners, ['@notes/writers']);
			assert.strictEqual(answer.path, 'todo.txt');
		} finally {
			await vscode.workspace.fs.delete(codeowners);
		}
	});
});
