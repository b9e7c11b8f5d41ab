// Minimal SARIF 2.1.0 for `guardrails boundaries --format sarif`. It takes the tool-neutral
// findings of the engine (`boundaryProblems`), so it can be swapped for the shared SARIF writer
// without touching the command.

import type { GenericFinding } from '../../engine/imports/boundaryRender';

const docsBase = 'https://github.com/ownership-guardrails/ownership-guardrails/blob/main/docs/diagnostics.md';

const ruleText: Record<string, string> = {
	'boundary-violation': 'An import reaches a file that is internal to another domain.',
	'undeclared-dependency': 'An import reaches a domain that the importing domain does not list in dependsOn.',
};

function level(severity: GenericFinding['severity']): 'note' | 'warning' | 'error' {
	return severity === 'info' ? 'note' : severity;
}

/** A SARIF 2.1.0 log with one run, one rule per code and one result per finding. */
export function boundariesSarif(findings: readonly GenericFinding[], version: string): unknown {
	const codes = [...new Set(['boundary-violation', 'undeclared-dependency', ...findings.map((f) => f.code)])];
	return {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [{
			tool: {
				driver: {
					name: 'guardrails',
					informationUri: 'https://github.com/ownership-guardrails/ownership-guardrails',
					version,
					rules: codes.map((id) => ({
						id,
						shortDescription: { text: ruleText[id] ?? id },
						helpUri: `${docsBase}#${id}`,
					})),
				},
			},
			results: findings.map((f) => ({
				ruleId: f.code,
				ruleIndex: codes.indexOf(f.code),
				level: level(f.severity),
				message: { text: f.message },
				locations: [{
					physicalLocation: {
						artifactLocation: { uri: f.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
						region: { startLine: f.line, startColumn: f.column, ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}) },
					},
				}],
			})),
		}],
	};
}
