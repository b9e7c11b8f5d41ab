import type { EngineHost, Problem } from './types';
import type { Dialect, DialectChoice, OwnerExplanation, OwnerResolution, ParsedCodeowners } from './codeowners/types';
import { parseCodeowners, unreadCodeowners } from './codeowners/parse';
import { compileCodeowners } from './codeowners/index/codeownersIndex';
import type { CodeownersIndex } from './codeowners/index/codeownersIndex';
import { findCodeowners } from './codeowners/locations';
import { findContractCrossings } from './guardrails/decisionRender';
import type { Crossings } from './guardrails/decisionRender';
import { forecastReview } from './guardrails/forecast';
import { resolveIdentity } from './guardrails/identity';
import type { Identity } from './guardrails/identity';
import { lintGuardrails } from './guardrails/lintGuardrails';
import { findGuardrails } from './guardrails/locations';
import type { Adr, Change, Decision, GuardrailsConfig, ReviewForecast } from './guardrails/types';
import { createDecisionContext, whoDecides } from './guardrails/whoDecides';
import type { DecisionContext } from './guardrails/whoDecides';
import { normalizeRepoPath } from './paths';

/** How to find the files and who the user is; every field is optional. */
export interface WorkspaceModelOptions {
	/** A CODEOWNERS file to use instead of the host's lookup order. */
	codeownersFile?: string;
	/** A guardrails config to use instead of the standard locations. */
	configFile?: string;
	/** `auto` (default) detects the dialect from the location and content. */
	dialect?: Dialect | 'auto';
	/** Who the user is: a person id, a handle (any host, with or without `@`) or an e-mail. */
	identity?: string;
	/** Every repository-relative file: enables the checks that need a file list in `problems()`. */
	files?: readonly string[];
	/** Files under the ADR roots (else `host.listFiles`, else only the ADRs the config names). */
	adrFiles?: readonly string[];
	/** Bound of the per-path memo. Default 5,000. */
	cacheSize?: number;
}

/** The CODEOWNERS file in use. */
export interface CodeownersInfo {
	file: string;
	dialect: Dialect;
	choice: DialectChoice;
	parsed: ParsedCodeowners;
	index: CodeownersIndex;
}

/** Everything the CLI and the extension ask about one workspace, parsed and compiled once. */
export interface WorkspaceModel {
	/** The CODEOWNERS file in use, or null when there is none. */
	readonly codeowners: CodeownersInfo | null;
	/** The parsed guardrails config, or null when there is none. */
	readonly config: GuardrailsConfig | null;
	readonly identity: Identity | null;
	readonly adrs: ReadonlyMap<string, Adr>;
	/** The decision context (memoized answers); reuse it rather than building another. */
	readonly context: DecisionContext;
	/** Who decides a path (memoized). */
	who(path: string): Decision;
	/** CODEOWNERS owners of a path, or null without CODEOWNERS. */
	owners(path: string): OwnerResolution | null;
	/** Every CODEOWNERS rule matching a path and which one won, or null without CODEOWNERS. */
	explain(path: string): OwnerExplanation | null;
	/** The review forecast for a set of changes. */
	forecast(changes: readonly Change[]): ReviewForecast;
	/** What an edit to a path crosses: contracts and whether it is another team's file. */
	crossings(path: string): Crossings;
	/** Problems of both files (parser, schema, references, ADRs; with `files`: lint too). */
	problems(): Problem[];
	/** The guardrails checks that need the repository's file list (ties, unused patterns, ADRs, drift). */
	lint(files: readonly string[]): Problem[];
}

function problemKey(p: Problem): string {
	return `${p.file}\u0000${p.line}\u0000${p.column}\u0000${p.code}\u0000${p.message}`;
}

/**
 * Finds, reads, parses and compiles CODEOWNERS and guardrails.yaml once and returns the model the
 * CLI and the extension share, so they cannot disagree. Never throws: a missing file gives a null
 * part, a broken one its valid part plus problems.
 */
export async function loadWorkspaceModel(host: EngineHost, options: WorkspaceModelOptions = {}): Promise<WorkspaceModel> {
	const loadProblems: Problem[] = [];
	const [foundCodeowners, foundConfig] = await Promise.all([
		findCodeowners(host, { dialect: options.dialect ?? 'auto', ...(options.codeownersFile ? { file: normalizeRepoPath(options.codeownersFile) } : {}) }).catch(() => undefined),
		findGuardrails(host, options.configFile).catch(() => undefined),
	]);
	let codeowners: CodeownersInfo | null = null;
	if (foundCodeowners) {
		const parsed = foundCodeowners.tooLarge !== undefined
			? unreadCodeowners(foundCodeowners.file, foundCodeowners.choice.dialect, foundCodeowners.tooLarge)
			: parseCodeowners(foundCodeowners.text, { dialect: foundCodeowners.choice.dialect, file: foundCodeowners.file });
		codeowners = { file: foundCodeowners.file, dialect: foundCodeowners.choice.dialect, choice: foundCodeowners.choice, parsed, index: compileCodeowners(parsed) };
	} else if (options.codeownersFile) {
		loadProblems.push({ code: 'file-not-found', severity: 'error', file: normalizeRepoPath(options.codeownersFile), line: 1, column: 1, message: `CODEOWNERS file ${options.codeownersFile} not found.` });
	}
	let config: GuardrailsConfig | null = null;
	if (foundConfig) {
		// Loaded on demand: YAML and JSON Schema support cost a CODEOWNERS-only run (audit, owners) startup time.
		const { parseGuardrails } = await import('./guardrails/parse');
		config = parseGuardrails(foundConfig.text, foundConfig.file);
	} else if (options.configFile) {
		loadProblems.push({ code: 'file-not-found', severity: 'error', file: normalizeRepoPath(options.configFile), line: 1, column: 1, message: `Guardrails config ${options.configFile} not found.` });
	}
	let adrs: ReadonlyMap<string, Adr> = new Map();
	const adrProblems: Problem[] = [];
	if (config) {
		const { loadAdrs } = await import('./guardrails/adr');
		const loaded = await loadAdrs(host, config, options.adrFiles);
		adrs = loaded.adrs;
		adrProblems.push(...loaded.problems);
	}
	const identity = config ? resolveIdentity(config, options.identity) : null;
	const dialect = codeowners?.dialect ?? (options.dialect === 'gitlab' ? 'gitlab' : 'github');
	const context = createDecisionContext({
		config,
		codeowners: codeowners ? { index: codeowners.index, file: codeowners.file, dialect: codeowners.dialect } : null,
		adrs,
		identity,
		dialect,
		...(options.cacheSize !== undefined ? { cacheSize: options.cacheSize } : {}),
	});
	const lint = (files: readonly string[]): Problem[] => {
		if (!config) {
			return [];
		}
		const known = new Set(adrProblems.map(problemKey));
		return lintGuardrails(config, { files: files.map(normalizeRepoPath), context, codeowners: context.codeowners })
			.filter((p) => !known.has(problemKey(p)));
	};
	let allProblems: Problem[] | undefined;
	return {
		codeowners,
		config,
		identity,
		adrs,
		context,
		who: (path) => whoDecides(context, normalizeRepoPath(path)),
		owners: (path) => codeowners?.index.resolve(normalizeRepoPath(path)) ?? null,
		explain: (path) => codeowners?.index.explain(normalizeRepoPath(path)) ?? null,
		forecast: (changes) => forecastReview(context, changes.map((c) => ({ ...c, path: normalizeRepoPath(c.path), ...(c.oldPath !== undefined ? { oldPath: normalizeRepoPath(c.oldPath) } : {}) }))),
		crossings: (path) => findContractCrossings(whoDecides(context, normalizeRepoPath(path)), config),
		problems: () => {
			allProblems ??= [
				...loadProblems,
				...(codeowners?.parsed.problems ?? []),
				...(config?.problems ?? []),
				...adrProblems,
				...(options.files ? lint(options.files) : []),
			];
			return [...allProblems];
		},
		lint,
	};
}
