import * as assert from 'assert';
import * as fs from 'fs';
import { closeAllEditors, getApi, openFile, repoFile, waitFor, withSetting } from './extensionApi';

suite('live reload', () => {
	const codeowners = repoFile('.github/CODEOWNERS').fsPath;
	const guardrails = repoFile('guardrails.yaml').fsPath;
	let original = '';
	let originalGuardrails = '';

	suiteSetup(() => {
		original = fs.readFileSync(codeowners, 'utf8');
		originalGuardrails = fs.readFileSync(guardrails, 'utf8');
	});

	suiteTeardown(async () => {
		fs.writeFileSync(codeowners, original);
		fs.writeFileSync(guardrails, originalGuardrails);
		// Later suites expect the demo's answers: wait for the rebuild from the restored files.
		const api = await getApi();
		await waitFor('the restored model', async () => {
			const answer = await api.answer(repoFile('services/payments/src/refunds.ts'));
			return answer?.decision.domain?.title === 'Payments' ? true : undefined;
		});
		await closeAllEditors();
	});

	test('a guardrails.yaml change on disk is picked up, and its text is escaped in the tooltip', async () => {
		const api = await getApi();
		await openFile('services/payments/src/refunds.ts');
		await waitFor('payments first', async () => ((await api.statusBar()).text.includes('Payments') ? true : undefined));
		// A hostile title must not become a link, let alone a command link.
		const hostile = 'Payments [run](command:workbench.action.quit) $(alert)';
		fs.writeFileSync(guardrails, originalGuardrails.replace('    title: Payments\n', `    title: "${hostile}"\n`));
		const state = await waitFor('the new title', async () => {
			const current = await api.statusBar();
			return current.tooltipText.includes('[run]') ? current : undefined;
		});
		assert.ok(state.tooltipText.includes('Domain: Payments [run](command:workbench.action.quit)'), state.tooltipText);
		assert.ok(!state.tooltip.includes('[run](command:'), `unescaped link in ${state.tooltip}`);
		assert.ok(!/\]\(command:workbench/.test(state.tooltip.replace(/\\./g, '')), 'no workbench command link survives');
		assert.ok(state.text.includes('\\$(alert)'), `icon syntax from the config is escaped in the text: ${state.text}`);
		fs.writeFileSync(guardrails, originalGuardrails);
		await waitFor('title restored', async () => ((await api.statusBar()).text === '$(organization) Payments · Alice Ng' ? true : undefined));
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

	test('a configured codeownersPath is used instead of the standard locations, and watched', async () => {
		const api = await getApi();
		const custom = repoFile('config/OWNERS').fsPath;
		fs.mkdirSync(repoFile('config').fsPath, { recursive: true });
		fs.writeFileSync(custom, '/tools/ @acme-bank/tools-team\n');
		const notes = repoFile('tools/scratch/notes.md');
		try {
			await withSetting('ownershipGuardrails.codeownersPath', 'config/OWNERS', async () => {
				const answer = await waitFor('owners from config/OWNERS', async () => {
					const current = await api.answer(notes);
					return current?.decision.codeowners?.file === 'config/OWNERS' ? current : undefined;
				});
				assert.deepStrictEqual(answer.decision.codeowners?.owners, ['@acme-bank/tools-team']);
				fs.writeFileSync(custom, '/tools/ @acme-bank/renamed-team\n');
				await waitFor('the edit to config/OWNERS', async () => {
					const current = await api.answer(notes);
					return current?.decision.codeowners?.owners[0] === '@acme-bank/renamed-team' ? true : undefined;
				});
			});
			await waitFor('back to .github/CODEOWNERS', async () => {
				const current = await api.answer(notes);
				return current?.decision.codeowners?.file === '.github/CODEOWNERS' ? true : undefined;
			});
		} finally {
			fs.rmSync(repoFile('config').fsPath, { recursive: true, force: true });
		}
	});
});
