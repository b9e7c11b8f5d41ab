import { existsSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from './errors';

/**
 * Files whose presence marks a repository root for the CLI: every CODEOWNERS location of both
 * hosts and every guardrails config location.
 */
export const rootMarkers: readonly string[] = [
	'.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS',
	'guardrails.yaml', '.github/guardrails.yaml', '.gitlab/guardrails.yaml', '.config/guardrails.yaml', 'guardrails.json',
];

function isDirectory(dir: string): boolean {
	try {
		return statSync(dir).isDirectory();
	} catch {
		return false;
	}
}

/**
 * The root the CLI works in: `--root` when given (must be a directory); otherwise the nearest
 * directory at or above `cwd` that holds a CODEOWNERS or guardrails file, stopping at the git work
 * tree's top (a `.git` entry), else `cwd` itself. Searching upwards lets the CLI run from any
 * subdirectory; stopping at `.git` keeps it from picking up files outside the repository.
 */
export function findRoot(cwd: string, explicit: string | undefined): string {
	if (explicit !== undefined) {
		const root = path.resolve(cwd, explicit);
		if (!existsSync(root)) {
			throw new CliError(`--root ${explicit}: no such directory`);
		}
		if (!isDirectory(root)) {
			throw new CliError(`--root ${explicit}: not a directory`);
		}
		return root;
	}
	let dir = path.resolve(cwd);
	for (;;) {
		if (rootMarkers.some((marker) => existsSync(path.join(dir, marker))) || existsSync(path.join(dir, '.git'))) {
			return dir;
		}
		const parent = path.dirname(dir);
		if (parent === dir) {
			return path.resolve(cwd);
		}
		dir = parent;
	}
}

function tryRealpath(p: string): string | undefined {
	try {
		return realpathSync(p);
	} catch {
		return undefined;
	}
}

/** `absolute` relative to `root` in posix form, or undefined when it is not inside `root`. */
function inside(root: string, absolute: string): string | undefined {
	const relative = path.relative(root, absolute);
	if (relative.startsWith('..') || path.isAbsolute(relative)) {
		return undefined;
	}
	return relative.split(path.sep).join('/');
}

/**
 * Turns a path argument (relative to `cwd`, or absolute) into a repository-relative posix path.
 * Symlinked spellings of the root (`/tmp` → `/private/tmp`) are accepted. A path outside the root
 * is a user error.
 */
export function toRootPath(root: string, cwd: string, arg: string): string {
	if (arg.length === 0) {
		throw new CliError('empty path argument');
	}
	const absolute = path.resolve(cwd, arg);
	let relative = inside(root, absolute);
	if (relative === undefined) {
		const realRoot = tryRealpath(root);
		// The path may not exist yet (a file about to be added): resolve its parent instead.
		const realParent = tryRealpath(path.dirname(absolute));
		const realArg = tryRealpath(absolute) ?? (realParent !== undefined ? path.join(realParent, path.basename(absolute)) : undefined);
		if (realRoot !== undefined && realArg !== undefined) {
			relative = inside(realRoot, realArg);
		}
	}
	if (relative === undefined) {
		throw new CliError(`${arg} is outside the root ${root}`);
	}
	if (relative === '') {
		throw new CliError(`${arg} is the root itself; name a file or directory inside it`);
	}
	return relative;
}

/** Normalises a repository-relative path read from a file list (`./a`, `/a`, CRLF lists). */
export function normaliseListedPath(line: string): string {
	// Most lines need nothing: test the characters before paying for three regular expressions.
	const first = line.charCodeAt(0);
	if (first !== 46 /* . */ && first !== 47 /* / */ && line.charCodeAt(line.length - 1) !== 13 /* \r */) {
		return line;
	}
	return line.replace(/\r$/, '').replace(/^\.\//, '').replace(/^\/+/, '');
}

/**
 * The repository files in a split `--files-from` list: normal, without empty lines or repeats. One
 * pass; the list can hold a million paths. While it is in order (git lists files sorted), a path
 * greater than the one before is new: a comparison instead of a Set holding every path. Once the
 * order breaks, a Set of the paths so far takes over. A list that is already clean (git's: sorted,
 * normal, one final newline) is returned as split, without copying it.
 */
export function listedFiles(entries: string[]): string[] {
	let seen: Set<string> | undefined;
	let previous = '';
	let files: string[] | undefined;
	// Indexed, not for-of: an array iterator allocates a result object per step until the loop is
	// optimised, megabytes of garbage for a large list.
	for (let i = 0; i < entries.length; i++) {
		const entry = entries[i];
		const file = normaliseListedPath(entry);
		if (files === undefined) {
			if (file === entry && file > previous) {
				previous = file;
				continue;
			}
			if (file.length === 0 && i === entries.length - 1) {
				entries.pop();
				return entries;
			}
			files = entries.slice(0, i);
		}
		if (file.length === 0) {
			continue;
		}
		if (seen === undefined) {
			if (file > previous) {
				previous = file;
				files.push(file);
				continue;
			}
			seen = new Set(files);
		}
		if (!seen.has(file)) {
			seen.add(file);
			files.push(file);
		}
	}
	return files ?? entries;
}
