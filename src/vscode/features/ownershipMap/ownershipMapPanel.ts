import * as vscode from 'vscode';
import { analyseBottlenecks } from '../../../engine/history/bottlenecks';
import { gitLogArgs, parseGitLog } from '../../../engine/history/gitLog';
import { buildOwnershipMap } from '../../../engine/history/ownershipMap';
import { dependencyGraphScene } from '../../../engine/imports/dependencyGraph';
import type { HistoryCommit } from '../../../engine/history/types';
import { ownershipMapCss } from '../../../webview/ownershipMap/styles';
import type { DecisionLine, HostMessage, MapData, MapLabel, WebviewMessage } from '../../../webview/ownershipMap/protocol';
import { ownershipMapViewType } from '../../constants';
import { canSpawnGit, gitHistory } from '../../repo/gitApi';
import type { RepoModel } from '../../repo/ownershipService';
import type { FeatureHost } from '../feature';

/** The review-load window of the map. */
export const mapWindowDays = 90;

/** What a click on an area did, for tests. */
export interface MapSelection {
	leaf: number;
	/** Repository-relative path revealed in the Explorer. */
	revealed: string;
	/** The file whose "Who decides this?" answer was shown. */
	sample: string;
	lines: DecisionLine[];
}

function nonce(): string {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	let out = '';
	for (let i = 0; i < 32; i++) {
		out += chars.charAt(Math.floor(Math.random() * chars.length));
	}
	return out;
}

function labels(): Record<MapLabel, string> {
	return {
		title: vscode.l10n.t('Ownership Map'),
		summary: '',
		loadOverlay: vscode.l10n.t('Show review load (last {0} days)', mapWindowDays),
		findings: vscode.l10n.t('Single points of failure'),
		noFindings: vscode.l10n.t('No single points of failure found.'),
		deciders: vscode.l10n.t('Review load per decider'),
		whoDecides: vscode.l10n.t('Who decides this?'),
		pickArea: vscode.l10n.t('Select an area of the map (click, or Tab and Enter) to see who decides it.'),
		unowned: vscode.l10n.t('unowned'),
		contract: vscode.l10n.t('contract files'),
		refresh: vscode.l10n.t('Refresh'),
		files: vscode.l10n.t('files'),
		changes: vscode.l10n.t('changes'),
		commits: vscode.l10n.t('commits'),
		legend: vscode.l10n.t('Hatched: unowned files · corner mark: contract files · shading: changes per file in the window'),
		dependencies: vscode.l10n.t('Domain dependencies'),
	};
}

/**
 * The "Show Ownership Map" webview: one panel, created on demand and disposed with its view. The
 * host computes the report and the treemap layout with the engine; the webview script only draws
 * and reports clicks, which reveal the area in the Explorer and answer "Who decides this?".
 */
export class OwnershipMapPanel implements vscode.Disposable {
	private panel: vscode.WebviewPanel | undefined;
	private readonly disposables: vscode.Disposable[] = [];
	private repo: RepoModel | undefined;
	private data: MapData | undefined;
	/** The last message posted to the webview (tests). */
	lastPosted: HostMessage | undefined;
	/** What the last click did (tests). */
	lastSelection: MapSelection | undefined;
	private computing: Promise<void> | undefined;

	constructor(private readonly host: FeatureHost) {}

	get isOpen(): boolean {
		return this.panel !== undefined;
	}

	/** Opens (or reveals) the panel for the repository of the active editor, else of the first folder. */
	async show(): Promise<void> {
		const target = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
		if (!target) {
			void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder to see its ownership map.'));
			return;
		}
		const repo = await this.host.service.repoFor(target);
		if (!repo) {
			void vscode.window.showInformationMessage(vscode.l10n.t('No CODEOWNERS file or guardrails.yaml here, so there is no ownership map to draw.'));
			return;
		}
		this.repo = repo;
		if (this.panel) {
			this.panel.reveal();
		} else {
			this.panel = this.createPanel();
		}
		this.computing = this.compute(repo);
		await this.computing;
	}

	/** Resolves when the data for the current panel has been computed and posted (tests). */
	settled(): Promise<void> {
		return this.computing ?? Promise.resolve();
	}

	private createPanel(): vscode.WebviewPanel {
		const scripts = vscode.Uri.joinPath(this.host.context.extensionUri, 'dist', 'webview');
		const panel = vscode.window.createWebviewPanel(ownershipMapViewType, vscode.l10n.t('Ownership Map'), vscode.ViewColumn.Active, {
			enableScripts: true,
			localResourceRoots: [scripts],
		});
		const webview = panel.webview;
		const n = nonce();
		const script = webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'ownershipMap.js'));
		webview.html = `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'nonce-${n}'; script-src 'nonce-${n}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${vscode.l10n.t('Ownership Map')}</title>
<style nonce="${n}">${ownershipMapCss}</style>
</head>
<body>
<main id="app" aria-busy="true"><p>${vscode.l10n.t('Reading the history…')}</p></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
		this.disposables.push(
			webview.onDidReceiveMessage((message: WebviewMessage) => this.receive(message)),
			panel.onDidDispose(() => {
				this.panel = undefined;
				this.data = undefined;
			}),
		);
		return panel;
	}

	private async history(repo: RepoModel): Promise<{ commits: HistoryCommit[]; notes: string[] }> {
		if (!canSpawnGit(repo.root)) {
			return { commits: [], notes: [vscode.l10n.t('The review load needs git history, which is read only in a trusted local workspace.')] };
		}
		const until = new Date();
		const since = new Date(until.getTime() - mapWindowDays * 24 * 60 * 60 * 1000);
		const text = await gitHistory(repo.root, gitLogArgs(since.toISOString(), until.toISOString()));
		if (text === undefined) {
			return { commits: [], notes: [vscode.l10n.t('git log failed or timed out; the map shows ownership without review load.')] };
		}
		return { commits: parseGitLog(text), notes: [] };
	}

	/** The domain dependency graph from the import index; undefined without domains (or when reading imports fails). */
	private async dependencies(repo: RepoModel): Promise<MapData['dependencies']> {
		if ((repo.model.config?.domains.size ?? 0) === 0) {
			return undefined;
		}
		try {
			const result = await this.host.boundaryIndex.report(repo.root);
			if (result === undefined) {
				return undefined;
			}
			const { report } = result;
			const breaking = report.findings.filter((f) => f.status === 'violation' || f.status === 'dependency-not-declared').length;
			return {
				scene: dependencyGraphScene(report.edges, result.context.repo.config?.domains ?? new Map()),
				summary: breaking === 1
					? vscode.l10n.t('{0} cross-domain imports in {1} files; 1 breaks a boundary (dashed arrow).', report.findings.length, report.files)
					: vscode.l10n.t('{0} cross-domain imports in {1} files; {2} break a boundary (dashed arrows).', report.findings.length, report.files, breaking),
			};
		} catch (error) {
			this.host.logger.warn(`Ownership map: domain dependencies not read: ${String(error)}`);
			return undefined;
		}
	}

	private async compute(repo: RepoModel): Promise<void> {
		const started = Date.now();
		try {
			const [list, history, dependencies] = await Promise.all([this.host.files.get(repo.root), this.history(repo), this.dependencies(repo)]);
			const until = new Date();
			const since = new Date(until.getTime() - mapWindowDays * 24 * 60 * 60 * 1000);
			const analysis = analyseBottlenecks(repo.model.context, {
				commits: history.commits,
				files: list.files,
				window: { since: since.toISOString(), until: until.toISOString() },
				notes: history.notes,
			});
			const map = buildOwnershipMap(analysis.catalog, repo.model.config, analysis.files, analysis.pathCommits, { width: 1000, height: 640 });
			const report = analysis.json;
			const all = labels();
			all.summary = vscode.l10n.t('{0} files in {1} areas · {2} non-merge commits in the last {3} days · {4} unowned files', report.files, map.groups.length, report.window.commits, mapWindowDays, report.unowned.files);
			this.data = {
				repository: repo.root.path.slice(repo.root.path.lastIndexOf('/') + 1),
				map,
				report: { ...report, deciders: report.deciders.slice(0, 10) },
				...(dependencies ? { dependencies } : {}),
				labels: all,
			};
			this.host.logger.info(`Ownership map: ${report.files} files, ${report.window.commits} commits, ${map.leaves.length} areas in ${Date.now() - started} ms`);
			this.post({ type: 'map', data: this.data });
		} catch (error) {
			this.host.logger.error(`Ownership map failed: ${String(error)}`);
			this.post({ type: 'error', message: vscode.l10n.t('The ownership map could not be computed: {0}', error instanceof Error ? error.message : String(error)) });
		}
	}

	private post(message: HostMessage): void {
		this.lastPosted = message;
		void this.panel?.webview.postMessage(message);
	}

	/** Handles a message from the webview; tests call it to simulate a click. */
	async receive(message: WebviewMessage): Promise<void> {
		if (message.type === 'ready') {
			if (this.data) {
				this.post({ type: 'map', data: this.data });
			}
		} else if (message.type === 'refresh') {
			if (this.repo) {
				this.computing = this.compute(this.repo);
				await this.computing;
			}
		} else if (message.type === 'select') {
			await this.select(message.leaf);
		}
	}

	private async select(index: number): Promise<void> {
		const leaf = Number.isInteger(index) ? this.data?.map.leaves[index] : undefined;
		const repo = this.repo;
		if (!leaf || !repo) {
			return;
		}
		// A "more files" area at a group's top level has no folder: reveal its first file.
		const revealed = leaf.path === '' ? leaf.sample : leaf.path;
		await vscode.commands.executeCommand('revealInExplorer', repo.uri(revealed));
		const decision = repo.who(leaf.sample);
		const lines: DecisionLine[] = decision.chain.map((d) => ({
			role: d.role,
			who: 'forum' in d.who ? d.who.forum : 'handle' in d.who && !('id' in d.who) ? d.who.handle : `${d.who.name}${d.who.handle ? ` (${d.who.handle})` : ''}`,
			why: d.why,
		}));
		this.lastSelection = { leaf: index, revealed, sample: leaf.sample, lines };
		this.post({ type: 'decision', leaf: index, path: leaf.path === '' ? leaf.sample : leaf.path, lines });
	}

	dispose(): void {
		this.panel?.dispose();
		this.disposables.forEach((d) => d.dispose());
	}
}
