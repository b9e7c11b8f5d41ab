// Hostile files in the real VS Code (issue 14): the files the extension reads as FIFOs, as committed
// links out of the repository, and too large to read. Nothing hangs, nothing outside the root is
// shown, and what is refused is said with the reason. The workspace starts with .github/CODEOWNERS
// as a FIFO (scripts/prepareWorkspace.mjs --hostile), so the first test sees the repository as it
// was opened. Every test restores what it changed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, openFile, repoFile, waitFor } from '../suite/extensionApi';
import { answerAfterReset, outside, replaceByFifo, repoPath, restoreFile } from './hostileFixture';

const refunds = 'services/payments/src/refunds.ts';
const migration = 'db/migrations/0001_create_customers.sql';
const paymentsText = '$(organization) Payments · Alice Ng';
const codeowners = '.github/CODEOWNERS';

function diagnosticCode(diagnostic: vscode.Diagnostic): string {
	return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

/** Waits until the status bar shows `expected` for the active editor; says what it last showed. */
async function statusBarShows(expected: string, timeoutMs = 20_000): Promise<void> {
	const api = await getApi();
	let last = '';
	await waitFor(`status bar "${expected}"`, async () => {
		const state = await api.statusBar();
		last = `${state.visible ? 'shown' : 'hidden'} "${state.text}"`;
		return state.visible && state.text === expected ? true : undefined;
	}, timeoutMs).catch((error: unknown) => {
		throw new Error(`${String(error)}; last: ${last}`);
	});
}

suite('A hostile repository: files that block, leave the root or are too large (issue 14)', () => {
	suiteTeardown(async () => {
		await closeAllEditors();
		if (!fs.statSync(repoPath(codeowners)).isFile()) {
			restoreFile(codeowners, fs.readFileSync(outside('saved/CODEOWNERS')));
		}
	});

	test('opened with .github/CODEOWNERS as a FIFO: the status bar and "Who Decides" answer from guardrails.yaml, nothing blocks', async () => {
		assert.ok(fs.statSync(repoPath(codeowners)).isFIFO(), 'the fixture opens with a FIFO CODEOWNERS');
		const api = await getApi();
		await openFile(refunds);
		await statusBarShows(paymentsText);
		const answer = await api.answer(repoFile(refunds));
		assert.strictEqual(answer?.decision.codeowners, null, 'the FIFO is not read as a CODEOWNERS');
		const items = await api.whoDecidesItems(repoFile(refunds));
		assert.ok(items.some((item) => item.label.includes('Alice Ng')), items.map((item) => item.label).join(' | '));
		const host = await api.workspaceHost(repoFile(refunds));
		assert.match(host?.unreadableReason(codeowners) ?? '', /not a regular file/);

		// Restored as a regular file, it is read again.
		restoreFile(codeowners, fs.readFileSync(outside('saved/CODEOWNERS')));
		const restored = await answerAfterReset(api, 'CODEOWNERS owners back', refunds, (a) => (a?.decision.codeowners?.owners ?? []).includes('@acme-bank/payments'));
		assert.strictEqual(restored?.decision.domain?.title, 'Payments');
	});

	test('guardrails.yaml as a FIFO: CODEOWNERS alone answers (status bar and "Who Decides"), nothing blocks', async () => {
		const api = await getApi();
		const bytes = replaceByFifo('guardrails.yaml');
		try {
			await openFile(refunds);
			const answer = await answerAfterReset(api, 'the CODEOWNERS-only answer', refunds, (a) => a?.repo.model.config === null && (a.decision.codeowners?.owners ?? []).includes('@acme-bank/payments'));
			assert.ok(answer);
			await statusBarShows('$(organization) @acme-bank/payments');
			const items = await api.whoDecidesItems(repoFile(refunds));
			assert.ok(items.some((item) => item.label.includes('@acme-bank/payments')), items.map((item) => item.label).join(' | '));
			const host = await api.workspaceHost(repoFile(refunds));
			assert.match(host?.unreadableReason('guardrails.yaml') ?? '', /not a regular file/);
		} finally {
			restoreFile('guardrails.yaml', bytes);
		}
		await answerAfterReset(api, 'the Payments domain back', refunds, (a) => a?.decision.domain?.title === 'Payments');
		await statusBarShows(paymentsText);
	});

	test('an ADR as a FIFO: the model builds, "Who Decides" answers without that record, nothing blocks', async () => {
		const api = await getApi();
		const adr = 'docs/adr/0005-core-banking-owns-the-schema.md';
		const bytes = replaceByFifo(adr);
		try {
			const answer = await answerAfterReset(api, 'the core-banking answer', migration, (a) => a?.decision.domain?.id === 'core-banking');
			assert.ok(answer);
			assert.ok(!answer.decision.adrs.some((record) => record.title === 'Core banking owns the database schema'), 'the FIFO ADR is not read');
			const items = await api.whoDecidesItems(repoFile(migration));
			assert.ok(items.some((item) => item.label.includes('Chen Li')), items.map((item) => item.label).join(' | '));
			const host = await api.workspaceHost(repoFile(migration));
			assert.match(host?.unreadableReason(adr) ?? '', /not a regular file/);
		} finally {
			restoreFile(adr, bytes);
		}
		const restored = await answerAfterReset(api, 'the ADR read again', migration, (a) => (a?.decision.adrs ?? []).some((record) => record.title === 'Core banking owns the database schema'));
		assert.ok(restored);
	});

	test('committed links out of the root (an ADR file, an ADR folder): their headings are never shown', async () => {
		// The attack is real: through the links, the files outside are there to be read.
		assert.match(fs.readFileSync(repoPath('docs/adr/0004-version-the-payments-api.md'), 'utf8'), /Outside secret heading/);
		assert.match(fs.readFileSync(repoPath('docs/linked-adr/0001-outside-root.md'), 'utf8'), /Outside root heading/);
		const api = await getApi();
		const answer = await answerAfterReset(api, 'the payments answer', refunds, (a) => a?.decision.domain?.title === 'Payments');
		assert.ok(answer);
		const shown = JSON.stringify({
			adrs: answer.decision.adrs,
			items: (await api.whoDecidesItems(repoFile(refunds))).map((item) => [item.label, item.description, item.detail]),
			contract: (await api.whoDecidesItems(repoFile('services/payments/api/openapi.yaml'))).map((item) => [item.label, item.description, item.detail]),
			statusBar: await (async () => {
				await openFile(refunds);
				await statusBarShows(paymentsText);
				return (await api.statusBar()).tooltipText;
			})(),
		});
		assert.doesNotMatch(shown, /Outside (secret|root) heading/);
		const host = await api.workspaceHost(repoFile(refunds));
		assert.strictEqual(await host?.readFile('docs/adr/0004-version-the-payments-api.md'), undefined);
		assert.match(host?.unreadableReason('docs/adr/0004-version-the-payments-api.md') ?? '', /outside the repository/);
		assert.strictEqual(await host?.readFile('docs/linked-adr/0001-outside-root.md'), undefined);
		// A file inside the root still reads.
		assert.match((await host?.readFile('docs/adr/0001-record-architecture-decisions.md')) ?? '', /Record architecture decisions/i);
	});

	test('a CODEOWNERS over 3 MB is not read: no owners, a file-too-large problem with the size, guardrails.yaml still answers', async () => {
		const api = await getApi();
		const original = fs.readFileSync(repoPath(codeowners));
		const size = 3 * 1024 * 1024 + 12_345;
		const padding = `# ${'x'.repeat(98)}\n`;
		const text = original.toString('utf8') + padding.repeat(Math.ceil((size - original.length) / padding.length));
		const bytes = Buffer.from(text, 'utf8').subarray(0, size);
		restoreFile(codeowners, bytes);
		try {
			const answer = await answerAfterReset(api, 'no CODEOWNERS owners, the Payments domain', refunds, (a) => a?.decision.domain?.title === 'Payments' && !(a.decision.codeowners?.owners.length));
			assert.ok(answer);
			const problem = answer.repo.model.codeowners?.parsed.problems.find((p) => p.code === 'file-too-large');
			assert.ok(problem, `a file-too-large problem, got ${JSON.stringify(answer.repo.model.codeowners?.parsed.problems.map((p) => p.code))}`);
			assert.match(problem.message, /3,158,073 bytes/);
			assert.match(problem.message, /GitHub ignores a file of 3 MB or more/);
			await openFile(refunds);
			await statusBarShows(paymentsText);
			// Opened in the editor, it says the same as a diagnostic on line 1.
			const document = await vscode.workspace.openTextDocument(repoFile(codeowners));
			await vscode.window.showTextDocument(document);
			const diagnostic = await waitFor('the file-too-large diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => diagnosticCode(d) === 'file-too-large'), 30_000);
			assert.match(diagnostic.message, /3,?158,?073 bytes/);
			assert.strictEqual(diagnostic.range.start.line, 0);
		} finally {
			await closeAllEditors();
			restoreFile(codeowners, original);
		}
		await answerAfterReset(api, 'CODEOWNERS owners back', refunds, (a) => (a?.decision.codeowners?.owners ?? []).includes('@acme-bank/payments'));
	});
});
