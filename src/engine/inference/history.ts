// Recent history, as suggestions only: the most active authors under a domain's files. Leads are
// never written from this; the draft shows them in a comment, marked as suggestions.
import type { HistoryCommit, LeadCandidate } from './types';

/** Record and field separators of the `git log` format the CLI asks for. */
export const gitLogFormat = '%x1e%aN%x1f%aE';
const maxCandidates = 3;
const bot = /\[bot\]|^(?:dependabot|renovate|github-actions|mergify|snyk-bot)\b|noreply@github\.com$/i;

/**
 * Parses `git log --format=%x1e%aN%x1f%aE --name-only` output: one commit per record separator,
 * the author on the first line, the touched files on the lines after it.
 */
export function parseGitLog(output: string): HistoryCommit[] {
	const commits: HistoryCommit[] = [];
	for (const record of output.split('\u001e')) {
		if (record.trim() === '') {
			continue;
		}
		const lines = record.split('\n');
		const [name = '', email = ''] = lines[0].split('\u001f');
		const files = lines.slice(1).map((line) => line.trim()).filter((line) => line.length > 0);
		commits.push({ name: name.trim(), email: email.trim(), files });
	}
	return commits;
}

/** True for automation accounts (dependabot, renovate, `[bot]` names), which are never suggested. */
export function isBot(name: string, email: string): boolean {
	return bot.test(name) || bot.test(email);
}

/**
 * The most active human authors per label: commits that touched at least one of the label's
 * files, counted once per commit, most commits first, then by name; at most three per label.
 */
export function leadCandidates(commits: readonly HistoryCommit[], labelOf: (file: string) => string | undefined): Map<string, LeadCandidate[]> {
	const counts = new Map<string, Map<string, LeadCandidate>>();
	for (const commit of commits) {
		if (isBot(commit.name, commit.email)) {
			continue;
		}
		const labels = new Set<string>();
		for (const file of commit.files) {
			const label = labelOf(file);
			if (label !== undefined) {
				labels.add(label);
			}
		}
		const who = commit.email.toLowerCase() || commit.name.toLowerCase();
		for (const label of labels) {
			let perLabel = counts.get(label);
			if (perLabel === undefined) {
				perLabel = new Map();
				counts.set(label, perLabel);
			}
			const entry = perLabel.get(who) ?? { name: commit.name, email: commit.email, commits: 0 };
			entry.commits++;
			perLabel.set(who, entry);
		}
	}
	const result = new Map<string, LeadCandidate[]>();
	for (const [label, perLabel] of counts) {
		const sorted = [...perLabel.values()].sort((a, b) => b.commits - a.commits || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.email < b.email ? -1 : 1));
		result.set(label, sorted.slice(0, maxCandidates));
	}
	return result;
}
