import * as vscode from 'vscode';
import type { CodeownersAnalyzer } from './codeownersAnalysis';
import { knownOwners } from '../../../engine/guardrails/ownerDirectory';
import type { RepoFiles } from '../../repo/repoFiles';

/** Completion lists stay short and fast: one directory level at a time. */
const maxPathItems = 500;

/**
 * Completes paths in the pattern slot (repository files and directories, one level at a time,
 * after a leading `/` or at the line start) and owners after it (guardrails.yaml team and person
 * handles for the host, plus owners already used in the file).
 */
export class CodeownersCompletion implements vscode.CompletionItemProvider {
	static readonly triggerCharacters = ['@', '/'];

	constructor(
		private readonly analyzer: CodeownersAnalyzer,
		private readonly files: RepoFiles,
	) {}

	async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
		const before = document.lineAt(position.line).text.slice(0, position.character);
		const trimmed = before.trimStart();
		if (trimmed.startsWith('#') || /^\^?\[[^\]]*$/.test(trimmed)) {
			return [];
		}
		const analysis = await this.analyzer.analyze(document);
		if (analysis === undefined) {
			return [];
		}
		const token = /\S*$/.exec(before)?.[0] ?? '';
		const range = new vscode.Range(position.line, position.character - token.length, position.line, position.character);
		const inPatternSlot = !/\S\s/.test(trimmed) && !/^\^?\[[^\]]*\]/.test(trimmed);
		if (inPatternSlot) {
			return this.pathItems(analysis.root, token, range);
		}
		if (before.slice(0, position.character - token.length).includes('#') && analysis.dialect === 'github') {
			// After an inline comment on GitHub nothing is an owner.
			return [];
		}
		const items = new Map<string, vscode.CompletionItem>();
		const config = analysis.repo?.config ?? null;
		if (config !== null) {
			for (const { owner, detail } of knownOwners(config, analysis.dialect)) {
				if (!items.has(owner)) {
					items.set(owner, ownerItem(owner, detail, range, '0'));
				}
			}
		}
		const inFile = vscode.l10n.t('used in this file');
		for (const rule of analysis.parsed.rules) {
			for (const owner of rule.owners) {
				if (!items.has(owner.text)) {
					items.set(owner.text, ownerItem(owner.text, inFile, range, '1'));
				}
			}
		}
		return [...items.values()];
	}

	private async pathItems(root: vscode.Uri, token: string, range: vscode.Range): Promise<vscode.CompletionItem[]> {
		const exclusion = token.startsWith('!') ? '!' : '';
		const written = token.slice(exclusion.length);
		const anchored = written.startsWith('/') ? '/' : '';
		const relative = written.slice(anchored.length);
		const slash = relative.lastIndexOf('/');
		const dir = slash < 0 ? '' : relative.slice(0, slash);
		const prefix = `${exclusion}${anchored}${slash < 0 ? '' : `${dir}/`}`;
		const list = await this.files.get(root);
		const children = new Map<string, boolean>();
		const parent = dir === '' ? '' : `${dir}/`;
		for (const candidate of list.dirs) {
			if (candidate.startsWith(parent) && !candidate.slice(parent.length).includes('/')) {
				children.set(candidate.slice(parent.length), true);
			}
		}
		for (const file of list.files) {
			if (file.startsWith(parent) && !file.slice(parent.length).includes('/')) {
				children.set(file.slice(parent.length), false);
			}
		}
		const items: vscode.CompletionItem[] = [];
		for (const [name, isDir] of children) {
			if (items.length >= maxPathItems) {
				break;
			}
			const label = isDir ? `${name}/` : name;
			const item = new vscode.CompletionItem(label, isDir ? vscode.CompletionItemKind.Folder : vscode.CompletionItemKind.File);
			item.insertText = `${prefix}${escapePattern(name)}${isDir ? '/' : ''}`;
			item.filterText = item.insertText;
			item.range = range;
			item.sortText = `${isDir ? '0' : '1'}${name}`;
			if (isDir) {
				// Keep completing inside the directory just inserted.
				item.command = { command: 'editor.action.triggerSuggest', title: '' };
			}
			items.push(item);
		}
		return items;
	}
}

function ownerItem(owner: string, detail: string, range: vscode.Range, rank: string): vscode.CompletionItem {
	const item = new vscode.CompletionItem(owner, owner.includes('/') ? vscode.CompletionItemKind.Module : vscode.CompletionItemKind.User);
	item.detail = detail;
	item.range = range;
	item.sortText = `${rank}${owner}`;
	return item;
}

/** Characters that would end the pattern or act as a glob are escaped, as both hosts read `\`. */
function escapePattern(name: string): string {
	return name.replace(/[\s*?[\]\\]/g, (ch) => `\\${ch}`);
}
