import type { WorkspaceModel } from '../engine/workspaceModel';
import { stringFlag } from './args';
import type { ParsedCommand } from './args';
import type { CommandContext } from './context';

/** Who the user is, and where that came from (for a helpful warning when it matches nobody). */
export interface Me {
	who: string | undefined;
	/** Tells the user when an explicit `--me` names nobody in the config (a typo would otherwise hide cross-team warnings). */
	warnIfUnknown(model: WorkspaceModel): void;
}

/**
 * `--me`, else `git config user.email` in the root. Identity never leaves the machine; a missing
 * git or an unset e-mail just means "unknown", which the engine handles.
 */
export async function identityFor(ctx: CommandContext, parsed: ParsedCommand): Promise<Me> {
	const explicit = stringFlag(parsed.values, 'me');
	let who = explicit;
	if (who === undefined) {
		try {
			who = await ctx.git.userEmail();
		} catch {
			who = undefined;
		}
	}
	return {
		who,
		warnIfUnknown(model: WorkspaceModel): void {
			if (explicit !== undefined && model.config !== null && model.identity === null) {
				ctx.io.stderr(`guardrails: warning: --me ${explicit} matches no person in ${model.config.file}\n`);
			}
		},
	};
}
