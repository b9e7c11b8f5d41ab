import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { formatBytes, formatLimit } from '../engine/safety/readLimits';
import { readBounded, regularFileProblem } from './boundedRead';
import { CliError } from './errors';
import { Git } from './git';
import { NodeHost } from './nodeHost';
import { findRoot, listedFiles, toRootPath } from './paths';

/** Largest `--files-from` list read (a path list of a million files is ~60 MB). */
const userFileLimit = 256 * 1024 * 1024;

/** What the CLI talks to: output streams, the working directory and the environment. */
export interface CliIo {
	stdout(text: string): void;
	stderr(text: string): void;
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Standard input as text, for `--files-from -`; absent when there is none to read. */
	stdin?(): Promise<string>;
}

/** Everything a command needs about where it runs. */
export class CommandContext {
	readonly git: Git;
	private topLevel: Promise<string | undefined> | undefined;

	constructor(
		readonly io: CliIo,
		readonly root: string,
	) {
		this.git = new Git(root, io.env);
	}

	static create(io: CliIo, rootFlag: string | undefined): CommandContext {
		return new CommandContext(io, findRoot(io.cwd, rootFlag));
	}

	/** The git work tree the root is in, or undefined when it is not in one (or git is missing). */
	gitTopLevel(): Promise<string | undefined> {
		this.topLevel ??= this.git.topLevel();
		return this.topLevel;
	}

	/**
	 * The root's path inside its git work tree (`demo/acme-bank/`), or '' at the top or outside
	 * git. GitHub and GitLab resolve report paths against the repository, so a root in a
	 * subdirectory needs the prefix.
	 */
	async repositoryPrefix(): Promise<string> {
		let top: string | undefined;
		try {
			top = await this.gitTopLevel();
		} catch {
			// Without git the root is taken as the repository.
			return '';
		}
		if (top === undefined) {
			return '';
		}
		const relative = path.relative(realpathSync(top), realpathSync(this.root));
		return relative === '' || relative.startsWith('..') ? '' : `${relative.split(path.sep).join('/')}/`;
	}

	/** A host over the root; `files` (when known) answers directory listings. */
	host(files?: readonly string[]): NodeHost {
		return new NodeHost(this.root, files);
	}

	/** Path arguments made repository-relative (relative to the cwd, or absolute). */
	rootPaths(args: readonly string[]): string[] {
		return args.map((arg) => toRootPath(this.root, this.io.cwd, arg));
	}

	/**
	 * A file named by a flag (`--codeowners`, `--config`), as a root-relative path. It must exist
	 * and be readable: a typo in a flag must not silently fall back to another file.
	 */
	async explicitFile(flag: string, arg: string | undefined): Promise<string | undefined> {
		if (arg === undefined) {
			return undefined;
		}
		const relative = toRootPath(this.root, this.io.cwd, arg);
		// Only checked here: the host reads it, within the limit for its kind.
		const absolute = path.resolve(this.io.cwd, arg);
		const problem = await regularFileProblem(absolute);
		if (problem !== undefined) {
			throw new CliError(`${flag} ${path.relative(this.io.cwd, absolute) || absolute}: ${problem}`);
		}
		return relative;
	}

	private async readUserFile(flag: string, absolute: string): Promise<string> {
		const maxBytes = userFileLimit;
		const name = path.relative(this.io.cwd, absolute) || absolute;
		const read = await readBounded(absolute, maxBytes, (size) => `${formatBytes(size)}, larger than the ${formatLimit(maxBytes)} limit`);
		if ('text' in read) {
			return read.text;
		}
		throw new CliError(`${flag} ${name}: ${'reason' in read ? read.reason : 'no such file or directory'}`);
	}

	/**
	 * The repository's files: from `--files-from` (a file, or `-` for standard input; one path per
	 * line, or NUL-separated, relative to the root), else `git ls-files` under the root, else undefined when the root is not in a
	 * git work tree.
	 */
	async repositoryFiles(filesFrom: string | undefined): Promise<string[] | undefined> {
		if (filesFrom !== undefined) {
			let text: string;
			if (filesFrom === '-') {
				if (this.io.stdin === undefined) {
					throw new CliError('--files-from -: no standard input to read');
				}
				text = await this.io.stdin();
			} else {
				text = await this.readUserFile('--files-from', path.resolve(this.io.cwd, filesFrom));
			}
			const entries = text.includes('\0') ? text.split('\0') : text.split('\n');
			return listedFiles(entries);
		}
		if ((await this.gitTopLevel()) === undefined) {
			return undefined;
		}
		return this.git.trackedFiles();
	}
}

