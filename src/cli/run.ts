import { commandHelp, commandNames, mainHelp, parseCommand } from './args';
import type { CommandName, ParsedCommand } from './args';
import { CommandContext } from './context';
import type { CliIo } from './context';
import { CliError } from './errors';
import { neutraliseWorkflowCommands } from './output';
import { packageVersion } from './version';
export type { CliIo } from './context';

type Handler = (ctx: CommandContext, parsed: ParsedCommand) => Promise<number>;

// Each command's module (and the engine parts only it needs: YAML for `init`, the import scanner
// for `boundaries`, the HTML report for `bottlenecks`) is loaded when that command runs, so a call
// does not evaluate the whole bundle first (esbuild wraps modules reached only through `import()`).
const handlers: Record<CommandName, () => Promise<Handler>> = {
	owners: async () => (await import('./commands/owners')).ownersCommand,
	who: async () => (await import('./commands/who')).whoCommand,
	check: async () => (await import('./commands/check')).checkCommand,
	lint: async () => (await import('./commands/lint')).lintCommand,
	audit: async () => (await import('./commands/audit')).auditCommand,
	init: async () => (await import('./commands/init')).initCommand,
	bottlenecks: async () => (await import('./commands/bottlenecks')).bottlenecksCommand,
	boundaries: async () => (await import('./commands/boundaries')).boundariesCommand,
};

function isCommand(name: string): name is CommandName {
	return (commandNames as readonly string[]).includes(name);
}

/**
 * Control characters (except tab and newline), C1 controls and bidi overrides from workspace text
 * would reach the terminal raw: a CODEOWNERS could recolour or rewrite earlier lines, set the
 * window title or reorder text. They are printed as `\uXXXX`, which is also a valid escape inside
 * the JSON strings of `--json`, so JSON readers still get the original text.
 */
const unsafeForTerminal = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function printable(text: string): string {
	return text.replace(unsafeForTerminal, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The output layer every command writes through: terminal-unsafe characters as `\uXXXX` (also
 * U+2028/U+2029, which some log readers take as line breaks), and no line that GitHub Actions
 * would run as a workflow command, unless `annotations.allowed` (set for `check` and `boundaries --format github`,
 * whose annotations escape workspace text as GitHub specifies).
 */
function terminalSafe(io: CliIo, annotations: { allowed: boolean }): CliIo {
	const safe = (text: string, allowCommands: boolean): string => (allowCommands ? printable(text) : neutraliseWorkflowCommands(printable(text)));
	return { ...io, stdout: (text) => io.stdout(safe(text, annotations.allowed)), stderr: (text) => io.stderr(safe(text, false)) };
}

/**
 * Runs the CLI: parses `argv` (without the node and script paths), runs one command and returns
 * the exit code. Nothing escapes as an exception: user errors become one `guardrails: ...` line
 * on stderr with exit code 2, unexpected ones the same with their message.
 */
export async function run(argv: readonly string[], rawIo: CliIo): Promise<number> {
	const annotations = { allowed: false };
	const io = terminalSafe(rawIo, annotations);
	try {
		const [first, ...rest] = argv;
		if (first === undefined) {
			// No command is a usage error: help goes to stderr so a pipe never mistakes it for an answer.
			io.stderr(mainHelp);
			return 2;
		}
		if (first === '--help' || first === '-h') {
			io.stdout(mainHelp);
			return 0;
		}
		if (first === '--version' || first === '-v') {
			io.stdout(`${packageVersion()}\n`);
			return 0;
		}
		if (first === 'help') {
			const topic = rest[0];
			io.stdout(topic !== undefined && isCommand(topic) ? commandHelp[topic] : mainHelp);
			return 0;
		}
		if (!isCommand(first)) {
			throw new CliError(first.startsWith('-')
				? `unknown option '${first}'. Run 'guardrails --help' for usage.`
				: `unknown command '${first}'. Commands: ${commandNames.join(', ')}.`);
		}
		const parsed = parseCommand(first, rest);
		if (parsed.values.help === true) {
			io.stdout(commandHelp[first]);
			return 0;
		}
		annotations.allowed = (first === 'check' || first === 'boundaries') && parsed.values.format === 'github' && parsed.values.json !== true;
		const ctx = CommandContext.create(io, typeof parsed.values.root === 'string' ? parsed.values.root : undefined);
		const handler = await handlers[first]();
		return await handler(ctx, parsed);
	} catch (error) {
		if (error instanceof CliError) {
			io.stderr(`guardrails: ${error.message}\n`);
			return error.exitCode;
		}
		// A bug, not a user error: still one line, but say so, and keep exit code distinct.
		const message = error instanceof Error ? error.message : String(error);
		io.stderr(`guardrails: internal error: ${message}\n`);
		return 3;
	}
}
