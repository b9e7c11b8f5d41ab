// The repository the hostile-repository tests attack (issue 14), and their assertions: a committed
// CODEOWNERS, guardrails.yaml and ADR, a trap script that leaves a marker when run, FIFOs.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { emptyRepo, git, tempDir, write } from '../cli/cliHarness';
import type { CliResult } from '../cli/cliHarness';

/** No stack trace, no internal error, no `[object Object]`. */
export function assertClean(result: CliResult): void {
	assert.doesNotMatch(result.stderr, /\n\s+at /, `stack trace on stderr:\n${result.stderr}`);
	assert.doesNotMatch(result.stderr, /internal error|\[object Object\]/, result.stderr);
	assert.ok(result.code === 0 || result.code === 1 || result.code === 2, `exit code ${result.code}: ${result.stderr}`);
}

/** A one-line `guardrails: …` error, exit 2, matching `pattern`. */
export function assertOneLineError(result: CliResult, pattern: RegExp): void {
	assertClean(result);
	assert.equal(result.code, 2, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
	const lines = result.stderr.trimEnd().split('\n');
	assert.equal(lines.length, 1, result.stderr);
	assert.match(lines[0], /^guardrails: /);
	assert.match(lines[0], pattern);
}

export const guardrails = (extra = ''): string => `version: 1
org:
  people:
    alice: { name: Alice Ng, handles: { github: alice-ng } }
  teams:
    payments: { name: Payments, lead: alice, handles: { github: "@acme/payments" } }
domains:
  payments:
    title: Payments
    team: payments
    paths: [services/payments/**]
    adrs: [docs/adr/0001-first.md]
contracts:
  payments-api:
    kind: api
    title: Payments API
    owner: payments
    paths: [services/payments/api/openapi.yaml]
    review: { level: architecture, adr: required }
    guidance: Talk to the payments lead.
${extra}adrs:
  roots: [docs/adr]
`;

/** A committed repository with a CODEOWNERS, a guardrails.yaml and one ADR. */
export function committedRepo(): string {
	const dir = emptyRepo();
	write(dir, '.github/CODEOWNERS', '* @acme/all\n/services/payments/ @acme/payments\n');
	write(dir, 'guardrails.yaml', guardrails());
	write(dir, 'docs/adr/0001-first.md', '# First decision\n');
	write(dir, 'services/payments/api/openapi.yaml', 'openapi: 3.0.0\n');
	write(dir, 'src/a.ts', 'a\n');
	git(dir, 'add', '-A');
	git(dir, 'commit', '-q', '-m', 'one');
	return dir;
}

/** Makes `src/a.ts` stat-dirty (same content, new mtime), so git re-reads it through its filters. */
export function touchStatDirty(dir: string): void {
	const file = path.join(dir, 'src/a.ts');
	const later = new Date(Date.now() + 60_000);
	utimesSync(file, later, later);
}

/** A shell script that leaves `marker` behind when it runs; returns the marker's path. */
export function trap(dir: string, name: string): { script: string; marker: string } {
	const outside = tempDir('guardrails-trap-');
	const marker = path.join(outside, `${name}.ran`);
	const script = path.join(outside, `${name}.sh`);
	writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\ncat\n`, { mode: 0o755 });
	void dir;
	return { script, marker };
}

export const posix = process.platform !== 'win32';

export function mkfifo(file: string): void {
	execFileSync('mkfifo', [file]);
}
