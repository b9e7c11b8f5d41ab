import type { CodeownersIndex } from './index/codeownersIndex';
import type { CodeownersRule, ParsedCodeowners } from './types';

/** Why a path has no owner, the owning rule that came closest, and a line that would own it. */
export interface UnownedExplanation {
	path: string;
	/** `ownerless-rule`: the rule that decides names no owners; `no-rule`: no rule matches at all. */
	reason: 'ownerless-rule' | 'no-rule';
	/** The matching rule without owners (`ownerless-rule` only). */
	ownerlessRule: CodeownersRule | null;
	/**
	 * The owning rule that came closest: one that matches but loses to the ownerless rule, else the
	 * rule whose literal directory shares the most leading folders with the path. Null when none does.
	 */
	closest: { rule: CodeownersRule; owners: readonly string[]; matches: boolean } | null;
	/** A CODEOWNERS line that would own the path. */
	suggestion: string;
	/** Where the suggested line goes, and why there. */
	advice: string;
}

/**
 * Explains why CODEOWNERS gives a path no owner (the last matching rule wins, so an ownerless last
 * match leaves it unowned), names the closest owning rule and suggests a line that would own it.
 * Returns null when the path has owners.
 */
export function explainUnowned(parsed: ParsedCodeowners, index: CodeownersIndex, path: string): UnownedExplanation | null {
	const explanation = index.explain(path);
	if (explanation.owners.length > 0) {
		return null;
	}
	const ownerlessRule = [...explanation.matches].reverse().find((rule) => !rule.exclusion) ?? null;
	const shadowedOwner = [...explanation.shadowed].reverse().find((rule) => index.ownersOf(rule.index).length > 0);
	let closest: UnownedExplanation['closest'] = null;
	if (shadowedOwner) {
		closest = { rule: shadowedOwner, owners: index.ownersOf(shadowedOwner.index), matches: true };
	} else {
		const nearest = nearestByFolder(parsed, index, explanation.path);
		closest = nearest ? { rule: nearest, owners: index.ownersOf(nearest.index), matches: false } : null;
	}
	const owner = closest?.owners[0] ?? '@owner';
	const suggestion = ownerlessRule ? `${ownerlessRule.pattern} ${owner}` : `${suggestedPattern(explanation.path)} ${owner}`;
	const file = parsed.file;
	let advice: string;
	if (ownerlessRule) {
		advice = `Give line ${ownerlessRule.line} of ${file} an owner, or add a line after it: the last matching rule wins.`;
	} else if (parsed.dialect === 'gitlab') {
		advice = `Add the line to a section of ${file}: each section is its own approval rule.`;
	} else {
		advice = `Add the line at the end of ${file}: the last matching rule wins.`;
	}
	return { path: explanation.path, reason: ownerlessRule ? 'ownerless-rule' : 'no-rule', ownerlessRule, closest, suggestion, advice };
}

/** `/dir/of/the/file/` for a nested file, `/file` for one at the root. */
function suggestedPattern(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash > 0 ? `/${path.slice(0, slash + 1)}` : `/${path}`;
}

/** The owning rule whose literal leading folders share the most with the path (later rules win ties). */
function nearestByFolder(parsed: ParsedCodeowners, index: CodeownersIndex, path: string): CodeownersRule | null {
	const folders = path.split('/').slice(0, -1);
	let best: CodeownersRule | null = null;
	let bestShared = 0;
	for (const rule of parsed.rules) {
		if (rule.exclusion || index.ownersOf(rule.index).length === 0) {
			continue;
		}
		const shared = sharedFolders(literalFolders(rule.pattern), folders);
		if (shared > 0 && shared >= bestShared) {
			best = rule;
			bestShared = shared;
		}
	}
	return best;
}

/** The folders a pattern names literally before its first wildcard (`/a/b*` → `a`). */
function literalFolders(pattern: string): string[] {
	const segments = pattern.replace(/^\/+/, '').split('/');
	const folders: string[] = [];
	// The last segment is a file name, or empty after a trailing `/`: never a folder to compare.
	for (let i = 0; i < segments.length - 1; i++) {
		const segment = segments[i];
		if (segment === '' || /[*?[\\]/.test(segment)) {
			break;
		}
		folders.push(segment);
	}
	return folders;
}

function sharedFolders(a: readonly string[], b: readonly string[]): number {
	let n = 0;
	while (n < a.length && n < b.length && a[n] === b[n]) {
		n++;
	}
	return n;
}
