import { isAdrPath } from './adrOrder';
import { escapeMarkdown, noDomainsHint } from './decisionRender';
import type { Problem } from '../types';
import type { Change, ChangeStatus, ForecastContract, ForecastDomain, ForecastFile, ForecastOwnerGroup, ReviewForecast } from './types';
import type { DecisionContext } from './whoDecides';
import { whoDecides } from './whoDecides';
import { line } from '../safety/text';

/** The documented JSON shape of a review forecast (CLI `forecast --json`). */
export interface ForecastJson {
	files: { path: string; status: ChangeStatus; oldPath?: string; domain: string | null; contracts: string[] }[];
	domains: { id: string | null; lead: { id: string; name: string } | null; owners: { section: string | null; owners: string[]; approvals: number; optional: boolean }[]; files: string[] }[];
	contracts: { id: string; level: string; approvals: number; files: string[] }[];
	forum: boolean;
	adrRequired: boolean;
	adrIncluded: boolean;
	reviewers: string[];
}

/** Membership sets beside the output lists, so 10,000 files do not cost a quadratic `includes`. */
const members = new WeakMap<string[], Set<string>>();

function pushUnique(list: string[], value: string): void {
	let set = members.get(list);
	if (!set) {
		set = new Set(list);
		members.set(list, set);
	}
	if (!set.has(value)) {
		set.add(value);
		list.push(value);
	}
}

/**
 * Forecasts the review a set of changes needs: per domain the CODEOWNERS owners to request
 * (GitHub: any one owner of each file; GitLab: each section with its approval count), every
 * contract touched with its level and approvals, whether the forum is needed, whether an ADR is
 * required (a touched contract has `review.adr: required`) and included (an ADR under `adrs.roots`
 * is added or modified), and the deduplicated handles to request. Renames count with both paths.
 */
export function forecastReview(ctx: DecisionContext, changes: readonly Change[]): ReviewForecast {
	const files: ForecastFile[] = [];
	const domains = new Map<string | null, ForecastDomain>();
	const groupKeys = new Map<ForecastDomain, Map<string, ForecastOwnerGroup>>();
	const contracts = new Map<string, ForecastContract>();
	let adrIncluded = false;
	for (const change of changes) {
		const paths = change.status === 'renamed' && change.oldPath && change.oldPath !== change.path ? [change.path, change.oldPath] : [change.path];
		const contractIds: string[] = [];
		let fileDomain: string | null = null;
		paths.forEach((path, i) => {
			const decision = whoDecides(ctx, path);
			const id = decision.domain?.id ?? null;
			if (i === 0) {
				fileDomain = id;
			}
			let domain = domains.get(id);
			if (!domain) {
				domain = { id, title: decision.domain?.title ?? null, lead: decision.lead, owners: [], files: [] };
				domains.set(id, domain);
				groupKeys.set(domain, new Map());
			}
			pushUnique(domain.files, path);
			const groups = groupKeys.get(domain) ?? new Map<string, ForecastOwnerGroup>();
			const resolution = decision.codeowners;
			if (resolution && resolution.sections.length > 0) {
				for (const section of resolution.sections) {
					if (section.owners.length === 0) {
						continue;
					}
					addGroup(domain, groups, section.name, section.owners, section.approvals, section.optional, path);
				}
			} else if (resolution && resolution.owners.length > 0) {
				addGroup(domain, groups, null, resolution.owners, 1, false, path);
			}
			for (const fact of decision.contracts) {
				const c = fact.contract;
				pushUnique(contractIds, c.id);
				let entry = contracts.get(c.id);
				if (!entry) {
					const reviewers: string[] = [];
					if (c.review.level !== 'notify') {
						if (fact.ownerLead?.handle) {
							reviewers.push(fact.ownerLead.handle);
						}
						if (c.review.level === 'consumers') {
							fact.consumerLeads.forEach((lead) => lead.handle && pushUnique(reviewers, lead.handle));
						}
						if (c.review.level === 'architecture' || c.owner === 'forum') {
							ctx.forumReviewers(c).forEach((h) => pushUnique(reviewers, h));
						}
					}
					entry = { contract: c, level: c.review.level, approvals: c.review.approvals, files: [], reviewers };
					contracts.set(c.id, entry);
				}
				pushUnique(entry.files, path);
			}
		});
		if (change.status !== 'deleted' && ctx.config && isAdrPath(ctx.config, change.path)) {
			adrIncluded = true;
		}
		files.push({ path: change.path, status: change.status, ...(change.status === 'renamed' && change.oldPath ? { oldPath: change.oldPath } : {}), domain: fileDomain, contracts: contractIds });
	}
	const contractList = [...contracts.values()];
	const reviewers: string[] = [];
	for (const domain of domains.values()) {
		for (const group of domain.owners) {
			if (!group.optional) {
				group.owners.forEach((owner) => pushUnique(reviewers, owner));
			}
		}
	}
	contractList.forEach((c) => c.reviewers.forEach((r) => pushUnique(reviewers, r)));
	return {
		files,
		domains: [...domains.values()],
		contracts: contractList,
		forum: contractList.some((c) => c.level === 'architecture'),
		adrRequired: contractList.some((c) => c.contract.review.adr === 'required'),
		adrIncluded,
		reviewers,
		forumInfo: ctx.config?.forum ?? null,
		ownersOnly: ctx.config === null,
	};
}

function addGroup(domain: ForecastDomain, groups: Map<string, ForecastOwnerGroup>, section: string | null, owners: readonly string[], approvals: number, optional: boolean, path: string): void {
	// GitHub: files with the same owner set share one request; GitLab: one per section and owner set.
	const key = `${section ?? ''}\u0000${owners.join(' ')}`;
	let group = groups.get(key);
	if (!group) {
		group = { section, owners: [...owners], approvals, optional, files: [] };
		groups.set(key, group);
		domain.owners.push(group);
	}
	pushUnique(group.files, path);
}

/** Converts a forecast to exactly the documented JSON shape. */
export function forecastToJson(forecast: ReviewForecast): ForecastJson {
	return {
		files: forecast.files.map((f) => ({ path: f.path, status: f.status, ...(f.oldPath !== undefined ? { oldPath: f.oldPath } : {}), domain: f.domain, contracts: [...f.contracts] })),
		domains: forecast.domains.map((d) => ({
			id: d.id,
			lead: d.lead ? { id: d.lead.id, name: d.lead.name } : null,
			owners: d.owners.map((g) => ({ section: g.section, owners: [...g.owners], approvals: g.approvals, optional: g.optional })),
			files: [...d.files],
		})),
		contracts: forecast.contracts.map((c) => ({ id: c.contract.id, level: c.level, approvals: c.approvals, files: [...c.files] })),
		forum: forecast.forum,
		adrRequired: forecast.adrRequired,
		adrIncluded: forecast.adrIncluded,
		reviewers: [...forecast.reviewers],
	};
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function groupText(group: ForecastOwnerGroup): string {
	const who = group.owners.length === 1 ? group.owners[0] : `any of ${group.owners.join(', ')}`;
	const section = group.section === null ? '' : `[${group.section}] `;
	return `${section}${who}: ${plural(group.approvals, 'approval')}${group.optional ? ' (optional)' : ''} for ${plural(group.files.length, 'file')}`;
}

function domainName(domain: ForecastDomain, forecast: ReviewForecast): string {
	return domain.title ?? domain.id ?? (forecast.ownersOnly === true ? 'No code owner' : 'No domain');
}

/** `2 domains`, or without guardrails.yaml `2 owners` (the groups are then CODEOWNERS handles). */
function groupCount(forecast: ReviewForecast): string {
	return plural(forecast.domains.length, forecast.ownersOnly === true ? 'owner' : 'domain');
}

function adrStatus(forecast: ReviewForecast): string {
	if (!forecast.adrRequired) {
		return 'not required';
	}
	return forecast.adrIncluded ? 'required, included' : 'required, missing: add or update an ADR in this change';
}

/** Renders a forecast as plain text for a terminal. */
export function renderForecastText(forecast: ReviewForecast): string {
	const lines = [`Review forecast: ${plural(forecast.files.length, 'changed file')}, ${groupCount(forecast)}, ${plural(forecast.contracts.length, 'contract')}.`];
	if (forecast.ownersOnly === true) {
		lines.push(`Grouped by code owner; ${noDomainsHint}.`);
	}
	for (const domain of forecast.domains) {
		lines.push(line`${domainName(domain, forecast)}${domain.lead ? ` (lead ${domain.lead.name}${domain.lead.handle ? ` ${domain.lead.handle}` : ''})` : ''}: ${plural(domain.files.length, 'file')}`);
		if (domain.owners.length === 0) {
			lines.push('  no CODEOWNERS owner');
		}
		domain.owners.forEach((g) => lines.push(line`  ${groupText(g)}`));
	}
	if (forecast.contracts.length > 0) {
		lines.push('Contracts:');
		for (const c of forecast.contracts) {
			lines.push(line`  ${c.contract.id} (${c.contract.title}): ${c.level} review, ${plural(c.approvals, 'approval')}, ${plural(c.files.length, 'file')}${c.reviewers.length > 0 ? `; reviewers ${c.reviewers.join(', ')}` : ''}`);
		}
	}
	lines.push(line`Architecture forum: ${forecast.forum ? `needed${forecast.forumInfo ? ` (${forecast.forumInfo.title})` : ''}` : 'not needed'}`);
	lines.push(line`ADR: ${adrStatus(forecast)}`);
	lines.push(line`Reviewers to request: ${forecast.reviewers.length > 0 ? forecast.reviewers.join(', ') : 'none'}`);
	return `${lines.join('\n')}\n`;
}

/**
 * Renders a forecast as a ready pull-request comment: headline, a table per domain of the owners to
 * request, the contracts with level and approvals, forum and ADR status, and the reviewers.
 */
export function renderForecastMarkdown(forecast: ReviewForecast): string {
	const out: string[] = ['## Review forecast', ''];
	out.push(line`This change touches **${plural(forecast.files.length, 'file')}** ${forecast.ownersOnly === true ? 'of' : 'in'} **${groupCount(forecast)}** and **${plural(forecast.contracts.length, 'contract')}**.`, '');
	if (forecast.ownersOnly === true) {
		out.push(line`_Grouped by code owner; ${escapeMarkdown(noDomainsHint)}._`, '');
	}
	for (const domain of forecast.domains) {
		const lead = domain.lead ? ` — lead ${escapeMarkdown(domain.lead.name)}${domain.lead.handle ? ` (${domain.lead.handle})` : ''}` : '';
		out.push(line`### ${escapeMarkdown(domainName(domain, forecast))}${lead}`, '');
		// GitHub has no sections: the column only appears when a GitLab section is involved.
		const sections = domain.owners.some((g) => g.section !== null);
		out.push(sections ? '| Owners to request | Section | Approvals | Files |' : '| Owners to request | Approvals | Files |');
		out.push(sections ? '| --- | --- | --- | --- |' : '| --- | --- | --- |');
		if (domain.owners.length === 0) {
			out.push(sections ? `| _none_ | | | ${domain.files.length} |` : `| _none_ | | ${domain.files.length} |`);
		}
		for (const g of domain.owners) {
			const section = sections ? ` ${g.section === null ? '' : escapeMarkdown(g.section)}${g.optional ? ' (optional)' : ''} |` : '';
			out.push(line`| ${g.owners.map(escapeMarkdown).join(' or ')} |${section} ${g.approvals} | ${g.files.length} |`);
		}
		out.push('');
	}
	if (forecast.contracts.length > 0) {
		out.push('### Contracts', '', '| Contract | Kind | Level | Approvals | Files |', '| --- | --- | --- | --- | --- |');
		for (const c of forecast.contracts) {
			out.push(line`| ${escapeMarkdown(c.contract.title)} (\`${c.contract.id}\`) | ${c.contract.kind} | ${c.level} | ${c.approvals} | ${c.files.length} |`);
		}
		out.push('');
	}
	out.push(line`- **Architecture forum:** ${forecast.forum ? `needed${forecast.forumInfo ? ` (${escapeMarkdown(forecast.forumInfo.title)})` : ''}` : 'not needed'}`);
	out.push(line`- **ADR:** ${forecast.adrRequired ? (forecast.adrIncluded ? '✅ required and included' : '⚠️ required but missing from this change') : 'not required'}`);
	out.push(line`- **Reviewers to request:** ${forecast.reviewers.length > 0 ? forecast.reviewers.join(' ') : 'none'}`);
	return `${out.join('\n')}\n`;
}

/** Escapes a workflow command message (`%`, CR, LF), as GitHub's toolkit does. */
export function escapeAnnotationData(text: string): string {
	return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property value: the data escapes plus `:` and `,`. */
export function escapeAnnotationProperty(text: string): string {
	return escapeAnnotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Each changed file that is part of a contract, once per contract, with the one-line message CI
 * reports give it; deleted files have no line to point at and are left out.
 */
function* contractEdits(forecast: ReviewForecast): Generator<{ path: string; contract: ForecastContract; message: string }> {
	const byId = new Map(forecast.contracts.map((c) => [c.contract.id, c]));
	for (const file of forecast.files) {
		if (file.status === 'deleted') {
			continue;
		}
		for (const id of file.contracts) {
			const c = byId.get(id);
			if (c) {
				const reviewers = c.reviewers.length > 0 ? ` from ${c.reviewers.join(', ')}` : '';
				const guidance = c.contract.guidance ? ` ${c.contract.guidance}` : '';
				const message = `${file.path} is part of contract ${c.contract.id} (${c.contract.kind}, owned by ${c.contract.owner}): ${c.level} review, ${plural(c.approvals, 'approval')}${reviewers}.${guidance}`;
				yield { path: file.path, contract: c, message };
			}
		}
	}
}

/**
 * The findings of a forecast as problems, for CI reports (SARIF, GitLab Code Quality, GitHub
 * annotations): one `contract-edit` per changed file and contract (at the contract's `severity`,
 * on line 1 of the file; deleted files have no line to point at and are skipped), and one
 * `adr-required` error at the contract's entry in guardrails.yaml when a required ADR is missing.
 */
export function forecastProblems(forecast: ReviewForecast): Problem[] {
	const out: Problem[] = [];
	for (const { path, contract: c, message } of contractEdits(forecast)) {
		out.push({ code: 'contract-edit', severity: c.contract.severity, file: path, line: 1, column: 1, message });
	}
	if (forecast.adrRequired && !forecast.adrIncluded) {
		for (const c of forecast.contracts.filter((x) => x.contract.review.adr === 'required')) {
			const source = c.contract.source;
			out.push({
				code: 'adr-required', severity: 'error', file: source.file, line: source.line, column: source.column,
				message: `Contract ${c.contract.id} requires an ADR, and none is added or modified in this change.`,
			});
		}
	}
	return out;
}

/**
 * Renders a forecast as GitHub workflow commands: one annotation per changed file and contract
 * (`::error`/`::warning`/`::notice` by the contract's severity, on line 1), plus an error when a
 * required ADR is missing from the change.
 */
export function renderForecastAnnotations(forecast: ReviewForecast): string {
	const out: string[] = [];
	for (const { path, contract: c, message } of contractEdits(forecast)) {
		const command = c.contract.severity === 'error' ? 'error' : c.contract.severity === 'info' ? 'notice' : 'warning';
		const title = `Contract: ${c.contract.title}`;
		out.push(`::${command} file=${escapeAnnotationProperty(path)},line=1,title=${escapeAnnotationProperty(title)}::${escapeAnnotationData(message)}`);
	}
	if (forecast.adrRequired && !forecast.adrIncluded) {
		const ids = forecast.contracts.filter((c) => c.contract.review.adr === 'required').map((c) => c.contract.id);
		const subject = ids.length === 1 ? `Contract ${ids[0]} requires` : `Contracts ${ids.join(', ')} require`;
		out.push(`::error title=${escapeAnnotationProperty('ADR required')}::${escapeAnnotationData(`${subject} an ADR, and none is added or modified in this change.`)}`);
	}
	return out.length > 0 ? `${out.join('\n')}\n` : '';
}
