// How much of a workspace file the product reads. Both hosts (the CLI's NodeHost and the
// extension's WorkspaceHost) check a file's size against these before reading it, and read only
// regular files inside the repository root, so a FIFO, a device or a link out of the root is
// never opened and a huge file is never loaded. Documented in docs/reliability.md.

const MB = 1024 * 1024;

/** One kind of file and its limit. */
export interface ReadLimit {
	/** What the file is, for messages: "CODEOWNERS", "guardrails config", "ADR". */
	kind: string;
	/** Largest size read, in bytes; a larger file is refused whole. */
	maxBytes: number;
}

/** GitHub ignores a CODEOWNERS of 3 MB or more; GitLab documents no limit, and we apply GitHub's. */
export const codeownersReadLimit: ReadLimit = { kind: 'CODEOWNERS', maxBytes: 3 * MB };

/** The guardrails config, wherever it is and whatever its name. */
export const guardrailsConfigReadLimit: ReadLimit = { kind: 'guardrails config', maxBytes: 4 * MB };

/**
 * Limits by file, first match wins. Config and catalog files are hand-written and small: the
 * limits are far above any real one (the demo's guardrails.yaml is 5 KB; a 100,000-line one is
 * ~3 MB). ADRs are read for their title and front matter only.
 */
const limits: readonly { test: RegExp; limit: ReadLimit }[] = [
	{ test: /(^|\/)CODEOWNERS$/, limit: codeownersReadLimit },
	{ test: /(^|\/)guardrails\.(ya?ml|json)$/, limit: guardrailsConfigReadLimit },
	{ test: /(^|\/)catalog-info\.ya?ml$/, limit: { kind: 'catalog-info.yaml', maxBytes: 1 * MB } },
	{ test: /(^|\/)package\.json$/, limit: { kind: 'package.json', maxBytes: 1 * MB } },
	{ test: /(^|\/)(tsconfig|jsconfig)[^/]*\.json$/, limit: { kind: 'tsconfig', maxBytes: 1 * MB } },
	{ test: /(^|\/)pyproject\.toml$/, limit: { kind: 'pyproject.toml', maxBytes: 1 * MB } },
	{ test: /(^|\/)go\.(mod|work)$/, limit: { kind: 'go.mod', maxBytes: 1 * MB } },
	{ test: /(^|\/)\.git\/config$/, limit: { kind: 'git config', maxBytes: 1 * MB } },
	{ test: /\.(md|markdown|mdx|adoc|rst)$/i, limit: { kind: 'ADR', maxBytes: 1 * MB } },
];

/** Any other file the product reads through a host. */
export const defaultReadLimit: ReadLimit = { kind: 'file', maxBytes: 4 * MB };

/** The limit for a repository-relative path. */
export function readLimitFor(path: string): ReadLimit {
	return limits.find((entry) => entry.test.test(path))?.limit ?? defaultReadLimit;
}

/** `3 MB`, `512 KB`, `12 bytes`. */
export function formatLimit(bytes: number): string {
	if (bytes >= MB && bytes % MB === 0) {
		return `${bytes / MB} MB`;
	}
	if (bytes >= 1024 && bytes % 1024 === 0) {
		return `${bytes / 1024} KB`;
	}
	return `${bytes} bytes`;
}

/** `52,428,800 bytes`: exact, with thousands separators (no locale: the same on every machine). */
export function formatBytes(bytes: number): string {
	return `${String(bytes).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes`;
}

/** Why a file is refused for its size: `52,428,800 bytes, larger than the 3 MB limit for CODEOWNERS`. */
export function tooLargeReason(path: string, size: number, limit: ReadLimit = readLimitFor(path)): string {
	return `${formatBytes(size)}, larger than the ${formatLimit(limit.maxBytes)} limit for ${limit.kind === 'file' ? 'a file read' : limit.kind}`;
}

/** A file larger than its limit. */
export function exceedsReadLimit(path: string, size: number): boolean {
	return size > readLimitFor(path).maxBytes;
}

/**
 * One host's limits: by name ({@link readLimitFor}), except for files named for a role, which take
 * that role's limit whatever their name. A CODEOWNERS given as `--codeowners owners.md` (or by the
 * extension's `codeownersPath` setting) is read as a CODEOWNERS, not as an ADR.
 */
export class ReadLimits {
	private readonly assigned = new Map<string, ReadLimit>();

	/** Reads `path` under `limit` from now on. */
	assign(path: string, limit: ReadLimit): void {
		this.assigned.set(path, limit);
	}

	/** The limit for a repository-relative path. */
	for(path: string): ReadLimit {
		return this.assigned.get(path) ?? readLimitFor(path);
	}

	/** Why `path` of `size` bytes is refused, in words. */
	tooLargeReason(path: string, size: number): string {
		return tooLargeReason(path, size, this.for(path));
	}
}
