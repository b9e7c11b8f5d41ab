/** Pretty JSON with a trailing newline, the one format every `--json` answer uses. */
export function json(value: unknown): string {
	return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Aligns rows into columns separated by two spaces; `align` marks right-aligned columns (numbers).
 * The last column is not padded, so lines carry no trailing blanks.
 */
export function table(rows: readonly (readonly string[])[], align: readonly ('left' | 'right')[] = []): string {
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
