import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileCodeowners } from '../../../src/engine/codeowners/index/codeownersIndex';
import { parseCodeowners } from '../../../src/engine/codeowners/parse';
import { compilePattern } from '../../../src/engine/codeowners/pattern';
import type { CompiledPattern } from '../../../src/engine/codeowners/pattern';
import type { Dialect, ParsedCodeowners } from '../../../src/engine/codeowners/types';

/** Repository root, from out/test/unit/codeowners (compiled) or test/unit/codeowners (source). */
export const repoRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../..' : '../../..');

export interface PatternCase {
	name: string;
	focus?: boolean;
	codeowners: string;
	expect: Record<string, string[] | null>;
}

export function loadCases(file: string): PatternCase[] {
	const text = fs.readFileSync(path.join(repoRoot, 'test/fixtures/codeowners', file), 'utf8');
	return JSON.parse(text) as PatternCase[];
}

export function selectFocused<T extends { focus?: boolean }>(cases: T[]): T[] {
	const focused = cases.filter((c) => c.focus === true);
	return focused.length > 0 ? focused : cases;
}

const compiledCache = new WeakMap<ParsedCodeowners, CompiledPattern[]>();

/**
 * The owners by brute force: every rule's own compiled pattern, no index. Used to cross-check the
 * bucketed index, so both must agree for every path.
 */
export function bruteForceOwners(parsed: ParsedCodeowners, file: string): { owners: string[]; winners: number[] } {
	let compiled = compiledCache.get(parsed);
	if (compiled === undefined) {
		compiled = parsed.rules.map((r) => compilePattern(r.pattern, parsed.dialect));
		compiledCache.set(parsed, compiled);
	}
	const patterns = compiled;
	const matching = parsed.ignored ? [] : parsed.rules.filter((r) => patterns[r.index].matches(file));
	const ownersOf = (i: number): string[] => {
		const rule = parsed.rules[i];
		const written = rule.owners.length > 0 ? rule.owners : (parsed.ruleDefaults.get(i) ?? []);
		return written.map((o) => o.text);
	};
	if (parsed.dialect === 'github') {
		const last = matching[matching.length - 1];
		return last === undefined ? { owners: [], winners: [] } : { owners: ownersOf(last.index), winners: [last.index] };
	}
	const owners: string[] = [];
	const winners: number[] = [];
	for (const section of parsed.sections) {
		const inSection = matching.filter((r) => r.section === section.index);
		if (inSection.some((r) => r.exclusion) || inSection.length === 0) {
			continue;
		}
		const last = inSection[inSection.length - 1];
		winners.push(last.index);
		for (const o of ownersOf(last.index)) {
			if (!owners.includes(o)) {
				owners.push(o);
			}
		}
	}
	return { owners, winners };
}

export function parseAndCompile(text: string, dialect: Dialect): { parsed: ParsedCodeowners; index: ReturnType<typeof compileCodeowners> } {
	const parsed = parseCodeowners(text, { dialect, file: 'CODEOWNERS' });
	return { parsed, index: compileCodeowners(parsed) };
}

export function readCorpus(folder: string): { text: string; files: string[] } | undefined {
	const dir = path.resolve(repoRoot, '../shared/bench/corpus', folder);
	if (!fs.existsSync(dir)) {
		return undefined;
	}
	const text = fs.readFileSync(path.join(dir, 'CODEOWNERS'), 'utf8');
	const files = fs.readFileSync(path.join(dir, 'files.txt'), 'utf8').split('\n').filter((l) => l.length > 0);
	return { text, files };
}
