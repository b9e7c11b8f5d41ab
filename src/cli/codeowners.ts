import { compileCodeowners } from '../engine/codeowners/codeownersIndex';
import type { CodeownersIndex } from '../engine/codeowners/codeownersIndex';
import { codeownersLocations, findCodeowners } from '../engine/codeowners/locations';
import { parseCodeowners } from '../engine/codeowners/parse';
import type { Dialect, DialectChoice, ParsedCodeowners } from '../engine/codeowners/types';
import { oneOf, stringFlag } from './args';
import type { ParsedCommand } from './args';
import type { CommandContext } from './context';
import { CliError, describeSystemError } from './errors';
import type { NodeHost } from './nodeHost';

/** The CODEOWNERS file a command works with, parsed and compiled once. */
export interface LoadedCodeowners {
	file: string;
	choice: DialectChoice;
	parsed: ParsedCodeowners;
	index: CodeownersIndex;
}

/** The `--dialect` flag: `auto` (the default) lets location and content decide. */
export function dialectFlag(parsed: ParsedCommand): Dialect | 'auto' {
	return oneOf('dialect', parsed.values.dialect, ['auto', 'github', 'gitlab'] as const, 'auto');
}

/**
 * Finds, parses and compiles CODEOWNERS the way the host would (or the `--codeowners` file).
 * Undefined when there is none and `required` is false; a user error when it is required, or when
 * a file exists in a lookup location but cannot be read (falling through to the next location
 * would silently answer from the wrong file).
 */
export async function loadCodeowners(ctx: CommandContext, host: NodeHost, parsed: ParsedCommand, required: boolean): Promise<LoadedCodeowners | undefined> {
	const dialect = dialectFlag(parsed);
	const file = await ctx.explicitFile('--codeowners', stringFlag(parsed.values, 'codeowners'));
	const found = await findCodeowners(host, { dialect, ...(file !== undefined ? { file } : {}) });
	const candidates = file !== undefined ? [file] : codeownersLocations(dialect === 'auto' ? undefined : dialect);
	for (const candidate of candidates) {
		if (found !== undefined && candidate === found.file) {
			break;
		}
		const reason = host.unreadable.get(candidate);
		if (reason !== undefined) {
			throw new CliError(`cannot read ${candidate}: ${describeSystemError({ code: reason })}`);
		}
	}
	if (found === undefined) {
		if (!required) {
			return undefined;
		}
		throw new CliError(`no CODEOWNERS file in ${ctx.root} (looked for ${candidates.join(', ')}); pass --codeowners FILE`);
	}
	const parsedFile = parseCodeowners(found.text, { dialect: found.choice.dialect, file: found.file });
	return { file: found.file, choice: found.choice, parsed: parsedFile, index: compileCodeowners(parsedFile) };
}
