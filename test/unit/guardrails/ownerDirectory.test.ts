import * as assert from 'assert';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { identifyOwner, knownOwners, normalizeHandle } from '../../../src/engine/guardrails/ownerDirectory';

const config = parseGuardrails(`version: 1
org:
  people:
    alice: { name: Alice Ng, handles: { github: alice-ng, gitlab: alice }, emails: [Alice@Bank.example] }
    bob: { name: Bob Ortiz, handles: { github: bob-o } }
  teams:
    payments:
      name: Payments
      lead: alice
      members: [bob]
      handles: { github: "@bank/payments", gitlab: "@bank/payments-group" }
domains:
  payments: { title: Payments, team: payments, paths: [services/payments/**] }
escalation:
  forum: { title: Architecture Review, members: [alice], handles: { github: "@bank/architecture" } }
`, 'guardrails.yaml');

suite('ownerDirectory', () => {
	test('the config used here parses without problems', () => {
		assert.deepStrictEqual(config.problems, []);
	});

	test('a team handle names the team, its lead and its domains, case-insensitively', () => {
		const found = identifyOwner(config, '@Bank/Payments');
		assert.strictEqual(found?.kind, 'team');
		if (found?.kind === 'team') {
			assert.strictEqual(found.team.name, 'Payments');
			assert.strictEqual(found.lead?.name, 'Alice Ng');
			assert.deepStrictEqual(found.domains.map((d) => d.title), ['Payments']);
		}
	});

	test('people are found by handle (without @ in the config) and by e-mail; the forum by its handle', () => {
		const bob = identifyOwner(config, '@bob-o');
		assert.strictEqual(bob?.kind === 'person' ? `${bob.person.name}:${bob.teams.map((t) => t.id).join()}` : undefined, 'Bob Ortiz:payments');
		const alice = identifyOwner(config, 'alice@bank.example');
		assert.strictEqual(alice?.kind === 'person' ? alice.person.id : undefined, 'alice');
		assert.deepStrictEqual(identifyOwner(config, '@bank/architecture'), { kind: 'forum', title: 'Architecture Review' });
	});

	test('unknown owners and GitLab roles are not identified', () => {
		assert.strictEqual(identifyOwner(config, '@nobody'), undefined);
		assert.strictEqual(identifyOwner(config, '@@maintainer'), undefined);
		assert.strictEqual(identifyOwner(config, 'alice-ng'), undefined, 'a bare handle is not an owner');
	});

	test('knownOwners lists the handles for one host, written as in CODEOWNERS', () => {
		assert.deepStrictEqual(knownOwners(config, 'github').map((o) => o.owner), ['@bank/payments', '@alice-ng', '@bob-o', '@bank/architecture']);
		assert.deepStrictEqual(knownOwners(config, 'gitlab').map((o) => o.owner), ['@bank/payments-group', '@alice']);
		assert.strictEqual(normalizeHandle(' @Org/Team '), 'org/team');
	});
});
