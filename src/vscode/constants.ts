// Identifiers shared by the manifest and the code. No `vscode` import: the manifest unit test
// imports this file in plain Node to check that package.json and the code agree.

/** Every command the extension contributes. The manifest test checks this list both ways. */
export const commandIds = [
	'ownershipGuardrails.whoDecides',
	'ownershipGuardrails.openCodeownersRule',
	'ownershipGuardrails.copyReviewRequest',
	'ownershipGuardrails.openDecisionCard',
	'ownershipGuardrails.createAdr',
	'ownershipGuardrails.copyReviewers',
	'ownershipGuardrails.copyPullRequestComment',
	'ownershipGuardrails.refresh',
	'ownershipGuardrails.draftConfig',
	'ownershipGuardrails.showOwnershipMap',
	'ownershipGuardrails.copyContractRequest',
	'ownershipGuardrails.allowImport',
	'ownershipGuardrails.showDomainDependencies',
] as const;

export type CommandId = (typeof commandIds)[number];

export const commands = {
	whoDecides: 'ownershipGuardrails.whoDecides',
	openCodeownersRule: 'ownershipGuardrails.openCodeownersRule',
	copyReviewRequest: 'ownershipGuardrails.copyReviewRequest',
	openDecisionCard: 'ownershipGuardrails.openDecisionCard',
	createAdr: 'ownershipGuardrails.createAdr',
	copyReviewers: 'ownershipGuardrails.copyReviewers',
	copyPullRequestComment: 'ownershipGuardrails.copyPullRequestComment',
	refresh: 'ownershipGuardrails.refresh',
	draftConfig: 'ownershipGuardrails.draftConfig',
	showOwnershipMap: 'ownershipGuardrails.showOwnershipMap',
	copyContractRequest: 'ownershipGuardrails.copyContractRequest',
	allowImport: 'ownershipGuardrails.allowImport',
	showDomainDependencies: 'ownershipGuardrails.showDomainDependencies',
} as const satisfies Record<string, CommandId>;

/** The Getting Started walkthrough (`contributes.walkthroughs`), as `publisher.name#id`. */
export const walkthroughId = 'ownership-guardrails.ownership-guardrails#gettingStarted';

/** Context keys used in `when` clauses of the manifest. */
export const contextKeys = {
	/** True when the active editor's file has an ownership answer. */
	hasOwner: 'ownershipGuardrails.hasOwner',
	/** True when the active editor's file is matched by a contract. */
	isContract: 'ownershipGuardrails.isContract',
} as const;

/** The configuration section; every setting is `ownershipGuardrails.<key>`. */
export const configSection = 'ownershipGuardrails';

export const extensionId = 'ownership-guardrails.ownership-guardrails';
export const outputChannelName = 'Ownership Guardrails';
export const diagnosticSource = 'Ownership Guardrails';
export const statusBarItemId = 'ownershipGuardrails.status';
export const reviewRoutingViewId = 'ownershipGuardrails.reviewRouting';
export const ownershipMapViewType = 'ownershipGuardrails.ownershipMap';

/** Where the diagnostics' `code` links point. */
export const docsBaseUrl = 'https://github.com/ownership-guardrails/ownership-guardrails/blob/main/docs/';

/**
 * Exact CODEOWNERS locations (both hosts). Only these are watched and declared as
 * `workspaceContains:`: broad globs would make VS Code search the whole tree.
 */
export const codeownersLocations = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'] as const;

/** Exact guardrails config locations, first found wins. */
export const guardrailsLocations = [
	'guardrails.yaml',
	'.github/guardrails.yaml',
	'.gitlab/guardrails.yaml',
	'.config/guardrails.yaml',
	'guardrails.json',
] as const;
