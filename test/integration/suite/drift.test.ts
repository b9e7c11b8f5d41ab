// CODEOWNERS drift in the editor: a CODEOWNERS rule that gives a domain's file to someone outside
// the domain's team shows as `codeowners-drift` on that rule's line of .github/CODEOWNERS, and it
// follows changes to either file. Files are rewritten on disk and always restored.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, getApi, repoFile, waitFor } from './extensionApi';

const source = 'Ownership Guardrails';
const codeownersPath = '.github/CODEOWNERS';
const guardrailsPath = 'guardrails.yaml';
const driftRule = '/services/payments/src/refunds.ts        @acme-bank/core-banking';
const paymentsPaths = 'paths: [services/payments/**, libs/payments/**]';

function codeOf(diagnostic: vscode.Diagnostic): string {
	const code = diagnostic.code;
	return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

function drift(uri: vscode.Uri): vscode.Diagnostic[] {
	return vscode.languages.getDiagnostics(uri).filter((d) => d.source === source && codeOf(d) === 'codeowners-drift');
}

function describe(uri: vscode.Uri): string {
	return vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line}:${codeOf(d)}`).join(', ');
}

async function readText(uri: vscode.Uri): Promise<string> {
	return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
	await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

suite('CODEOWNERS drift', () => {
	const codeowners = repoFile(codeownersPath);
	const guardrails = repoFile(guardrailsPath);
	let originalCodeowners = '';
	let originalGuardrails = '';

	suiteSetup(async () => {
		await getApi();
		originalCodeowners = await readText(codeowners);
		originalGuardrails = await readText(guardrails);
	});

	suiteTeardown(async () => {
		// Whatever happened, leave the demo as it was for the suites after this one.
		if ((await readText(codeowners)) !== originalCodeowners) {
			await writeText(codeowners, originalCodeowners);
		}
		if ((await readText(guardrails)) !== originalGuardrails) {
			await writeText(guardrails, originalGuardrails);
		}
		await closeAllEditors();
	});

	test('a rule giving a Payments file to core banking shows codeowners-drift on its CODEOWNERS line, and goes when fixed', async () => {
		const api = await getApi();
		const document = await vscode.workspace.openTextDocument(codeowners);
		await vscode.window.showTextDocument(document, { preview: false });
		// The demo itself has no drift: wait until the file-list checks have run (the demo's one
		// unowned-files note), then look.
		await waitFor('the demo CODEOWNERS checked against the file list', () => (vscode.languages.getDiagnostics(codeowners).some((d) => codeOf(d) === 'unowned-files') ? true : undefined), 20_000);
		assert.deepStrictEqual(drift(codeowners).map((d) => d.message), [], 'the demo has no drift');

		// Append the drifting rule on disk (as a checkout or another tool would).
		const text = originalCodeowners.endsWith('\n') ? originalCodeowners : `${originalCodeowners}\n`;
		const ruleLine = text.split('\n').length - 1;
		await writeText(codeowners, `${text}${driftRule}\n`);
		const found = await waitFor(`a codeowners-drift diagnostic on line ${ruleLine + 1}; have ${describe(codeowners)}`, () => {
			const list = drift(codeowners);
			return list.length > 0 ? list : undefined;
		}, 20_000);
		assert.strictEqual(found.length, 1, found.map((d) => d.message).join('\n'));
		const diagnostic = found[0];
		assert.strictEqual(diagnostic.range.start.line, ruleLine, 'on the rule that gives the file away');
		assert.strictEqual(document.lineAt(diagnostic.range.start.line).text, driftRule);
		assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
		assert.match(diagnostic.message, /services\/payments\/src\/refunds\.ts/);
		assert.match(diagnostic.message, /@acme-bank\/core-banking/);
		assert.match(diagnostic.message, /Payments domain/);
		const code = diagnostic.code;
		assert.ok(typeof code === 'object' && code !== null && code.target instanceof vscode.Uri);
		assert.match(code.target.toString(true), /\/docs\/diagnostics\.md#codeowners-drift$/);
		// Only on CODEOWNERS: the guardrails config does not repeat it.
		assert.deepStrictEqual(drift(guardrails), []);

		// The guardrails side changes: refunds.ts leaves the Payments domain, so nothing drifts.
		assert.ok(originalGuardrails.includes(paymentsPaths), 'the demo config has the payments paths');
		await writeText(guardrails, originalGuardrails.replace(paymentsPaths, 'paths: [libs/payments/**]'));
		await waitFor(`drift gone after the domain changed; have ${describe(codeowners)}`, () => (drift(codeowners).length === 0 ? true : undefined), 20_000);
		await writeText(guardrails, originalGuardrails);
		await waitFor(`drift back with the demo config; have ${describe(codeowners)}`, () => (drift(codeowners).length === 1 ? true : undefined), 20_000);

		// Restore CODEOWNERS: the drift goes, and the demo answers as before.
		await writeText(codeowners, originalCodeowners);
		await waitFor(`drift gone after the restore; have ${describe(codeowners)}`, () => (drift(codeowners).length === 0 ? true : undefined), 20_000);
		assert.strictEqual(document.getText(), originalCodeowners);
		await waitFor('refunds.ts owned by payments again', async () => {
			const answer = await api.answer(repoFile('services/payments/src/refunds.ts'));
			return answer?.decision.codeowners?.owners.join(' ') === '@acme-bank/payments' ? true : undefined;
		}, 20_000);
	});
});
