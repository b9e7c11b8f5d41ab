import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseGuardrails } from '../../../src/engine/guardrails/parse';
import { compileGuardrails } from '../../../src/engine/guardrails/domainIndex';
import { BoundaryRulesIndex } from '../../../src/engine/imports/boundaryCheck';
import { scanBoundaries } from '../../../src/engine/imports/boundaryScan';
import type { BoundaryReport } from '../../../src/engine/imports/boundaryScan';
import type { EngineHost } from '../../../src/engine/types';

/** Root of the boundary fixture repositories (tests run from out/test/unit/imports). */
export const boundaryFixtures = path.resolve(__dirname, '../../../../test/fixtures/boundaries');

/** Every file of a fixture tree, repository-relative and sorted. */
export function treeFiles(root: string): string[] {
	const out: string[] = [];
	const walk = (dir: string, rel: string): void => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
			if (entry.isDirectory()) {
				walk(path.join(dir, entry.name), childRel);
			} else {
				out.push(childRel);
			}
		}
	};
	walk(root, '');
	return out.sort();
}

export function diskHost(root: string): EngineHost {
	return {
		readFile(file: string): Promise<string | undefined> {
			const full = path.join(root, file);
			return Promise.resolve(fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full, 'utf8') : undefined);
		},
	};
}

export function rulesFor(root: string): BoundaryRulesIndex {
	const config = parseGuardrails(fs.readFileSync(path.join(root, 'guardrails.yaml'), 'utf8'), 'guardrails.yaml');
	return new BoundaryRulesIndex(config, compileGuardrails(config));
}

/** Scans one fixture tree with the real engine. */
export async function scanFixture(name: string): Promise<BoundaryReport> {
	const root = path.join(boundaryFixtures, name);
	return scanBoundaries(diskHost(root), treeFiles(root), rulesFor(root));
}

/** `file:line specifier -> target status` lines, easy to compare. */
export function summary(report: BoundaryReport): string[] {
	return report.findings.map((f) => `${f.file}:${f.line} ${f.specifier} -> ${f.target} ${f.status}`);
}
