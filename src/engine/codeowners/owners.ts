import type { Dialect, OwnerToken } from './types';

// Owner syntax per host. Anchored, quantifier-light expressions: linear even on 1 MB tokens.
// The e-mail local part is the common subset (no `{}` or `[]`): GitHub rejects the
// `{ID}+{user}@users.noreply…` and `dependabot[bot]@…` tokens that appear in real files.
const email = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const githubUser = /^@[A-Za-z0-9_][A-Za-z0-9_-]*$/;
const githubTeam = /^@[A-Za-z0-9_][A-Za-z0-9_-]*\/[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const gitlabName = /^@[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;
const gitlabGroup = /^@[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)+$/;
const gitlabRole = /^@@(?:developer|maintainer|owner)s?$/i;

/**
 * Classifies an owner token the way the host reads it, or returns undefined when the host rejects
 * it. GitHub: `@user`, `@org/team`, e-mail. GitLab: also nested `@group/sub/group` and the roles
 * `@@developer`, `@@maintainer`, `@@owner` (plural and any case; other roles are rejected).
 */
export function classifyOwner(text: string, dialect: Dialect): OwnerToken['kind'] | undefined {
	if (text.startsWith('@@')) {
		return dialect === 'gitlab' && gitlabRole.test(text) ? 'role' : undefined;
	}
	if (text.startsWith('@')) {
		if (dialect === 'github') {
			return githubUser.test(text) ? 'user' : githubTeam.test(text) ? 'team' : undefined;
		}
		return gitlabName.test(text) ? 'user' : gitlabGroup.test(text) ? 'team' : undefined;
	}
	return email.test(text) ? 'email' : undefined;
}

/** An owner token's text (interned) and kind; undefined when the host rejects it. */
export interface KnownOwner {
	text: string;
	kind: OwnerToken['kind'] | undefined;
}

/**
 * Classifies owner tokens once per distinct text and interns them: a large file repeats a few
 * hundred owners tens of thousands of times. One per parsed file, kept with it for the owner
 * tokens its rules read later.
 */
export class OwnerClassifier {
	private readonly known = new Map<string, KnownOwner>();

	constructor(readonly dialect: Dialect) {}

	of(text: string): KnownOwner {
		let known = this.known.get(text);
		if (known === undefined) {
			known = { text, kind: classifyOwner(text, this.dialect) };
			this.known.set(text, known);
		}
		return known;
	}
}
