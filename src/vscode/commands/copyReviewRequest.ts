import * as vscode from 'vscode';
import type { Container } from '../container';
import { reviewRequestText } from '../../engine/guardrails/decisionRender';
import { targetUri } from './target';

/** Copies a ready-to-send message naming who must review the file and why. */
export async function copyReviewRequest(container: Container, arg?: unknown): Promise<string | undefined> {
	const uri = targetUri(arg);
	const answer = uri ? await container.service.answer(uri) : undefined;
	if (!answer) {
		return undefined;
	}
	const text = reviewRequestText(answer.decision);
	await vscode.env.clipboard.writeText(text);
	void vscode.window.setStatusBarMessage(vscode.l10n.t('Review request copied.'), 3000);
	return text;
}
