import * as vscode from 'vscode';
import type { Domain, PersonRef } from '../../../engine/guardrails/types';
import type { OwnershipService, RepoModel } from '../../repo/ownershipService';
import { extractImportSpecifiers } from '../../../engine/imports/importSpecifiers';
import type { ImportSpecifier } from '../../../engine/imports/importSpecifiers';
import type { ModuleIndex } from '../../repo/moduleIndex';
import { workspaceDocuments } from '../../repo/workspaceHost';
import { probePaths, resolveImport } from '../../../engine/imports/modulePaths';

/** The JavaScript and TypeScript documents of the workspace folders' schemes. */
export function importHintSelector(): vscode.DocumentSelector {
	return ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].flatMap((language) => workspaceDocuments(language));
}

interface Target {
	domain: Domain;
	lead: PersonRef | null;
	teamName: string | undefined;
}

/** The domain an import lands in: the first probe path (file, `.ts`, `/index.ts`) that has one. */
function targetOf(repo: RepoModel, candidates: readonly string[]): Target | undefined {
	for (const candidate of candidates) {
		for (const path of probePaths(candidate)) {
			const decision = repo.who(path);
			if (decision.domain !== null) {
				return { domain: decision.domain, lead: decision.lead, teamName: decision.team?.name };
			}
		}
	}
	return undefined;
}

/**
 * An inlay hint at the end of each import line whose target belongs to another domain than the
 * importing file (`→ Core Banking · Chen Li`), so a cross-team dependency is visible where it is
 * written. Relative paths, tsconfig `paths` and workspace package names are resolved.
 */
export class ImportHintsProvider implements vscode.InlayHintsProvider {
	private readonly onDidChangeEmitter = new vscode.EventEmitter<void>();
	readonly onDidChangeInlayHints = this.onDidChangeEmitter.event;
	/** The editor asks once per visible range and scroll; scan each document version only once. */
	private readonly scanned = new WeakMap<vscode.TextDocument, { version: number; imports: ImportSpecifier[] }>();

	constructor(
		private readonly service: OwnershipService,
		private readonly modules: ModuleIndex,
	) {}

	/** Asks the editor to fetch hints again (model or module map changed). */
	refresh(): void {
		this.onDidChangeEmitter.fire();
	}

	async provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): Promise<vscode.InlayHint[]> {
		const repo = await this.service.repoFor(document.uri);
		const path = repo?.relativePath(document.uri);
		if (repo === undefined || path === undefined || token.isCancellationRequested) {
			return [];
		}
		const imports = this.importsOf(document).filter((s) => s.line >= range.start.line && s.line <= range.end.line);
		if (imports.length === 0) {
			return [];
		}
		const own = repo.who(path).domain;
		const context = await this.modules.get(repo.root);
		const hints: vscode.InlayHint[] = [];
		const hinted = new Set<string>();
		for (const spec of imports) {
			const target = targetOf(repo, resolveImport(spec.specifier, path, context));
			if (target === undefined || target.domain.id === own?.id) {
				continue;
			}
			// One hint per line and domain, even when a line imports twice from the same place.
			const key = `${spec.line}:${target.domain.id}`;
			if (hinted.has(key)) {
				continue;
			}
			hinted.add(key);
			const label = target.lead === null ? `→ ${target.domain.title}` : `→ ${target.domain.title} · ${target.lead.name}`;
			const hint = new vscode.InlayHint(document.lineAt(spec.line).range.end, label);
			hint.paddingLeft = true;
			hint.tooltip = this.tooltip(spec.specifier, own, target);
			hints.push(hint);
		}
		return hints;
	}

	private importsOf(document: vscode.TextDocument): ImportSpecifier[] {
		const cached = this.scanned.get(document);
		if (cached !== undefined && cached.version === document.version) {
			return cached.imports;
		}
		const imports = extractImportSpecifiers(document.getText());
		this.scanned.set(document, { version: document.version, imports });
		return imports;
	}

	private tooltip(specifier: string, own: Domain | null, target: Target): vscode.MarkdownString {
		const md = new vscode.MarkdownString();
		md.appendText(vscode.l10n.t('"{0}" is in the {1} domain', specifier, target.domain.title));
		if (own !== null) {
			md.appendText(vscode.l10n.t(', not {0}', own.title));
		}
		md.appendText('.');
		if (target.teamName !== undefined) {
			md.appendMarkdown('  \n');
			md.appendText(vscode.l10n.t('Team: {0}', target.teamName));
		}
		if (target.lead !== null) {
			md.appendMarkdown('  \n');
			md.appendText(vscode.l10n.t('Decides: {0} (lead)', target.lead.name));
		}
		return md;
	}

	dispose(): void {
		this.onDidChangeEmitter.dispose();
	}
}
