import type * as vscode from 'vscode';
import type { WhoDecidesItem } from './commands/whoDecides';
import { buildWhoDecidesItems } from './commands/whoDecides';
import type { Container } from './container';
import type { FileAnswer } from './ownershipService';
import type { RenderedNode, RoutingSnapshot } from './reviewRoutingView';
import type { StatusBarState } from './statusBarController';

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
}

export function createTestApi(container: Container, activationMs: number): TestApi {
	return {
		activationMs,
		activationSteps: container.timings,
		answer: (uri) => container.service.answer(uri),
		statusBar: async () => {
			await container.statusBar.settled();
			return container.statusBar.current;
		},
		statusBarWrites: () => ({ ...container.statusBar.writes }),
		statusBarUpdateMs: () => container.statusBar.lastUpdateMs,
		whoDecidesItems: async (uri) => {
			const answer = await container.service.answer(uri);
			return answer ? buildWhoDecidesItems(container, answer) : [];
		},
		diagnosticsSettled: (uri) => container.contractDiagnostics.settled(uri),
		decoration: async (uri) => (container.explorerDecorations.enabled ? container.explorerDecorations.provideFileDecoration(uri) : undefined),
		reset: () => container.service.reset(),
		reviewRouting: () => container.reviewRouting.compute(),
		reviewRoutingTree: () => container.reviewRouting.render(),
		onDidChangeModel: container.service.onDidChangeModel,
	};
}
