// Files the model is built from deleted, replaced or renamed while in use; the identity kept out of the
// log above debug; WorkspaceHost refusing paths that leave the root (docs/reliability.md). Every test
// restores the files, settings and editors it used, and leaves the demo's own answers in place.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FileAnswer } from '../../../src/vscode/repo/ownershipService';
import type { TestApi } from '../../../src/vscode/testApi';
import { closeAllEditors, getApi, openFile, repoFile, repoRoot, waitFor, withSetting } from './extensionApi';

const refunds = 'services/payments/src/refunds.ts';
const notes = 'tools/scratch/notes.md';
const paymentsText = '$(organization) Payments · Alice Ng';

async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
	return vscode.workspace.fs.readFile(uri);
}

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
	await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

/**
 * Runs `change`, waits for the model rebuild it causes (`onDidChangeModel`), then until `answer(path)`
 * satisfies `accept`. Returns that answer (undefined allowed through `accept`).
 */
async function afterRebuild(
	api: TestApi,
	what: string,
	change: () => Promise<void>,
	path: string,
	accept: (answer: FileAnswer | undefined) => boolean,
): Promise<FileAnswer | undefined> {
	let listener: vscode.Disposable | undefined;
	const rebuilt = new Promise<void>((resolve) => {
		listener = api.onDidChangeModel(() => resolve());
	});
	try {
		await change();
		await Promise.race([rebuilt, new Promise((resolve) => setTimeout(resolve, 10_000))]);
	} finally {
		listener?.dispose();
	}
	let last: FileAnswer | undefined;
	const box = await waitFor(what, async () => {
		const answer = await api.answer(repoFile(path));
		last = answer;
		return accept(answer) ? { answer } : undefined;
	}).catch((error: unknown) => {
		const seen = last ? `domain ${last.decision.domain?.title ?? 'none'}, owners ${JSON.stringify(last.decision.codeowners?.owners ?? null)}` : 'no answer';
		const log = api.logLines().slice(-8).map((line) => `${line.level}: ${line.message}`).join(' | ');
		throw new Error(`${String(error)}; last answer: ${seen}; log: ${log}`);
	});
	return box.answer;
}

async function statusText(api: TestApi, expected: string): Promise<void> {
	let last = '';
	await waitFor(`status bar "${expected}"`, async () => {
		const state = await api.statusBar();
		last = `${state.visible ? 'shown' : 'hidden'} "${state.text}"`;
		return state.visible && state.text === expected ? true : undefined;
	}).catch((error: unknown) => {
		throw new Error(`${String(error)}; last ${last}`);
	});
}

/** Puts back the demo's CODEOWNERS and guardrails.yaml when a test left them changed. */
async function restoreFiles(files: [vscode.Uri, Uint8Array][], strays: vscode.Uri[]): Promise<void> {
	for (const stray of strays) {
		if (await exists(stray)) {
			await vscode.workspace.fs.delete(stray);
		}
	}
	for (const [uri, bytes] of files) {
		const now = (await exists(uri)) ? await readBytes(uri) : undefined;
		if (!now || Buffer.compare(Buffer.from(now), Buffer.from(bytes)) !== 0) {
			await vscode.workspace.fs.writeFile(uri, bytes);
		}
	}
}

function errorsIn(api: TestApi): string[] {
	return api
		.logLines()
		.filter((line) => line.level === 'error' || line.level === 'warn')
		.map((line) => `${line.level}: ${line.message}`);
}

suite('file lifecycle: CODEOWNERS and guardrails.yaml deleted, replaced or renamed while in use', () => {
	const codeowners = repoFile('.github/CODEOWNERS');
	const rootCodeowners = repoFile('CODEOWNERS');
	const parked = repoFile('CODEOWNERS.moved');
	const guardrails = repoFile('guardrails.yaml');
	let originalCodeowners: Uint8Array = new Uint8Array();
	let originalGuardrails: Uint8Array = new Uint8Array();

	suiteSetup(async () => {
		originalCodeowners = await readBytes(codeowners);
		originalGuardrails = await readBytes(guardrails);
		(await getApi()).captureLog(2_000);
	});

	suiteTeardown(async () => {
		const api = await getApi();
		await restoreFiles([[codeowners, originalCodeowners], [guardrails, originalGuardrails]], [rootCodeowners, parked]);
		await waitFor('the demo answers back', async () => {
			const answer = await api.answer(repoFile(refunds));
			return answer?.decision.domain?.title === 'Payments' && answer.decision.codeowners?.file === '.github/CODEOWNERS' ? true : undefined;
		});
		api.captureLog(0);
		await closeAllEditors();
	});

	setup(async () => {
		const api = await getApi();
		await restoreFiles([[codeowners, originalCodeowners], [guardrails, originalGuardrails]], [rootCodeowners, parked]);
		await waitFor('the demo model', async () => {
			const answer = await api.answer(repoFile(refunds));
			return answer?.decision.codeowners?.file === '.github/CODEOWNERS' && answer.decision.domain?.title === 'Payments' ? true : undefined;
		});
		await openFile(refunds);
		await statusText(api, paymentsText);
		api.captureLog(2_000);
	});

	test('CODEOWNERS deleted: guardrails.yaml alone answers (domain and lead, no owners), no error; restored: owners back', async () => {
		const api = await getApi();
		const gone = await afterRebuild(api, 'no CODEOWNERS owners', () => Promise.resolve(vscode.workspace.fs.delete(codeowners)), refunds, (answer) => answer !== undefined && answer.decision.codeowners === null);
		assert.ok(gone);
		assert.strictEqual(gone.decision.domain?.title, 'Payments');
		assert.strictEqual(gone.decision.lead?.name, 'Alice Ng');
		await statusText(api, paymentsText);
		assert.doesNotMatch((await api.statusBar()).tooltipText, /CODEOWNERS:\d+/);
		const back = await afterRebuild(api, 'owners back', () => Promise.resolve(vscode.workspace.fs.writeFile(codeowners, originalCodeowners)), refunds, (answer) => answer?.decision.codeowners?.owners[0] === '@acme-bank/payments');
		assert.strictEqual(back?.decision.codeowners?.file, '.github/CODEOWNERS');
		await waitFor('the tooltip cites the CODEOWNERS rule again', async () => (/\.github\/CODEOWNERS:\d+/.test((await api.statusBar()).tooltipText) ? true : undefined));
		assert.deepStrictEqual(errorsIn(api), []);
	});

	test('CODEOWNERS replaced by "* @someone": answers and the status bar follow; restored', async () => {
		const api = await getApi();
		const replaced = await afterRebuild(api, 'the new owner', () => writeText(codeowners, '* @someone\n'), refunds, (answer) => answer?.decision.codeowners?.owners[0] === '@someone');
		assert.deepStrictEqual(replaced?.decision.codeowners?.owners, ['@someone']);
		assert.strictEqual(replaced?.decision.domain?.title, 'Payments');
		const scratch = await api.answer(repoFile(notes));
		assert.deepStrictEqual(scratch?.decision.codeowners?.owners, ['@someone']);
		await openFile(notes);
		// Bob (the copy's git user) is not @someone: the file is another team's.
		await statusText(api, '$(organization) @someone · other team');
		await afterRebuild(api, 'the demo owner back', () => Promise.resolve(vscode.workspace.fs.writeFile(codeowners, originalCodeowners)), notes, (answer) => answer?.decision.codeowners?.owners.length === 0);
		await waitFor('unowned again', async () => ((await api.statusBar()).text.includes('unowned') ? true : undefined));
		assert.deepStrictEqual(errorsIn(api), []);
	});

	test('CODEOWNERS renamed: to the root (a standard location) it is still found there; to a non-standard name it is not; restored', async () => {
		const api = await getApi();
		try {
			const atRoot = await afterRebuild(api, 'CODEOWNERS at the root', () => Promise.resolve(vscode.workspace.fs.rename(codeowners, rootCodeowners)), refunds, (answer) => answer?.decision.codeowners?.file === 'CODEOWNERS');
			assert.deepStrictEqual(atRoot?.decision.codeowners?.owners, ['@acme-bank/payments']);
			await waitFor('the tooltip cites the root CODEOWNERS', async () => {
				const text = (await api.statusBar()).tooltipText;
				return /(^|[^/])CODEOWNERS:\d+/.test(text) && !text.includes('.github/CODEOWNERS') ? true : undefined;
			});
			const parkedAnswer = await afterRebuild(api, 'no CODEOWNERS', () => Promise.resolve(vscode.workspace.fs.rename(rootCodeowners, parked)), refunds, (answer) => answer !== undefined && answer.decision.codeowners === null);
			assert.strictEqual(parkedAnswer?.decision.domain?.title, 'Payments');
			await statusText(api, paymentsText);
		} finally {
			for (const moved of [rootCodeowners, parked]) {
				if (await exists(moved)) {
					await vscode.workspace.fs.rename(moved, codeowners, { overwrite: true });
				}
			}
		}
		const back = await waitFor('owners back at .github/CODEOWNERS', async () => {
			const answer = await api.answer(repoFile(refunds));
			return answer?.decision.codeowners?.file === '.github/CODEOWNERS' ? answer : undefined;
		});
		assert.deepStrictEqual(back.decision.codeowners?.owners, ['@acme-bank/payments']);
		assert.deepStrictEqual(errorsIn(api), []);
	});

	test('guardrails.yaml deleted: CODEOWNERS alone answers (the status bar shows the owning team), no error; restored: domain back', async () => {
		const api = await getApi();
		// CODEOWNERS-only mode: the owning handle stands in for the domain (whoDecides.ts); no lead, no contract.
		const gone = await afterRebuild(api, 'no guardrails domain', () => Promise.resolve(vscode.workspace.fs.delete(guardrails)), refunds, (answer) => answer?.repo.config === null);
		assert.deepStrictEqual(gone?.decision.codeowners?.owners, ['@acme-bank/payments']);
		assert.strictEqual(gone?.decision.domain?.title, '@acme-bank/payments');
		assert.strictEqual(gone?.decision.lead, null);
		assert.deepStrictEqual(gone?.decision.contracts, []);
		await statusText(api, '$(organization) @acme-bank/payments');
		await afterRebuild(api, 'the domain back', () => Promise.resolve(vscode.workspace.fs.writeFile(guardrails, originalGuardrails)), refunds, (answer) => answer?.decision.domain?.title === 'Payments');
		await statusText(api, paymentsText);
		assert.deepStrictEqual(errorsIn(api), []);
	});
});

suite('the identity is never logged above debug', () => {
	teardown(async () => {
		(await getApi()).captureLog(0);
		await closeAllEditors();
	});

	test('an e-mail in the identity setting, and the git user.email after it, appear at most at debug through rebuilds', async () => {
		const api = await getApi();
		const setting = 'chen@acme-bank.example';
		// The demo copy's git user (scripts/prepareWorkspace.mjs): Bob Ortiz, of Payments.
		const gitUser = 'bob@acme-bank.example';
		await openFile(refunds);
		await statusText(api, paymentsText);
		api.captureLog(5_000);
		await withSetting('ownershipGuardrails.identity', setting, async () => {
			// Chen is on core banking: the payments file is another team's.
			const answer = await waitFor('the identity from the setting', async () => {
				const current = await api.answer(repoFile(refunds));
				return current?.repo.identity === setting && current.decision.crossTeam === true ? current : undefined;
			});
			assert.strictEqual(answer.decision.domain?.title, 'Payments');
			await waitFor('other team in the status bar', async () => ((await api.statusBar()).warning ? true : undefined));
			// Every surface that reads the model once: Who Decides, review routing.
			assert.ok((await api.whoDecidesItems(repoFile(refunds))).length > 0);
			await api.reviewRouting();
		});
		// The setting cleared: the e-mail comes from git again (the cache was dropped with the setting).
		await waitFor('the identity from git', async () => {
			const current = await api.answer(repoFile(refunds));
			return current?.repo.identity === gitUser && current.decision.crossTeam === false ? true : undefined;
		});
		await statusText(api, paymentsText);
		const lines = api.logLines();
		assert.ok(lines.some((line) => line.level === 'info' && line.message.includes('built in')), 'the rebuilds were logged (capture works)');
		for (const email of [setting, gitUser]) {
			const above = lines.filter((line) => line.level !== 'debug' && line.level !== 'trace' && line.message.toLowerCase().includes(email));
			assert.deepStrictEqual(above, [], `${email} logged above debug`);
		}
		// The git path was taken and its e-mail went to debug only.
		assert.ok(
			lines.some((line) => line.level === 'debug' && line.message.includes(gitUser)),
			`git's user.email is logged at debug (${lines.length} lines captured)`,
		);
	});
});

suite('WorkspaceHost refuses paths that leave the repository root', () => {
	const parent = (): vscode.Uri => vscode.Uri.joinPath(repoRoot(), '..');
	const outside = (): vscode.Uri => vscode.Uri.joinPath(parent(), 'outside.txt');
	const outsideX = (): vscode.Uri => vscode.Uri.joinPath(parent(), 'x');

	suiteSetup(async () => {
		await writeText(outside(), 'outside the repository\n');
		await writeText(outsideX(), 'also outside\n');
	});

	suiteTeardown(async () => {
		for (const file of [outside(), outsideX()]) {
			if (await exists(file)) {
				await vscode.workspace.fs.delete(file);
			}
		}
	});

	test('"../outside.txt", "a/../../x", backslash and absolute forms read nothing although the files exist; a normal path reads', async () => {
		const api = await getApi();
		const host = await api.workspaceHost(repoFile(refunds));
		assert.ok(host, 'the repository has a host');
		assert.strictEqual(host.root.toString(), repoRoot().toString());
		// The files are there: a host that resolved these paths would read them.
		assert.ok(await exists(outside()));
		assert.ok(await exists(outsideX()));
		for (const path of ['../outside.txt', 'a/../../x', '..\\outside.txt', 'a\\..\\..\\x', './../outside.txt', outside().path, outsideX().path]) {
			assert.strictEqual(await host.readFile(path), undefined, `readFile(${JSON.stringify(path)})`);
			assert.strictEqual(await host.fileSize(path), undefined, `fileSize(${JSON.stringify(path)})`);
		}
		assert.strictEqual(await host.listFiles('..'), undefined, 'listFiles("..")');
		assert.strictEqual(await host.listFiles('docs/../..'), undefined, 'listFiles("docs/../..")');
		const readme = new TextDecoder('utf-8').decode(await readBytes(repoFile('README.md')));
		assert.strictEqual(await host.readFile('README.md'), readme);
		assert.strictEqual(await host.readFile('services/payments/src/refunds.ts'), new TextDecoder('utf-8').decode(await readBytes(repoFile(refunds))));
		assert.strictEqual(await host.fileSize('README.md'), (await vscode.workspace.fs.stat(repoFile('README.md'))).size);
		assert.ok((await host.listFiles('docs/adr'))?.includes('docs/adr/0004-version-the-payments-api.md'));
	});
});
