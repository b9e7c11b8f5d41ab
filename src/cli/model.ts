import { codeownersLocations } from '../engine/codeowners/locations';
import type { Dialect } from '../engine/codeowners/types';
import { guardrailsLocations } from '../engine/guardrails/locations';
import { normalizeRepoPath } from '../engine/paths';
import { codeownersReadLimit, guardrailsConfigReadLimit } from '../engine/safety/readLimits';
import { loadWorkspaceModel } from '../engine/workspaceModel';
import type { CodeownersInfo, WorkspaceModel } from '../engine/workspaceModel';
import { oneOf, stringFlag } from './args';
import type { ParsedCommand } from './args';
import type { CommandContext } from './context';
import { CliError } from './errors';
import { RevisionHost } from './revisionHost';

/** The `--dialect` flag: `auto` (the default) lets location and content decide. */
export function dialectFlag(parsed: ParsedCommand): Dialect | 'auto' {
	return oneOf('dialect', parsed.values.dialect, ['auto', 'github', 'gitlab'] as const, 'auto');
}

export interface LoadOptions {
	/** The repository's files (for lint checks and ADR discovery). */
	files?: readonly string[];
	/** Who the user is (person id, handle or e-mail). */
	identity?: string;
	/** Fail when there is no CODEOWNERS file. */
	requireCodeowners?: boolean;
	/** Fail when there is neither a CODEOWNERS file nor a guardrails config. */
	requireAny?: boolean;
	/** Read CODEOWNERS and guardrails.yaml from this commit instead of the working tree. */
	revision?: string;
}

/** A loaded model whose CODEOWNERS part is known to exist. */
export type ModelWithCodeowners = WorkspaceModel & { readonly codeowners: CodeownersInfo };

/**
 * Loads CODEOWNERS and guardrails.yaml through the engine's facade (the extension uses the same
 * one, so the CLI and the editor cannot disagree). Files named by flags must exist; a file in a
 * lookup location that exists but cannot be read is an error rather than a silent fall-through to
 * the next location.
 */
export async function loadModel(ctx: CommandContext, parsed: ParsedCommand, options: LoadOptions = {}): Promise<WorkspaceModel> {
	const dialect = dialectFlag(parsed);
	const codeownersFile = await ctx.explicitFile('--codeowners', stringFlag(parsed.values, 'codeowners'));
	const configFile = await ctx.explicitFile('--config', stringFlag(parsed.values, 'config'));
	const codeownersCandidates = codeownersFile !== undefined ? [codeownersFile] : codeownersLocations(dialect === 'auto' ? undefined : dialect);
	const configCandidates = configFile !== undefined ? [configFile] : [...guardrailsLocations];
	const workingTree = ctx.host(options.files);
	// A file named by a flag is read under its role's limit, whatever its name.
	if (codeownersFile !== undefined) {
		workingTree.limits.assign(normalizeRepoPath(codeownersFile), codeownersReadLimit);
	}
	if (configFile !== undefined) {
		workingTree.limits.assign(normalizeRepoPath(configFile), guardrailsConfigReadLimit);
	}
	const host = options.revision === undefined
		? workingTree
		: new RevisionHost(ctx.git, options.revision, [...codeownersCandidates, ...configCandidates], workingTree);
	const model = await loadWorkspaceModel(host, {
		dialect,
		...(codeownersFile !== undefined ? { codeownersFile } : {}),
		...(configFile !== undefined ? { configFile } : {}),
		...(options.identity !== undefined ? { identity: options.identity } : {}),
	});
	if (host instanceof RevisionHost && host.failure !== undefined) {
		throw host.failure instanceof CliError ? host.failure : new CliError(String(host.failure));
	}
	for (const candidate of [...codeownersCandidates, ...configCandidates]) {
		const reason = host.unreadable.get(candidate);
		if (reason !== undefined) {
			throw new CliError(`cannot read ${candidate}: ${reason}`);
		}
	}
	const tooLarge = model.codeowners?.parsed.problems.find((p) => p.code === 'file-too-large');
	if (tooLarge !== undefined) {
		// GitHub ignores the whole file, so every answer below is "unowned": say why, once.
		ctx.io.stderr(`guardrails: warning: ${tooLarge.file}: ${tooLarge.message}\n`);
	}
	if (options.requireCodeowners === true && model.codeowners === null) {
		throw new CliError(`no CODEOWNERS file in ${ctx.root} (looked for ${codeownersCandidates.join(', ')}); pass --codeowners FILE or --root DIR`);
	}
	if (options.requireAny === true && model.codeowners === null && model.config === null) {
		throw new CliError(`no CODEOWNERS file and no guardrails config in ${ctx.root}; pass --root DIR, --codeowners FILE or --config FILE`);
	}
	return model;
}

/** {@link loadModel} for commands that only make sense with CODEOWNERS. */
export async function loadCodeownersModel(ctx: CommandContext, parsed: ParsedCommand, options: LoadOptions = {}): Promise<ModelWithCodeowners> {
	return (await loadModel(ctx, parsed, { ...options, requireCodeowners: true })) as ModelWithCodeowners;
}
