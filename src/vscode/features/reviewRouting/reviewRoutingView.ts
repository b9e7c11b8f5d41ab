import * as vscode from 'vscode';
import type { Change, ForecastContract, ForecastDomain, ReviewForecast } from '../../../engine/guardrails/types';
import type { OwnershipShift, RuleChanges } from '../../../engine/ruleChanges/ruleChanges';
import { reviewRoutingViewId } from '../../constants';
import { getGitApi, workingChanges } from '../../repo/gitApi';
import type { GitApi } from '../../repo/gitApi';
import { forecastWithHeadRules } from '../../repo/headRules';
import type { RepoModel } from '../../repo/ownershipService';
import { domainsSetupUrl, ownerKindLabel } from '../../presentation';
import { ToggledFeature } from '../feature';
import type { FeatureHost } from '../feature';

/** The forecast for one repository's working-tree changes. */
export interface RoutingSnapshot {
	root: vscode.Uri;
	changes: Change[];
	/** With HEAD's rules when the changes edit CODEOWNERS or guardrails.yaml, as the code host will. */
	forecast: ReviewForecast;
	/** Set when the changes edit a rule file: what the edited rules would change once merged. */
	rules?: RuleChanges;
	/** No guardrails.yaml: the forecast groups by the first code owner, not by domain. */
	codeownersOnly: boolean;
}

/** A rendered tree row, for tests. */
export interface RenderedNode {
	label: string;
	description: string | undefined;
	children: RenderedNode[];
}

type Node =
	| { kind: 'repo'; snapshot: RoutingSnapshot }
	| { kind: 'domain'; snapshot: RoutingSnapshot; domain: ForecastDomain }
	| { kind: 'file'; snapshot: RoutingSnapshot; path: string }
	| { kind: 'contracts'; snapshot: RoutingSnapshot }
	| { kind: 'contract'; snapshot: RoutingSnapshot; contract: ForecastContract }
	| { kind: 'rules'; snapshot: RoutingSnapshot; rules: RuleChanges }
	| { kind: 'summary'; label: string; description?: string; icon: string; tooltip?: string; link?: string };

const refreshDelayMs = 500;

/**
 * "Review Routing" in the Source Control container: the working-tree changes grouped by domain,
 * with the contracts they touch, the reviewers to request and whether the forum is needed.
 */
export class ReviewRoutingView extends ToggledFeature implements vscode.TreeDataProvider<Node> {
	private readonly onDidChangeTreeDataEmitter = new vscode.EventEmitter<Node | undefined>();
	readonly onDidChangeTreeData = this.onDidChangeTreeDataEmitter.event;
	private view: vscode.TreeView<Node> | undefined;
	private snapshots: Promise<RoutingSnapshot[]> | undefined;
	private timer: ReturnType<typeof setTimeout> | undefined;
	private gitApi: Promise<GitApi | undefined> | undefined;

	constructor(private readonly host: FeatureHost) {
		super(['reviewRouting']);
		this.start();
	}

	protected enable(): void {
		const view = this.track(vscode.window.createTreeView(reviewRoutingViewId, { treeDataProvider: this, showCollapseAll: true }));
		this.view = view;
		this.track(this.host.service.onDidChangeModel(() => this.scheduleRefresh()));
		this.track(vscode.workspace.onDidSaveTextDocument(() => this.scheduleRefresh()));
		this.track(vscode.workspace.onDidCreateFiles(() => this.scheduleRefresh()));
		this.track(vscode.workspace.onDidDeleteFiles(() => this.scheduleRefresh()));
		this.track(vscode.workspace.onDidRenameFiles(() => this.scheduleRefresh()));
		// Git is looked up only once the view is actually shown.
		this.track(view.onDidChangeVisibility((e) => {
			if (e.visible) {
				void this.watchGit();
				this.scheduleRefresh();
			}
		}));
	}

	private watchingGit = false;

	private async watchGit(): Promise<void> {
		if (this.watchingGit) {
			return;
		}
		this.watchingGit = true;
		this.gitApi ??= getGitApi();
		const api = await this.gitApi;
		if (!api || !this.enabled) {
			return;
		}
		const subscriptions: vscode.Disposable[] = [];
		const subscribe = (repository: { state: { onDidChange: vscode.Event<void> } }): void => {
			subscriptions.push(repository.state.onDidChange(() => this.scheduleRefresh()));
		};
		api.repositories.forEach(subscribe);
		subscriptions.push(api.onDidOpenRepository(subscribe));
		this.track({ dispose: () => subscriptions.forEach((s) => s.dispose()) });
	}

	private scheduleRefresh(): void {
		if (this.timer) {
			clearTimeout(this.timer);
		}
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.snapshots = undefined;
			this.onDidChangeTreeDataEmitter.fire(undefined);
		}, refreshDelayMs);
	}

	/** Computes the forecast of every repository afresh (commands and tests use this). */
	async compute(): Promise<RoutingSnapshot[]> {
		this.gitApi ??= getGitApi();
		const api = await this.gitApi;
		const repos = await this.host.service.allRepos();
		const snapshots: RoutingSnapshot[] = [];
		for (const repo of repos) {
			const snapshot = await this.snapshot(repo, api);
			if (snapshot) {
				snapshots.push(snapshot);
			}
		}
		this.snapshots = Promise.resolve(snapshots);
		return snapshots;
	}

	private async snapshot(repo: RepoModel, api: GitApi | undefined): Promise<RoutingSnapshot | undefined> {
		const changes = await workingChanges(api, repo.root);
		if (!changes) {
			return undefined;
		}
		try {
			const files = async (): Promise<readonly string[]> => (await this.host.files.get(repo.root)).files;
			const routed = await forecastWithHeadRules(repo, api, changes, files);
			return { root: repo.root, changes, forecast: routed.forecast, codeownersOnly: repo.model.config === null, ...(routed.rules ? { rules: routed.rules } : {}) };
		} catch (error) {
			this.host.logger.error(`forecast failed: ${String(error)}`);
			return undefined;
		}
	}

	/** The tree as VS Code would render it (labels and descriptions), from the cached forecast. */
	async render(node?: Node): Promise<RenderedNode[]> {
		const rendered: RenderedNode[] = [];
		for (const child of await this.getChildren(node)) {
			const item = this.getTreeItem(child);
			const label = typeof item.label === 'string' ? item.label : item.label?.label ?? item.resourceUri?.path.split('/').pop() ?? '';
			rendered.push({
				label,
				description: typeof item.description === 'string' ? item.description : undefined,
				children: item.collapsibleState === vscode.TreeItemCollapsibleState.None ? [] : await this.render(child),
			});
		}
		return rendered;
	}

	async getChildren(node?: Node): Promise<Node[]> {
		if (!node) {
			// VS Code asks for the roots only while the view is shown: time to follow git.
			void this.watchGit();
			this.snapshots ??= this.compute();
			const snapshots = (await this.snapshots).filter((snapshot) => snapshot.forecast.files.length > 0);
			if (this.view) {
				this.view.message = snapshots.length === 0 ? vscode.l10n.t('No changes to route.') : undefined;
			}
			if (snapshots.length === 1) {
				return this.repoChildren(snapshots[0]);
			}
			return snapshots.map((snapshot) => ({ kind: 'repo', snapshot }));
		}
		switch (node.kind) {
			case 'repo':
				return this.repoChildren(node.snapshot);
			case 'domain':
				return node.domain.files.map((path) => ({ kind: 'file', snapshot: node.snapshot, path }));
			case 'contracts':
				return node.snapshot.forecast.contracts.map((contract) => ({ kind: 'contract', snapshot: node.snapshot, contract }));
			case 'contract':
				return node.contract.files.map((path) => ({ kind: 'file', snapshot: node.snapshot, path }));
			case 'rules':
				return this.ruleChildren(node.rules);
			default:
				return [];
		}
	}

	private repoChildren(snapshot: RoutingSnapshot): Node[] {
		const { forecast } = snapshot;
		const nodes: Node[] = [];
		if (snapshot.rules) {
			nodes.push({ kind: 'rules', snapshot, rules: snapshot.rules });
		}
		nodes.push({
			kind: 'summary',
			icon: 'account',
			label: vscode.l10n.t('Reviewers'),
			description: forecast.reviewers.length > 0 ? forecast.reviewers.join(' ') : vscode.l10n.t('none needed'),
		});
		if (forecast.forum) {
			nodes.push({
				kind: 'summary',
				icon: 'organization',
				label: vscode.l10n.t('Architecture forum needed'),
				description: forecast.forumInfo?.title,
			});
		}
		if (forecast.adrRequired) {
			nodes.push({
				kind: 'summary',
				icon: forecast.adrIncluded ? 'check' : 'warning',
				label: forecast.adrIncluded ? vscode.l10n.t('ADR included') : vscode.l10n.t('ADR required, none in the changes'),
			});
		}
		if (forecast.contracts.length > 0) {
			nodes.push({ kind: 'contracts', snapshot });
		}
		for (const domain of forecast.domains) {
			nodes.push({ kind: 'domain', snapshot, domain });
		}
		if (snapshot.codeownersOnly && forecast.domains.length > 0) {
			nodes.push({
				kind: 'summary',
				icon: 'info',
				label: vscode.l10n.t('No domains yet'),
				description: vscode.l10n.t('set them up in guardrails.yaml'),
				tooltip: vscode.l10n.t('guardrails.yaml names domains, their teams and leads, and cross-team contracts.'),
				link: domainsSetupUrl,
			});
		}
		return nodes;
	}

	private ruleChildren(rules: RuleChanges): Node[] {
		const shift = (entry: OwnershipShift): Node => ({
			kind: 'summary',
			icon: entry.aspect === 'owners' ? 'account' : entry.aspect === 'domain' ? 'organization' : 'law',
			label: entry.path,
			description: vscode.l10n.t('{0}: {1} → {2}', entry.aspect, entry.before.join(' ') || '—', entry.after.join(' ') || '—'),
		});
		const nodes: Node[] = rules.examples.map(shift);
		if (rules.filesChanged > rules.examples.length) {
			nodes.push({ kind: 'summary', icon: 'ellipsis', label: vscode.l10n.t('{0} more files', rules.filesChanged - new Set(rules.examples.map((e) => e.path)).size) });
		}
		nodes.push({
			kind: 'summary',
			icon: 'account',
			label: vscode.l10n.t('Reviewers after merge'),
			description: rules.reviewersAfterMerge.length > 0 ? rules.reviewersAfterMerge.join(' ') : vscode.l10n.t('none needed'),
		});
		return nodes;
	}

	getTreeItem(node: Node): vscode.TreeItem {
		switch (node.kind) {
			case 'repo': {
				const item = new vscode.TreeItem(node.snapshot.root.path.split('/').pop() ?? '', vscode.TreeItemCollapsibleState.Expanded);
				item.iconPath = new vscode.ThemeIcon('repo');
				return item;
			}
			case 'domain': {
				const domain = node.domain;
				const standIn = node.snapshot.codeownersOnly && domain.id !== null;
				// Without guardrails.yaml the group is a code owner, not a domain: say which.
				const label = standIn && domain.id !== null ? `${ownerKindLabel(domain.id)}: ${domain.id}` : (domain.title ?? domain.id ?? vscode.l10n.t('No domain'));
				const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
				const owners = [...new Set(domain.owners.flatMap((group) => group.owners))];
				item.description = [domain.lead?.name, owners.join(' ')].filter((part) => part).join(' · ');
				item.iconPath = new vscode.ThemeIcon(standIn && !domain.id?.includes('/') ? 'person' : 'organization');
				if (standIn) {
					item.tooltip = vscode.l10n.t('Grouped by the first code owner: there are no domains yet. guardrails.yaml names the team and lead who decide.');
				}
				item.contextValue = 'domain';
				return item;
			}
			case 'file': {
				const item = new vscode.TreeItem(vscode.Uri.joinPath(node.snapshot.root, node.path), vscode.TreeItemCollapsibleState.None);
				const file = node.snapshot.forecast.files.find((entry) => entry.path === node.path);
				const contracts = node.snapshot.forecast.contracts.filter((contract) => contract.files.includes(node.path));
				item.description = [file?.status, ...contracts.map((contract) => `${contract.contract.title} (${contract.level})`)]
					.filter((part) => part)
					.join(' · ');
				if (file?.status !== 'deleted') {
					item.command = {
						title: vscode.l10n.t('Open'),
						command: 'vscode.open',
						arguments: [vscode.Uri.joinPath(node.snapshot.root, node.path)],
					};
				}
				return item;
			}
			case 'contracts': {
				const item = new vscode.TreeItem(vscode.l10n.t('Contracts touched'), vscode.TreeItemCollapsibleState.Expanded);
				item.iconPath = new vscode.ThemeIcon('law');
				return item;
			}
			case 'contract': {
				const contract = node.contract;
				const item = new vscode.TreeItem(contract.contract.title, vscode.TreeItemCollapsibleState.Collapsed);
				item.description = vscode.l10n.t('{0} · {1} approval(s) · {2}', contract.level, contract.approvals, contract.reviewers.join(' '));
				item.tooltip = contract.contract.guidance;
				item.iconPath = new vscode.ThemeIcon('law');
				return item;
			}
			case 'rules': {
				const rules = node.rules;
				const item = new vscode.TreeItem(vscode.l10n.t('Ownership rules edited'), vscode.TreeItemCollapsibleState.Collapsed);
				item.description = vscode.l10n.t('{0} of {1} files change after merge', rules.filesChanged, rules.filesCompared);
				item.tooltip = vscode.l10n.t(
					'These changes edit {0}. A pull request is judged by the rules on its target branch, so this forecast uses the rules at HEAD; the edited rules take effect after merge.',
					rules.edited.map((edit) => edit.file).join(', '),
				);
				item.iconPath = new vscode.ThemeIcon('warning');
				return item;
			}
			case 'summary': {
				const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
				item.description = node.description;
				item.iconPath = new vscode.ThemeIcon(node.icon);
				if (node.tooltip) {
					item.tooltip = node.tooltip;
				}
				if (node.link) {
					item.command = { title: node.label, command: 'vscode.open', arguments: [vscode.Uri.parse(node.link)] };
				}
				return item;
			}
		}
	}

	protected disable(): void {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = undefined;
		}
		this.view = undefined;
		this.watchingGit = false;
		this.snapshots = undefined;
	}

	dispose(): void {
		super.dispose();
		this.onDidChangeTreeDataEmitter.dispose();
	}
}
