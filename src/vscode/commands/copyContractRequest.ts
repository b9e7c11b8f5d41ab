import * as vscode from 'vscode';
import { contractRequestText } from '../../engine/imports/boundaryEdits';
import type { BoundaryFixArgs } from '../features/boundaries/boundaryDiagnostics';
import type { Container } from '../container';

function isFixArgs(arg: unknown): arg is BoundaryFixArgs {
	return typeof arg === 'object' && arg !== null && typeof (arg as BoundaryFixArgs).uri === 'string' && typeof (arg as BoundaryFixArgs).line === 'number';
}

/** Copies a message to the lead of the imported domain asking for a public entry or a contract (quick fix on a boundary diagnostic). */
export async function copyContractRequest(container: Container, arg?: unknown): Promise<string | undefined> {
	const found = isFixArgs(arg) ? await container.boundaries.findingAt(arg) : undefined;
	if (found === undefined) {
		return undefined;
	}
	const { repo, finding } = found;
	const domains = repo.config?.domains;
	const lead = repo.who(finding.target).lead;
	const text = contractRequestText(finding, { from: domains?.get(finding.from)?.title ?? finding.from, to: domains?.get(finding.to)?.title ?? finding.to }, lead);
	await vscode.env.clipboard.writeText(text);
	void vscode.window.setStatusBarMessage(vscode.l10n.t('Contract request copied.'), 3000);
	return text;
}
