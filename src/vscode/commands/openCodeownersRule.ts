import * as vscode from 'vscode';
import type { Container } from '../container';
import { openAt, targetUri } from './target';

/** Opens CODEOWNERS at the rule that decides the file's owners. */
export async function openCodeownersRule(container: Container, arg?: unknown): Promise<boolean> {
	const uri = targetUri(arg);
	const answer = uri ? await container.service.answer(uri) : undefined;
	const codeowners = answer?.decision.codeowners;
	if (!answer || !codeowners) {
		void vscode.window.setStatusBarMessage(vscode.l10n.t('No CODEOWNERS file applies to this file.'), 4000);
		return false;
	}
	await openAt(answer.repo.uri(codeowners.file), codeowners.rule?.line ?? 1, codeowners.rule?.column ?? 1);
	return true;
}
