// Options of `npm run demo` that are worth testing without starting anything.
import path from 'node:path';

/**
 * Where `npm run demo -- --screenshots` writes: `--out DIR` when given (`--out media` refreshes
 * the README's tracked screenshots), else the ignored `test-results/screenshots/`, so a tour on
 * a fresh clone never leaves the working tree dirty.
 */
export function screenshotDir(args, repoRoot) {
	return path.resolve(repoRoot, args.get('out', path.join('test-results', 'screenshots')));
}
