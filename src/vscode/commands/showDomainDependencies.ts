import * as vscode from 'vscode';
import type { Container } from '../container';
import { targetUri } from './target';

/** Opens the domain dependency graph of the active file's repository (else the first folder's). */
export async function showDomainDependencies(container: Container, arg?: unknown): Promise<string | undefined> {
	const uri = targetUri(arg) ?? vscode.workspace.workspaceFolders?.[0]?.uri;
	if (uri === undefined) {
		return undefined;
	}
	const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading imports…') }, () => container.boundaryIndex.report(uri));
	if (result === undefined) {
		void vscode.window.showInformationMessage(vscode.l10n.t('No guardrails.yaml with domains in this workspace: there are no domain dependencies to show.'));
		return undefined;
	}
	const { report, context } = result;
	return container.boundaries.graph.show(report, context.repo.config?.domains ?? new Map(), context.repo.root.path.split('/').pop() ?? '');
}
