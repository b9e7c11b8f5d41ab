import * as vscode from 'vscode';
import { CodeownersAnalyzer } from './codeownersAnalysis';
import { CodeownersCompletion } from './codeownersCompletion';
import { CodeownersDiagnostics } from './codeownersDiagnostics';
import { CodeownersHover } from './codeownersHover';
import { CodeownersLinks } from './codeownersLinks';
import { CodeownersQuickFixes } from './codeownersQuickFixes';
import { CodeHostResolver } from '../../repo/codeHostResolver';
import { GuardrailsDiagnostics } from './guardrailsDiagnostics';
import type { RepoFiles } from '../../repo/repoFiles';
import type { FeatureHost } from '../feature';

const codeownersSelector: vscode.DocumentSelector = { language: 'codeowners' };

/**
 * Editor support for CODEOWNERS (problems, quick fixes, hover, links, completion) and for the
 * guardrails config (problems). The grammar and language configuration come from package.json.
 */
export class LanguageController implements vscode.Disposable {
	readonly files: RepoFiles;
	readonly codeownersDiagnostics: CodeownersDiagnostics;
	readonly guardrailsDiagnostics: GuardrailsDiagnostics;
	private readonly disposables: vscode.Disposable[] = [];

	constructor(host: FeatureHost) {
		const analyzer = new CodeownersAnalyzer(host.service);
		const codeHosts = new CodeHostResolver(host.repos);
		// The host owns the file list; it is kept here for the test API's leak checks.
		this.files = host.files;
		this.codeownersDiagnostics = new CodeownersDiagnostics(analyzer, this.files, host.logger);
		this.guardrailsDiagnostics = new GuardrailsDiagnostics(host.service, this.files, host.logger);
		this.disposables.push(
			this.codeownersDiagnostics,
			this.guardrailsDiagnostics,
			vscode.languages.registerHoverProvider(codeownersSelector, new CodeownersHover(analyzer, this.files, codeHosts)),
			vscode.languages.registerDocumentLinkProvider(codeownersSelector, new CodeownersLinks(analyzer, codeHosts)),
			vscode.languages.registerCompletionItemProvider(codeownersSelector, new CodeownersCompletion(analyzer, this.files), ...CodeownersCompletion.triggerCharacters),
			vscode.languages.registerCodeActionsProvider(codeownersSelector, new CodeownersQuickFixes(), CodeownersQuickFixes.metadata),
			// A rebuilt model may carry a new guardrails.yaml (owner hovers) or dialect setting.
			host.service.onDidChangeModel(() => {
				analyzer.clear();
				this.codeownersDiagnostics.validateAll();
				this.guardrailsDiagnostics.validateAll();
			}),
		);
	}

	dispose(): void {
		for (const disposable of this.disposables.reverse()) {
			disposable.dispose();
		}
	}
}
