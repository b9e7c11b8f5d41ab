// Prepares fresh, disposable workspaces from demo/acme-bank for the integration suites, the UI
// smoke test and the demo: a git repository copy (the extension reads git for identity and changes)
// and a multi-root .code-workspace (that copy plus a plain folder outside any repository).
//
// usage: node scripts/prepareWorkspace.mjs             prints the repository copy's path
//        node scripts/prepareWorkspace.mjs --multiroot prints the .code-workspace path
//        node scripts/prepareWorkspace.mjs --codeowners-only prints a repository with only a CODEOWNERS
//        node scripts/prepareWorkspace.mjs --hostile   prints a hostile copy of the demo (issue 14)
// Either way the caller owns the printed temp folder and deletes it when done.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const demoSource = path.join(repoRoot, 'demo', 'acme-bank');
const fallbackEmail = 'bob@acme-bank.example';
// Fixed dates keep commit ids, blame and "last changed" answers identical from run to run.
const fixedDate = '2026-01-15T09:00:00+00:00';

/** Bob is the demo's "current user": a payments deputy, so the extension has a story to tell him. */
function bobsEmail(repo) {
	for (const candidate of ['guardrails.yaml', '.github/guardrails.yaml', '.gitlab/guardrails.yaml']) {
		const file = path.join(repo, candidate);
		if (!existsSync(file)) {
			continue;
		}
		try {
			const email = parse(readFileSync(file, 'utf8'))?.org?.people?.bob?.emails?.[0];
			if (typeof email === 'string' && email.includes('@')) {
				return email;
			}
		} catch {
			// A half-written demo config must not stop the tests that do not need it.
		}
	}
	return fallbackEmail;
}

function git(cwd, args) {
	return execFileSync('git', args, {
		cwd,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			GIT_AUTHOR_DATE: fixedDate,
			GIT_COMMITTER_DATE: fixedDate,
			// The machine's global config (signing, hooks, templates) must not leak into the fixture.
			GIT_CONFIG_GLOBAL: '/dev/null',
			GIT_CONFIG_NOSYSTEM: '1',
		},
	});
}

/** Copies the demo into `<parent>/acme-bank`, commits it as Bob, and returns the copy's path. */
export function copyDemoRepo(parent) {
	if (!existsSync(demoSource)) {
		throw new Error(`${path.relative(repoRoot, demoSource)} does not exist yet: the demo repository is needed for the integration tests`);
	}
	const repo = path.join(parent, 'acme-bank');
	cpSync(demoSource, repo, {
		recursive: true,
		filter: (source) => !/[\\/](node_modules|\.git)$/.test(source),
	});
	git(repo, ['init', '-q', '-b', 'main']);
	git(repo, ['config', 'user.name', 'Bob Ortiz']);
	git(repo, ['config', 'user.email', bobsEmail(repo)]);
	git(repo, ['config', 'commit.gpgsign', 'false']);
	git(repo, ['add', '-A']);
	git(repo, ['commit', '-q', '--no-verify', '-m', 'Acme Bank demo repository']);
	return repo;
}

/** A fresh temp folder holding a git copy of the demo: `{ root, repo }`; delete `root` when done. */
export function prepareDemoRepo() {
	// realpath: on systems where the temp dir is a symlink, VS Code reports the resolved path.
	const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'og-demo-')));
	return { root, repo: copyDemoRepo(root) };
}

/**
 * A fresh multi-root workspace: the demo repository copy plus `notes/`, a plain folder outside
 * any git repository, so the extension must cope with a folder that has no CODEOWNERS and no git.
 */
export function prepareMultiRootWorkspace() {
	const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'og-multiroot-')));
	const repo = copyDemoRepo(root);
	const plainFolder = path.join(root, 'notes');
	mkdirSync(plainFolder);
	writeFileSync(path.join(plainFolder, 'todo.txt'), 'Plain notes outside any repository.\nNobody owns this file.\n');
	const workspaceFile = path.join(root, 'acme-multiroot.code-workspace');
	writeFileSync(workspaceFile, `${JSON.stringify({
		folders: [{ path: 'acme-bank' }, { path: 'notes' }],
		settings: {},
	}, null, '\t')}\n`);
	return { root, repo, plainFolder, workspaceFile };
}

/**
 * Day one: a git repository with a CODEOWNERS and no guardrails config, as most real repositories
 * are: an umbrella maintainers group, a catch-all rule, three teams, an OpenAPI file. `{ root, repo }`.
 */
export function prepareCodeownersOnlyRepo() {
	const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'og-day-one-')));
	const repo = path.join(root, 'shop');
	const files = {
		'.github/CODEOWNERS': [
			'*                    @shop/platform',
			'/services/payments/  @shop/maintainers @shop/payments',
			'/services/ledger/    @shop/maintainers @shop/ledger',
			'/web/                @shop/maintainers @shop/web',
			'',
		].join('\n'),
		'services/payments/src/refunds.ts': 'export function refund(id: string): string {\n\treturn id;\n}\n',
		'services/payments/api/service.yaml': 'openapi: 3.0.3\ninfo:\n  title: Payments API\n  version: 1.0.0\npaths: {}\n',
		'services/ledger/src/post.ts': 'export const post = 1;\n',
		'web/app.ts': 'import { refund } from "../services/payments/src/refunds";\nrefund("1");\n',
		'README.md': '# Shop\n',
	};
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
		writeFileSync(path.join(repo, file), text);
	}
	git(repo, ['init', '-q', '-b', 'main']);
	git(repo, ['config', 'user.name', 'Dana Weiss']);
	git(repo, ['config', 'user.email', 'dana@shop.example']);
	git(repo, ['config', 'commit.gpgsign', 'false']);
	git(repo, ['add', '-A']);
	git(repo, ['commit', '-q', '--no-verify', '-m', 'Shop repository with only a CODEOWNERS']);
	return { root, repo };
}

/** Where the hostile workspace keeps what lies outside the repository (the links' targets, the traps). */
export const hostileLayout = {
	/** Outside the repository: an ADR a committed file links to, and a folder a committed ADR root links to. */
	outsideAdr: 'outside/secret-adr.md',
	outsideRoot: 'outside/adr',
	/** The real CODEOWNERS, kept here while the repository's one is a FIFO. */
	savedCodeowners: 'saved/CODEOWNERS',
	/** The trap scripts and the marker files they leave when git runs them. */
	traps: 'traps',
};

/**
 * A copy of the demo built to hurt whoever opens it (issue 14), `{ root, repo }`:
 * - committed links out of the repository: `docs/adr/0004-version-the-payments-api.md` links to
 *   `outside/secret-adr.md`, and a second ADR root `docs/linked-adr` links to `outside/adr`;
 * - an ADR numbered 2^53 + 1 in `docs/adr`;
 * - after the commit, programs git would run: a clean filter for `*.ts`, a `post-index-change`
 *   hook and an fsmonitor, each a trap that leaves a marker in `traps/`;
 * - `.github/CODEOWNERS` replaced by a FIFO (the real file is kept in `saved/CODEOWNERS`);
 * - the git extension switched off in the folder settings, so the extension runs git itself.
 */
export function prepareHostileRepo() {
	const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'og-hostile-')));
	const repo = copyDemoRepo(root);
	const heading = (title, domains) => `---\nstatus: accepted\ndomains: [${domains}]\n---\n\n# ${title}\n`;
	mkdirSync(path.join(root, hostileLayout.outsideRoot), { recursive: true });
	writeFileSync(path.join(root, hostileLayout.outsideAdr), heading('Outside secret heading', 'payments'));
	writeFileSync(path.join(root, hostileLayout.outsideRoot, '0001-outside-root.md'), heading('Outside root heading', 'payments'));
	const linkedAdr = path.join(repo, 'docs/adr/0004-version-the-payments-api.md');
	rmSync(linkedAdr);
	symlinkSync('../../../outside/secret-adr.md', linkedAdr);
	symlinkSync('../../outside/adr', path.join(repo, 'docs/linked-adr'));
	const config = path.join(repo, 'guardrails.yaml');
	writeFileSync(config, readFileSync(config, 'utf8').replace('roots: [docs/adr]', 'roots: [docs/adr, docs/linked-adr]'));
	writeFileSync(path.join(repo, 'docs/adr/9007199254740993-a-very-large-number.md'), '# A very large number\n\n- Status: accepted\n');
	writeFileSync(path.join(repo, '.gitattributes'), '*.ts filter=trap\n');
	mkdirSync(path.join(repo, '.vscode'), { recursive: true });
	writeFileSync(path.join(repo, '.vscode/settings.json'), `${JSON.stringify({ 'git.enabled': false }, null, '\t')}\n`);
	git(repo, ['add', '-A']);
	git(repo, ['commit', '-q', '--no-verify', '-m', 'Hostile additions']);

	const traps = path.join(root, hostileLayout.traps);
	mkdirSync(traps);
	const trap = (name, body = '') => {
		const script = path.join(traps, `${name}.sh`);
		writeFileSync(script, `#!/bin/sh\ntouch '${path.join(traps, `${name}.ran`)}'\n${body}`, { mode: 0o755 });
		return script;
	};
	git(repo, ['config', 'filter.trap.clean', trap('filter', 'cat\n')]);
	git(repo, ['config', 'core.fsmonitor', trap('fsmonitor')]);
	writeFileSync(path.join(repo, '.git/hooks/post-index-change'), `#!/bin/sh\nexec '${trap('hook')}' </dev/null\n`, { mode: 0o755 });

	mkdirSync(path.join(root, 'saved'));
	renameSync(path.join(repo, '.github/CODEOWNERS'), path.join(root, hostileLayout.savedCodeowners));
	execFileSync('mkfifo', [path.join(repo, '.github/CODEOWNERS')]);
	return { root, repo };
}

export function removePrepared(root) {
	rmSync(root, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	try {
		if (process.argv.includes('--multiroot')) {
			console.log(prepareMultiRootWorkspace().workspaceFile);
		} else if (process.argv.includes('--hostile')) {
			console.log(prepareHostileRepo().repo);
		} else if (process.argv.includes('--codeowners-only')) {
			console.log(prepareCodeownersOnlyRepo().repo);
		} else {
			console.log(prepareDemoRepo().repo);
		}
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
