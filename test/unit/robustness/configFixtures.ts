// guardrails.yaml texts shared by the robustness tests.

/** One person leading one team whose one domain has `paths` (each written as a JSON string). */
export function oneDomainConfig(paths: readonly string[]): string {
	return [
		'version: 1',
		'org:',
		'  people: { p: { name: P } }',
		'  teams: { t: { name: T, lead: p } }',
		'domains:',
		'  d:',
		'    team: t',
		`    paths: [${paths.map((p) => JSON.stringify(p)).join(', ')}]`,
		'',
	].join('\n');
}
