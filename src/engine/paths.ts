// Posix path helpers shared by the engine. Paths inside the engine are repository-relative, use
// `/` only, and have no leading `/` or `./`, so every lookup can compare strings directly.

/**
 * Turns a repository-relative path into the engine's form: leading `./` and `/` are removed,
 * repeated and trailing slashes collapse. A backslash is a character of the name, as on the code
 * hosts (`services\\api.yaml` is one file at the root); the CLI and the extension turn Windows
 * paths into `/` form before they get here.
 */
export function normalizeRepoPath(path: string): string {
	let p = path;
	if (isNormalRepoPath(p)) {
		return p;
	}
	p = p.replace(/\/{2,}/g, '/');
	while (p.startsWith('./')) {
		p = p.slice(2);
	}
	while (p.startsWith('/')) {
		p = p.slice(1);
	}
	p = p.replace(/\/\.\//g, '/');
	while (p.endsWith('/')) {
		p = p.slice(0, -1);
	}
	return p === '.' ? '' : p;
}

/** Whether a path is already in the engine's form (cheap check, used on hot paths). */
export function isNormalRepoPath(path: string): boolean {
	// One pass over the characters: this runs once per resolved path.
	let previousSlash = true;
	for (let i = 0; i < path.length; i++) {
		const c = path.charCodeAt(i);
		if (c === 47 /* / */) {
			if (previousSlash) {
				return false;
			}
			previousSlash = true;
		} else {
			if (c === 46 /* . */ && previousSlash && (i + 1 === path.length || path.charCodeAt(i + 1) === 47)) {
				return false;
			}
			previousSlash = false;
		}
	}
	return !previousSlash || path.length === 0;
}

/** The parent directory of a repository-relative path (`''` for a root entry). */
export function parentPath(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * A posix path with `.` and `..` segments applied and no leading or trailing `/`; undefined when
 * `..` climbs above the root (an import or a link that leaves the repository). Unlike
 * `normalizeRepoPath`, which only tidies a path the host gave, this one resolves references written
 * in the repository's files.
 */
export function resolveDotSegments(path: string): string | undefined {
	const out: string[] = [];
	for (const segment of path.split('/')) {
		if (segment === '' || segment === '.') {
			continue;
		}
		if (segment === '..') {
			if (out.length === 0) {
				return undefined;
			}
			out.pop();
			continue;
		}
		out.push(segment);
	}
	return out.join('/');
}
