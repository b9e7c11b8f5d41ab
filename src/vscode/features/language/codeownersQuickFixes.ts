import * as vscode from 'vscode';
import { diagnosticSource } from '../../constants';
import { diagnosticCode } from './codeownersDiagnostics';

/** Problems whose line can go without changing who owns anything (a later line already wins). */
const removableCodes = new Set(['duplicate-pattern', 'shadowed-rule']);

/**
 * Quick fixes where the intent is obvious: delete a duplicate or fully shadowed rule, and replace
 * GitHub's never-matching `/` pattern with `*` (what GitHub itself suggests).
 */
export class CodeownersQuickFixes implements vscode.CodeActionProvider {
	static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

	provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
		const actions: vscode.CodeAction[] = [];
		for (const diagnostic of context.diagnostics) {
			if (diagnostic.source !== diagnosticSource) {
				continue;
			}
			const code = diagnosticCode(diagnostic);
			const line = diagnostic.range.start.line;
			if (code !== undefined && removableCodes.has(code)) {
				const action = new vscode.CodeAction(vscode.l10n.t('Remove line {0}', line + 1), vscode.CodeActionKind.QuickFix);
				action.diagnostics = [diagnostic];
				action.edit = new vscode.WorkspaceEdit();
				action.edit.delete(document.uri, document.lineAt(line).rangeIncludingLineBreak);
				action.isPreferred = true;
				actions.push(action);
			} else if (code === 'never-matches') {
				const text = document.lineAt(line).text;
				const slash = /^\s*(\/)(?=\s|$)/.exec(text);
				if (slash !== null) {
					const column = slash[0].length - 1;
					const action = new vscode.CodeAction(vscode.l10n.t('Replace "/" with "*" (every file)'), vscode.CodeActionKind.QuickFix);
					action.diagnostics = [diagnostic];
					action.edit = new vscode.WorkspaceEdit();
					action.edit.replace(document.uri, new vscode.Range(line, column, line, column + 1), '*');
					action.isPreferred = true;
					actions.push(action);
				}
			}
		}
		return actions;
	}
}
