// Where an owner lives on the code host, for hover and document links. The base URL comes from the
// setting or from the repository's git remote, read as text (never by running git), so it also
// works in virtual workspaces. Pure: no vscode, no Node built-ins.

/** Which URL shapes to build: GitHub (and Enterprise) or GitLab (and self-managed). */
export type CodeHostKind = 'github' | 'gitlab';

export interface CodeHost {
	kind: CodeHostKind;
	/** Scheme and host, plus a path prefix for instances served below one; no trailing `/`. */
	baseUrl: string;
}

/**
 * The URL of the `origin` remote in a `.git/config` text (else the first remote with a URL), or
 * undefined when there is none.
 */
export function remoteUrlFromGitConfig(text: string): string | undefined {
	let section: string | undefined;
	const urls = new Map<string, string>();
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#') || line.startsWith(';')) {
			continue;
		}
		const header = /^\[\s*remote\s+"([^"]*)"\s*\]$/.exec(line);
		if (header) {
			section = header[1];
			continue;
		}
		if (line.startsWith('[')) {
			section = undefined;
			continue;
		}
		const entry = /^url\s*=\s*(.+)$/i.exec(line);
		if (section !== undefined && entry && !urls.has(section)) {
			urls.set(section, entry[1].trim().replace(/^"(.*)"$/, '$1'));
		}
	}
	return urls.get('origin') ?? urls.values().next().value;
}

/**
 * The web base URL of a git remote: `git@host:org/repo.git`, `ssh://git@host:22/org/repo`,
 * `https://user@host/org/repo.git` all give `https://host`. Undefined for local paths.
 */
export function webBaseOfRemote(remote: string): string | undefined {
	const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)/.exec(remote);
	if (scp && !/^[A-Za-z]:$/.test(`${scp[1]}:`)) {
		return `https://${scp[1]}`;
	}
	const url = /^(?:ssh|git|https?):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\//i.exec(remote);
	if (url) {
		const scheme = /^http:/i.test(remote) ? 'http' : 'https';
		return `${scheme}://${url[1]}`;
	}
	return undefined;
}

/**
 * The code host for a repository: an explicit base URL (setting) wins over the remote; GitLab URL
 * shapes are used when the dialect is GitLab or the host name says so.
 */
export function codeHostFor(options: { settingUrl?: string; remoteUrl?: string; dialect: CodeHostKind }): CodeHost {
	const explicit = options.settingUrl?.trim().replace(/\/+$/, '');
	const base = explicit || (options.remoteUrl ? webBaseOfRemote(options.remoteUrl) : undefined);
	const baseUrl = base ?? (options.dialect === 'gitlab' ? 'https://gitlab.com' : 'https://github.com');
	const kind: CodeHostKind = options.dialect === 'gitlab' || /\/\/[^/]*gitlab/i.test(baseUrl) ? 'gitlab' : 'github';
	return { kind, baseUrl };
}

/**
 * An e-mail address as a `mailto:` URL that is safe inside a Markdown link destination: every
 * character but letters, digits, `-`, `_`, `.`, `~` and the one `@` is percent-encoded, including
 * `(`, `)`, `!`, `'` and `*`, which `encodeURIComponent` leaves alone (a `)` would end the link).
 */
export function mailtoUrl(address: string): string {
	const encoded = address
		.split('@')
		.map((part) => encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
		.join('@');
	return `mailto:${encoded}`;
}

/**
 * The web page of a CODEOWNERS owner token: a user profile, a GitHub team page
 * (`/orgs/<org>/teams/<team>`) or a GitLab group; `mailto:` for e-mails; undefined for GitLab
 * roles and tokens that are not owners. Path parts are URI-encoded.
 */
export function ownerUrl(owner: string, host: CodeHost): string | undefined {
	if (owner.startsWith('@@')) {
		return undefined;
	}
	if (!owner.startsWith('@')) {
		return /^[^\s@]+@[^\s@]+$/.test(owner) ? mailtoUrl(owner) : undefined;
	}
	const parts = owner.slice(1).split('/');
	if (parts.some((part) => !/^[A-Za-z0-9_.-]+$/.test(part))) {
		return undefined;
	}
	const encoded = parts.map((part) => encodeURIComponent(part));
	if (host.kind === 'github' && encoded.length === 2) {
		return `${host.baseUrl}/orgs/${encoded[0]}/teams/${encoded[1]}`;
	}
	if (host.kind === 'github' && encoded.length > 2) {
		return undefined;
	}
	return `${host.baseUrl}/${encoded.join('/')}`;
}
