import type * as vscode from 'vscode';
import { codeownersLocations } from '../engine/codeowners/locations';
import { guardrailsLocations } from '../engine/guardrails/locations';
import type { Change, ReviewForecast } from '../engine/guardrails/types';
import { compareRules, ruleFileEdits } from '../engine/ruleChanges/ruleChanges';
import type { RuleChanges } from '../engine/ruleChanges/ruleChanges';
import type { EngineHost } from '../engine/types';
import { loadWorkspaceModel } from '../engine/workspaceModel';
import { canSpawnGit, headText } from './gitApi';
import type { GitApi } from './gitApi';
import type { RepoModel } from './ownershipService';
import type { WorkspaceHost } from './workspaceHost';

/**
 * The engine's file access with the rule files (CODEOWNERS and guardrails config locations) read
 * at HEAD through the git wrapper, everything else (ADRs) from the working tree: the rules a pull
 * request from this branch would be judged by, before the working tree's edits to them merge.
 */
export class HeadHost implements EngineHost {
	constructor(
		private readonly api: GitApi | undefined,
		private readonly root: vscode.Uri,
		private readonly ruleFiles: readonly string[],
		private readonly workingTree: WorkspaceHost,
	) {}

	readFile(path: string): Promise<string | undefined> {
		if (!this.ruleFiles.includes(path)) {
			return this.workingTree.readFile(path);
		}
		return headText(this.api, this.root, this.workingTree.uri(path), path);
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
