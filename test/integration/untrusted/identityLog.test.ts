// Restricted Mode: the identity from the setting is never logged above debug, and the git look-up of
// the e-mail (which would log it at debug) does not run (docs/reliability.md, Safety).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { getApi, repoFile, waitFor } from '../suite/extensionApi';

suite('untrusted: the identity is never logged above debug', () => {
	test('an e-mail in the identity setting, set and cleared (two rebuilds), appears at most at debug; git is not asked', async () => {
		assert.strictEqual(vscode.workspace.isTrusted, false);
		const api = await getApi();
		const email = 'chen@acme-bank.example';
		const money = repoFile('libs/ledger/money.ts');
		const config = vscode.workspace.getConfiguration();
		const previous = config.inspect('ownershipGuardrails.identity')?.globalValue;
		api.captureLog(5_000);
		try {
			await config.update('ownershipGuardrails.identity', email, vscode.ConfigurationTarget.Global);
			const answer = await waitFor('the identity from the setting', async () => {
				const current = await api.answer(money);
				return current?.repo.identity === email ? current : undefined;
			}, 15_000);
			assert.strictEqual(answer.decision.crossTeam, false, 'Chen leads core banking');
			await vscode.workspace.getConfiguration().update('ownershipGuardrails.identity', previous, vscode.ConfigurationTarget.Global);
			await waitFor('no identity again', async () => {
				const current = await api.answer(money);
				return current !== undefined && current.repo.identity === undefined ? true : undefined;
			}, 15_000);
			const lines = api.logLines();
			assert.ok(lines.some((line) => line.level === 'info' && line.message.includes('built in')), 'the rebuilds were logged (capture works)');
			const above = lines.filter((line) => line.level !== 'debug' && line.level !== 'trace' && line.message.toLowerCase().includes(email));
			assert.deepStrictEqual(above, [], `${email} logged above debug`);
			assert.deepStrictEqual(lines.filter((line) => /user\.email/.test(line.message)), [], 'no git e-mail look-up in Restricted Mode');
		} finally {
			api.captureLog(0);
			await vscode.workspace.getConfiguration().update('ownershipGuardrails.identity', previous, vscode.ConfigurationTarget.Global);
		}
	});
});
