// Messages between the ownership map's host (src/vscode/ownershipMap) and its webview script.
// Types only: both sides import it, so neither can send what the other does not read.
import type { OwnershipMap } from '../../engine/history/ownershipMap';
import type { BottlenecksJson } from '../../engine/history/types';
import type { GraphScene } from '../../engine/imports/dependencyGraph';

/** Everything the webview draws; the host computes it all (the webview lays nothing out). */
export interface MapData {
	repository: string;
	map: OwnershipMap;
	report: Pick<BottlenecksJson, 'window' | 'files' | 'unowned' | 'findings' | 'suggestions' | 'notes'> & { deciders: BottlenecksJson['deciders'] };
	/** The domain dependency graph from the import index, when the config declares domains. */
	dependencies?: { scene: GraphScene; summary: string };
	/** User-visible strings, localised by the host. */
	labels: Record<MapLabel, string>;
}

export type MapLabel =
	| 'title' | 'summary' | 'loadOverlay' | 'findings' | 'noFindings' | 'deciders' | 'whoDecides' | 'pickArea'
	| 'unowned' | 'contract' | 'refresh' | 'files' | 'changes' | 'commits' | 'legend' | 'dependencies';

/** One line of "Who decides this?" for the selected area. */
export interface DecisionLine {
	role: string;
	who: string;
	why: string;
}

export type HostMessage =
	| { type: 'map'; data: MapData }
	| { type: 'decision'; leaf: number; path: string; lines: DecisionLine[] }
	| { type: 'error'; message: string };

export type WebviewMessage =
	| { type: 'ready' }
	| { type: 'select'; leaf: number }
	| { type: 'refresh' };
