import * as vscode from 'vscode';
import type { Container } from '../container';

/** Copies the handles to request for the working-tree changes (e.g. for `gh pr create --reviewer`). */
export async function copyReviewers(container: Container): Promise<string | undefined> {
	const snapshots = await container.reviewRouting.compute();
	const reviewers = [...new Set(snapshots.flatMap((snapshot) => snapshot.forecast.reviewers))];
	if (reviewers.length === 0) {
		void vscode.window.setStatusBarMessage(vscode.l10n.t('No reviewers needed for the current changes.'), 3000);
		return undefined;
	}
	const text = reviewers.join(' ');
	await vscode.env.clipboard.writeText(text);
	void vscode.window.setStatusBarMessage(vscode.l10n.t('Reviewers copied.'), 3000);
	return text;
}
