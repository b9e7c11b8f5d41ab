import { treeEntryRefusal } from '../engine/safety/treeEntries';
import type { TreeEntry } from '../engine/safety/treeEntries';
import type { EngineHost } from '../engine/types';
import type { Git } from './git';
import type { NodeHost } from './nodeHost';

/**
 * The engine's file access with the rule files (CODEOWNERS and guardrails.yaml locations) read
 * from a commit, as GitHub and GitLab read them from a pull request's target branch. Everything
 * else (ADRs) comes from the working tree, so an ADR the change adds still counts as included.
 *
 * A rule file at the commit gets the working tree's protection: a symbolic link or a submodule is
 * not followed, and a blob over its read limit is never loaded (sizes come from `git ls-tree -l`);
 * the reason, in words, is kept in `unreadable` like the working tree's.
 */
export class RevisionHost implements EngineHost {
	private entries: Promise<Map<string, TreeEntry>> | undefined;
	private readonly refused = new Map<string, string>();
	/** The first git failure: the engine's lookup treats a throwing host as "missing", the CLI must not. */
	failure: unknown;

	constructor(
		private readonly git: Git,
		private readonly commit: string,
		private readonly ruleFiles: readonly string[],
		private readonly workingTree: NodeHost,
	) {}

	/** Files that exist (in the working tree, or at the commit) but could not be read (the CLI reports them). */
	get unreadable(): Map<string, string> {
		return new Map([...this.workingTree.unreadable, ...this.refused]);
	}

	unreadableReason(path: string): string | undefined {
		return this.refused.get(path) ?? this.workingTree.unreadableReason(path);
	}

	private async entry(path: string): Promise<TreeEntry | undefined> {
		try {
			this.entries ??= this.git.filesAt(this.commit, this.ruleFiles);
			return (await this.entries).get(path);
		} catch (error) {
			this.failure ??= error;
			throw error;
		}
	}

	async readFile(path: string): Promise<string | undefined> {
		if (!this.ruleFiles.includes(path)) {
			return this.workingTree.readFile(path);
		}
		const entry = await this.entry(path);
		if (entry === undefined) {
			return undefined;
		}
		const refusal = treeEntryRefusal(entry, this.workingTree.limits.for(path), this.commit);
		if (refusal !== undefined) {
			this.refused.set(path, refusal);
			return undefined;
		}
		try {
			return await this.git.showFile(this.commit, path);
		} catch (error) {
			this.failure ??= error;
			throw error;
		}
	}

	/** A rule file's blob size at the commit (so a CODEOWNERS of 3 MB or more is ignored unread, as on GitHub). */
	async fileSize(path: string): Promise<number | undefined> {
		if (!this.ruleFiles.includes(path)) {
			return this.workingTree.fileSize(path);
		}
		const entry = await this.entry(path);
		return entry !== undefined && entry.type === 'blob' && entry.mode !== '120000' ? entry.size : undefined;
	}

	listFiles(dir: string): Promise<string[] | undefined> {
		return this.workingTree.listFiles(dir);
	}
}
