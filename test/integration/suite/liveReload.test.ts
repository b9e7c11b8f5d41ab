import * as assert from 'assert';
import * as fs from 'fs';
import { closeAllEditors, getApi, openFile, repoFile, waitFor } from './extensionApi';

suite('live reload', () => {
	const codeowners = repoFile('.github/CODEOWNERS').fsPath;
	let original = '';

	suiteSetup(() => {
		original = fs.readFileSync(codeowners, 'utf8');
	});

	suiteTeardown(async () => {
		fs.writeFileSync(codeowners, original);
		await closeAllEditors();
	});

	test('a CODEOWNERS change on disk updates the answer and the status bar', async () => {
		const api = await getApi();
		await openFile('tools/scratch/notes.md');
		await waitFor('unowned first', async () => ((await api.statusBar()).text.includes('unowned') ? true : undefined));
		// Last matching rule wins: a new last line gives the notes an owner.
		fs.writeFileSync(codeowners, `${original.trimEnd()}\n/tools/scratch/ @acme-bank/infrastructure\n`);
		const state = await waitFor('the new owner', async () => {
			const current = await api.statusBar();
			return current.text.includes('@acme-bank/infrastructure') ? current : undefined;
		});
		assert.match(state.tooltipText, /\.github\/CODEOWNERS:\d+/);
		const answer = await api.answer(repoFile('tools/scratch/notes.md'));
		assert.deepStrictEqual(answer?.decision.codeowners?.owners, ['@acme-bank/infrastructure']);
		fs.writeFileSync(codeowners, original);
		await waitFor('unowned again', async () => ((await api.statusBar()).text.includes('unowned') ? true : undefined));
	});
});
