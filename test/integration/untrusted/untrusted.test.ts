// Restricted Mode (an untrusted folder): the extension declares `untrustedWorkspaces: limited`. It
// still answers from the files it reads, but never runs a process (a repository's git config can
// name programs for git to run), so the user's identity does not come from git.
import * as assert from 'assert';
import { createRequire } from 'module';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionId, getApi, repoFile, waitFor } from '../suite/extensionApi';

const spawning = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
type Spawning = (typeof spawning)[number];

/**
 * Records every child_process call made from the extension's own code (its bundle or sources) while
 * `body` runs. Other extensions share the host; their calls are told apart by the stack.
 */
async function processesSpawnedBy(extensionPath: string, body: () => Promise<void>): Promise<string[]> {
	const calls: string[] = [];
	const others: string[] = [];
	// The bundle (dist/) or, in a development build, the compiled sources; never the harness, whose
	// code-server also lives under the repository.
	const ours = [path.join(extensionPath, 'dist') + path.sep, path.join(extensionPath, 'out', 'src') + path.sep];
	// The module object itself (the extension's bundle reads `execFile` from it at call time), not an
	// ES-module view of it.
	const target = createRequire(__filename)('child_process') as Record<Spawning, (...args: unknown[]) => unknown>;
	const originals = new Map<Spawning, (...args: unknown[]) => unknown>();
	for (const name of spawning) {
		const original = target[name];
		originals.set(name, original);
		target[name] = function (this: unknown, ...args: unknown[]): unknown {
			const stack = new Error().stack ?? '';
			const call = `${name} ${String(args[0])} ${JSON.stringify(args[1])}`;
			if (stack.split('\n').some((frame) => ours.some((dir) => frame.includes(dir)))) {
				calls.push(call);
			} else {
				others.push(call);
			}
			return original.apply(this, args);
		};
	}
	try {
		await body();
	} finally {
		for (const [name, original] of originals) {
			target[name] = original;
		}
	}
	// Other extensions (TypeScript, the workbench's process explorer) do start processes here: the
	// hook sees them, which shows it is live.
	console.log(`      other extensions started ${others.length} process(es) meanwhile`);
	return calls;
}

suite('untrusted workspace (Restricted Mode)', () => {
	test('the folder is not trusted', () => {
		assert.strictEqual(vscode.workspace.isTrusted, false);
	});

	test('the status bar and the answers still come from the files; no process is spawned; no identity from git', async () => {
		const api = await getApi();
		const extension = vscode.extensions.getExtension(extensionId);
		assert.ok(extension);
		const calls = await processesSpawnedBy(extension.extensionPath, async () => {
			// A fresh model: the identity look-up (git config user.email) would run now if allowed.
			api.reset();
			const refunds = repoFile('services/payments/src/refunds.ts');
			const editor = await vscode.window.showTextDocument(refunds, { preview: false });
			const state = await waitFor('the status bar', async () => {
				const current = await api.statusBar();
				return current.visible && current.text.includes('Payments') ? current : undefined;
			}, 15_000);
			assert.strictEqual(state.text, '$(organization) Payments · Alice Ng');
			assert.strictEqual(state.warning, false, 'no cross-team warning without an identity');
			const answer = await api.answer(repoFile('libs/ledger/money.ts'));
			assert.ok(answer, 'an answer from CODEOWNERS and guardrails.yaml');
			assert.strictEqual(answer.decision.domain?.title, 'Core Banking');
			// The prepared repository's git user is Bob Ortiz (Payments): read from git, money.ts would be cross-team.
			assert.strictEqual(answer.repo.identity, undefined, 'no e-mail from git');
			assert.strictEqual(answer.decision.crossTeam, null, 'cross-team unknown without an identity');
			// Contract diagnostics and review routing would ask git for HEAD texts and changes.
			const contract = await vscode.workspace.openTextDocument(repoFile('services/payments/api/openapi.yaml'));
			await vscode.window.showTextDocument(contract);
			await api.diagnosticsSettled(contract.uri);
			await api.reviewRouting();
			await vscode.window.showTextDocument(editor.document);
			await api.statusBar();
		});
		assert.deepStrictEqual(calls, [], 'the extension started no process');
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('the identity setting still works: cross-team is answered from it, without git', async () => {
		const api = await getApi();
		const config = vscode.workspace.getConfiguration();
		const previous = config.inspect('ownershipGuardrails.identity')?.globalValue;
		await config.update('ownershipGuardrails.identity', 'bob@acme-bank.example', vscode.ConfigurationTarget.Global);
		try {
			const answer = await waitFor('the identity from the setting', async () => {
				const current = await api.answer(repoFile('libs/ledger/money.ts'));
				return current?.repo.identity === 'bob@acme-bank.example' ? current : undefined;
			}, 15_000);
			assert.strictEqual(answer.decision.crossTeam, true, 'Bob (Payments) editing Core Banking');
			const own = await api.answer(repoFile('services/payments/src/refunds.ts'));
			assert.strictEqual(own?.decision.crossTeam, false);
		} finally {
			await vscode.workspace.getConfiguration().update('ownershipGuardrails.identity', previous, vscode.ConfigurationTarget.Global);
		}
	});
});
