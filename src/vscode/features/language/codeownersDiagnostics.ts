import * as vscode from 'vscode';
import { toDiagnosticSeverity } from '../../presentation';
import { lintCodeowners } from '../../../engine/codeowners/lint';
import { lintGuardrails } from '../../../engine/guardrails/lintGuardrails';
import type { Problem } from '../../../engine/types';
import { diagnosticSource, docsBaseUrl } from '../../constants';
import type { Logger } from '../../logger';
import type { CodeownersAnalysis, CodeownersAnalyzer } from './codeownersAnalysis';
import { problemRange } from './codeownersAnalysis';
import type { RepoFiles } from '../../repo/repoFiles';
import { AsYouTypeDiagnostics } from './asYouTypeDiagnostics';

/** Long enough to skip the keystrokes of a word, short enough to feel live. */

/** An engine problem as a diagnostic whose code links to the documentation of that code. */
export function toDiagnostic(document: vscode.TextDocument, problem: Problem): vscode.Diagnostic {
	const diagnostic = new vscode.Diagnostic(problemRange(document, problem), problem.message, toDiagnosticSeverity(problem.severity));
	diagnostic.source = diagnosticSource;
	diagnostic.code = { value: problem.code, target: vscode.Uri.parse(`${docsBaseUrl}diagnostics.md#${problem.code}`) };
	return diagnostic;
}

/** The code of a diagnostic made by `toDiagnostic`. */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
	const code = diagnostic.code;
	if (typeof code === 'object' && code !== null) {
		return String(code.value);
	}
	return code === undefined ? undefined : String(code);
}

function problemKey(problem: Problem): string {
	return `${problem.code}:${problem.line}:${problem.column}`;
}

/**
 * `codeowners-drift` for the CODEOWNERS document as typed: the rules that give a domain's file (per
 * the model's guardrails config) to owners outside the domain's team, at the rule's line. Only for
 * the CODEOWNERS file the model (the code host) reads, and only with a complete file list.
 */
export function driftProblems(analysis: CodeownersAnalysis, files: readonly string[]): Problem[] {
	const model = analysis.repo?.model;
	const config = model?.config;
	if (model === undefined || config === null || config === undefined || model.codeowners?.file !== analysis.file) {
		return [];
	}
	const codeowners = { index: analysis.index, file: analysis.file, dialect: analysis.dialect };
	return lintGuardrails(config, { files, codeowners, ...(model.context.index ? { index: model.context.index } : {}) }).filter((p) => p.code === 'codeowners-drift' && p.file === analysis.file);
}

/**
 * CODEOWNERS problems as you type: parse errors, duplicate and shadowed rules, patterns that
 * match no file and drift from the guardrails domains, for every open CODEOWNERS document,
 * debounced and cleared when it closes.
 */
export class CodeownersDiagnostics extends AsYouTypeDiagnostics {

	constructor(
		private readonly analyzer: CodeownersAnalyzer,
		private readonly files: RepoFiles,
		logger: Logger,
	) {
		super('ownershipGuardrails.codeowners', 'CODEOWNERS', logger, files);
		this.validateAll();
	}

	protected accepts(document: vscode.TextDocument): boolean {
		return document.languageId === 'codeowners';
	}

	protected override forget(document: vscode.TextDocument): void {
		this.analyzer.forget(document);
	}

	protected async validate(document: vscode.TextDocument): Promise<void> {
		const version = document.version;
		const analysis = await this.analyzer.analyze(document);
		if (analysis === undefined || document.isClosed) {
			return;
		}
		const list = await this.files.get(analysis.root);
		if (document.isClosed || document.version !== version) {
			// A newer edit is already scheduled; its run publishes.
			return;
		}
		const lint = lintCodeowners(analysis.parsed, { files: list.capped ? undefined : list.files, index: analysis.index });
		const seen = new Set<string>();
		const diagnostics: vscode.Diagnostic[] = [];
		const drift = list.capped ? [] : driftProblems(analysis, list.files);
		for (const problem of [...analysis.parsed.problems, ...lint, ...drift]) {
			const key = problemKey(problem);
			if (!seen.has(key)) {
				seen.add(key);
				diagnostics.push(toDiagnostic(document, problem));
			}
		}
		this.collection.set(document.uri, diagnostics);
	}

}
