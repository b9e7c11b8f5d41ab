import type * as vscode from 'vscode';
import { getConfig } from '../configuration';
import { codeHostFor, remoteUrlFromGitConfig } from '../../engine/codeHost';
import type { CodeHost, CodeHostKind } from '../../engine/codeHost';
import type { RepoRegistry } from './repoRegistry';
import { WorkspaceHost } from './workspaceHost';

/** Only plain http(s) URLs are ever put into a Markdown link or a document link. */
const safeUrl = /^(https?:\/\/[A-Za-z0-9.\-_~:%/]+|mailto:[A-Za-z0-9.\-_~%+@]+)$/;

/** True when `url` can be written into Markdown and opened without surprises. */
export function isSafeLink(url: string): boolean {
	return safeUrl.test(url);
}

/**
 * The code host of each repository root: `ownershipGuardrails.codeHost.url` when set, else the
 * `origin` remote read from `.git/config` through `workspace.fs` (no git process, so it works in
 * untrusted and virtual workspaces too). The remote is the `remote` part of the root's
 * {@link RepoState}: read once, dropped with the model.
 */
export class CodeHostResolver {
	constructor(private readonly repos: RepoRegistry) {}

	async resolve(root: vscode.Uri, dialect: CodeHostKind): Promise<CodeHost> {
		const settingUrl = getConfig(root).codeHost.url;
		const remoteUrl = settingUrl ? undefined : await this.remote(root);
		return codeHostFor({ settingUrl, remoteUrl, dialect });
	}

	private remote(root: vscode.Uri): Promise<string | undefined> {
		return this.repos.load(root, 'remote', () => readRemote(root));
	}
}

async function readRemote(root: vscode.Uri): Promise<string | undefined> {
	// Through the host: a regular file inside the root, within its size limit.
	const text = await new WorkspaceHost(root).readFile('.git/config').catch(() => undefined);
	// No .git directory (or a worktree whose .git is a file): fall back to the dialect's host.
	return text === undefined ? undefined : remoteUrlFromGitConfig(text);
}
