import * as vscode from 'vscode';
import { compileCodeowners } from '../../../engine/codeowners/index/codeownersIndex';
import type { CodeownersIndex } from '../../../engine/codeowners/index/codeownersIndex';
import { detectDialect } from '../../../engine/codeowners/dialect';
import { parseCodeowners } from '../../../engine/codeowners/parse';
import type { Dialect, ParsedCodeowners } from '../../../engine/codeowners/types';
import { getConfig } from '../../configuration';
import type { OwnershipService, RepoModel } from '../../repo/ownershipService';

/** A CODEOWNERS document as typed (not as saved), parsed and compiled once per version. */
export interface CodeownersAnalysis {
	version: number;
	/** The repository root the document's patterns are relative to. */
	root: vscode.Uri;
	repo: RepoModel | undefined;
	/** Repository-relative path of the document (`.github/CODEOWNERS`). */
	file: string;
	dialect: Dialect;
	parsed: ParsedCodeowners;
	index: CodeownersIndex;
}

/**
 * Parses open CODEOWNERS documents for the language features. Hover, links, completion and
 * diagnostics all ask for the same version, so each edit is parsed and compiled only once.
 */
export class CodeownersAnalyzer {
	private readonly cache = new Map<string, CodeownersAnalysis>();

	constructor(private readonly service: OwnershipService) {}

	async analyze(document: vscode.TextDocument): Promise<CodeownersAnalysis | undefined> {
		const key = document.uri.toString();
		const cached = this.cache.get(key);
		if (cached !== undefined && cached.version === document.version) {
			return cached;
		}
		const repo = await this.service.repoFor(document.uri);
		const root = repo?.root ?? vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
		if (root === undefined) {
			return undefined;
		}
		const file = repo?.relativePath(document.uri) ?? relativeTo(root, document.uri);
		if (file === undefined) {
			return undefined;
		}
		const text = document.getText();
		const setting = getConfig(document.uri).dialect;
		const { dialect } = detectDialect(file, text, setting);
		const parsed = parseCodeowners(text, { dialect, file });
		const analysis: CodeownersAnalysis = { version: document.version, root, repo, file, dialect, parsed, index: compileCodeowners(parsed) };
		this.cache.set(key, analysis);
		return analysis;
	}

	forget(document: vscode.TextDocument): void {
		this.cache.delete(document.uri.toString());
	}

	clear(): void {
		this.cache.clear();
	}
}

function relativeTo(root: vscode.Uri, uri: vscode.Uri): string | undefined {
	const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
	return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
}

/** Converts an engine problem position (1-based, exclusive end column) into an editor range. */
export function problemRange(document: vscode.TextDocument, problem: { line: number; column: number; endLine?: number; endColumn?: number }): vscode.Range {
	const line = Math.min(Math.max(problem.line - 1, 0), document.lineCount - 1);
	const endLine = Math.min(Math.max((problem.endLine ?? problem.line) - 1, line), document.lineCount - 1);
	const start = new vscode.Position(line, Math.max(problem.column - 1, 0));
	const end = problem.endColumn !== undefined
		? new vscode.Position(endLine, Math.max(problem.endColumn - 1, 0))
		: document.lineAt(endLine).range.end;
	return document.validateRange(new vscode.Range(start, end.isBefore(start) ? start : end));
}
