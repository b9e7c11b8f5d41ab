import * as vscode from 'vscode';
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
import { statusBarItemId } from './constants';
import type { WorkspaceHost } from './repo/workspaceHost';

/**
 * The status bar item as VS Code's own `StatusBarItem` object holds it (not the controller's record):
 * the fields of the controller's state, read back from the item, plus its command. `visible` is
 * whether `show()` was the last of `show()`, `hide()` and `dispose()` called on it (false: no item).
 */
export interface StatusBarView extends StatusBarState {
	/** The command a click runs. */
	command: string | undefined;
}

/** Calls made on the extension's status bar items (every item it ever created, cumulative). */
export interface StatusBarWrites {
	text: number;
	show: number;
	hide: number;
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
	/** The real status bar item, read once pending updates have settled. */
	statusBar(): Promise<StatusBarView>;
	/** How often the real items' `text` was set and `show()` / `hide()` called (cumulative). */
	statusBarWrites(): StatusBarWrites;
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
	/** Timers, in-flight work and per-document state of the current container. */
	pendingState(): PendingState;
	/** Disposes the container as deactivation does (tests only); `restart()` builds a new one. */
	disposeContainer(): void;
	/** Replaces a disposed container by a fresh one, as a new activation would (tests only). */
	restart(): void;
	/**
	 * Keeps the last `limit` log lines of every level in memory from now on; 0 stops (tests only).
	 * A disposed container's logger keeps capturing, so a test sees work that should not happen.
	 */
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
	const probe = statusBarProbe();
	return {
		activationMs,
		get activationSteps() {
			return c().timings;
		},
		answer: (uri) => c().service.answer(uri),
		statusBar: async () => {
			await c().statusBar.settled();
			return probe.view(c().statusBar.statusBarItem);
		},
		statusBarWrites: () => ({ ...probe.writes }),
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
		pendingState: () => {
			const container = c();
			const contracts = container.contractDiagnostics.pendingState();
			return {
				disposed: container.disposed,
				statusBarItem: container.statusBar.statusBarItem !== undefined,
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

/**
 * Watches the calls made on VS Code's real status bar items. The extension host keeps an item's
 * visibility in a private field (renamed by VS Code's minifier), so the probe records `show()`,
 * `hide()` and `dispose()` themselves, and every `text` assignment: it wraps them once on the item
 * class's prototype, which every item shares, existing or created later. Only the extension's own
 * item (by id) is counted. Test mode only: a user's extension host is never patched.
 */
class StatusBarProbe {
	readonly writes: StatusBarWrites = { text: 0, show: 0, hide: 0 };
	private readonly visible = new WeakMap<object, boolean>();

	constructor() {
		// A throw-away item reaches the class before the controller shows its first one.
		const sample = vscode.window.createStatusBarItem(`${statusBarItemId}.probe`);
		const prototype = Object.getPrototypeOf(sample) as Record<string, unknown>;
		sample.dispose();
		const track = (name: 'show' | 'hide' | 'dispose', visible: boolean): void => {
			const original = prototype[name] as (this: vscode.StatusBarItem) => void;
			const record = (item: vscode.StatusBarItem): void => {
				if (isOurs(item)) {
					if (name !== 'dispose') {
						this.writes[name]++;
					}
					this.visible.set(item, visible);
				}
			};
			prototype[name] = function (this: vscode.StatusBarItem): void {
				record(this);
				original.call(this);
			};
		};
		track('show', true);
		track('hide', false);
		track('dispose', false);
		const text = Object.getOwnPropertyDescriptor(prototype, 'text');
		if (!text?.set || !text.get) {
			throw new Error('StatusBarItem.text is not an accessor: the status bar probe needs a new way in');
		}
		const setText = text.set;
		const writes = this.writes;
		Object.defineProperty(prototype, 'text', {
			...text,
			set(this: vscode.StatusBarItem, value: string) {
				if (isOurs(this)) {
					writes.text++;
				}
				setText.call(this, value);
			},
		});
	}

	view(item: vscode.StatusBarItem | undefined): StatusBarView {
		if (!item) {
			return { visible: false, text: '', tooltip: '', tooltipText: '', warning: false, accessibilityLabel: '', command: undefined };
		}
		const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
		const command = typeof item.command === 'string' ? item.command : item.command?.command;
		return {
			visible: this.visible.get(item) ?? false,
			text: item.text,
			tooltip,
			tooltipText: tooltip.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1'),
			warning: item.backgroundColor?.id === 'statusBarItem.warningBackground',
			accessibilityLabel: item.accessibilityInformation?.label ?? '',
			command,
		};
	}
}

let probe: StatusBarProbe | undefined;

/**
 * Whether the item is the extension's own. VS Code's constructor sets `text` on an item restored
 * from a previous one with the same id before its `id` getter works (it throws then): such a write
 * is VS Code's, not ours.
 */
function isOurs(item: vscode.StatusBarItem): boolean {
	try {
		return item.id === statusBarItemId;
	} catch {
		return false;
	}
}

/** One probe per extension host: the prototype is wrapped once, whatever `restart()` does. */
function statusBarProbe(): StatusBarProbe {
	probe ??= new StatusBarProbe();
	return probe;
}
