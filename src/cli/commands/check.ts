import type { ParsedCommand } from '../args';
import type { CommandContext } from '../context';

export async function checkCommand(_ctx: CommandContext, _parsed: ParsedCommand): Promise<number> {
	return 0;
}
