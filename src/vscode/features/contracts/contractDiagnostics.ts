import * as vscode from 'vscode';
import { findContractCrossings } from '../../../engine/guardrails/decisionRender';
import type { ContractCrossing } from '../../../engine/guardrails/decisionRender';
import type { Contract, Decision } from '../../../engine/guardrails/types';
import { changedLines } from '../../../engine/lineDiff';
import type { ChangedLines } from '../../../engine/lineDiff';
import { getConfig } from '../../configuration';
import type { SeveritySetting } from '../../configuration';
import { commands, diagnosticSource, docsBaseUrl } from '../../constants';
import { getGitApi, headText } from '../../repo/gitApi';
import type { GitApi } from '../../repo/gitApi';
import type { FileAnswer } from '../../repo/ownershipService';
import { inWorkspaceFolder, workspaceDocuments } from '../../repo/workspaceHost';
import { personLabel, toDiagnosticSeverity } from '../../presentation';
import { KeyedDebouncer } from '../../keyedDebouncer';
import { ToggledFeature } from '../feature';
import type { FeatureHost } from '../feature';

export const contractEditCode = 'contract-edit';
export const crossTeamEditCode = 'cross-team-edit';
const debounceMs = 300;

function severityOf(contract: Contract, setting: SeveritySetting): vscode.DiagnosticSeverity {
	return toDiagnosticSeverity(setting === 'default' ? contract.severity : setting);
}

/** The message names everything the editor of a contract needs to know before going on. */
export function contractMessage(crossing: ContractCrossing, forum: boolean): string {
	const contract = crossing.contract;
	const parts = [
		vscode.l10n.t('Contract "{0}" ({1}), owned by {2}', contract.title, contract.id, crossing.owner.title) +
			(crossing.ownerLead ? vscode.l10n.t(' (lead {0})', personLabel(crossing.ownerLead)) : '') +
			'.',
		vscode.l10n.t('Review: {0}, {1} approval(s).', crossing.level, crossing.approvals),
	];
	if (crossing.consumers.length > 0) {
		parts.push(vscode.l10n.t('Consumers: {0}.', crossing.consumers.join(', ')));
	}
	if (crossing.guidance) {
		parts.push(crossing.guidance);
	}
	const adrs = crossing.adrs.length > 0 ? crossing.adrs.map((adr) => `${adr.title} (${adr.path})`) : contract.adrs;
	if (adrs.length > 0) {
		parts.push(vscode.l10n.t('ADRs: {0}.', adrs.join('; ')));
	}
	if (forum) {
		parts.push(vscode.l10n.t('The architecture forum must review this change.'));
	}
	return parts.join(' ');
}

function docsCode(value: string): { value: string; target: vscode.Uri } {
	return { value, target: vscode.Uri.parse(`${docsBaseUrl}diagnostics.md#${value}`) };
}

/**
 * Warns, as diagnostics (never notifications), on the changed lines of a contract file: unsaved
 * edits and differences from HEAD. Editing another team's file gets one Information diagnostic.
 * Computed debounced per document and cleared when the document closes.
 */
export class ContractDiagnostics extends ToggledFeature implements vscode.CodeActionProvider {
	static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
	private collection: vscode.DiagnosticCollection | undefined;
	private readonly timers = new KeyedDebouncer();
	private readonly inFlight = new Map<string, Promise<void>>();
	private readonly headCache = new Map<string, Promise<string | undefined>>();
	private gitApi: Promise<GitApi | undefined> | undefined;

	constructor(private readonly host: FeatureHost) {
		super(['contractDiagnostics', 'crossTeamInfo']);
		this.start();
	}

	protected enable(): void {
		this.collection = this.track(vscode.languages.createDiagnosticCollection('ownershipGuardrails.contracts'));
		this.trackDocuments((document) => this.schedule(document), (uri) => this.clear(uri));
		this.track(vscode.workspace.onDidSaveTextDocument((document) => this.schedule(document)));
		this.track(this.host.service.onDidChangeModel(() => this.refreshAll()));
		this.track(vscode.languages.registerCodeActionsProvider(workspaceDocuments(), this, {
			providedCodeActionKinds: ContractDiagnostics.providedCodeActionKinds,
		}));
		void this.watchGit();
		this.refreshAll();
	}

	/** Severity and the cross-team switch change what is shown: recompute even when the surface stays on. */
	protected settingsChanged(): void {
		this.refreshAll();
	}

	/** HEAD moves on commit and checkout: drop cached HEAD texts and recompute. */
	private async watchGit(): Promise<void> {
		const api = await this.git();
		if (!api || !this.enabled) {
			return;
		}
		const subscribe = (repository: { state: { onDidChange: vscode.Event<void> } }): vscode.Disposable =>
			repository.state.onDidChange(() => {
				this.headCache.clear();
				this.refreshAll();
			});
		const subscriptions = [...api.repositories.map(subscribe), api.onDidOpenRepository((repository) => subscriptions.push(subscribe(repository)))];
		this.track({ dispose: () => subscriptions.forEach((s) => s.dispose()) });
	}

	private git(): Promise<GitApi | undefined> {
		this.gitApi ??= getGitApi();
		return this.gitApi;
	}

	private refreshAll(): void {
		this.headCache.clear();
		for (const document of vscode.workspace.textDocuments) {
			this.schedule(document);
		}
	}

	private schedule(document: vscode.TextDocument): void {
		if (!this.collection || !inWorkspaceFolder(document.uri)) {
			return;
		}
		const key = document.uri.toString();
		this.timers.schedule(key, debounceMs, () => {
			const run = this.compute(document).catch((error: unknown) => this.host.logger.error(`diagnostics: ${String(error)}`));
			this.inFlight.set(key, run);
			void run.finally(() => {
				if (this.inFlight.get(key) === run) {
					this.inFlight.delete(key);
				}
			});
		});
	}

	/** Per-document state still held, for leak checks (tests): debounce timers, computations, HEAD texts, diagnostics. */
	pendingState(): { timers: number; inFlight: number; headCache: number; documents: number; disposed: boolean } {
		let documents = 0;
		this.collection?.forEach(() => {
			documents++;
		});
		return { timers: this.timers.size, inFlight: this.inFlight.size, headCache: this.headCache.size, documents, disposed: this.collection === undefined };
	}

	/** Waits until no computation is pending for `uri` (tests). */
	async settled(uri: vscode.Uri): Promise<void> {
		const key = uri.toString();
		while (this.timers.has(key) || this.inFlight.has(key)) {
			await (this.inFlight.get(key) ?? new Promise((resolve) => setTimeout(resolve, 50)));
		}
	}

	private clear(uri: vscode.Uri): void {
		const key = uri.toString();
		this.timers.cancel(key);
		this.headCache.delete(key);
		this.collection?.delete(uri);
	}

	private async compute(document: vscode.TextDocument): Promise<void> {
		const answer = await this.host.service.answer(document.uri);
		const collection = this.collection;
		if (!collection || document.isClosed) {
			return;
		}
		if (!answer) {
			collection.delete(document.uri);
			return;
		}
		// CODEOWNERS and the guardrails config have their own problems; an edit there is not a crossing.
		if (answer.path === answer.repo.model.codeowners?.file || answer.path === answer.repo.config?.file) {
			collection.delete(document.uri);
			return;
		}
		const config = getConfig(document.uri);
		const { decision } = answer;
		const wantContracts = config.contractDiagnostics.enabled && decision.contracts.length > 0;
		const wantCrossTeam = config.crossTeamInfo.enabled && decision.crossTeam === true && decision.contracts.length === 0;
		if (!wantContracts && !wantCrossTeam) {
			collection.delete(document.uri);
			return;
		}
		const ranges = await this.changes(document, answer);
		if (document.isClosed || !this.collection) {
			return;
		}
		const diagnostics: vscode.Diagnostic[] = [];
		if (wantContracts) {
			for (const crossing of findContractCrossings(decision, answer.repo.config).contracts) {
				for (const range of ranges) {
					diagnostics.push(this.contractDiagnostic(document, answer, crossing, range, config.contractDiagnostics.severity));
				}
			}
		} else if (ranges.length > 0) {
			diagnostics.push(this.crossTeamDiagnostic(document, decision, ranges[0]));
		}
		this.collection.set(document.uri, diagnostics);
	}

	/** Changed lines against HEAD (covers unsaved edits too), else against the saved file. */
	private async changes(document: vscode.TextDocument, answer: FileAnswer): Promise<ChangedLines[]> {
		const text = document.getText();
		const key = document.uri.toString();
		let head = this.headCache.get(key);
		if (!head) {
			head = this.git().then((api) => headText(api, answer.repo.root, document.uri, answer.path));
			this.headCache.set(key, head);
		}
		const base = await head;
		if (base !== undefined) {
			return changedLines(base, text);
		}
		if (!document.isDirty) {
			return [];
		}
		try {
			const saved = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(document.uri));
			return changedLines(saved, text);
		} catch {
			// Not on disk yet: every line is new.
			return [{ start: 1, end: Math.max(1, document.lineCount) }];
		}
	}

	private lineRange(document: vscode.TextDocument, range: ChangedLines): vscode.Range {
		const start = Math.min(range.start - 1, document.lineCount - 1);
		const end = Math.min(range.end - 1, document.lineCount - 1);
		return new vscode.Range(start, 0, end, document.lineAt(end).range.end.character);
	}

	private contractDiagnostic(
		document: vscode.TextDocument,
		answer: FileAnswer,
		crossing: ContractCrossing,
		range: ChangedLines,
		setting: SeveritySetting,
	): vscode.Diagnostic {
		const diagnostic = new vscode.Diagnostic(
			this.lineRange(document, range),
			contractMessage(crossing, answer.decision.review.forum),
			severityOf(crossing.contract, setting),
		);
		diagnostic.source = diagnosticSource;
		diagnostic.code = docsCode(contractEditCode);
		const source = crossing.source;
		diagnostic.relatedInformation = [
			new vscode.DiagnosticRelatedInformation(
				new vscode.Location(answer.repo.uri(source.file), new vscode.Position(Math.max(0, source.line - 1), Math.max(0, source.column - 1))),
				vscode.l10n.t('Contract "{0}" is defined here', crossing.contract.title),
			),
		];
		return diagnostic;
	}

	private crossTeamDiagnostic(document: vscode.TextDocument, decision: Decision, range: ChangedLines): vscode.Diagnostic {
		const owner = decision.domain?.title ?? decision.team?.name ?? decision.codeowners?.owners.join(' ') ?? '';
		const message = decision.lead
			? vscode.l10n.t('You are editing a file of {0}, another team; its lead {1} decides here.', owner, personLabel(decision.lead))
			: vscode.l10n.t('You are editing a file of {0}, another team.', owner);
		const diagnostic = new vscode.Diagnostic(this.lineRange(document, range), message, vscode.DiagnosticSeverity.Information);
		diagnostic.source = diagnosticSource;
		diagnostic.code = docsCode(crossTeamEditCode);
		return diagnostic;
	}

	async provideCodeActions(
		document: vscode.TextDocument,
		_range: vscode.Range | vscode.Selection,
		context: vscode.CodeActionContext,
	): Promise<vscode.CodeAction[]> {
		const ours = context.diagnostics.filter((diagnostic) => diagnostic.source === diagnosticSource);
		if (ours.length === 0) {
			return [];
		}
		const answer = await this.host.service.answer(document.uri);
		if (!answer) {
			return [];
		}
		const actions: vscode.CodeAction[] = [];
		const action = (title: string, command: vscode.Command, preferred = false): void => {
			const codeAction = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
			codeAction.command = command;
			codeAction.diagnostics = ours;
			codeAction.isPreferred = preferred;
			actions.push(codeAction);
		};
		action(vscode.l10n.t('Who decides this?'), { title: '', command: commands.whoDecides, arguments: [document.uri] }, true);
		const isContract = answer.decision.contracts.length > 0;
		const adrs = isContract ? answer.decision.contracts.flatMap((fact) => fact.adrs) : answer.decision.adrs;
		const seen = new Set<string>();
		for (const adr of adrs) {
			if (!seen.has(adr.path)) {
				seen.add(adr.path);
				action(vscode.l10n.t('Open ADR: {0}', adr.title), { title: '', command: 'vscode.open', arguments: [answer.repo.uri(adr.path)] });
			}
		}
		action(vscode.l10n.t('Copy review request'), { title: '', command: commands.copyReviewRequest, arguments: [document.uri] });
		if (isContract) {
			action(vscode.l10n.t('Create an ADR from the forum template'), { title: '', command: commands.createAdr, arguments: [document.uri] });
		}
		return actions;
	}

	protected disable(): void {
		this.timers.dispose();
		this.headCache.clear();
		this.collection = undefined;
	}
}
