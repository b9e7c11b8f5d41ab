import type { Severity } from '../../engine/types';
import { findingFingerprints } from './findings';
import type { Finding } from './findings';

/** One entry of a GitLab Code Quality report (the Code Climate subset GitLab reads). */
export interface CodeQualityIssue {
	description: string;
	check_name: string;
	fingerprint: string;
	severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
	location: { path: string; lines: { begin: number } };
}

/** error fails the job, so it is `major`; a warning is `minor`; info stays `info`. */
const severities: Record<Severity, CodeQualityIssue['severity']> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * Writes findings as a GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array,
 * one issue per finding, with the problem code as `check_name`, a stable `fingerprint`, the
 * severity mapped to GitLab's scale and the repository-relative path and line.
 */
export function toGitlabCodeQuality(findings: readonly Finding[]): CodeQualityIssue[] {
	const fingerprints = findingFingerprints(findings);
	return findings.map((finding, i) => ({
		description: finding.message,
		check_name: finding.code,
		fingerprint: fingerprints[i],
		severity: severities[finding.severity],
		location: { path: finding.path, lines: { begin: Math.max(1, finding.line) } },
	}));
}
