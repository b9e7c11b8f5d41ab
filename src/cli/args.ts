import { parseArgs } from 'node:util';
import { CliError } from './errors';

/** The subcommands, in the order `--help` lists them. */
export const commandNames = ['owners', 'who', 'check', 'lint', 'audit', 'init', 'bottlenecks', 'boundaries'] as const;
export type CommandName = (typeof commandNames)[number];

type OptionSpec = { type: 'string' | 'boolean'; short?: string };

const common: Record<string, OptionSpec> = {
	root: { type: 'string' },
	help: { type: 'boolean', short: 'h' },
};
const codeowners: Record<string, OptionSpec> = {
	codeowners: { type: 'string' },
	dialect: { type: 'string' },
};

/** Flags each command accepts; anything else is a usage error (parseArgs strict mode). */
export const commandOptions: Record<CommandName, Record<string, OptionSpec>> = {
	owners: { ...common, ...codeowners, json: { type: 'boolean' }, explain: { type: 'boolean' } },
	lint: { ...common, ...codeowners, config: { type: 'string' }, 'files-from': { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' } },
	audit: { ...common, ...codeowners, 'files-from': { type: 'string' }, json: { type: 'boolean' } },
	init: { ...common, ...codeowners, 'files-from': { type: 'string' }, json: { type: 'boolean' }, stdout: { type: 'boolean' }, force: { type: 'boolean' } },
	bottlenecks: {
		...common, ...codeowners,
		config: { type: 'string' },
		since: { type: 'string' },
		until: { type: 'string' },
		json: { type: 'boolean' },
		format: { type: 'string' },
	},
	who: { ...common, ...codeowners, config: { type: 'string' }, me: { type: 'string' }, json: { type: 'boolean' } },
	check: {
		...common, ...codeowners,
		config: { type: 'string' },
		base: { type: 'string' },
		me: { type: 'string' },
		json: { type: 'boolean' },
		format: { type: 'string' },
		'fail-on': { type: 'string' },
	},
	boundaries: {
		...common, ...codeowners,
		config: { type: 'string' },
		'files-from': { type: 'string' },
		json: { type: 'boolean' },
		format: { type: 'string' },
		'fail-on': { type: 'string' },
	},
};

/** Parsed flags of one command: string and boolean values by long name, plus the positionals. */
export interface ParsedCommand {
	values: Record<string, string | boolean | undefined>;
	positionals: string[];
}

/** Parses a command's argv strictly; an unknown flag or a missing value is a usage error. */
export function parseCommand(command: CommandName, argv: readonly string[]): ParsedCommand {
	try {
		const parsed = parseArgs({ args: [...argv], options: commandOptions[command], strict: true, allowPositionals: true });
		return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		// Node's messages end with advice about `--` that reads oddly for a CLI user; keep the first sentence.
		const first = message.split(/\.\s/)[0].replace(/\.$/, '');
		throw new CliError(`${command}: ${first}. Run 'guardrails ${command} --help' for usage.`);
	}
}

/** A string flag that must be one of `allowed`. */
export function oneOf<T extends string>(flag: string, value: string | boolean | undefined, allowed: readonly T[], fallback: T): T {
	if (value === undefined || typeof value === 'boolean') {
		return fallback;
	}
	if (!(allowed as readonly string[]).includes(value)) {
		throw new CliError(`--${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
	}
	return value as T;
}

/** A string flag's value, or undefined. */
export function stringFlag(values: ParsedCommand['values'], name: string): string | undefined {
	const value = values[name];
	return typeof value === 'string' ? value : undefined;
}

export const mainHelp = `guardrails: who owns and who decides a path, from CODEOWNERS and guardrails.yaml

Usage: guardrails <command> [options] [PATH...]

Commands:
  owners   CODEOWNERS owners of paths (GitHub or GitLab rules, as the host reads them)
  who      who decides a path: domain lead, deputies, code owners, contracts, forum
  check    review forecast for the changes since a base ref (or for given paths)
  lint     problems in CODEOWNERS and guardrails.yaml
  audit    how much of the repository is owned, and by whom
  init         draft guardrails.yaml from CODEOWNERS, Backstage catalogs, the files and git history
  bottlenecks  where decisions wait on too few people: review load from git history
  boundaries   imports across domains: public uses, exceptions, violations, per-edge counts

Options:
  -h, --help     show help (also: guardrails <command> --help)
  --version      print the version

Exit codes: 0 ok, 1 problems found (lint errors, check failure), 2 usage or input error.
`;

const rootHelp = '  --root DIR            repository root (default: nearest directory with CODEOWNERS or\n                        guardrails.yaml, else the git top level, else the current directory)';
const codeownersHelp = '  --codeowners FILE     CODEOWNERS file (default: the host\'s lookup order)\n  --dialect D           auto | github | gitlab (default: auto)';

export const commandHelp: Record<CommandName, string> = {
	owners: `Usage: guardrails owners [options] PATH...

Prints the CODEOWNERS owners of each path and the rule that decided it.

Options:
${rootHelp}
${codeownersHelp}
  --explain             show every matching rule, the winner and the shadowed rules
  --json                JSON array of { path, owners, rule: { line, pattern } | null, sections }
`,
	who: `Usage: guardrails who [options] PATH...

Answers "who decides this?": the domain lead and deputies, the CODEOWNERS reviewers of record,
the contracts on the path and the forum, most local decider first.

Options:
${rootHelp}
  --config FILE         guardrails config (default: guardrails.yaml and the other known locations)
${codeownersHelp}
  --me WHO              who you are: person id, handle or e-mail (default: git config user.email)
  --json                JSON array, one decision per path
`,
	check: `Usage: guardrails check [options] [PATH...]

Review forecast for a change set: per domain the owners to request, every contract touched and
what it asks for, and whether the forum and an ADR are needed. Without PATHs the change set is
everything between the merge base with --base and the working tree (committed, staged, unstaged
and untracked files); with PATHs, those paths count as modified.

Options:
${rootHelp}
  --base REF            compare with the merge base of HEAD and REF
                        (default: origin/HEAD, then main, then master); CODEOWNERS and
                        guardrails.yaml are read as they are on REF, as the host reads them
  --config FILE         guardrails config
${codeownersHelp}
  --me WHO              who you are (default: git config user.email)
  --format F            text | markdown | github | json | sarif | gitlab (default: text);
                        sarif: SARIF 2.1.0 for code scanning; gitlab: a Code Quality report
  --json                same as --format json
  --fail-on LEVEL       contract (default): exit 1 when a contract that requires an ADR is
                        touched and no ADR is added or changed; architecture: also when any
                        architecture-level contract is touched; boundary: also when the change
                        adds an import that breaks a domain boundary; never: always exit 0

Imports that break a domain boundary (guardrails.yaml exports, dependsOn, allow) are listed when
they are on new or changed lines (with PATHs: anywhere in those files).
`,
	lint: `Usage: guardrails lint [options]

Reports problems in CODEOWNERS and, when there is one, guardrails.yaml: syntax, unknown owners
and references, rules that match no file, unowned files, drift between the two.

Options:
${rootHelp}
${codeownersHelp}
  --config FILE         guardrails config
  --files-from FILE     the repository's files, one per line; - reads standard input
                        (default: git ls-files)
  --format F            text | json | sarif | gitlab (default: text)
  --json                same as --format json: an array of
                        { file, line, column, severity, code, message }

Exit code 1 when any problem is an error.
`,
	audit: `Usage: guardrails audit [options]

Counts the files that CODEOWNERS gives an owner, per owner, and samples the unowned ones.

Options:
${rootHelp}
${codeownersHelp}
  --files-from FILE     the files to audit, one per line; - reads standard input
                        (default: git ls-files under --root)
  --json                { files, owned, unowned, owners: { owner: files }, unownedSample }
`,
	init: `Usage: guardrails init [options]

Drafts guardrails.yaml at the repository root from what the repository already says: domains
and teams from CODEOWNERS (as the host resolves it for every file) and Backstage catalog-info.yaml,
contracts from the files themselves (OpenAPI, AsyncAPI, .proto, GraphQL, Avro, JSON Schema,
migrations, CODEOWNERS, CI, code other domains import), ADR folders, and suggested leads from the
last 12 months of git history (as comments only: leads are never set for you). Every item carries
its evidence as a comment. Nothing from the repository is run.

Options:
${rootHelp}
${codeownersHelp}
  --files-from FILE     the repository's files, one per line; - reads standard input
                        (default: git ls-files; no history is read with this flag)
  --stdout              print the draft instead of writing guardrails.yaml
  --force               replace an existing guardrails.yaml
  --json                print the inferred model with the evidence of every item

Exit code 2 when a guardrails config already exists (without --force or --stdout).
`,
	bottlenecks: `Usage: guardrails bottlenecks [options]

Reads the non-merge commits of a window and the current CODEOWNERS and guardrails.yaml, and
reports the review load per decider (each decider once per commit), the single points of failure
(a decider on more than a third of the commits, leads without a deputy, contracts only one person
can approve, one-person teams, single people owning more than a fifth of the files, owners who
wrote nothing while their files changed) and delegation suggestions.

Options:
${rootHelp}
  --since WHEN          start of the window: 90d, 12w, 6m, 1y or YYYY-MM-DD (default: 90d)
  --until WHEN          end of the window (default: now; a date includes that whole day)
  --config FILE         guardrails config
${codeownersHelp}
  --format F            text | markdown (a PR or team-page comment) | html (one self-contained
                        page with the ownership map, for a CI artifact) | json (default: text)
  --json                same as --format json: { window, files, unowned, deciders, findings,
                        suggestions, notes }
`,
	boundaries: `Usage: guardrails boundaries [options]

Lists every import from one domain into another (TypeScript, JavaScript, Python, Go) with its
verdict: allowed-public, allowed-exception, violation or dependency-not-declared, and the number
of imports per domain pair.

Options:
${rootHelp}
  --config FILE         guardrails config
  --files-from FILE     the files to read, one per line; - reads standard input
                        (default: git ls-files, else every file under the root)
  --format F            text | markdown | github | json | sarif | gitlab | html (default: text)
  --json                same as --format json
  --fail-on LEVEL       never (default) | violation: exit 1 when any import breaks a boundary
`,
};
