import * as vscode from 'vscode';
import { renderForecastMarkdown } from '../../engine/guardrails/forecast';
import { renderRuleChangesMarkdown } from '../../engine/ruleChanges/ruleChanges';
import type { Container } from '../container';

/** Copies the review forecast of the working-tree changes as a pull-request comment. */
export async function copyPullRequestComment(container: Container): Promise<string | undefined> {
	const snapshots = await container.reviewRouting.compute();
	const withChanges = snapshots.filter((snapshot) => snapshot.forecast.files.length > 0);
	if (withChanges.length === 0) {
		void vscode.window.setStatusBarMessage(vscode.l10n.t('No changes to describe.'), 3000);
		return undefined;
	}
	// The same comment as `guardrails check --format markdown`, rule-change section included.
	const text = withChanges
		.map((snapshot) => `${renderForecastMarkdown(snapshot.forecast)}${snapshot.rules ? `\n${renderRuleChangesMarkdown(snapshot.rules)}` : ''}`)
		.join('\n\n');
	await vscode.env.clipboard.writeText(text);
	void vscode.window.setStatusBarMessage(vscode.l10n.t('Pull-request comment copied.'), 3000);
	return text;
}
