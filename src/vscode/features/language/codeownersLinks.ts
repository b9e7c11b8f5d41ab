import * as vscode from 'vscode';
import type { OwnerToken } from '../../../engine/codeowners/types';
import type { CodeownersAnalyzer } from './codeownersAnalysis';
import { ownerUrl } from '../../../engine/codeHost';
import type { CodeHostResolver } from '../../repo/codeHostResolver';
import { isSafeLink } from '../../repo/codeHostResolver';

/** Owners become links to their page on the code host (profile, team or group). */
export class CodeownersLinks implements vscode.DocumentLinkProvider {
	constructor(
		private readonly analyzer: CodeownersAnalyzer,
		private readonly codeHosts: CodeHostResolver,
	) {}

	async provideDocumentLinks(document: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
		const analysis = await this.analyzer.analyze(document);
		if (analysis === undefined) {
			return [];
		}
		const host = await this.codeHosts.resolve(analysis.root, analysis.dialect);
		const links: vscode.DocumentLink[] = [];
		const add = (line: number, owner: OwnerToken): void => {
			const url = ownerUrl(owner.text, host);
			if (url === undefined || !isSafeLink(url) || line < 1 || line > document.lineCount) {
				return;
			}
			const start = owner.column - 1;
			const range = new vscode.Range(line - 1, start, line - 1, start + owner.text.length);
			const link = new vscode.DocumentLink(range, vscode.Uri.parse(url, true));
			link.tooltip = vscode.l10n.t('Open {0} on {1}', owner.text, host.baseUrl);
			links.push(link);
		};
		for (const rule of analysis.parsed.rules) {
			for (const owner of rule.owners) {
				add(rule.line, owner);
			}
		}
		for (const section of analysis.parsed.sections) {
			for (const owner of section.defaultOwners) {
				add(section.line, owner);
			}
		}
		return links;
	}
}
