import type { Problem, Severity, Source } from '../../types';
import type { Range } from './yamlPositions';

// The state the checks and the model builder share: where each key path is, the problems found so
// far, and the `sources` every model entity points back to. Problems are reported by key path so
// no check needs to know about YAML nodes.

/** Problems and sources by key path, with positions from the YAML reader. */
export class ConfigReader {
	readonly problems: Problem[] = [];
	readonly sources = new Map<string, Source>();

	constructor(
		readonly file: string,
		private readonly ranges: Map<string, Range>,
		private readonly keyRanges: Map<string, Range>,
	) {
		for (const [path, range] of ranges) {
			this.sources.set(path, { file, line: range.line, column: range.column, detail: path });
		}
	}

	/** The position of a key path, falling back to its nearest ancestor, then the top of the file. */
	range(path: string, key = false): Range {
		const map = key ? this.keyRanges : this.ranges;
		let current = path;
		for (;;) {
			const found = map.get(current) ?? this.ranges.get(current);
			if (found) {
				return found;
			}
			const dot = current.lastIndexOf('.');
			if (dot < 0) {
				return { line: 1, column: 1, endLine: 1, endColumn: 1 };
			}
			current = current.slice(0, dot);
		}
	}

	/** Where an entity is, for its `source`: the key's position. */
	source(path: string): Source {
		const r = this.range(path, true);
		return { file: this.file, line: r.line, column: r.column, detail: path };
	}

	/** Records a problem at a key path (its value, or its key when `key` is set). */
	report(code: string, severity: Severity, path: string, message: string, key = false): void {
		const r = this.range(path, key);
		this.problems.push({ code, severity, file: this.file, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn, message });
	}
}
