import * as vscode from 'vscode';
import { allowEntryInsertion } from '../../engine/imports/boundaryEdits';
import type { BoundaryFixArgs } from '../features/boundaries/boundaryDiagnostics';
import type { Container } from '../container';

/**
 * Adds an `allow:` entry for one import to guardrails.yaml (quick fix on a boundary diagnostic):
 * from the importing domain to the exact file reached, with the reason the user gives. The edit is
 * a WorkspaceEdit (undoable), saved so the rules apply at once, and the config is shown at the entry.
 */
export async function allowImport(container: Container, arg?: unknown): Promise<boolean> {
	const args = arg as BoundaryFixArgs | undefined;
	const found = args !== undefined && typeof args.uri === 'string' ? await container.boundaries.findingAt(args) : undefined;
	const config = found?.repo.config;
	if (found === undefined || config === null || config === undefined) {
		return false;
	}
	const { repo, finding } = found;
	const reason = typeof args?.reason === 'string' ? args.reason : await vscode.window.showInputBox({
		title: vscode.l10n.t('Allow {0} → {1}', finding.from, finding.target),
		prompt: vscode.l10n.t('Why is this import accepted for now? The reason is stored in guardrails.yaml.'),
		validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('A reason is required.') : undefined),
	});
	if (reason === undefined || reason.trim() === '') {
		return false;
	}
	const configUri = repo.uri(config.file);
	const document = await vscode.workspace.openTextDocument(configUri);
	const insertion = allowEntryInsertion(document.getText(), { from: finding.from, to: finding.target, reason: reason.trim() });
	if (insertion === undefined) {
		void vscode.window.showWarningMessage(vscode.l10n.t('The allow list in {0} is not a block list; add the entry by hand.', config.file));
		return false;
	}
	const edit = new vscode.WorkspaceEdit();
	edit.insert(configUri, document.positionAt(insertion.offset), insertion.text);
	const applied = await vscode.workspace.applyEdit(edit);
	if (applied) {
		await document.save();
		container.logger.info(`Boundaries: allowed ${finding.from} → ${finding.target} in ${config.file}`);
		await vscode.window.showTextDocument(document, { preview: true, preserveFocus: true, selection: new vscode.Range(document.positionAt(insertion.offset), document.positionAt(insertion.offset)) });
	}
	return applied;
}
