import type { ParsedCommand } from '../args';
import type { CommandContext } from '../context';

export async function lintCommand(_ctx: CommandContext, _parsed: ParsedCommand): Promise<number> {
	return 0;
}
