// Shared shapes of the import extraction and resolution. Pure: no vscode, no Node built-ins.

/** The languages whose imports are checked against domain boundaries. */
export type ImportLanguage = 'typescript' | 'python' | 'go';

/**
 * One import statement's module reference, with the position of its name in the source
 * (1-based line and column; `endColumn` is just after the last character).
 */
export interface SourceImport {
	language: ImportLanguage;
	/** As written: `./x`, `@acme/ledger`, `..models`, `github.com/acme/bank/ledger`. */
	specifier: string;
	/** Python: names after `from x import …` that may be submodules (tried before the module itself). */
	names?: string[];
	line: number;
	column: number;
	endColumn: number;
}

/** The language of a repository path by its extension, or undefined when imports are not read. */
export function languageOf(path: string): ImportLanguage | undefined {
	if (/\.(?:[cm]?[jt]sx?)$/.test(path)) {
		return 'typescript';
	}
	if (path.endsWith('.py') || path.endsWith('.pyi')) {
		return 'python';
	}
	if (path.endsWith('.go')) {
		return 'go';
	}
	return undefined;
}
