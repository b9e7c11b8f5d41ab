// `npm run package`: the production bundle, then ownership-guardrails.vsix, then a check that the
// package ships exactly the files the marketplace needs and nothing else (no src/, tests, demo,
// harness or node_modules: the esbuild bundle already inlines minimatch, yaml and ajv).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const vsixName = 'ownership-guardrails.vsix';
const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

/** What .vscodeignore may let through; the first group must be present. */
const required = ['dist/extension.js', 'dist/webview/ownershipMap.js', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media/icon.png'];
const allowed = [
	...required.map((file) => new RegExp(`^${file.replace(/[.]/g, '\\.')}$`)),
	/^package\.nls(\.[a-z-]+)?\.json$/,
	/^media\/[\w.-]+\.tmLanguage\.json$/,
	/^media\/language-configuration\.json$/,
	/^media\/walkthrough\/[\w-]+\.md$/,
	/^schemas\/guardrails\.schema\.json$/,
];

function run(command, args, { capture = false } = {}) {
	const result = spawnSync(command, args, {
		cwd: repoRoot,
		encoding: 'utf8',
		// vsce asks y/N questions on stdin for some warnings; a closed stdin makes it fail instead of hang.
		stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
	});
	if (result.status !== 0) {
		if (capture) {
			process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
		}
		throw new Error(`${[command, ...args].join(' ')} exited with ${result.status ?? result.signal}`);
	}
	return result.stdout ?? '';
}

function main() {
	for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md', 'media/icon.png']) {
		if (!existsSync(path.join(repoRoot, file))) {
			throw new Error(`${file} is missing: vsce needs it to build the package`);
		}
	}
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	run(npm, ['run', '--silent', 'build:production']);
	run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsixName]);

	const files = run(process.execPath, [vsce, 'ls', '--no-dependencies'], { capture: true })
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line.length > 0)
		.sort();
	const sizeKb = (statSync(path.join(repoRoot, vsixName)).size / 1024).toFixed(1);
	console.log(`\n${vsixName}: ${sizeKb} KB, ${files.length} files`);
	for (const file of files) {
		console.log(`  ${file}`);
	}
	const unexpected = files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
	const missing = required.filter((file) => !files.includes(file));
	if (unexpected.length > 0 || missing.length > 0) {
		throw new Error([
			unexpected.length > 0 ? `not meant to ship (fix .vscodeignore): ${unexpected.join(', ')}` : '',
			missing.length > 0 ? `missing from the package: ${missing.join(', ')}` : '',
		].filter(Boolean).join('\n'));
	}
	console.log('package contents ok');
}

try {
	main();
} catch (error) {
	console.error(`package failed: ${error.message}`);
	process.exit(1);
}
