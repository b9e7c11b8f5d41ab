import * as assert from 'node:assert/strict';
import { KeyedDebouncer } from '../../../src/vscode/keyedDebouncer';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

suite('KeyedDebouncer', () => {
	test('scheduling a key again replaces its pending run; other keys are independent', async () => {
		const debouncer = new KeyedDebouncer();
		const ran: string[] = [];
		debouncer.schedule('a', 5, () => ran.push('a1'));
		debouncer.schedule('a', 5, () => ran.push('a2'));
		debouncer.schedule('b', 5, () => ran.push('b'));
		assert.equal(debouncer.size, 2);
		assert.ok(debouncer.has('a'));
		await tick(30);
		assert.deepEqual(ran.sort(), ['a2', 'b']);
		assert.equal(debouncer.size, 0, 'a run forgets its timer');
	});

	test('cancel drops one key; dispose drops all and leaves the debouncer usable', async () => {
		const debouncer = new KeyedDebouncer();
		const ran: string[] = [];
		debouncer.schedule('a', 5, () => ran.push('a'));
		debouncer.schedule('b', 5, () => ran.push('b'));
		debouncer.cancel('a');
		debouncer.cancel('missing');
		assert.equal(debouncer.size, 1);
		debouncer.dispose();
		assert.equal(debouncer.size, 0);
		await tick(30);
		assert.equal(ran.length, 0, 'nothing runs after cancel or dispose');
		debouncer.schedule('c', 1, () => ran.push('c'));
		await tick(20);
		assert.deepEqual(ran, ['c']);
	});
});
