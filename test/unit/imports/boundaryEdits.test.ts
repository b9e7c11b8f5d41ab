import * as assert from 'assert';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { allowEntryInsertion, contractRequestText } from '../../../src/engine/imports/boundaryEdits';
import type { BoundaryFinding } from '../../../src/engine/imports/boundaryCheck';

function apply(text: string, entry: { from: string; to: string; reason: string }): string {
	const insertion = allowEntryInsertion(text, entry);
	assert.ok(insertion);
	return text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset);
}

const config = 'version: 1\ndomains:\n  a: { team: t, paths: [a/**] }\n';

suite('boundaries: quick-fix texts', () => {
	test('a new allow list is appended at the end, quoted, and parses back', () => {
		const out = apply(config.trimEnd(), { from: 'a', to: 'b/internal: x.ts', reason: 'Legacy "sync" job' });
		assert.strictEqual(out, `${config}\nallow:\n  - from: "a"\n    to: "b/internal: x.ts"\n    reason: "Legacy \\"sync\\" job"\n`);
		const parsed = parseGuardrails(out, 'guardrails.yaml');
		assert.deepStrictEqual(parsed.boundaries?.allow.map((a) => [a.from, a.to, a.reason]), [['a', 'b/internal: x.ts', 'Legacy "sync" job']]);
	});

	test('an existing block allow list is extended after its last item with the same indentation, before later keys', () => {
		const text = `${config}allow:\n    - from: a\n      to: b/**\n      reason: old\nadrs:\n  roots: [docs/adr]\n`;
		const out = apply(text, { from: 'a', to: 'c/x.ts', reason: 'new' });
		assert.strictEqual(out, `${config}allow:\n    - from: a\n      to: b/**\n      reason: old\n    - from: "a"\n      to: "c/x.ts"\n      reason: "new"\nadrs:\n  roots: [docs/adr]\n`);
	});

	test('a flow allow list is not rewritten', () => {
		assert.strictEqual(allowEntryInsertion(`${config}allow: []\n`, { from: 'a', to: 'b', reason: 'r' }), undefined);
	});

	test('the contract request names the lead, the import, the target and the public surface', () => {
		const finding = { file: 'services/payments/src/fees.ts', line: 3, target: 'libs/ledger/journal.ts', to: 'core-banking', status: 'violation', publicEntries: ['libs/ledger/money.ts'] } as BoundaryFinding;
		const text = contractRequestText(finding, { from: 'Payments', to: 'Core Banking' }, { id: 'chen', name: 'Chen Li', handle: 'chenli' });
		assert.match(text, /^Hi Chen Li \(@chenli\),\n\nPayments \(services\/payments\/src\/fees\.ts:3\) imports `libs\/ledger\/journal\.ts` from Core Banking, which is internal to your domain\.\nIts public surface today: libs\/ledger\/money\.ts\./);
	});
});
