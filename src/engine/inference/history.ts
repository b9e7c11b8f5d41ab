// Recent history, as suggestions only: the most active authors under a domain's files. Leads are
// never written from this; the draft shows them in a comment, marked as suggestions.
import type { HistoryCommit, LeadCandidate } from './types';

/**
 * The `git log` format the CLI and the extension ask for: NUL before the name, between name and
 * e-mail and after the e-mail. Names and e-mails may hold any other byte (git keeps \x1e, \x1f,
 * escapes), and without `-z` git quotes every path with a control character, so NUL is the one
 * separator neither can forge.
 */
export const gitLogFormat = '%x00%aN%x00%aE%x00';
const maxCandidates = 3;
const bot = /\[bot\]|^(?:dependabot|renovate|github-actions|mergify|snyk-bot)\b|noreply@github\.com$/i;

/**
 * Parses `git log --format=%x00%aN%x00%aE%x00 --name-only` output: after the leading NUL, every
 * commit is three NUL-separated fields, the author's name, e-mail, and the touched files one per line.
 */
export function parseGitLog(output: string): HistoryCommit[] {
	const commits: HistoryCommit[] = [];
	const fields = output.split('\0');
	for (let i = 1; i + 1 < fields.length; i += 3) {
		const files = (fields[i + 2] ?? '').split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
		commits.push({ name: fields[i].trim(), email: fields[i + 1].trim(), files });
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
