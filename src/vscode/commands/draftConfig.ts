import * as vscode from 'vscode';
import { gitLogFormat, parseGitLog } from '../../engine/inference/history';
import { inferModel } from '../../engine/inference/inferModel';
import { renderDraft } from '../../engine/inference/renderDraft';
import type { Container } from '../container';
import { recentHistory, trackedFiles } from '../repo/gitApi';
import { WorkspaceHost } from '../repo/workspaceHost';
import { targetUri } from './target';

/** The same window and limit as `guardrails init`. */
const historyWindow = '12 months ago';
const historyLimit = 5000;

/**
 * "Draft guardrails.yaml": infers the config from CODEOWNERS, Backstage catalogs, the files and
 * (in a trusted workspace) recent git history, and opens it in an untitled YAML editor at the
 * config's path, so the usual diagnostics apply and nothing is written until the user saves.
 * When a config already exists the draft opens unattached to any path, for comparison.
 */
export async function draftConfig(container: Container, arg?: unknown): Promise<vscode.TextDocument | undefined> {
	const uri = targetUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
	let repo = uri ? await container.service.repoFor(uri) : undefined;
	repo ??= (await container.service.allRepos())[0];
	const root = repo?.root ?? vscode.workspace.workspaceFolders?.[0]?.uri;
	if (root === undefined) {
		void vscode.window.setStatusBarMessage(vscode.l10n.t('Open a folder to draft guardrails.yaml for it.'), 4000);
		return undefined;
	}
	const draft = await vscode.window.withProgress(
		{ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Drafting guardrails.yaml…') },
		async () => {
			const files = (await trackedFiles(root)) ?? (await container.files.get(root)).files;
			const log = await recentHistory(root, historyWindow, gitLogFormat, historyLimit);
			const codeowners = repo?.model.codeowners ?? null;
			const model = await inferModel({
				files,
				codeowners: codeowners === null ? null : { file: codeowners.file, parsed: codeowners.parsed, index: codeowners.index },
				host: repo?.host ?? new WorkspaceHost(root, container.logger),
				...(log !== undefined ? { history: parseGitLog(log) } : {}),
			});
			container.logger.info(`Drafted guardrails.yaml for ${root.fsPath}: ${model.domains.length} domains, ${model.contracts.length} contracts from ${files.length} files`);
			return renderDraft(model);
		},
	);
	const existing = repo?.config?.file;
	const document = existing === undefined
		? await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, 'guardrails.yaml').with({ scheme: 'untitled' }))
		: await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
	const editor = await vscode.window.showTextDocument(document);
	// Running it twice replaces the earlier draft instead of appending to it.
	const whole = new vscode.Range(0, 0, document.lineCount, 0);
	await editor.edit((edit) => edit.replace(whole, draft));
	if (document.languageId !== 'yaml') {
		await vscode.languages.setTextDocumentLanguage(document, 'yaml');
	}
	editor.selection = new vscode.Selection(0, 0, 0, 0);
	if (existing !== undefined) {
		void vscode.window.setStatusBarMessage(vscode.l10n.t('{0} already exists: the draft is unsaved, for comparison.', existing), 6000);
	}
	return document;
}
