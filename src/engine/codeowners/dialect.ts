import type { Dialect, DialectChoice } from './types';

// A GitLab section header on a line of its own: `[Name]`, `^[Name]`, optional `[n]`, then only
// whitespace and owner-like words. A GitHub pattern such as `[abc].js @x` does not qualify.
const sectionHeader = /^\^?\[[^\]\r\n]+\](?:\[\d*\])?(?:[ \t]+[@\w.\-/+ \t]*)?$/;

/**
 * Picks the dialect to read a CODEOWNERS file with: an explicit choice wins, then the location
 * (`.github/` → GitHub, `.gitlab/` → GitLab), then content (a section header → GitLab), else
 * GitHub by default. The reason is reported so the user can see why.
 */
export function detectDialect(file: string, text: string, explicit?: Dialect | 'auto'): DialectChoice {
	if (explicit === 'github' || explicit === 'gitlab') {
		return { dialect: explicit, reason: 'explicit' };
	}
	const path = file.replace(/\\/g, '/');
	if (path.startsWith('.github/') || path.includes('/.github/')) {
		return { dialect: 'github', reason: 'location' };
	}
	if (path.startsWith('.gitlab/') || path.includes('/.gitlab/')) {
		return { dialect: 'gitlab', reason: 'location' };
	}
	if (hasSectionHeader(text)) {
		return { dialect: 'gitlab', reason: 'content' };
	}
	return { dialect: 'github', reason: 'default' };
}

/**
 * Whether any line of the text is a GitLab section header. Only lines holding a `[` can be one, so
 * the scan jumps from `[` to `[` and tests just those lines: no split of a file of many thousand lines.
 */
export function hasSectionHeader(text: string): boolean {
	let bracket = text.indexOf('[');
	while (bracket >= 0) {
		// The line's start, scanned back from the bracket: `lastIndexOf('\r')` on a file without CRs
		// would walk back to the top of the file for every bracket.
		let start = bracket;
		while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) {
			start--;
		}
		let end = text.length;
		for (let i = bracket; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 10 || c === 13) {
				end = i;
				break;
			}
		}
		const line = text.slice(start, end).trim();
		if ((line.startsWith('[') || line.startsWith('^[')) && sectionHeader.test(line)) {
			return true;
		}
		bracket = text.indexOf('[', end);
	}
	return false;
}
