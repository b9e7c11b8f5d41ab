import { createHash } from 'node:crypto';
import type { Problem, Severity } from '../../engine/types';

/**
 * One finding for a machine-readable report (SARIF, GitLab Code Quality): what any command that
 * checks files produces. `path` is relative to the repository (not to `--root`), posix-style;
 * positions are 1-based and `endColumn` is exclusive, like the engine's problems.
 */
export interface Finding {
	code: string;
	severity: Severity;
	message: string;
	path: string;
	line: number;
	column: number;
	endLine?: number;
	endColumn?: number;
}

/** An engine problem as a finding, its path given the repository prefix (`demo/acme-bank/` or ''). */
export function problemToFinding(problem: Problem, prefix = ''): Finding {
	return {
		code: problem.code,
		severity: problem.severity,
		message: problem.message,
		path: prefix + problem.file,
		line: problem.line,
		column: problem.column,
		...(problem.endLine !== undefined ? { endLine: problem.endLine } : {}),
		...(problem.endColumn !== undefined ? { endColumn: problem.endColumn } : {}),
	};
}

/**
 * A stable identity for each finding: a hash of its code, path and message plus how many equal
 * findings came before it. Positions are left out, so inserting a line above a finding does not
 * turn it into a "new" one in the CI host's comparison; the counter keeps equal findings apart.
 */
export function findingFingerprints(findings: readonly Finding[]): string[] {
	const seen = new Map<string, number>();
	return findings.map((finding) => {
		const key = [finding.code, finding.path, finding.message].join('\0');
		const occurrence = seen.get(key) ?? 0;
		seen.set(key, occurrence + 1);
		return createHash('sha256').update(`${key}\0${occurrence}`).digest('hex');
	});
}
