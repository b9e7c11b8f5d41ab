import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cleanUp, cli, demoRoot, repoRoot, tempDir, write } from './cliHarness';

/** Every failure is exactly one `guardrails: ...` line on stderr and nothing on stdout. */
function assertOneLine(result: { code: number; stdout: string; stderr: string }, code: number, pattern: RegExp): void {
	assert.equal(result.code, code, result.stderr);
	assert.equal(result.stdout, '');
	assert.match(result.stderr, /^guardrails: [^\n]+\n$/);
	assert.match(result.stderr, pattern);
}

suite('cli errors and help', () => {
	suiteTeardown(cleanUp);

	test('an unknown flag is a usage error naming the flag', async () => {
		assertOneLine(await cli(['owners', '--jsn', 'README.md'], demoRoot), 2, /Unknown option '--jsn'/);
		assertOneLine(await cli(['lint', '--codeowners'], demoRoot), 2, /--codeowners/);
	});

	test('an unknown command or a bad flag value is a usage error', async () => {
		assertOneLine(await cli(['own', 'README.md'], demoRoot), 2, /unknown command 'own'/);
		assertOneLine(await cli(['owners', '--dialect', 'bitbucket', 'README.md'], demoRoot), 2, /--dialect must be one of auto, github, gitlab/);
		assertOneLine(await cli(['check', '--fail-on', 'always', 'README.md'], demoRoot), 2, /--fail-on must be one of never, contract, architecture/);
		assertOneLine(await cli(['check', '--json', '--format', 'markdown', 'README.md'], demoRoot), 2, /contradict/);
		assertOneLine(await cli(['owners'], demoRoot), 2, /name at least one PATH/);
	});

	test('a path outside the root is rejected', async () => {
		assertOneLine(await cli(['owners', '../../package.json'], demoRoot), 2, /\.\.\/\.\.\/package\.json is outside the root/);
		assertOneLine(await cli(['who', path.join(repoRoot, 'package.json')], demoRoot), 2, /outside the root/);
	});

	test('missing or unreadable input files are named', async () => {
		assertOneLine(await cli(['owners', '--codeowners', 'nope/CODEOWNERS', 'README.md'], demoRoot), 2, /--codeowners nope\/CODEOWNERS: no such file or directory/);
		assertOneLine(await cli(['owners', '--codeowners', 'docs', 'README.md'], demoRoot), 2, /--codeowners docs: is a directory/);
		assertOneLine(await cli(['who', '--config', 'missing.yaml', 'README.md'], demoRoot), 2, /--config missing\.yaml: no such file/);
		assertOneLine(await cli(['lint', '--files-from', 'missing.txt'], demoRoot), 2, /--files-from missing\.txt: no such file/);
	});

	test('a lookup location that exists but cannot be read is an error, not a fall-through', async () => {
		const root = tempDir();
		// A directory where the file should be: readable by nobody as a file, even when tests run as root.
		mkdirSync(path.join(root, '.github', 'CODEOWNERS'), { recursive: true });
		write(root, 'CODEOWNERS', '* @fallback\n');
		assertOneLine(await cli(['owners', 'README.md'], root), 2, /^guardrails: cannot read \.github\/CODEOWNERS: is a directory\n$/);
	});

	test('a directory without CODEOWNERS is a clear error for owners', async () => {
		const root = tempDir();
		write(root, 'README.md', 'x');
		assertOneLine(await cli(['owners', 'README.md'], root), 2, /no CODEOWNERS file in .*\.github\/CODEOWNERS, CODEOWNERS, docs\/CODEOWNERS, \.gitlab\/CODEOWNERS/);
		assertOneLine(await cli(['who', 'README.md'], root), 2, /no CODEOWNERS file and no guardrails config/);
	});

	test('--version prints the package version; help goes to stdout with exit 0', async () => {
		const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
		const version = await cli(['--version'], demoRoot);
		assert.deepEqual(version, { code: 0, stdout: `${manifest.version}\n`, stderr: '' });
		const help = await cli(['--help'], demoRoot);
		assert.equal(help.code, 0);
		for (const command of ['owners', 'who', 'check', 'lint', 'audit']) {
			assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'));
			const own = await cli([command, '--help'], demoRoot);
			assert.equal(own.code, 0);
			assert.match(own.stdout, new RegExp(`^Usage: guardrails ${command} `));
		}
		const none = await cli([], demoRoot);
		assert.equal(none.code, 2);
		assert.equal(none.stdout, '');
		assert.match(none.stderr, /^guardrails: who owns/);
	});
});
