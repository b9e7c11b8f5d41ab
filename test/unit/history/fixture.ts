// A small organisation and history, built in the test so every figure can be counted by hand.
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { createDecisionContext } from '../../../src/engine/guardrails/whoDecides';
import type { DecisionContext } from '../../../src/engine/guardrails/whoDecides';
import type { HistoryCommit } from '../../../src/engine/history/types';
import { codeownersInput } from '../guardrails/helpers';

export const guardrailsYaml = `version: 1
org:
  people:
    ann: { name: Ann Ash, handles: { github: ann-gh }, emails: [ann@x.io] }
    ben: { name: Ben Birch, handles: { github: ben-gh }, emails: [ben@x.io] }
    cat: { name: Cat Cole, handles: { github: cat-gh }, emails: [cat@x.io] }
    dan: { name: Dan Dale, handles: { github: dan-gh }, emails: [dan@x.io] }
    eve: { name: Eve Elm, handles: { github: eve-gh }, emails: [eve@x.io] }
  teams:
    pay: { name: Payments, lead: ann, members: [ben], handles: { github: "@org/pay" } }
    core: { name: Core, lead: cat, deputies: [dan], members: [dan], handles: { github: "@org/core" } }
    solo: { name: Ops, lead: eve, handles: { github: "@org/ops" } }
  aliases:
    forum: [ann, cat]
domains:
  payments: { title: Payments, team: pay, paths: ["pay/**"] }
  core: { title: Core, team: core, paths: ["core/**"] }
  ops: { title: Operations, team: solo, paths: ["ops/**"] }
contracts:
  pay-api:
    kind: api
    title: Payments API
    owner: payments
    paths: ["pay/api/**"]
    review: { level: owner }
  core-schema:
    kind: data-model
    title: Core schema
    owner: core
    paths: ["core/schema/**"]
    review: { level: architecture }
  shared:
    kind: data-model
    title: Shared model
    owner: core
    paths: ["shared/**"]
    consumers: [payments]
    review: { level: consumers, approvals: 2, reviewers: [ann, cat] }
escalation:
  forum:
    title: Architecture Forum
    members: [$forum]
    handles: { github: "@org/arch" }
`;

export const codeownersText = `*         @org/arch
/pay/     @org/pay
/core/    @org/core
/ops/     @eve-gh
/docs/    @zed
/vendor/
`;

export const repoFiles = [
	'pay/a.ts', 'pay/api/openapi.yaml', 'core/b.ts', 'core/schema/s.sql', 'ops/deploy.sh',
	'docs/readme.md', 'vendor/lib.js', 'shared/model.ts', 'README.md',
];

let n = 0;
export function commit(authorName: string, authorEmail: string, files: string[]): HistoryCommit {
	n++;
	return { sha: n.toString(16).padStart(40, '0'), authorName, authorEmail, date: `2026-01-${String(n % 28 + 1).padStart(2, '0')}T10:00:00Z`, files };
}

/** Six commits: see the expected figures in bottlenecks.test.ts. */
export function history(): HistoryCommit[] {
	return [
		commit('Ann Ash', 'ann@x.io', ['pay/a.ts', 'pay/api/openapi.yaml']),
		commit('Ben Birch', 'ben@x.io', ['pay/a.ts']),
		commit('Cat Cole', 'cat@x.io', ['core/b.ts', 'shared/model.ts']),
		commit('Dan Dale', 'dan@x.io', ['core/schema/s.sql']),
		commit('B', '123+ben-gh@users.noreply.github.com', ['docs/readme.md', 'vendor/lib.js']),
		commit('Ann Ash', 'ann@x.io', ['ops/deploy.sh', 'README.md']),
	];
}

export function context(yaml: string | null = guardrailsYaml, codeowners = codeownersText): DecisionContext {
	return createDecisionContext({
		config: yaml === null ? null : parseGuardrails(yaml, 'guardrails.yaml'),
		codeowners: codeownersInput(codeowners, 'github', '.github/CODEOWNERS'),
	});
}

export const window = { since: '2026-01-01T00:00:00.000Z', until: '2026-02-01T00:00:00.000Z' };
