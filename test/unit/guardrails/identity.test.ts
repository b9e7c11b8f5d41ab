import * as assert from 'node:assert/strict';
import { resolveIdentity } from '../../../src/engine/guardrails/identity';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { fixtureText } from './helpers';

suite('resolveIdentity', () => {
	const config = parseGuardrails(fixtureText('bank', 'guardrails.yaml'), 'guardrails.yaml');
	const cases: { who: string | undefined; person: string | null; teams?: string[] }[] = [
		{ who: 'alice', person: 'alice', teams: ['payments'] },
		{ who: 'alice-ng', person: 'alice', teams: ['payments'] },
		{ who: '@alice-ng', person: 'alice', teams: ['payments'] },
		{ who: '@ALICE-NG', person: 'alice', teams: ['payments'] },
		{ who: 'alice', person: 'alice' },
		{ who: '@alice', person: 'alice', teams: ['payments'] },
		{ who: 'alice@bank.EXAMPLE', person: 'alice', teams: ['payments'] },
		{ who: ' fay@bank.example ', person: 'fay', teams: ['core-banking'] },
		{ who: 'bob', person: 'bob', teams: ['payments'] },
		{ who: 'dana', person: 'dana', teams: [] },
		{ who: 'nobody@bank.example', person: null },
		{ who: '', person: null },
		{ who: undefined, person: null },
	];
	for (const c of cases) {
		test(`${JSON.stringify(c.who)} → ${c.person ?? 'null'}`, () => {
			const identity = resolveIdentity(config, c.who);
			assert.equal(identity?.person.id ?? null, c.person);
			if (c.teams) {
				assert.deepEqual(identity?.teams.map((t) => t.id), c.teams);
			}
		});
	}
});
