import * as vscode from 'vscode';
import type { Container } from '../container';
import type { RepoModel } from '../ownershipService';
import { targetUri } from './target';

const fallbackTemplate = '# {title}\n\n- Status: proposed\n\n## Context\n\n## Decision\n\n## Consequences\n';

/** Next free 4-digit ADR number among `NNNN-*.md` names. */
export function nextAdrNumber(names: readonly string[]): number {
	let max = 0;
	for (const name of names) {
		const match = /^(\d+)-/.exec(name);
		if (match) {
			max = Math.max(max, Number(match[1]));
		}
	}
	return max + 1;
}

/** `Version the payments API` → `version-the-payments-api`. */
export function slug(title: string): string {
	return (
		title
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'decision'
	);
}

/**
 * Creates the next ADR from the forum's template in the first ADR root and opens it. The title can
 * be passed (code actions, tests); otherwise it is asked for.
 */
export async function createAdr(container: Container, arg?: unknown, title?: string): Promise<vscode.Uri | undefined> {
	const uri = targetUri(arg);
	let repo: RepoModel | undefined = uri ? await container.service.repoFor(uri) : undefined;
	repo ??= (await container.service.allRepos())[0];
	if (!repo) {
		return undefined;
	}
	const config = repo.config;
	const rootPath = config?.adrRoots[0] ?? 'docs/adr';
	const name =
		title ??
		(await vscode.window.showInputBox({
			title: vscode.l10n.t('New Architecture Decision Record'),
			prompt: vscode.l10n.t('Title of the decision'),
			validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('A title is required')),
		}));
	if (!name?.trim()) {
		return undefined;
	}
	const template = (config?.forum?.adrTemplate ? await repo.host.readFile(config.forum.adrTemplate) : undefined) ?? fallbackTemplate;
	const dir = repo.uri(rootPath);
	let names: string[] = [];
	try {
		names = (await vscode.workspace.fs.readDirectory(dir)).map(([entry]) => entry);
	} catch {
		// The root does not exist yet: the first ADR creates it.
	}
	const number = String(nextAdrNumber(names)).padStart(4, '0');
	const target = vscode.Uri.joinPath(dir, `${number}-${slug(name)}.md`);
	// From a contract file, link the new record to what it decides about.
	const decision = uri ? (await container.service.answer(uri))?.decision : undefined;
	const links = {
		domains: decision?.domain ? [decision.domain.id] : [],
		contracts: decision?.contracts.map((fact) => fact.contract.id) ?? [],
	};
	const body = fillTemplate(template, name.trim(), number, links);
	await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(body));
	await vscode.window.showTextDocument(target);
	return target;
}

/**
 * Fills a template: `{title}`/`{date}`/`{number}` placeholders (or MADR's `YYYY-MM-DD`), the first
 * heading becomes the title, and empty `domains: []` / `contracts: []` front matter gets the links.
 */
export function fillTemplate(template: string, title: string, number: string, links: { domains: string[]; contracts: string[] }): string {
	const date = new Date().toISOString().slice(0, 10);
	let text = template
		.replace(/\{title\}|\{\{\s*title\s*\}\}/gi, title)
		.replace(/\{date\}|\{\{\s*date\s*\}\}|YYYY-MM-DD/gi, date)
		.replace(/\{number\}|\{\{\s*number\s*\}\}|NNNN/g, number);
	if (!text.includes(title)) {
		text = /^# .*$/m.test(text) ? text.replace(/^# .*$/m, `# ${title}`) : `# ${title}\n\n${text}`;
	}
	for (const key of ['domains', 'contracts'] as const) {
		if (links[key].length > 0) {
			text = text.replace(new RegExp(`^${key}: \\[\\]\\s*$`, 'm'), `${key}: [${links[key].join(', ')}]`);
		}
	}
	return text;
}
