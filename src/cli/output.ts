import { oneLine } from '../engine/safety/text';

export { line, oneLine } from '../engine/safety/text';

/** Pretty JSON with a trailing newline, the one format every `--json` answer uses. */
export function json(value: unknown): string {
	return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Aligns rows into columns separated by two spaces; `align` marks right-aligned columns (numbers).
 * The last column is not padded, so lines carry no trailing blanks.
 */
export function table(rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[] = []): string {
	// Cells hold workspace text: each stays on its line.
	rows = rows.map((row) => row.map(oneLine));
	const widths: number[] = [];
	for (const row of rows) {
		row.forEach((cell, i) => {
			widths[i] = Math.max(widths[i] ?? 0, cell.length);
		});
	}
	return rows
		.map((row) => row
			.map((cell, i) => {
				if (align[i] === 'right') {
					return cell.padStart(widths[i]);
				}
				return i === row.length - 1 ? cell : cell.padEnd(widths[i]);
			})
			.join('  ')
			.trimEnd())
		.map((line) => `${line}\n`)
		.join('');
}

/** `1 file`, `3 files`. */
export function plural(count: number, word: string, many = `${word}s`): string {
	return `${count} ${count === 1 ? word : many}`;
}

/** A percentage with one decimal, `0.0%` for an empty whole. */
export function percent(part: number, whole: number): string {
	return whole === 0 ? '0.0%' : `${((part / whole) * 100).toFixed(1)}%`;
}

/**
 * A line that GitHub Actions would read as a workflow command (`::error::…`, `::set-output …`,
 * after any leading blanks) gets its first colon written as `\u003a`, the notation already used
 * for unsafe characters. Applied by `run()` to everything the CLI prints, except the annotations
 * of `check` and `boundaries --format github` (whose workspace text is escaped by GitHub's own rules).
 */
export function neutraliseWorkflowCommands(text: string): string {
	return text.replace(/^([ \t]*):(?=:)/gm, '$1\\u003a');
}
