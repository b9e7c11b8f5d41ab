// Who owns which area, read from CODEOWNERS the way the host resolves it for every real file.
// Real files are messy: an umbrella group co-owns nearly every rule, a catch-all rule names the
// owners of "everything else", and several teams share a rule. This module turns them into one
// deciding owner per file (a "label"), which coveringGlobs then turns into domains.
import type { CodeownersIndex } from '../codeowners/index/codeownersIndex';
import { classifyOwner } from '../codeowners/owners';
import type { CodeownersRule, OwnerResolution, OwnerToken, ParsedCodeowners } from '../codeowners/types';

/** A rule is an umbrella co-owner's when the owner sits on at least this share of the owned rules. */
const umbrellaShare = 0.8;
/** Fewer owned rules than this say nothing about umbrellas. */
const umbrellaMinRules = 3;

/** The deciding owner of an area: a team handle, or a named GitLab section owned by people. */
export interface OwnerLabel {
	/** Stable key: the lower-cased handle, or `section:<name>`. */
	key: string;
	kind: 'team' | 'section';
	/** The handle as first written, or the section name. */
	name: string;
	/** Rule lines that gave this label its files. */
	lines: Set<number>;
	/** Files per named GitLab section that decided them. */
	sections: Map<string, number>;
	/** User and e-mail owners seen on the label's rules (people, for team members). */
	people: Set<string>;
	fallback: boolean;
}

/** The per-file answer, plus what the draft says about the owners that did not become domains. */
export interface CodeownersAreas {
	/** File → label key; files owned by people only, or by nobody, are absent. */
	assignment: Map<string, string>;
	labels: Map<string, OwnerLabel>;
	/** Umbrella co-owners (lower-cased handle → as written) and how many rules carry them. */
	umbrellas: Map<string, { name: string; rules: number }>;
	/** User and e-mail owners, with the number of rules naming them. */
	people: Map<string, { kind: 'user' | 'email'; rules: number; lines: number[] }>;
	peopleOnlyFiles: number;
	unownedFiles: number;
	multiOwnerFiles: number;
}

const catchAllPatterns = new Set(['*', '**', '/*', '/**', '/**/*', '**/*']);

/** True for a rule that matches every file (`*`, `**`, `/**`): its owners are the fallback. */
export function isCatchAll(rule: Pick<CodeownersRule, 'pattern' | 'exclusion'>): boolean {
	return !rule.exclusion && catchAllPatterns.has(rule.pattern);
}

function effectiveOwners(parsed: ParsedCodeowners, rule: CodeownersRule): OwnerToken[] {
	return rule.owners.length > 0 ? rule.owners : (parsed.ruleDefaults.get(rule.index) ?? []);
}

function dirOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * Team owners that sit on nearly every owned rule next to another owner: a whole-repository
 * maintainers group. They are not domains; the team that distinguishes the rule is.
 */
function findUmbrellas(parsed: ParsedCodeowners, kinds: Map<string, OwnerToken['kind']>): Map<string, { name: string; rules: number }> {
	const counts = new Map<string, { name: string; rules: number; shared: number }>();
	let owned = 0;
	for (const rule of parsed.rules) {
		if (rule.exclusion || isCatchAll(rule)) {
			continue;
		}
		const owners = effectiveOwners(parsed, rule);
		if (owners.length === 0) {
			continue;
		}
		owned++;
		for (const owner of owners) {
			if (kinds.get(owner.text) !== 'team') {
				continue;
			}
			const key = owner.text.toLowerCase();
			const entry = counts.get(key) ?? { name: owner.text, rules: 0, shared: 0 };
			entry.rules++;
			if (owners.length > 1) {
				entry.shared++;
			}
			counts.set(key, entry);
		}
	}
	const umbrellas = new Map<string, { name: string; rules: number }>();
	if (owned < umbrellaMinRules) {
		return umbrellas;
	}
	for (const [key, entry] of counts) {
		// Mostly beside another owner: a team that owns most rules alone is the real owner, not an umbrella.
		if (entry.rules >= owned * umbrellaShare && entry.shared * 2 >= entry.rules) {
			umbrellas.set(key, { name: entry.name, rules: entry.rules });
		}
	}
	return umbrellas;
}

/** The owners that decide a file and the rules behind them; GitLab catch-all sections yield to named ones. */
function decidingOwners(resolution: OwnerResolution, gitlab: boolean): { owners: string[]; rules: CodeownersRule[]; section: string | null; catchAll: boolean } {
	if (!gitlab || resolution.sections.length === 0) {
		const rule = resolution.rule;
		return { owners: resolution.owners, rules: rule ? [rule] : [], section: null, catchAll: rule !== null && isCatchAll(rule) };
	}
	const specific = resolution.sections.filter((s) => !isCatchAll(s.rule) && s.owners.length > 0);
	const chosen = specific.length > 0 ? specific : resolution.sections;
	const owners: string[] = [];
	for (const section of chosen) {
		for (const owner of section.owners) {
			if (!owners.includes(owner)) {
				owners.push(owner);
			}
		}
	}
	const named = chosen.find((s) => s.name !== null);
	return { owners, rules: chosen.map((s) => s.rule), section: named?.name ?? null, catchAll: specific.length === 0 };
}

/**
 * Gives every file one deciding owner from CODEOWNERS as the host resolves it: umbrella co-owners
 * step aside for the team that distinguishes the rule; the catch-all rule's owners become the
 * fallback; a rule with several teams goes to the team that owns most of the surrounding area
 * elsewhere (nearest enclosing directory first); users and e-mails are people, not teams, except
 * that a named GitLab section of people names an area of its own.
 */
export function inferCodeownersAreas(parsed: ParsedCodeowners, index: CodeownersIndex, files: readonly string[]): CodeownersAreas {
	const gitlab = parsed.dialect === 'gitlab';
	const kinds = new Map<string, OwnerToken['kind']>();
	const people = new Map<string, { kind: 'user' | 'email'; rules: number; lines: number[] }>();
	const noteToken = (token: OwnerToken, line: number | null): void => {
		const kind = kinds.get(token.text) ?? classifyOwner(token.text, parsed.dialect) ?? token.kind;
		kinds.set(token.text, kind);
		if (line !== null && (kind === 'user' || kind === 'email')) {
			const entry = people.get(token.text) ?? { kind, rules: 0, lines: [] };
			entry.rules++;
			entry.lines.push(line);
			people.set(token.text, entry);
		}
	};
	for (const section of parsed.sections) {
		section.defaultOwners.forEach((token) => noteToken(token, null));
	}
	for (const rule of parsed.rules) {
		effectiveOwners(parsed, rule).forEach((token) => noteToken(token, rule.exclusion ? null : rule.line));
	}
	const umbrellas = findUmbrellas(parsed, kinds);
	const labels = new Map<string, OwnerLabel>();
	const label = (key: string, kind: OwnerLabel['kind'], name: string): OwnerLabel => {
		let entry = labels.get(key);
		if (entry === undefined) {
			entry = { key, kind, name, lines: new Set(), sections: new Map(), people: new Set(), fallback: false };
			labels.set(key, entry);
		}
		return entry;
	};
	const assignment = new Map<string, string>();
	const pending: { file: string; candidates: string[]; lines: number[]; section: string | null }[] = [];
	let peopleOnlyFiles = 0;
	let unownedFiles = 0;
	const assign = (file: string, key: string, lines: readonly number[], section: string | null): void => {
		assignment.set(file, key);
		const entry = labels.get(key);
		if (entry !== undefined) {
			lines.forEach((line) => entry.lines.add(line));
			if (section !== null) {
				entry.sections.set(section, (entry.sections.get(section) ?? 0) + 1);
			}
		}
	};
	for (const file of files) {
		const decided = decidingOwners(index.resolve(file), gitlab);
		if (decided.owners.length === 0) {
			unownedFiles++;
			continue;
		}
		const lines = decided.rules.map((rule) => rule.line);
		const teams = decided.owners.filter((owner) => kinds.get(owner) === 'team');
		const distinguishing = teams.filter((owner) => !umbrellas.has(owner.toLowerCase()));
		const candidates = distinguishing.length > 0 ? distinguishing : teams;
		for (const team of candidates) {
			const entry = label(team.toLowerCase(), 'team', team);
			decided.owners.filter((o) => kinds.get(o) === 'user' || kinds.get(o) === 'email').forEach((p) => entry.people.add(p));
		}
		if (candidates.length === 1 || (candidates.length > 1 && decided.catchAll)) {
			const key = candidates[0].toLowerCase();
			if (decided.catchAll) {
				labels.get(key)!.fallback = true;
			}
			assign(file, key, lines, decided.section);
		} else if (candidates.length > 1) {
			pending.push({ file, candidates: candidates.map((c) => c.toLowerCase()), lines, section: decided.section });
		} else if (gitlab && decided.section !== null) {
			const entry = label(`section:${decided.section.toLowerCase()}`, 'section', decided.section);
			decided.owners.filter((o) => kinds.get(o) === 'user' || kinds.get(o) === 'email').forEach((p) => entry.people.add(p));
			assign(file, entry.key, lines, decided.section);
		} else {
			peopleOnlyFiles++;
		}
	}
	const ruleCounts = new Map<string, number>();
	for (const rule of parsed.rules) {
		for (const owner of effectiveOwners(parsed, rule)) {
			ruleCounts.set(owner.text.toLowerCase(), (ruleCounts.get(owner.text.toLowerCase()) ?? 0) + 1);
		}
	}
	resolveShared(pending, assignment, assign, ruleCounts);
	return { assignment, labels, umbrellas, people, peopleOnlyFiles, unownedFiles, multiOwnerFiles: pending.length };
}

/**
 * A rule with several teams goes to the team that owns the most files elsewhere in the nearest
 * enclosing directory where any of them owns files alone; when none owns files alone anywhere,
 * the team on the fewest rules (the most distinguishing), then the first written.
 */
function resolveShared(
	pending: readonly { file: string; candidates: string[]; lines: number[]; section: string | null }[],
	assignment: Map<string, string>,
	assign: (file: string, key: string, lines: readonly number[], section: string | null) => void,
	ruleCounts: ReadonlyMap<string, number>,
): void {
	if (pending.length === 0) {
		return;
	}
	// Sole-owned file counts per directory (every ancestor), per label, from the first pass.
	const counts = new Map<string, Map<string, number>>();
	for (const [file, key] of assignment) {
		let dir = dirOf(file);
		for (;;) {
			let perDir = counts.get(dir);
			if (perDir === undefined) {
				perDir = new Map();
				counts.set(dir, perDir);
			}
			perDir.set(key, (perDir.get(key) ?? 0) + 1);
			if (dir === '') {
				break;
			}
			dir = dirOf(dir);
		}
	}
	const memo = new Map<string, string>();
	for (const item of pending) {
		const start = dirOf(item.file);
		const memoKey = `${start}\0${item.candidates.join('\0')}`;
		let winner = memo.get(memoKey);
		if (winner === undefined) {
			let dir = start;
			for (;;) {
				const perDir = counts.get(dir);
				let best = 0;
				for (const candidate of item.candidates) {
					const count = perDir?.get(candidate) ?? 0;
					if (count > best) {
						best = count;
						winner = candidate;
					}
				}
				if (winner !== undefined || dir === '') {
					break;
				}
				dir = dirOf(dir);
			}
			winner ??= [...item.candidates].sort((a, b) => (ruleCounts.get(a) ?? 0) - (ruleCounts.get(b) ?? 0))[0];
			memo.set(memoKey, winner);
		}
		assign(item.file, winner, item.lines, item.section);
	}
}
