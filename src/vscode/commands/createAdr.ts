import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import type { Container } from '../container';
import type { RepoModel } from '../repo/ownershipService';
import { canReadLocally } from '../repo/workspaceHost';
import { nextAdrNumber } from '../../engine/guardrails/adr';
import { targetUri } from './target';

const fallbackTemplate = '# {title}\n\n- Status: proposed\n\n## Context\n\n## Decision\n\n## Consequences\n';

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
	// From a contract file, link the new record to what it decides about.
	const decision = uri ? (await container.service.answer(uri))?.decision : undefined;
	const links = {
		domains: decision?.domain ? [decision.domain.id] : [],
		contracts: decision?.contracts.map((fact) => fact.contract.id) ?? [],
	};
	// Never overwrite a record: the file is created exclusively, and a name taken meanwhile (or a
	// number someone else just used) moves on to the next number.
	for (let attempt = 0; attempt < 20; attempt++) {
		const number = nextAdrNumber(names);
		const target = vscode.Uri.joinPath(dir, `${number}-${slug(name)}.md`);
		const body = fillTemplate(template, name.trim(), number, links);
		let created: boolean;
		try {
			created = await createExclusively(repo.root, dir, target, new TextEncoder().encode(body));
		} catch (error) {
			if (error instanceof OutsideRootError) {
				void vscode.window.showErrorMessage(vscode.l10n.t('Not creating an Architecture Decision Record: the ADR folder {0} leads outside the repository.', rootPath));
				return undefined;
			}
			throw error;
		}
		if (created) {
			await vscode.window.showTextDocument(target);
			return target;
		}
		names = [...names, `${number}-${slug(name)}.md`];
	}
	void vscode.window.showErrorMessage(vscode.l10n.t('Could not create a new Architecture Decision Record in {0}: every name tried exists.', rootPath));
	return undefined;
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

/**
 * Writes `content` to `target` only if nothing is there: `wx` (O_EXCL) on a local disk, else a
 * workspace edit that fails on an existing file. False when the file exists.
 */
async function createExclusively(root: vscode.Uri, dir: vscode.Uri, target: vscode.Uri, content: Uint8Array): Promise<boolean> {
	await vscode.workspace.fs.createDirectory(dir);
	if (canReadLocally(target)) {
		// The ADR folder may be a committed link out of the repository: never write there.
		const [realRoot, realDir] = await Promise.all([fs.realpath(root.fsPath), fs.realpath(dir.fsPath)]);
		const back = nodePath.relative(realRoot, realDir);
		if (back.startsWith('..') || nodePath.isAbsolute(back)) {
			throw new OutsideRootError(dir);
		}
		try {
			await fs.writeFile(target.fsPath, content, { flag: 'wx' });
			return true;
		} catch (error) {
			if ((error as { code?: string }).code === 'EEXIST') {
				return false;
			}
			throw error;
		}
	}
	const edit = new vscode.WorkspaceEdit();
	edit.createFile(target, { overwrite: false, ignoreIfExists: false, contents: content });
	return vscode.workspace.applyEdit(edit);
}

class OutsideRootError extends Error {
	constructor(readonly dir: vscode.Uri) {
		super(`${dir.fsPath} is outside the repository`);
	}
}
