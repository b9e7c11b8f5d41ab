import type * as vscode from 'vscode';
import type { WhoDecidesItem } from './commands/whoDecides';
import { buildWhoDecidesItems } from './commands/whoDecides';
import type { Container } from './container';
import type { LogLine } from './logger';
import type { HostMessage } from '../webview/ownershipMap/protocol';
import type { MapSelection } from './features/ownershipMap/ownershipMapPanel';
import type { FileAnswer } from './repo/ownershipService';
import type { RepoRegistrySnapshot } from './repo/repoRegistry';
import type { RenderedNode, RoutingSnapshot } from './features/reviewRouting/reviewRoutingView';
import type { StatusBarState } from './features/statusBar/statusBarController';
import type { WorkspaceHost } from './repo/workspaceHost';

/** Cumulative work counters, for load and disposal tests. */
export interface WorkCounters {
	/** Models built (first need, rebuild after a change, reset). */
	modelBuilds: number;
	/** File-watcher events that (re)scheduled a debounced rebuild. */
	rebuildsScheduled: number;
	/** Debounced rebuilds that fired. */
	rebuildsFired: number;
	/** Status bar updates handled (editor switches, model changes). */
	statusBarUpdates: number;
}

/** State that should drain once nothing is being edited: timers, in-flight work, per-document caches. */
export interface PendingState {
	/** Whether the container has been disposed. */
	disposed: boolean;
	/** Whether the status bar item exists. */
	statusBarItem: boolean;
	statusBarTimers: number;
	rebuildTimers: number;
	contractTimers: number;
	contractInFlight: number;
	contractHeadCache: number;
	/** Documents with an entry in the contract diagnostics collection. */
	contractDocuments: number;
	/** Whether the contract diagnostics collection is disposed (or off). */
	contractCollectionDisposed: boolean;
	codeownersTimers: number;
	/** guardrails config diagnostics debounce timers. */
	guardrailsTimers: number;
	/** Repository file-list relist timers. */
	repoFilesTimers: number;
}

/**
 * What `activate()` returns. Small on purpose: integration tests read UI state that the VS Code API
 * does not expose (status bar text, quick pick items, tree contents) through it.
 */
export interface TestApi {
	/** Milliseconds spent in `activate()`. */
	readonly activationMs: number;
	/** Construction time of each part of the container, e.g. `Logger 0.4`. */
	readonly activationSteps: readonly string[];
	/** The ownership answer for a file (undefined when there is none). */
	answer(uri: vscode.Uri): Promise<FileAnswer | undefined>;
	/** The status bar item's current state, after pending updates have settled. */
	statusBar(): Promise<StatusBarState>;
	/** How often the status bar item's text was set and the item shown or hidden (cumulative). */
	statusBarWrites(): { text: number; show: number; hide: number };
	/** Milliseconds the last status bar update took, from the editor change to the item. */
	statusBarUpdateMs(): number;
	/** The items "Who Decides This?" would show for a file. */
	whoDecidesItems(uri: vscode.Uri): Promise<WhoDecidesItem[]>;
	/** Waits until contract diagnostics for the file are computed. */
	diagnosticsSettled(uri: vscode.Uri): Promise<void>;
	/** The explorer decoration for a file (undefined when decorations are off or there is none). */
	decoration(uri: vscode.Uri): Promise<vscode.FileDecoration | undefined>;
	/** Drops every model (as the Refresh command does), so the next answer is built afresh. */
	reset(): void;
	/** The review routing forecast for the current working-tree changes. */
	reviewRouting(): Promise<RoutingSnapshot[]>;
	/** The Review Routing tree as shown (refreshed by git and file events, not recomputed here). */
	reviewRoutingTree(): Promise<RenderedNode[]>;
	/** Fires when a repository model is rebuilt. */
	readonly onDidChangeModel: vscode.Event<vscode.Uri | undefined>;
	/** Cumulative work counters of the current container. */
	work(): WorkCounters;
	/** Timers, in-flight work and per-document state of the current container. */
	pendingState(): PendingState;
	/** Disposes the container as deactivation does (tests only); `restart()` builds a new one. */
	disposeContainer(): void;
	/** Replaces a disposed container by a fresh one, as a new activation would (tests only). */
	restart(): void;
	/** Keeps the last `limit` log lines with their level in memory from now on; 0 stops (tests only). */
	captureLog(limit: number): void;
	/** The captured log lines, oldest first. */
	logLines(): readonly LogLine[];
	/** The repositories the registry holds (root, folders, parts loaded, watcher sets alive) and the folders it mapped. */
	repoState(): RepoRegistrySnapshot;
	/** The file access the model of the file's repository reads through (undefined: no repository). */
	workspaceHost(uri: vscode.Uri): Promise<WorkspaceHost | undefined>;
	/** The ownership map panel: whether it is open, the last message posted to its webview, the last click. */
	ownershipMap(): Promise<{ open: boolean; lastPosted: HostMessage | undefined; lastSelection: MapSelection | undefined }>;
	/** Simulates a click on area `leaf` of the map, as the webview reports it. */
	ownershipMapClick(leaf: number): Promise<MapSelection | undefined>;
}

/** How the test API reaches the container, which `restart()` may replace. */
export interface ContainerControl {
	current(): Container;
	dispose(): void;
	restart(): void;
}

export function createTestApi(control: ContainerControl, activationMs: number): TestApi {
	const c = (): Container => control.current();
	return {
		activationMs,
		get activationSteps() {
			return c().timings;
		},
		answer: (uri) => c().service.answer(uri),
		statusBar: async () => {
			await c().statusBar.settled();
			return c().statusBar.current;
		},
		statusBarWrites: () => ({ ...c().statusBar.writes }),
		statusBarUpdateMs: () => c().statusBar.lastUpdateMs,
		whoDecidesItems: async (uri) => {
			const container = c();
			const answer = await container.service.answer(uri);
			return answer ? buildWhoDecidesItems(container, answer) : [];
		},
		diagnosticsSettled: (uri) => c().contractDiagnostics.settled(uri),
		decoration: async (uri) => {
			const decorations = c().explorerDecorations;
			return decorations.enabled ? decorations.provideFileDecoration(uri) : undefined;
		},
		reset: () => c().service.reset(),
		reviewRouting: () => c().reviewRouting.compute(),
		reviewRoutingTree: () => c().reviewRouting.render(),
		get onDidChangeModel() {
			return c().service.onDidChangeModel;
		},
		work: () => {
			const container = c();
			const stats = container.service.stats;
			return {
				modelBuilds: stats.builds,
				rebuildsScheduled: stats.rebuildsScheduled,
				rebuildsFired: stats.rebuildsFired,
				statusBarUpdates: container.statusBar.updates,
			};
		},
		pendingState: () => {
			const container = c();
			const contracts = container.contractDiagnostics.pendingState();
			return {
				disposed: container.disposed,
				statusBarItem: container.statusBar.hasItem,
				statusBarTimers: container.statusBar.pendingTimers,
				rebuildTimers: container.service.pendingRebuilds,
				contractTimers: contracts.timers,
				contractInFlight: contracts.inFlight,
				contractHeadCache: contracts.headCache,
				contractDocuments: contracts.documents,
				contractCollectionDisposed: contracts.disposed,
				codeownersTimers: container.language.codeownersDiagnostics.pendingTimers,
				guardrailsTimers: container.language.guardrailsDiagnostics.pendingTimers,
				repoFilesTimers: container.language.files.pendingTimers,
			};
		},
		disposeContainer: () => control.dispose(),
		restart: () => control.restart(),
		captureLog: (limit) => c().logger.capture(limit),
		logLines: () => c().logger.captured,
		repoState: () => c().repos.snapshot(),
		workspaceHost: async (uri) => (await c().service.repoFor(uri))?.host,
		ownershipMap: async () => {
			const panel = c().ownershipMap;
			await panel.settled();
			return { open: panel.isOpen, lastPosted: panel.lastPosted, lastSelection: panel.lastSelection };
		},
		ownershipMapClick: async (leaf) => {
			const panel = c().ownershipMap;
			await panel.receive({ type: 'select', leaf });
			return panel.lastSelection;
		},
	};
}
