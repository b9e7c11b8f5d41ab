// The logic of the repository's GitHub Action (action.yml): runs `guardrails check` against the
// pull request's base branch and leaves what CI needs behind. Kept out of the YAML so a test can run
// it exactly as the runner does, with the environment variables GitHub sets.
//
// Reads:  GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_BASE_REF, GITHUB_WORKSPACE, GITHUB_REPOSITORY,
//         GITHUB_API_URL, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, and the action's inputs as
//         INPUT_MODE (comment | sarif | both), INPUT_FAIL_ON, INPUT_ROOT, INPUT_GITHUB_TOKEN;
//         GUARDRAILS_CLI (the built dist/cli.js; action.yml builds it from the action's own checkout).
// Writes: the SARIF log and the Markdown forecast into RUNNER_TEMP, the outputs `sarif-file`,
//         `comment-file`, `base` and `exit-code`, the forecast in the job summary, and on a pull
//         request (mode comment or both) one PR comment, updated in place on later pushes.
// Exit:   0, even when the check fails (the action's last step fails the job from `exit-code`, after
//         the SARIF upload); 2 when it cannot run at all.
import { execFile } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Marks our comment so a later run edits it instead of adding another. */
export const commentMarker = '<!-- ownership-guardrails:review-forecast -->';

function fail(message) {
	console.error(`::error title=Ownership Guardrails::${message}`);
	process.exit(2);
}

function required(env, name) {
	const value = env[name];
	if (value === undefined || value === '') {
		fail(`${name} is not set; this script runs inside a GitHub Actions job (see action.yml)`);
	}
	return value;
}

/** Runs the CLI and captures everything; a non-zero exit is an answer, not an exception. */
function guardrails(cli, args, cwd, env) {
	return new Promise((resolve) => {
		execFile(process.execPath, [cli, ...args], { cwd, env, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
			resolve({ code, stdout, stderr });
		});
	});
}

function readEvent(env) {
	const file = env.GITHUB_EVENT_PATH;
	if (!file) {
		return {};
	}
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		fail(`cannot read the event payload ${file}: ${error.message}`);
	}
}

/**
 * The base to compare with: on a pull request the target branch as fetched by actions/checkout
 * (`origin/<base>`, which needs `fetch-depth: 0`), else the CLI's default (origin/HEAD, main, master).
 */
export function baseRef(env, event) {
	const base = env.GITHUB_BASE_REF || event.pull_request?.base?.ref;
	return base ? `origin/${base}` : undefined;
}

function setOutput(env, name, value) {
	if (env.GITHUB_OUTPUT) {
		appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
	}
}

async function github(env, token, method, url, body) {
	const response = await fetch(url, {
		method,
		headers: {
			accept: 'application/vnd.github+json',
			authorization: `Bearer ${token}`,
			'x-github-api-version': '2022-11-28',
			...(body ? { 'content-type': 'application/json' } : {}),
		},
		...(body ? { body: JSON.stringify(body) } : {}),
	});
	if (!response.ok) {
		throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
	}
	return response.status === 204 ? undefined : response.json();
}

/** Creates the forecast comment, or edits ours when an earlier run left one. */
async function upsertComment(env, token, number, body) {
	const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
	const repo = required(env, 'GITHUB_REPOSITORY');
	const comments = await github(env, token, 'GET', `${api}/repos/${repo}/issues/${number}/comments?per_page=100`);
	const ours = comments.find((c) => typeof c.body === 'string' && c.body.includes(commentMarker));
	if (ours) {
		await github(env, token, 'PATCH', `${api}/repos/${repo}/issues/comments/${ours.id}`, { body });
		return 'updated';
	}
	await github(env, token, 'POST', `${api}/repos/${repo}/issues/${number}/comments`, { body });
	return 'created';
}

export async function main(env = process.env) {
	const workspace = required(env, 'GITHUB_WORKSPACE');
	const temp = env.RUNNER_TEMP || workspace;
	const cli = required(env, 'GUARDRAILS_CLI');
	const mode = env.INPUT_MODE || 'comment';
	if (!['comment', 'sarif', 'both'].includes(mode)) {
		fail(`mode must be comment, sarif or both (got '${mode}')`);
	}
	const failOn = env.INPUT_FAIL_ON || 'contract';
	const root = path.resolve(workspace, env.INPUT_ROOT || '.');
	const event = readEvent(env);
	const base = baseRef(env, event);
	const common = ['--root', root, ...(base ? ['--base', base] : [])];
	// The CLI reads no GitHub variables; its environment is the job's minus the token.
	const cliEnv = { ...env };
	delete cliEnv.INPUT_GITHUB_TOKEN;

	const sarif = await guardrails(cli, ['check', ...common, '--format', 'sarif', '--fail-on', failOn], root, cliEnv);
	if (sarif.code === 2 || sarif.code === 3) {
		fail(`guardrails check could not run: ${sarif.stderr.trim()}`);
	}
	const sarifFile = path.join(temp, 'ownership-guardrails.sarif');
	writeFileSync(sarifFile, sarif.stdout);
	const markdown = await guardrails(cli, ['check', ...common, '--format', 'markdown', '--fail-on', 'never'], root, cliEnv);
	const commentFile = path.join(temp, 'ownership-guardrails.md');
	const reason = sarif.stderr.split('\n').find((line) => line.startsWith('guardrails: check failed: '));
	const body = `${commentMarker}\n${markdown.stdout}${reason ? `\n> [!WARNING]\n> ${reason.replace(/^guardrails: /, '')}\n` : ''}`;
	writeFileSync(commentFile, body);
	for (const line of sarif.stderr.split('\n').filter((l) => l.startsWith('guardrails: warning: '))) {
		console.log(`::warning title=Ownership Guardrails::${line.replace(/^guardrails: warning: /, '')}`);
	}
	if (env.GITHUB_STEP_SUMMARY) {
		appendFileSync(env.GITHUB_STEP_SUMMARY, markdown.stdout);
	}
	setOutput(env, 'sarif-file', sarifFile);
	setOutput(env, 'comment-file', commentFile);
	setOutput(env, 'base', base ?? '');
	setOutput(env, 'exit-code', String(sarif.code));

	const number = event.pull_request?.number;
	if ((mode === 'comment' || mode === 'both') && number !== undefined) {
		const token = env.INPUT_GITHUB_TOKEN;
		if (!token) {
			console.log('::warning title=Ownership Guardrails::no github-token input; the forecast is in the job summary only');
		} else {
			try {
				console.log(`Ownership Guardrails: PR comment ${await upsertComment(env, token, number, body)}`);
			} catch (error) {
				// A fork's read-only token cannot comment: the summary still has the forecast.
				console.log(`::warning title=Ownership Guardrails::could not write the PR comment (${error.message}); the forecast is in the job summary`);
			}
		}
	}
	console.log(reason ?? 'guardrails: check passed');
	return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	main().then((code) => process.exit(code), (error) => fail(error?.stack ?? String(error)));
}
