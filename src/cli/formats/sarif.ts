import { diagnosticHelpUri } from '../../engine/docs';
import type { Severity } from '../../engine/types';
import { findingFingerprints } from './findings';
import type { Finding } from './findings';

// SARIF 2.1.0 (OASIS), the format GitHub code scanning and most CI dashboards read. Only the parts
// a linter needs: one run, one tool whose rules are the problem codes, one result per finding.

/** The SARIF levels our severities map to. */
const levels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
	/** The tool's version (package.json). */
	version: string;
	/** A one-line description per problem code; the code itself, made readable, otherwise. */
	descriptions?: Readonly<Record<string, string>>;
}

/** `malformed-entry-owner` → `MalformedEntryOwner` (SARIF's advice for `rule.name`). */
function ruleName(code: string): string {
	return code.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** `malformed-entry-owner` → `Malformed entry owner`. */
function readable(code: string): string {
	const words = code.replace(/-/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A relative URI reference for a repository path: each segment percent-encoded, `/` kept. */
function pathUri(path: string): string {
	return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * Writes findings as a SARIF 2.1.0 log: one rule per problem code (with its help link in
 * docs/diagnostics.md and the level of its first finding as the default), one result per finding
 * with its file (relative to the repository root, `%SRCROOT%`), line and column, severity mapped to
 * `level` (info → `note`), and a stable fingerprint. An empty list is a valid log with no results.
 */
export function toSarifLog(findings: readonly Finding[], options: SarifOptions): object {
	const ruleIndex = new Map<string, number>();
	const rules: object[] = [];
	for (const finding of findings) {
		if (!ruleIndex.has(finding.code)) {
			ruleIndex.set(finding.code, rules.length);
			const description = options.descriptions?.[finding.code] ?? readable(finding.code);
			rules.push({
				id: finding.code,
				name: ruleName(finding.code),
				shortDescription: { text: description },
				helpUri: diagnosticHelpUri(finding.code),
				help: { text: `See ${diagnosticHelpUri(finding.code)}` },
				defaultConfiguration: { level: levels[finding.severity] },
			});
		}
	}
	const fingerprints = findingFingerprints(findings);
	const results = findings.map((finding, i) => {
		const region: Record<string, number> = { startLine: Math.max(1, finding.line), startColumn: Math.max(1, finding.column) };
		if (finding.endLine !== undefined) {
			region.endLine = Math.max(region.startLine, finding.endLine);
		}
		if (finding.endColumn !== undefined && finding.endColumn > region.startColumn) {
			region.endColumn = finding.endColumn;
		}
		return {
			ruleId: finding.code,
			ruleIndex: ruleIndex.get(finding.code),
			level: levels[finding.severity],
			message: { text: finding.message },
			locations: [{ physicalLocation: { artifactLocation: { uri: pathUri(finding.path), uriBaseId: '%SRCROOT%' }, region } }],
			fingerprints: { 'ownershipGuardrails/v1': fingerprints[i] },
		};
	});
	return {
		$schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
		version: '2.1.0',
		runs: [{
			tool: {
				driver: {
					name: 'Ownership Guardrails',
					semanticVersion: options.version,
					informationUri: 'https://github.com/ownership-guardrails/ownership-guardrails',
					rules,
				},
			},
			columnKind: 'utf16CodeUnits',
			results,
		}],
	};
}
