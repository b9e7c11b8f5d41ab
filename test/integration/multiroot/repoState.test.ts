// Removing a workspace folder releases every per-repository cache and watcher of its root (issue 9).
// The surfaces load each part the way a user would (an answer, the CODEOWNERS editor, its links,
// import hints, boundary diagnostics); the test then reads the registry through the test API, and
// checks that the released rules watcher no longer reacts to an edit it reacted to before.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { RepoStateSnapshot } from '../../../src/vscode/repo/repoState';
import { getApi, waitFor } from '../suite/extensionApi';
import { addFolder, deleteSiblingFolder, folderNamed, removeFolder, writeSiblingFolder } from './workspaceFolders';

const name = 'state-repo';
const files: Record<string, string> = {
	'CODEOWNERS': '* @state/team\n',
	'guardrails.yaml': [
		'version: 1',
		'org:',
		'  teams:',
		'    core: { name: Core, handles: { github: "@state/team" } }',
		'domains:',
		'  app:',
		'    title: App',
		'    team: core',
		'    paths: [src/**]',
		'  lib:',
		'    title: Lib',
		'    team: core',
		'    paths: [packages/**]',
		'',
	].join('\n'),
	'package.json': '{ "name": "state-repo", "private": true }\n',
	'packages/lib/package.json': '{ "name": "@state/lib", "main": "index.ts" }\n',
	'packages/lib/index.ts': 'export const lib = 1;\n',
	'src/app.ts': 'import { lib } from \'@state/lib\';\nexport const app = lib;\n',
};

suite('multi-root: removing a folder releases its repository state', () => {
	let extra: vscode.Uri;

	suiteSetup(async () => {
		extra = await writeSiblingFolder(name, files);
		(await getApi()).captureLog(2_000);
	});

	suiteTeardown(async () => {
		(await getApi()).captureLog(0);
		await deleteSiblingFolder(name, extra);
	});

	test('every part and watcher of the removed folder\'s root is released; other repositories keep theirs', async () => {
		const api = await getApi();
		const ofExtra = (): RepoStateSnapshot | undefined => api.repoState().repos.find((repo) => repo.root === extra.toString());
		await addFolder(extra, name);
		const app = vscode.Uri.joinPath(extra, 'src', 'app.ts');
		const codeowners = vscode.Uri.joinPath(extra, 'CODEOWNERS');

		// Each surface loads its part: the answer (model, identity), the CODEOWNERS problems (file list),
		// its owner links (remote), import hints (module index) and boundary diagnostics (import index).
		assert.deepStrictEqual((await waitFor('an answer in the added folder', () => api.answer(app))).decision.codeowners?.owners, ['@state/team']);
		const document = await vscode.workspace.openTextDocument(codeowners);
		await vscode.window.showTextDocument(document, { preview: false });
		await vscode.commands.executeCommand('vscode.executeLinkProvider', codeowners);
		const source = await vscode.workspace.openTextDocument(app);
		await vscode.window.showTextDocument(source, { preview: false });
		await vscode.commands.executeCommand('vscode.executeInlayHintProvider', app, new vscode.Range(0, 0, source.lineCount, 0));
		const loaded = await waitFor('every part of the added repository loaded', () => {
			const state = ofExtra();
			return state && ['boundaries', 'files', 'identity', 'model', 'modules', 'remote'].every((part) => state.parts.includes(part as never)) ? state : undefined;
		}, 20_000);
		assert.deepStrictEqual(loaded.watchers, ['git', 'moduleConfig', 'rules']);
		assert.deepStrictEqual(loaded.folders, [extra.toString()]);
		const acme = folderNamed('acme-bank');
		assert.ok(acme);
		// The repository next door: loaded before, kept after.
		await api.answer(vscode.Uri.joinPath(acme.uri, 'services', 'payments', 'src', 'refunds.ts'));
		assert.ok(api.repoState().repos.some((repo) => repo.root === acme.uri.toString() && repo.parts.includes('model')));

		// The rules watcher works while the folder is open: an edit of CODEOWNERS rebuilds.
		const rebuilt = (): boolean => api.logLines().some((line) => line.message.includes('CODEOWNERS changed; rebuilding'));
		await vscode.workspace.fs.writeFile(codeowners, new TextEncoder().encode('* @state/other\n'));
		await waitFor('the CODEOWNERS edit seen by the rules watcher', () => rebuilt());
		await waitFor('the new owner', async () => ((await api.answer(app))?.decision.codeowners?.owners[0] === '@state/other' ? true : undefined));

		await removeFolder(name);
		assert.strictEqual(ofExtra(), undefined, `no state for the removed root; the registry holds ${JSON.stringify(api.repoState())}`);
		assert.ok(api.repoState().folders.every((entry) => entry.folder !== extra.toString()), 'the removed folder is not mapped');
		assert.ok(api.repoState().repos.some((repo) => repo.root === acme.uri.toString() && repo.parts.includes('model')), 'the other repository keeps its model');
		assert.strictEqual(await api.answer(app), undefined, 'no answer once the folder is gone');

		// The released watcher hears nothing: the next edit of CODEOWNERS schedules no rebuild.
		api.captureLog(2_000);
		await vscode.workspace.fs.writeFile(codeowners, new TextEncoder().encode('* @state/third\n'));
		await new Promise((resolve) => setTimeout(resolve, 1500));
		assert.ok(!rebuilt(), 'no rebuild for a removed folder');
		assert.strictEqual(api.pendingState().rebuildTimers, 0);
		assert.strictEqual(ofExtra(), undefined, 'and nothing was loaded again for it');
	});

	test('switching import hints off releases the module index in every repository; on again, it is rebuilt', async () => {
		const api = await getApi();
		const ofExtra = (): RepoStateSnapshot | undefined => api.repoState().repos.find((repo) => repo.root === extra.toString());
		const setting = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ownershipGuardrails');
		const before = setting().inspect<boolean>('importHints.enabled')?.globalValue;
		await addFolder(extra, name);
		const app = vscode.Uri.joinPath(extra, 'src', 'app.ts');
		const askForHints = async (): Promise<void> => {
			const source = await vscode.workspace.openTextDocument(app);
			await vscode.window.showTextDocument(source, { preview: false });
			await vscode.commands.executeCommand('vscode.executeInlayHintProvider', app, new vscode.Range(0, 0, source.lineCount, 0));
		};
		try {
			await askForHints();
			const loaded = await waitFor('the module index and the boundary scan loaded', () => {
				const state = ofExtra();
				return state && state.parts.includes('modules') && state.parts.includes('boundaries') ? state : undefined;
			}, 20_000);
			assert.ok(loaded.watchers.includes('moduleConfig'));

			await setting().update('importHints.enabled', false, vscode.ConfigurationTarget.Global);
			const released = await waitFor('the module index released', () => {
				const state = ofExtra();
				return state && !state.parts.includes('modules') ? state : undefined;
			});
			// The boundary scan reads the same package and tsconfig files: it keeps their watchers.
			assert.ok(released.parts.includes('boundaries'), `boundaries kept: ${JSON.stringify(released)}`);
			assert.ok(released.watchers.includes('moduleConfig'), `moduleConfig watcher kept for boundaries: ${JSON.stringify(released)}`);
			assert.ok(api.repoState().repos.every((repo) => !repo.parts.includes('modules')), 'no repository holds a module index');

			await setting().update('importHints.enabled', true, vscode.ConfigurationTarget.Global);
			await askForHints();
			await waitFor('the module index built again', () => (ofExtra()?.parts.includes('modules') ? true : undefined), 20_000);
		} finally {
			await setting().update('importHints.enabled', before, vscode.ConfigurationTarget.Global);
			await removeFolder(name);
		}
	});
});
