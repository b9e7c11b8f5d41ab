import * as vscode from 'vscode';
import type { Container } from '../container';
import { renderDecisionMarkdown } from '../../engine/guardrails/decisionRender';
import { targetUri } from './target';

/** Shows the full "who decides" answer as an untitled Markdown document (nothing is written). */
export async function openDecisionCard(container: Container, arg?: unknown): Promise<vscode.TextDocument | undefined> {
	const uri = targetUri(arg);
	const answer = uri ? await container.service.answer(uri) : undefined;
	if (!answer) {
		return undefined;
	}
	const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderDecisionMarkdown(answer.decision) });
	await vscode.window.showTextDocument(document, { preview: true });
	return document;
}
