import type { EngineHost } from '../engine/types';
import type { Git } from './git';
import type { NodeHost } from './nodeHost';

/**
 * The engine's file access with the rule files (CODEOWNERS and guardrails.yaml locations) read
 * from a commit, as GitHub and GitLab read them from a pull request's target branch. Everything
 * else (ADRs) comes from the working tree, so an ADR the change adds still counts as included.
 */
export class RevisionHost implements EngineHost {
	private existing: Promise<Set<string>> | undefined;
	/** The first git failure: the engine's lookup treats a throwing host as "missing", the CLI must not. */
	failure: unknown;

	constructor(
		private readonly git: Git,
		private readonly commit: string,
		private readonly ruleFiles: readonly string[],
		private readonly workingTree: NodeHost,
	) {}

	/** Files that exist in the working tree but could not be read (the CLI reports them). */
	get unreadable(): Map<string, string> {
		return this.workingTree.unreadable;
	}

	async readFile(path: string): Promise<string | undefined> {
		if (!this.ruleFiles.includes(path)) {
			return this.workingTree.readFile(path);
		}
		try {
			this.existing ??= this.git.filesAt(this.commit, this.ruleFiles);
			return (await this.existing).has(path) ? await this.git.showFile(this.commit, path) : undefined;
		} catch (error) {
			this.failure ??= error;
			throw error;
		}
	}

	listFiles(dir: string): Promise<string[] | undefined> {
		return this.workingTree.listFiles(dir);
	}
}
