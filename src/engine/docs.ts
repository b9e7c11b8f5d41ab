// Where the documentation lives, for links from problem codes (editor, SARIF, GitLab reports).

/** Base URL of the repository's `docs/` folder on the default branch (the extension's `docsBaseUrl` too; a unit test keeps them equal). */
export const docsBaseUrl = 'https://github.com/ownership-guardrails/ownership-guardrails/blob/main/docs/';

/** The help page of a problem code: its section in docs/diagnostics.md (the heading is the code). */
export function diagnosticHelpUri(code: string): string {
	return `${docsBaseUrl}diagnostics.md#${code}`;
}
