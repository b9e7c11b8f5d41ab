// The GitHub Action's script (scripts/ci/githubAction.mjs, called by action.yml), run the way the
// runner runs it: a separate Node process with the variables GitHub sets, on a repository with a
// base and a head commit, against a local stand-in for the GitHub REST API.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { cleanUp, demoRepo, git, repoRoot, tempDir, testEnv, write } from './cliHarness';

interface Request {
	method: string;
	url: string;
	body: { body?: string } | undefined;
	authorization: string | undefined;
}

/** A stand-in for the few GitHub REST endpoints the script calls; remembers each request. */
class FakeGitHub {
	readonly requests: Request[] = [];
	comments: { id: number; body: string }[] = [];
	private server: Server | undefined;

	async start(): Promise<string> {
		this.server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	stop(): Promise<void> {
		return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		let text = '';
		for await (const chunk of req) {
			text += String(chunk);
		}
		const body = text === '' ? undefined : JSON.parse(text) as { body?: string };
		this.requests.push({ method: req.method ?? '', url: req.url ?? '', body, authorization: req.headers.authorization });
		res.setHeader('content-type', 'application/json');
		if (req.method === 'GET' && /^\/repos\/acme\/bank\/issues\/7\/comments/.test(req.url ?? '')) {
			res.end(JSON.stringify(this.comments));
		} else if (req.method === 'POST' && req.url === '/repos/acme/bank/issues/7/comments') {
			this.comments.push({ id: 99, body: body?.body ?? '' });
			res.statusCode = 201;
			res.end('{}');
		} else if (req.method === 'PATCH' && req.url === '/repos/acme/bank/issues/comments/99') {
			this.comments[0].body = body?.body ?? '';
			res.end('{}');
		} else {
			res.statusCode = 404;
			res.end('{"message":"Not Found"}');
		}
	}
}

function runScript(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, [path.join(repoRoot, 'scripts', 'ci', 'githubAction.mjs')], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : 2) : 0, stdout, stderr });
		});
	});
}

function outputs(file: string): Record<string, string> {
	return Object.fromEntries(readFileSync(file, 'utf8').trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

suite('GitHub Action script, end to end on a pull request', function () {
	this.timeout(60000);
	const github = new FakeGitHub();
	let api = '';
	let cliBundle = '';

	suiteSetup(async () => {
		api = await github.start();
		// What action.yml builds (dist/cli.js), bundled from the compiled sources.
		cliBundle = path.join(tempDir('guardrails-action-cli-'), 'cli.js');
		buildSync({ entryPoints: [path.resolve(__dirname, '../../../src/cli/main.js')], bundle: true, platform: 'node', format: 'cjs', outfile: cliBundle, logLevel: 'silent' });
	});
	suiteTeardown(async () => {
		await github.stop();
		cleanUp();
	});

	function pullRequest(): { repo: string; env: NodeJS.ProcessEnv; runnerTemp: string } {
		// Base: the demo on main. Head: a branch that edits the API contract and CODEOWNERS.
		const repo = demoRepo('bob@acme-bank.example');
		git(repo, 'update-ref', 'refs/remotes/origin/main', 'main');
		git(repo, 'checkout', '-q', '-b', 'feature/api');
		write(repo, 'services/payments/api/openapi.yaml', 'openapi: 3.1.0\n');
		write(repo, 'CODEOWNERS', '* @acme-bank/someone-new\n');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'head');
		const runnerTemp = tempDir('guardrails-runner-');
		const eventPath = path.join(runnerTemp, 'event.json');
		writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7, base: { ref: 'main', sha: git(repo, 'rev-parse', 'main').trim() }, head: { ref: 'feature/api' } } }));
		const env = testEnv({
			GITHUB_ACTIONS: 'true',
			GITHUB_EVENT_NAME: 'pull_request',
			GITHUB_EVENT_PATH: eventPath,
			GITHUB_BASE_REF: 'main',
			GITHUB_HEAD_REF: 'feature/api',
			GITHUB_WORKSPACE: repo,
			GITHUB_REPOSITORY: 'acme/bank',
			GITHUB_API_URL: api,
			GITHUB_OUTPUT: path.join(runnerTemp, 'output'),
			GITHUB_STEP_SUMMARY: path.join(runnerTemp, 'summary.md'),
			RUNNER_TEMP: runnerTemp,
			GUARDRAILS_CLI: cliBundle,
			INPUT_MODE: 'both',
			INPUT_FAIL_ON: 'contract',
			INPUT_ROOT: '.',
			INPUT_GITHUB_TOKEN: 'test-token',
		});
		writeFileSync(env.GITHUB_OUTPUT as string, '');
		return { repo, env, runnerTemp };
	}

	test('writes SARIF, the summary and the outputs, comments once and updates that comment on the next push', async () => {
		const { repo, env } = pullRequest();
		const first = await runScript(env);
		assert.equal(first.code, 0, first.stderr);
		const out = outputs(env.GITHUB_OUTPUT as string);
		assert.equal(out['exit-code'], '1', 'the payments-api contract requires an ADR');
		assert.equal(out.base, 'origin/main');
		const sarif = JSON.parse(readFileSync(out['sarif-file'], 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
		assert.equal(sarif.version, '2.1.0');
		assert.deepEqual(sarif.runs[0].results.map((r) => r.ruleId), ['contract-edit', 'adr-required', 'rules-edited']);
		const summary = readFileSync(env.GITHUB_STEP_SUMMARY as string, 'utf8');
		assert.match(summary, /^## Review forecast/);
		// The rules come from main: the new CODEOWNERS is reported, not used.
		assert.match(summary, /### ⚠️ This change edits the ownership rules/);
		assert.doesNotMatch(summary.split('### ⚠️')[0], /someone-new/);
		assert.deepEqual(github.requests.map((r) => r.method), ['GET', 'POST']);
		assert.equal(github.requests[1].authorization, 'Bearer test-token');
		assert.match(github.comments[0].body, /^<!-- ownership-guardrails:review-forecast -->\n## Review forecast/);
		assert.match(github.comments[0].body, /check failed: contract payments-api requires an ADR/);
		assert.match(first.stdout, /check failed/);

		// The next push adds the ADR: the same comment is edited, and the check passes.
		write(repo, 'docs/adr/0007-payments-api-v3.md', '# Payments API v3\n\n## Status\n\nProposed\n');
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', 'adr');
		writeFileSync(env.GITHUB_OUTPUT as string, '');
		const second = await runScript(env);
		assert.equal(second.code, 0, second.stderr);
		assert.equal(outputs(env.GITHUB_OUTPUT as string)['exit-code'], '0');
		assert.deepEqual(github.requests.map((r) => r.method), ['GET', 'POST', 'GET', 'PATCH']);
		assert.equal(github.comments.length, 1);
		assert.match(github.comments[0].body, /ADR:\*\* ✅ required and included/);
	});

	test('mode sarif posts no comment; a missing workspace is one clear error', async () => {
		const { env } = pullRequest();
		const before = github.requests.length;
		const result = await runScript({ ...env, INPUT_MODE: 'sarif' });
		assert.equal(result.code, 0, result.stderr);
		assert.equal(github.requests.length, before);
		const broken = await runScript({ ...env, GITHUB_WORKSPACE: '' });
		assert.equal(broken.code, 2);
		assert.match(broken.stderr, /^::error title=Ownership Guardrails::GITHUB_WORKSPACE is not set/);
	});

	test('action.yml calls this script and passes every input it reads', () => {
		const action = readFileSync(path.join(repoRoot, 'action.yml'), 'utf8');
		assert.match(action, /using: composite/);
		assert.match(action, /node "\$\{\{ github\.action_path \}\}\/scripts\/ci\/githubAction\.mjs"/);
		const script = readFileSync(path.join(repoRoot, 'scripts', 'ci', 'githubAction.mjs'), 'utf8');
		for (const input of new Set([...script.matchAll(/env\.(INPUT_[A-Z_]+)/g)].map((m) => m[1]))) {
			assert.match(action, new RegExp(`${input}: \\$\\{\\{ inputs\\.`), `action.yml does not pass ${input}`);
		}
	});
});
