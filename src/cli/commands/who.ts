import { decisionToJson, renderDecisionText } from '../../engine/guardrails/decisionRender';
import type { ParsedCommand } from '../args';
import type { CommandContext } from '../context';
import { CliError } from '../errors';
import { identityFor } from '../identity';
import { loadModel } from '../model';
import { json } from '../output';

/** `guardrails who PATH...`: who decides each path, most local decider first. */
export async function whoCommand(ctx: CommandContext, parsed: ParsedCommand): Promise<number> {
	if (parsed.positionals.length === 0) {
		throw new CliError("who: name at least one PATH. Run 'guardrails who --help' for usage.");
	}
	const paths = ctx.rootPaths(parsed.positionals);
	const me = await identityFor(ctx, parsed);
	const model = await loadModel(ctx, parsed, { ...(me.who !== undefined ? { identity: me.who } : {}), requireAny: true });
	me.warnIfUnknown(model);
	const decisions = paths.map((path) => model.who(path));
	if (parsed.values.json === true) {
		ctx.io.stdout(json(decisions.map(decisionToJson)));
	} else {
		ctx.io.stdout(decisions.map(renderDecisionText).join('\n'));
	}
	return 0;
}
