// Writes the inferred model as guardrails.yaml, by hand rather than through a YAML library so the
// layout, the order and the evidence comments are fixed: the same model gives the same bytes.
import type { InferredModel, InferredTeam } from './types';

/** The schema comment editors use for completion (see docs/guardrails-config.md). */
export const schemaUrl = 'https://raw.githubusercontent.com/ownership-guardrails/ownership-guardrails/main/schemas/guardrails.schema.json';

const plainKey = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const plainScalar = /^[A-Za-z0-9_][A-Za-z0-9 _.,()/-]*$/;
const reserved = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;

/** A YAML scalar: plain when unambiguous, else a JSON string (valid YAML double-quoted). */
export function scalar(value: string): string {
	return plainScalar.test(value) && !reserved.test(value) && !/^[0-9.+-]/.test(value) && !value.endsWith(' ') && !value.includes(' #') ? value : JSON.stringify(value);
}

function key(value: string): string {
	return plainKey.test(value) && !reserved.test(value) ? value : JSON.stringify(value);
}

/** Comment text on one line: no line breaks or control characters from repository content. */
export function commentText(text: string): string {
	return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
}

function list(values: readonly string[]): string {
	return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

function leadComment(team: InferredTeam, historyRead: boolean): string[] {
	const lines = ['# lead: not set. Set it to the person id who decides inside this team\'s domains (add them under org.people).'];
	if (team.leadCandidates.length > 0) {
		const names = team.leadCandidates.map((c) => `${c.name} <${c.email}> (${c.commits} commit${c.commits === 1 ? '' : 's'})`).join(', ');
		lines.push(`# Suggested from git history, most active in the last 12 months (suggestions only, not verified): ${commentText(names)}`);
	} else if (historyRead) {
		lines.push('# No commits under this team\'s domains in the last 12 months to suggest a lead from.');
	}
	return lines;
}

/**
 * The draft `guardrails.yaml`: a header naming the sources, then org, domains, contracts and
 * adrs, each inferred item with a `#` comment carrying its evidence, leads left unset with their
 * suggested candidates, and the skipped items with their reasons at the end. With nothing
 * inferred it is a minimal, commented skeleton that still passes `guardrails lint`.
 */
export function renderDraft(model: InferredModel): string {
	const out: string[] = [];
	const s = model.sources;
	const from = [
		s.codeowners !== null ? `${s.codeowners} (${s.rules} rule${s.rules === 1 ? '' : 's'})` : 'no CODEOWNERS',
		`${s.files} file${s.files === 1 ? '' : 's'}`,
		s.commits !== null ? `git history (${s.commits} commit${s.commits === 1 ? '' : 's'} in the last 12 months)` : 'no git history',
		...(s.catalogs.length > 0 ? [`${s.catalogs.length} Backstage catalog${s.catalogs.length === 1 ? '' : 's'}`] : []),
	];
	out.push('# Drafted by `guardrails init` from what the repository already says:');
	out.push(`# ${commentText(from.join(', '))}.`);
	out.push('# Every item says where it came from. Review it, set the leads, then commit it.');
	out.push('# Reference: docs/guardrails-config.md. Check it with: guardrails lint');
	for (const note of model.notes) {
		out.push(`# Note: ${commentText(note)}`);
	}
	out.push(`# yaml-language-server: $schema=${schemaUrl}`);
	out.push('version: 1');
	if (model.teams.length === 0 && model.domains.length === 0) {
		out.push('');
		out.push('# Nothing to infer domains from: no CODEOWNERS team and no Backstage catalog. A start:');
		out.push('# org:');
		out.push('#   people:');
		out.push('#     alice: { name: Alice Example, handles: { github: alice } }');
		out.push('#   teams:');
		out.push('#     payments: { name: Payments, lead: alice, handles: { github: "@org/payments" } }');
		out.push('# domains:');
		out.push('#   payments: { team: payments, paths: ["services/payments/**"] }');
	} else {
		renderOrg(model, out);
		renderDomains(model, out);
	}
	renderContracts(model, out);
	if (model.adrRoots.length > 0) {
		out.push('');
		out.push('adrs:');
		out.push('  roots:');
		for (const root of model.adrRoots) {
			out.push(`    - ${JSON.stringify(root.path)}  # ${commentText(root.evidence)}`);
		}
	}
	if (model.skipped.length > 0) {
		out.push('');
		out.push('# Skipped while drafting:');
		for (const item of model.skipped.slice(0, 200)) {
			out.push(`#   ${commentText(item.path)}: ${commentText(item.reason)}`);
		}
		if (model.skipped.length > 200) {
			out.push(`#   ... and ${model.skipped.length - 200} more (guardrails init --json lists them all)`);
		}
	}
	return `${out.join('\n')}\n`;
}

function renderOrg(model: InferredModel, out: string[]): void {
	out.push('');
	out.push('org:');
	if (model.people.length > 0) {
		out.push('  people:');
		for (const person of model.people) {
			out.push(`    ${key(person.id)}:  # ${commentText(person.evidence)}`);
			out.push(`      name: ${scalar(person.name)}`);
			const hosts = Object.keys(person.handles).sort();
			if (hosts.length > 0) {
				out.push(`      handles: { ${hosts.map((h) => `${key(h)}: ${JSON.stringify(person.handles[h])}`).join(', ')} }`);
			}
			if (person.emails.length > 0) {
				out.push(`      emails: ${list(person.emails)}`);
			}
		}
	}
	out.push('  teams:');
	for (const team of model.teams) {
		out.push(`    ${key(team.id)}:  # ${commentText(team.evidence)}`);
		out.push(`      name: ${scalar(team.name)}`);
		for (const line of leadComment(team, model.sources.commits !== null)) {
			out.push(`      ${line}`);
		}
		if (team.members.length > 0) {
			out.push(`      members: ${list(team.members)}`);
		}
		const hosts = Object.keys(team.handles).sort();
		if (hosts.length > 0) {
			out.push(`      handles: { ${hosts.map((h) => `${key(h)}: ${JSON.stringify(team.handles[h])}`).join(', ')} }`);
		}
	}
}

function renderDomains(model: InferredModel, out: string[]): void {
	if (model.domains.length === 0) {
		return;
	}
	out.push('');
	out.push('domains:');
	for (const domain of model.domains) {
		out.push(`  ${key(domain.id)}:  # ${commentText(domain.evidence)}`);
		out.push(`    title: ${scalar(domain.title)}`);
		out.push(`    team: ${key(domain.team)}`);
		out.push('    paths:');
		for (const path of domain.paths) {
			out.push(`      - ${JSON.stringify(path)}`);
		}
		if (domain.adrs.length > 0) {
			out.push(`    adrs: ${list(domain.adrs)}  # records whose text names this domain`);
		}
	}
}

function renderContracts(model: InferredModel, out: string[]): void {
	if (model.contracts.length === 0) {
		return;
	}
	out.push('');
	out.push('contracts:');
	for (const contract of model.contracts) {
		out.push(`  ${key(contract.id)}:  # ${commentText(contract.evidence)}`);
		out.push(`    kind: ${contract.kind}`);
		out.push(`    title: ${scalar(contract.title)}`);
		out.push(`    owner: ${key(contract.owner)}`);
		out.push(`    paths: ${list(contract.paths)}`);
		if (contract.consumers.length > 0) {
			out.push(`    consumers: ${list(contract.consumers)}`);
		}
		out.push(`    review: { level: ${contract.level} }  # a default: raise it to architecture once escalation.forum is set`);
		if (contract.adrs.length > 0) {
			out.push(`    adrs: ${list(contract.adrs)}  # records whose text names this contract`);
		}
	}
}
