import * as vscode from 'vscode';
import { boundaryCode, boundaryViolationCode, undeclaredDependencyCode } from '../../../engine/imports/boundaryCheck';
import type { BoundaryFinding } from '../../../engine/imports/boundaryCheck';
import { fileBoundaryFindings, isImportSource } from '../../../engine/imports/boundaryScan';
import { getConfig } from '../../configuration';
import { commands, diagnosticSource, docsBaseUrl } from '../../constants';
import { KeyedDebouncer } from '../../keyedDebouncer';
import { toDiagnosticSeverity } from '../../presentation';
import type { RepoModel } from '../../repo/ownershipService';
import { inWorkspaceFolder, workspaceDocuments } from '../../repo/workspaceHost';
import { ToggledFeature } from '../feature';
import type { FeatureHost } from '../feature';
import { DependencyGraphPanel } from './dependencyGraphPanel';

/** Typing pauses shorter than this do not recompute; one file's check itself takes milliseconds. */
const debounceMs = 150;

/** What a quick fix passes to its command: the document and the import's position (1-based). */
export interface BoundaryFixArgs {
	uri: string;
	line: number;
	column: number;
	reason?: string;
}

function severityOf(finding: BoundaryFinding): vscode.DiagnosticSeverity {
	return toDiagnosticSeverity(finding.severity);
}

/**
 * Diagnostics on imports that cross a domain boundary the wrong way (`boundary-violation`,
 * `undeclared-dependency`), updated as the user types (debounced), with quick fixes: who decides
 * the target, a contract request for its lead, and an `allow:` entry with a reason.
 */
export class BoundaryDiagnostics extends ToggledFeature implements vscode.CodeActionProvider {
	static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
	readonly graph = new DependencyGraphPanel();
	private collection: vscode.DiagnosticCollection | undefined;
	private readonly timers = new KeyedDebouncer();
	private readonly findings = new Map<string, { repo: RepoModel; findings: BoundaryFinding[] }>();
	/** Document version each computation started from; a late result for an older version is dropped. */
	private readonly versions = new Map<string, number>();

	constructor(private readonly host: FeatureHost) {
		super(['boundaryDiagnostics']);
		this.start();
	}

	protected enable(): void {
		this.collection = this.track(vscode.languages.createDiagnosticCollection('ownershipGuardrails.boundaries'));
		this.trackDocuments((document) => this.schedule(document), (uri) => this.clear(uri));
		this.track(this.host.boundaryIndex.onDidChange(() => this.refreshAll()));
		this.track(vscode.languages.registerCodeActionsProvider(workspaceDocuments(), this, { providedCodeActionKinds: BoundaryDiagnostics.providedCodeActionKinds }));
		this.refreshAll();
	}

	private refreshAll(): void {
		for (const document of vscode.workspace.textDocuments) {
			this.schedule(document);
		}
	}

	private schedule(document: vscode.TextDocument): void {
		if (!this.collection || !inWorkspaceFolder(document.uri) || !isImportSource(document.uri.path)) {
			return;
		}
		this.timers.schedule(document.uri.toString(), debounceMs, () => {
			this.compute(document).catch((error: unknown) => this.host.logger.error(`boundaries: ${String(error)}`));
		});
	}

	/** Checks one document now (the debounced path calls this; tests and the perf suite may too). */
	async compute(document: vscode.TextDocument): Promise<BoundaryFinding[]> {
		const key = document.uri.toString();
		const version = document.version;
		this.versions.set(key, version);
		const context = await this.host.boundaryIndex.contextFor(document.uri);
		const path = context?.repo.relativePath(document.uri);
		if (!this.collection || document.isClosed || this.versions.get(key) !== version) {
			return [];
		}
		if (context === undefined || path === undefined || !getConfig(document.uri).boundaryDiagnostics.enabled) {
			this.clear(document.uri);
			return [];
		}
		const { findings } = fileBoundaryFindings(path, document.getText(), context.modules, context.rules);
		const problems = findings.filter((f) => boundaryCode(f.status) !== undefined);
		this.findings.set(key, { repo: context.repo, findings: problems });
		this.collection.set(document.uri, problems.map((f) => {
			const range = new vscode.Range(f.line - 1, f.column - 1, f.line - 1, Math.max(f.column, f.endColumn - 1));
			const diagnostic = new vscode.Diagnostic(range, f.message, severityOf(f));
			diagnostic.source = diagnosticSource;
			const code = boundaryCode(f.status) ?? 'boundary-violation';
			diagnostic.code = { value: code, target: vscode.Uri.parse(`${docsBaseUrl}diagnostics.md#${code}`) };
			diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(
				new vscode.Location(context.repo.uri(f.target), new vscode.Position(0, 0)),
				vscode.l10n.t('The file this import reaches ({0})', f.to),
			)];
			return diagnostic;
		}));
		return problems;
	}

	/** The finding at a 1-based position of a document, with its repository, from the last computation. */
	private cachedFindingAt(args: BoundaryFixArgs): { repo: RepoModel; finding: BoundaryFinding } | undefined {
		const entry = this.findings.get(args.uri);
		const finding = entry?.findings.find((f) => f.line === args.line && f.column === args.column);
		return entry !== undefined && finding !== undefined ? { repo: entry.repo, finding } : undefined;
	}

	/**
	 * The finding at a 1-based position of a document, with its repository. The last computation's
	 * findings can be gone while its diagnostic is still shown (the document was closed and reopened,
	 * or the index was dropped and is rebuilding), so a miss checks the document again.
	 */
	async findingAt(args: BoundaryFixArgs): Promise<{ repo: RepoModel; finding: BoundaryFinding } | undefined> {
		const cached = this.cachedFindingAt(args);
		if (cached !== undefined) {
			return cached;
		}
		const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri);
		if (document === undefined) {
			return undefined;
		}
		await this.compute(document);
		return this.cachedFindingAt(args);
	}

	async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
		const actions: vscode.CodeAction[] = [];
		for (const diagnostic of context.diagnostics) {
			if (diagnostic.source !== diagnosticSource || typeof diagnostic.code !== 'object' || (diagnostic.code.value !== boundaryViolationCode && diagnostic.code.value !== undeclaredDependencyCode)) {
				continue;
			}
			const args: BoundaryFixArgs = { uri: document.uri.toString(), line: diagnostic.range.start.line + 1, column: diagnostic.range.start.character + 1 };
			const found = await this.findingAt(args);
			if (found === undefined) {
				continue;
			}
			const { repo, finding } = found;
			const action = (title: string, command: string, commandArgs: unknown[], preferred = false): void => {
				const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
				fix.diagnostics = [diagnostic];
				fix.isPreferred = preferred;
				fix.command = { title, command, arguments: commandArgs };
				actions.push(fix);
			};
			action(vscode.l10n.t('Who decides {0}?', finding.target), commands.whoDecides, [repo.uri(finding.target)], true);
			action(vscode.l10n.t('Copy contract request for {0}', finding.to), commands.copyContractRequest, [args]);
			action(vscode.l10n.t('Allow with a reason…'), commands.allowImport, [args]);
		}
		return actions;
	}

	private clear(uri: vscode.Uri): void {
		this.timers.cancel(uri.toString());
		this.findings.delete(uri.toString());
		this.versions.delete(uri.toString());
		this.collection?.delete(uri);
	}

	protected disable(): void {
		this.timers.dispose();
		this.collection = undefined;
		this.findings.clear();
	}

	dispose(): void {
		super.dispose();
		this.graph.dispose();
	}
}
