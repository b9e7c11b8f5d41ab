import * as assert from 'assert';
import { changedLines } from '../../src/engine/lineDiff';

suite('changedLines', () => {
	test('identical texts have no changes', () => {
		assert.deepStrictEqual(changedLines('a\nb\nc', 'a\nb\nc'), []);
	});

	test('an edited line is reported on its own line', () => {
		assert.deepStrictEqual(changedLines('a\nb\nc\nd', 'a\nB\nc\nd'), [{ start: 2, end: 2 }]);
	});

	test('inserted lines are reported as one range', () => {
		assert.deepStrictEqual(changedLines('a\nd', 'a\nb\nc\nd'), [{ start: 2, end: 3 }]);
	});

	test('a pure deletion marks the line that now follows it', () => {
		assert.deepStrictEqual(changedLines('a\nb\nc\nd', 'a\nd'), [{ start: 2, end: 2 }]);
	});

	test('deleting the last lines marks the new last line', () => {
		assert.deepStrictEqual(changedLines('a\nb\nc', 'a'), [{ start: 1, end: 1 }]);
	});

	test('separate edits stay separate ranges, unchanged lines between them are not marked', () => {
		const before = ['1', '2', '3', '4', '5', '6', '7'].join('\n');
		const after = ['1', 'two', '3', '4', '5', 'six', '7'].join('\n');
		assert.deepStrictEqual(changedLines(before, after), [
			{ start: 2, end: 2 },
			{ start: 6, end: 6 },
		]);
	});

	test('line endings do not count as changes', () => {
		assert.deepStrictEqual(changedLines('a\r\nb\r\n', 'a\nb\n'), []);
	});

	test('appending at the end is found', () => {
		assert.deepStrictEqual(changedLines('a\nb', 'a\nb\nc'), [{ start: 3, end: 3 }]);
	});
});
