// A small line diff for "which lines of this contract did the user change": enough to place
// diagnostics, not a general-purpose diff.

/** A 1-based inclusive range of lines in the new text. */
export interface ChangedLines {
	start: number;
	end: number;
}

/** Above this many cells the middle part is reported as one block instead of being aligned. */
const maxCells = 4_000_000;

function splitLines(text: string): string[] {
	return text.split(/\r\n|\r|\n/);
}

/**
 * The ranges of lines in `after` that differ from `before`, in order and never overlapping.
 * Common leading and trailing lines are skipped first; the rest is aligned by longest common
 * subsequence. A pure deletion is reported on the line that now follows it (clamped to the last
 * line), so the place where text disappeared is still marked. Identical texts give no ranges.
 */
export function changedLines(before: string, after: string): ChangedLines[] {
	if (before === after) {
		return [];
	}
	const a = splitLines(before);
	const b = splitLines(after);
	let prefix = 0;
	while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) {
		prefix++;
	}
	let suffix = 0;
	while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
		suffix++;
	}
	const midA = a.slice(prefix, a.length - suffix);
	const midB = b.slice(prefix, b.length - suffix);
	const lastLine = b.length;
	const clamp = (line: number): number => Math.min(Math.max(line, 1), lastLine);
	if (midA.length === 0 && midB.length === 0) {
		return [];
	}
	if (midB.length === 0 || midA.length === 0 || midA.length * midB.length > maxCells) {
		if (midB.length === 0) {
			const line = clamp(prefix + 1);
			return [{ start: line, end: line }];
		}
		return [{ start: prefix + 1, end: prefix + midB.length }];
	}
	return merge(alignedChanges(midA, midB, prefix), clamp);
}

/** Marks every line of `b` not in an LCS with `a`, plus the anchor line of each deletion. */
function alignedChanges(a: string[], b: string[], offset: number): number[] {
	const n = a.length;
	const m = b.length;
	// lcs[i][j] = LCS length of a[i..] and b[j..], stored row-major.
	const lcs = new Uint32Array((n + 1) * (m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lcs[i * (m + 1) + j] =
				a[i] === b[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
		}
	}
	const marked: number[] = [];
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (a[i] === b[j]) {
			i++;
			j++;
		} else if (lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
			// Line a[i] was deleted: mark where it was (the line now at j).
			marked.push(offset + j + 1);
			i++;
		} else {
			marked.push(offset + j + 1);
			j++;
		}
	}
	for (; j < m; j++) {
		marked.push(offset + j + 1);
	}
	if (i < n) {
		marked.push(offset + m + 1);
	}
	return marked;
}

function merge(lines: number[], clamp: (line: number) => number): ChangedLines[] {
	const sorted = [...new Set(lines.map(clamp))].sort((x, y) => x - y);
	const ranges: ChangedLines[] = [];
	for (const line of sorted) {
		const last = ranges[ranges.length - 1];
		if (last && line <= last.end + 1) {
			last.end = Math.max(last.end, line);
		} else {
			ranges.push({ start: line, end: line });
		}
	}
	return ranges;
}
