import { codeownersLocations } from '../codeowners/locations';
import { escapeMarkdown } from '../guardrails/decisionRender';
import { guardrailsLocations } from '../guardrails/locations';
import type { Change, ChangeStatus, ReviewForecast } from '../guardrails/types';
import { normalizeRepoPath } from '../paths';
import type { Problem } from '../types';
import type { WorkspaceModel } from '../workspaceModel';

// GitHub and GitLab take a pull request's required reviewers from the CODEOWNERS of the target
// branch, not from the change. A change that edits the rules is therefore forecast with the old
// ones, and what the new ones would change is listed separately: it takes effect after merge.

/** A rule file (a CODEOWNERS or guardrails config location) that the change set touches. */
export interface RuleFileEdit {
	file: string;
	kind: 'codeowners' | 'guardrails';
	status: ChangeStatus;
}

/** How one file's ownership differs between the base's rules and the change's. */
export interface OwnershipShift {
	path: string;
	/** What changes: CODEOWNERS owners, the guardrails domain, or the contracts on the file. */
	aspect: 'owners' | 'domain' | 'contracts';
	before: string[];
	after: string[];
}

/** What the change's own rules would change once merged. */
export interface RuleChanges {
	/** The ref whose rules the forecast uses (`main`, `origin/main`). */
	baseRef: string;
	/** Rule files the change set adds, edits, renames or deletes; empty when it touches none. */
	edited: RuleFileEdit[];
	/** How many of the compared files change owners, domain or contracts. */
	filesCompared: number;
	filesChanged: number;
	/** The first shifts, in path order (at most {@link ruleChangeExamples}). */
	examples: OwnershipShift[];
	/** Reviewers of this change set under the base's rules and under the change's rules. */
	reviewersNow: string[];
	reviewersAfterMerge: string[];
}

/** How many shifts a report names. */
export const ruleChangeExamples = 10;

/**
 * The rule files among a change set: every CODEOWNERS location of either host and every
 * guardrails config location, plus the files in use (`extra`: a configured CODEOWNERS or config
 * path), by new and old path, so adding a `.github/CODEOWNERS` that outranks the root one counts
 * as an edit too.
 */
export function ruleFileEdits(changes: readonly Change[], extra: { codeowners?: readonly (string | undefined)[]; guardrails?: readonly (string | undefined)[] } = {}): RuleFileEdit[] {
	const known = (list: readonly (string | undefined)[] | undefined): string[] => (list ?? []).filter((f): f is string => f !== undefined).map(normalizeRepoPath);
	const codeowners = new Set([...codeownersLocations(), ...known(extra.codeowners)]);
	const guardrails = new Set([...guardrailsLocations, ...known(extra.guardrails)]);
	const edits: RuleFileEdit[] = [];
	for (const change of changes) {
		for (const path of [change.path, change.oldPath].filter((p): p is string => p !== undefined).map(normalizeRepoPath)) {
			const kind = codeowners.has(path) ? 'codeowners' : guardrails.has(path) ? 'guardrails' : undefined;
			if (kind !== undefined && !edits.some((e) => e.file === path)) {
				edits.push({ file: path, kind, status: change.status });
			}
		}
	}
	return edits;
}

function ownersOf(model: WorkspaceModel, path: string): string[] {
	return model.owners(path)?.owners ?? [];
}

function domainOf(model: WorkspaceModel, path: string): string[] {
	if (model.config === null) {
		return [];
	}
	const id = model.who(path).domain?.id;
	return id === undefined ? [] : [id];
}

function contractsOf(model: WorkspaceModel, path: string): string[] {
	return model.config === null ? [] : model.crossings(path).contracts.map((c) => c.contract.id).sort();
}

function same(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Compares the base's rules (`base`, what the host applies to the pull request) with the change's
 * own (`head`) over the repository's files: which files would get other CODEOWNERS owners, another
 * domain or other contracts after merge, and how the reviewers of this change set would differ.
 * `files` is every file to compare (the repository's, plus the change set's).
 */
export function compareRules(options: {
	baseRef: string;
	base: WorkspaceModel;
	head: WorkspaceModel;
	files: readonly string[];
	changes: readonly Change[];
	edited: readonly RuleFileEdit[];
	baseForecast: ReviewForecast;
}): RuleChanges {
	const { base, head } = options;
	const files = [...new Set(options.files.map(normalizeRepoPath))].sort();
	const examples: OwnershipShift[] = [];
	let filesChanged = 0;
	for (const path of files) {
		const shifts: OwnershipShift[] = [];
		const aspects: [OwnershipShift['aspect'], (m: WorkspaceModel, p: string) => string[]][] = [['owners', ownersOf], ['domain', domainOf], ['contracts', contractsOf]];
		for (const [aspect, read] of aspects) {
			const before = read(base, path);
			const after = read(head, path);
			if (!same(before, after)) {
				shifts.push({ path, aspect, before, after });
			}
		}
		if (shifts.length > 0) {
			filesChanged++;
			for (const shift of shifts) {
				if (examples.length < ruleChangeExamples) {
					examples.push(shift);
				}
			}
		}
	}
	return {
		baseRef: options.baseRef,
		edited: [...options.edited],
		filesCompared: files.length,
		filesChanged,
		examples,
		reviewersNow: [...options.baseForecast.reviewers],
		reviewersAfterMerge: [...head.forecast(options.changes).reviewers],
	};
}

function list(values: readonly string[], none: string): string {
	return values.length > 0 ? values.join(', ') : none;
}

function shiftText(shift: OwnershipShift): string {
	const none = shift.aspect === 'owners' ? '(unowned)' : '(none)';
	return `${shift.path}: ${shift.aspect} ${list(shift.before, none)} → ${list(shift.after, none)}`;
}

function editedFiles(changes: RuleChanges): string {
	return changes.edited.map((e) => `${e.file} (${e.status})`).join(', ');
}

function reviewerDelta(changes: RuleChanges): { added: string[]; dropped: string[] } {
	return {
		added: changes.reviewersAfterMerge.filter((r) => !changes.reviewersNow.includes(r)),
		dropped: changes.reviewersNow.filter((r) => !changes.reviewersAfterMerge.includes(r)),
	};
}

/** Plain-text lines for the end of `check`: which rules the forecast used and what the edit changes. */
export function renderRuleChangesText(changes: RuleChanges): string {
	if (changes.edited.length === 0) {
		return `Rules: read from ${changes.baseRef}, as the host does (this change edits neither CODEOWNERS nor guardrails.yaml).\n`;
	}
	const lines = [
		`Rules: this change edits ${editedFiles(changes)}. The forecast above uses the rules on ${changes.baseRef}, as the host does for this pull request; the new rules take effect after merge.`,
		`After merge: ${changes.filesChanged} of ${changes.filesCompared} files would change owners, domain or contracts${changes.examples.length > 0 ? ', e.g.' : '.'}`,
	];
	changes.examples.forEach((shift) => lines.push(`  ${shiftText(shift)}`));
	const delta = reviewerDelta(changes);
	if (delta.added.length > 0 || delta.dropped.length > 0) {
		const notes = [delta.added.length > 0 ? `adds ${delta.added.join(', ')}` : '', delta.dropped.length > 0 ? `drops ${delta.dropped.join(', ')}` : ''].filter((n) => n !== '');
		lines.push(`After merge this change would request: ${list(changes.reviewersAfterMerge, 'nobody')} (${notes.join('; ')})`);
	} else {
		lines.push('After merge this change would request the same reviewers.');
	}
	return `${lines.join('\n')}\n`;
}

/** A Markdown section for the pull-request comment; empty when the change edits no rule file. */
export function renderRuleChangesMarkdown(changes: RuleChanges): string {
	if (changes.edited.length === 0) {
		return '';
	}
	const out = [
		'### ⚠️ This change edits the ownership rules',
		'',
		`It edits ${changes.edited.map((e) => `\`${escapeMarkdown(e.file)}\` (${e.status})`).join(', ')}. The forecast above uses the rules on \`${escapeMarkdown(changes.baseRef)}\`, as the host does for this pull request; the new rules take effect after merge.`,
		'',
		`After merge, **${changes.filesChanged} of ${changes.filesCompared} files** would change owners, domain or contracts.`,
	];
	if (changes.examples.length > 0) {
		out.push('', '| File | What | Now | After merge |', '| --- | --- | --- | --- |');
		for (const shift of changes.examples) {
			out.push(`| \`${escapeMarkdown(shift.path)}\` | ${shift.aspect} | ${escapeMarkdown(list(shift.before, '—'))} | ${escapeMarkdown(list(shift.after, '—'))} |`);
		}
	}
	const delta = reviewerDelta(changes);
	if (delta.added.length > 0 || delta.dropped.length > 0) {
		out.push('', `After merge this change would request: ${escapeMarkdown(list(changes.reviewersAfterMerge, 'nobody'))}.`);
	}
	return `${out.join('\n')}\n`;
}

/** The JSON shape of {@link RuleChanges} (`check --json`, key `rules`). */
export function ruleChangesToJson(changes: RuleChanges): object {
	return {
		base: changes.baseRef,
		edited: changes.edited,
		afterMerge: changes.edited.length === 0 ? null : {
			filesCompared: changes.filesCompared,
			filesChanged: changes.filesChanged,
			examples: changes.examples,
			reviewers: changes.reviewersAfterMerge,
		},
	};
}

/** One `rules-edited` info problem per edited rule file, for CI reports (line 1 of the file). */
export function ruleChangeProblems(changes: RuleChanges): Problem[] {
	return changes.edited.map((edit) => ({
		code: 'rules-edited',
		severity: 'info',
		file: edit.file,
		line: 1,
		column: 1,
		message: `This change edits ${edit.file}; the host applies the rules on ${changes.baseRef} to this pull request, and the new ones after merge (${changes.filesChanged} of ${changes.filesCompared} files would change owners, domain or contracts).`,
	}));
}
