import type { DecisionContext } from '../guardrails/whoDecides';
import { normalizeRepoPath } from '../paths';
import { DeciderCatalog } from './deciders';
import { findBottlenecks } from './findings';
import type { BottlenecksJson, DeciderLoad, HistoryCommit } from './types';

/** A commit this large is counted like any other, but the report says it was there. */
export const bulkCommitFiles = 1000;

/** What `analyseBottlenecks` reads besides the workspace model. */
export interface BottleneckInput {
	/** The window's non-merge commits, newest first (order does not change the figures). */
	commits: readonly HistoryCommit[];
	/** The repository's current files. */
	files: readonly string[];
	/** As shown to the user (ISO dates). */
	window: { since: string; until: string };
	/** Caveats the caller already knows (a shallow clone, say). */
	notes?: readonly string[];
}

/** The report plus what the map and the renderers need to go further. */
export interface BottleneckAnalysis {
	json: BottlenecksJson;
	catalog: DeciderCatalog;
	/** How many of the window's commits touched each path. */
	pathCommits: ReadonlyMap<string, number>;
	files: readonly string[];
}

/** Per-commit facts kept for the findings (decider indices, authors, touched paths). */
export interface CommitFacts {
	commit: HistoryCommit;
	deciders: number[];
	files: string[];
}

function compareLoad(a: DeciderLoad, b: DeciderLoad): number {
	return b.commits - a.commits || b.files - a.files || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Computes the review load of a window of commits: for each commit the deciders its files need
 * (CODEOWNERS owners: GitHub the winning rule's, GitLab every required section's; the lead of each
 * touched domain; the reviewers of each touched contract, or the forum at architecture level),
 * each counted once per commit. Each distinct path is resolved once, whatever the number of
 * commits. Then the single points of failure and the delegation suggestions.
 */
export function analyseBottlenecks(ctx: DecisionContext, input: BottleneckInput): BottleneckAnalysis {
	const catalog = new DeciderCatalog(ctx);
	const notes = [...(input.notes ?? [])];
	const files = input.files.map(normalizeRepoPath);
	// The repository's side: who each current file needs.
	const fileCounts: number[] = [];
	const soleCounts: number[] = [];
	let unownedFiles = 0;
	for (const file of files) {
		const needs = catalog.resolve(file);
		for (const index of needs.deciders) {
			fileCounts[index] = (fileCounts[index] ?? 0) + 1;
		}
		if (needs.sole >= 0) {
			soleCounts[needs.sole] = (soleCounts[needs.sole] ?? 0) + 1;
		}
		if (needs.unowned) {
			unownedFiles++;
		}
	}
	// The history's side: each decider once per commit (a stamp per decider avoids a set per commit).
	const commitCounts: number[] = [];
	const stamp: number[] = [];
	const pathCommits = new Map<string, number>();
	const facts: CommitFacts[] = [];
	let unownedCommits = 0;
	const policyFiles = new Set([ctx.codeowners?.file, ctx.config?.file].filter((f): f is string => f !== undefined));
	const changedPolicy = new Set<string>();
	let bulk = 0;
	input.commits.forEach((commit, n) => {
		const paths = [...new Set(commit.files.map(normalizeRepoPath))].filter((p) => p.length > 0);
		const deciders: number[] = [];
		let touchesUnowned = false;
		for (const path of paths) {
			pathCommits.set(path, (pathCommits.get(path) ?? 0) + 1);
			if (policyFiles.has(path)) {
				changedPolicy.add(path);
			}
			const needs = catalog.resolve(path);
			touchesUnowned ||= needs.unowned;
			for (const index of needs.deciders) {
				if (stamp[index] !== n + 1) {
					stamp[index] = n + 1;
					deciders.push(index);
					commitCounts[index] = (commitCounts[index] ?? 0) + 1;
				}
			}
		}
		if (touchesUnowned) {
			unownedCommits++;
		}
		if (paths.length >= bulkCommitFiles) {
			bulk++;
		}
		facts.push({ commit, deciders, files: paths });
	});
	for (const file of [...changedPolicy].sort()) {
		notes.push(`${file} changed during the window; every commit is measured against the current version.`);
	}
	if (bulk > 0) {
		notes.push(`${bulk === 1 ? 'One commit' : `${bulk} commits`} touched ${bulkCommitFiles} files or more (bulk changes count once per decider like any other commit).`);
	}
	const total = input.commits.length;
	const deciders: DeciderLoad[] = catalog.deciders
		.filter((d) => (commitCounts[d.index] ?? 0) > 0 || (fileCounts[d.index] ?? 0) > 0)
		.map((d) => ({
			id: d.id,
			kind: d.kind,
			...(d.name !== undefined ? { name: d.name } : {}),
			commits: commitCounts[d.index] ?? 0,
			share: total === 0 ? 0 : Math.round(((commitCounts[d.index] ?? 0) / total) * 10000) / 10000,
			files: fileCounts[d.index] ?? 0,
			soleFiles: soleCounts[d.index] ?? 0,
			domains: [...d.domains].sort(),
			contracts: [...d.contracts].sort(),
		}))
		.sort(compareLoad);
	const { findings, suggestions } = findBottlenecks({ ctx, catalog, deciders, facts, files, commitCounts, unownedFiles, unownedCommits });
	return {
		json: {
			window: { since: input.window.since, until: input.window.until, commits: total },
			files: files.length,
			unowned: { files: unownedFiles, commits: unownedCommits },
			deciders,
			findings,
			suggestions,
			notes,
		},
		catalog,
		pathCommits,
		files,
	};
}
