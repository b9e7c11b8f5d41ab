import type * as vscode from 'vscode';
import { codeownersLocations } from '../../engine/codeowners/locations';
import { guardrailsLocations } from '../../engine/guardrails/locations';
import type { Change, ReviewForecast } from '../../engine/guardrails/types';
import { compareRules, ruleFileEdits } from '../../engine/ruleChanges/ruleChanges';
import type { RuleChanges } from '../../engine/ruleChanges/ruleChanges';
import type { EngineHost } from '../../engine/types';
import { loadWorkspaceModel } from '../../engine/workspaceModel';
import { treeEntryRefusal } from '../../engine/safety/treeEntries';
import { canSpawnGit, headEntry, headText } from './gitApi';
import type { GitApi } from './gitApi';
import type { RepoModel } from './ownershipService';
import type { WorkspaceHost } from './workspaceHost';

/**
 * The engine's file access with the rule files (CODEOWNERS and guardrails config locations) read
 * at HEAD through the git wrapper, everything else (ADRs) from the working tree: the rules a pull
 * request from this branch would be judged by, before the working tree's edits to them merge.
 *
 * A rule file at HEAD gets the working tree's protection: a symbolic link or a submodule is not
 * followed, and a blob over its read limit is never loaded (the size comes from `git ls-tree -l`).
 */
export class HeadHost implements EngineHost {
	private readonly refused = new Map<string, string>();

	constructor(
		private readonly api: GitApi | undefined,
		private readonly root: vscode.Uri,
		private readonly ruleFiles: readonly string[],
		private readonly workingTree: WorkspaceHost,
	) {}

	async readFile(path: string): Promise<string | undefined> {
		if (!this.ruleFiles.includes(path)) {
			return this.workingTree.readFile(path);
		}
		const uri = this.workingTree.uri(path);
		const entry = await headEntry(this.api, this.root, uri, path);
		if (entry === undefined) {
			return undefined;
		}
		const refusal = treeEntryRefusal(entry, this.workingTree.limits.for(path), 'HEAD');
		if (refusal !== undefined) {
			this.refused.set(path, refusal);
			return undefined;
		}
		return headText(this.api, this.root, uri, path);
	}

	unreadableReason(path: string): string | undefined {
		return this.ruleFiles.includes(path) ? this.refused.get(path) : this.workingTree.unreadableReason(path);
	}

	/** A rule file's blob size at HEAD (so a CODEOWNERS of 3 MB or more is ignored unread, as on GitHub). */
	async fileSize(path: string): Promise<number | undefined> {
		if (!this.ruleFiles.includes(path)) {
			return this.workingTree.fileSize(path);
		}
		const entry = await headEntry(this.api, this.root, this.workingTree.uri(path), path);
		return entry !== undefined && entry.type === 'blob' && entry.mode !== '120000' ? entry.size : undefined;
	}

	listFiles(dir: string): Promise<string[] | undefined> {
		return this.workingTree.listFiles(dir);
	}
}

/** The forecast of working-tree changes with the rules they are judged by. */
export interface RoutedForecast {
	forecast: ReviewForecast;
	/** Set when the changes edit CODEOWNERS or guardrails.yaml: HEAD's rules apply, and what the new ones change. */
	rules: RuleChanges | undefined;
}

/**
 * Forecasts working-tree changes the way the code host will: when they edit CODEOWNERS or
 * guardrails.yaml, with the rules at HEAD (read through the git extension, or git itself in a
 * trusted workspace), and lists what the edited rules would change once merged. Without a way to
 * read HEAD, or when no rule file is edited, the working tree's rules are HEAD's anyway or the
 * best available.
 */
export async function forecastWithHeadRules(
	repo: RepoModel,
	api: GitApi | undefined,
	changes: readonly Change[],
	files: () => Promise<readonly string[]>,
): Promise<RoutedForecast> {
	const options = repo.loadOptions;
	const explicit = [options.codeownersFile, options.configFile].filter((f): f is string => f !== undefined);
	const edited = ruleFileEdits(changes, {
		codeowners: [repo.model.codeowners?.file, options.codeownersFile],
		guardrails: [repo.model.config?.file, options.configFile],
	});
	const canReadHead = (api?.getRepository(repo.root) ?? null) !== null || canSpawnGit(repo.root);
	if (edited.length === 0 || !canReadHead) {
		return { forecast: repo.model.forecast(changes), rules: undefined };
	}
	const ruleFiles = [...new Set([...codeownersLocations(), ...guardrailsLocations, ...explicit])];
	const head = await loadWorkspaceModel(new HeadHost(api, repo.root, ruleFiles, repo.host), options);
	const forecast = head.forecast(changes);
	const rules = compareRules({
		baseRef: 'HEAD',
		base: head,
		head: repo.model,
		files: [...(await files()), ...changes.map((c) => c.path)],
		changes,
		edited,
		baseForecast: forecast,
	});
	return { forecast, rules };
}
