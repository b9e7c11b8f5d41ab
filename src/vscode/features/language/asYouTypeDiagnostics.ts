import * as vscode from 'vscode';
import { KeyedDebouncer } from '../../keyedDebouncer';
import type { Logger } from '../../logger';
import type { RepoFiles } from '../../repo/repoFiles';

const debounceMs = 250;

/**
 * The lifecycle both file-language diagnostics share: check a document when it opens (at once) and
 * while it is typed in (debounced), re-check every open one when the repository's file list
 * changes, and forget a document when it closes. Subclasses say which documents they check and how.
 */
export abstract class AsYouTypeDiagnostics implements vscode.Disposable {
	readonly collection: vscode.DiagnosticCollection;
	private readonly timers = new KeyedDebouncer();
	protected readonly disposables: vscode.Disposable[] = [];

	constructor(collectionName: string, private readonly label: string, protected readonly logger: Logger, files: RepoFiles) {
		this.collection = vscode.languages.createDiagnosticCollection(collectionName);
		this.disposables.push(
			this.collection,
			vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
			vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, debounceMs)),
			vscode.workspace.onDidCloseTextDocument((document) => {
				this.timers.cancel(document.uri.toString());
				this.forget?.(document);
				this.collection.delete(document.uri);
			}),
			// New or deleted files change which patterns match nothing (and which ADRs exist).
			files.onDidChange(() => this.validateAll()),
		);
	}

	/** Whether this controller checks the document (a cheap test: it runs on every edit anywhere). */
	protected abstract accepts(document: vscode.TextDocument): boolean;

	/** Computes and sets the document's diagnostics. */
	protected abstract validate(document: vscode.TextDocument): Promise<void>;

	/** Drops per-document state when the document closes, for subclasses that keep some. */
	protected forget?(document: vscode.TextDocument): void;

	/** Debounce timers still pending (tests: leak checks). */
	get pendingTimers(): number {
		return this.timers.size;
	}

	/** Re-checks every open document this controller checks (after a model or file-list change). */
	validateAll(): void {
		for (const document of vscode.workspace.textDocuments) {
			this.schedule(document, 0);
		}
	}

	private schedule(document: vscode.TextDocument, delay: number): void {
		if (!this.accepts(document)) {
			return;
		}
		this.timers.schedule(document.uri.toString(), delay, () => {
			this.validate(document).catch((error: unknown) => this.logger.error(`${this.label} diagnostics failed: ${String(error)}`));
		});
	}

	dispose(): void {
		this.timers.dispose();
		for (const disposable of this.disposables) {
			disposable.dispose();
		}
	}
}
