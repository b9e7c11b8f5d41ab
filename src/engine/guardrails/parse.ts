import type { GuardrailsConfig } from './types';
import { readBoundaryRules } from './boundaryRules';
import { expandAlias, staysInRepository } from './references';
import { ConfigReader } from './parsing/configReader';
import { isObject } from './parsing/rawValues';
import { readConfig } from './parsing/readModel';
import { checkReferences } from './parsing/referenceCheck';
import { checkSchema } from './parsing/schemaCheck';
import { readYaml } from './parsing/yamlPositions';

// The entry point of guardrails.yaml parsing; the steps live in parsing/: read the YAML with
// positions, check it against the schema, build the model, check its references. Loaded on
// demand (workspaceModel.ts imports it only when a config exists), so answering CODEOWNERS-only
// questions never evaluates YAML or JSON Schema code.

// Kept importable from here; they live apart so that answering needs no YAML or JSON Schema code.
export { expandAlias, staysInRepository };

/** ADR folders used when `adrs.roots` is not set. */
export const defaultAdrRoots: readonly string[] = ['docs/adr', 'doc/adr', 'docs/decisions'];

function emptyConfig(file: string): GuardrailsConfig {
	return {
		file,
		version: 1,
		people: new Map(),
		teams: new Map(),
		aliases: new Map(),
		domains: new Map(),
		contracts: new Map(),
		forum: null,
		adrRoots: [...defaultAdrRoots],
		problems: [],
		sources: new Map(),
	};
}

/**
 * Parses guardrails.yaml (or guardrails.json: JSON is YAML 1.2) into a config and its problems.
 * Never throws: YAML syntax errors, schema violations (unknown non-`x-` keys, wrong types, bad
 * enums) and unresolved references become problems with 1-based positions, and the valid part is
 * kept so a broken config never disables more than the broken entries.
 */
export function parseGuardrails(text: string, file: string): GuardrailsConfig {
	const config = emptyConfig(file);
	const yaml = readYaml(text, file);
	const reader = new ConfigReader(file, yaml.ranges, yaml.keyRanges);
	reader.problems.push(...yaml.problems);
	const data = yaml.data;
	if (data === undefined || data === null) {
		if (yaml.empty) {
			reader.report('empty-config', 'error', '', 'The file is empty; it needs at least "version: 1".');
		}
	} else {
		checkSchema(data, reader);
		if (isObject(data)) {
			config.version = typeof data.version === 'number' ? data.version : 1;
			readConfig(data, config, reader);
			checkReferences(config, reader);
			config.boundaries = readBoundaryRules(data, config, reader);
		}
	}
	config.problems = reader.problems;
	config.sources = reader.sources;
	return config;
}
