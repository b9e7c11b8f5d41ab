import * as vscode from 'vscode';
import { changed, getConfig } from '../configuration';
import type { Config } from '../configuration';
import type { Logger } from '../logger';
import type { BoundaryIndex } from '../repo/boundaryIndex';
import type { OwnershipService } from '../repo/ownershipService';
import type { RepoFiles } from '../repo/repoFiles';
import type { RepoRegistry } from '../repo/repoRegistry';

/**
 * What a feature may use of the extension. The container implements it; a feature never sees the
 * container, which imports every feature (that import circle is what this interface breaks).
 */
export interface FeatureHost {
	readonly context: vscode.ExtensionContext;
	readonly logger: Logger;
	readonly service: OwnershipService;
	/** Every per-repository cache and watcher, by repository root. */
	readonly repos: RepoRegistry;
	/** The file list of each repository, shared by every feature that reads it. */
	readonly files: RepoFiles;
	/** The import index of each repository (boundary diagnostics, the dependency graph, the map). */
	readonly boundaryIndex: BoundaryIndex;
}

/** The settings sections that carry an `enabled` switch. */
export type ToggleSection = { [K in keyof Config]: Config[K] extends { enabled: boolean } ? K : never }[keyof Config];

/**
 * A surface that exists, with its listeners, only while its setting is on. `enable()` creates the
 * UI and hands every disposable to `track()`; turning the setting off disposes them (newest first)
 * and then calls `disable()` to reset the rest.
 *
 * A subclass calls `start()` last in its constructor: class fields are initialised after `super()`
 * returns, so the base cannot call `enable()` from its own constructor.
 */
export abstract class ToggledFeature implements vscode.Disposable {
	private enabledPart: vscode.Disposable[] | undefined;
	private readonly configListener: vscode.Disposable;

	/**
	 * `sections`: the surface is on while any of their `enabled` switches is, and a change to any of
	 * them may switch it or change what it shows.
	 */
	protected constructor(private readonly sections: readonly ToggleSection[]) {
		this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
			if (sections.some((section) => changed(e, section))) {
				this.applySetting();
				this.settingsChanged();
			}
		});
	}

	/**
	 * Whether the settings ask for the surface. The window-level value decides: a surface is
	 * registered once for every folder.
	 */
	protected wanted(config: Config): boolean {
		return this.sections.some((section) => config[section].enabled);
	}

	/** Creates the surface; everything it registers goes through `track()`. */
	protected abstract enable(): void;

	/** Resets what is not a disposable (timers, caches, state), once the tracked part is disposed. */
	protected disable(): void {
		// Nothing by default.
	}

	/** One of the sections changed; runs after the surface was switched on or off if it had to be. */
	protected settingsChanged(): void {
		// Nothing by default.
	}

	/** Whether the surface exists (its setting is on and the feature is not disposed). */
	get enabled(): boolean {
		return this.enabledPart !== undefined;
	}

	/** Switches the surface on if its setting says so; call it last in the subclass constructor. */
	protected start(): void {
		this.applySetting();
	}

	/**
	 * Disposes `disposable` when the surface is switched off. A registration that arrives after
	 * that (an awaited lookup finished late) is disposed at once.
	 */
	protected track<T extends vscode.Disposable>(disposable: T): T {
		if (this.enabledPart) {
			this.enabledPart.push(disposable);
		} else {
			disposable.dispose();
		}
		return disposable;
	}

	/** While on: `schedule` a document when it opens or its text changes, and `forget` it when it closes. */
	protected trackDocuments(schedule: (document: vscode.TextDocument) => void, forget: (uri: vscode.Uri) => void): void {
		this.track(vscode.workspace.onDidChangeTextDocument((e) => {
			if (e.contentChanges.length > 0) {
				schedule(e.document);
			}
		}));
		this.track(vscode.workspace.onDidOpenTextDocument(schedule));
		this.track(vscode.workspace.onDidCloseTextDocument((document) => forget(document.uri)));
	}

	private applySetting(): void {
		const wanted = this.wanted(getConfig());
		if (wanted && !this.enabledPart) {
			this.enabledPart = [];
			this.enable();
		} else if (!wanted && this.enabledPart) {
			this.switchOff();
		}
	}

	private switchOff(): void {
		const part = this.enabledPart ?? [];
		this.enabledPart = undefined;
		for (const disposable of part.reverse()) {
			disposable.dispose();
		}
		this.disable();
	}

	dispose(): void {
		this.configListener.dispose();
		if (this.enabledPart) {
			this.switchOff();
		}
	}
}
