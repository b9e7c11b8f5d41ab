import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../../../schemas/guardrails.schema.json';
import type { ConfigReader } from './configReader';
import { keyPath } from './yamlPositions';

// Checking the document against the JSON Schema (schemas/guardrails.schema.json): unknown keys
// (with a "did you mean"), missing keys, wrong types and values. Ajv's errors become problems at
// the key path they point to; the model is built from the data whatever the schema says.

let compiledValidator: ValidateFunction | undefined;

/** Compiles the JSON Schema once, on first use: ajv generates code, which is too slow to repeat per parse. */
function validator(): ValidateFunction {
	if (!compiledValidator) {
		const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
		compiledValidator = ajv.compile(schema);
	}
	return compiledValidator;
}

function levenshtein(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, i) => i);
	for (let i = 1; i <= a.length; i++) {
		let previous = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const current = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
			previous = current;
		}
	}
	return row[b.length];
}

function suggestion(key: string, allowed: readonly string[]): string {
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const candidate of allowed) {
		const distance = levenshtein(key.toLowerCase(), candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function pointerSegments(pointer: string): string[] {
	if (pointer === '') {
		return [];
	}
	return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function schemaProblem(reader: ConfigReader, error: ErrorObject): void {
	const segments = pointerSegments(error.instancePath);
	const where = segments.length > 0 ? segments.join('.') : 'the top level';
	const path = keyPath(segments);
	switch (error.keyword) {
		case 'additionalProperties': {
			const key = String((error.params as { additionalProperty: string }).additionalProperty);
			const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
			const allowed = Object.keys(parent?.properties ?? {});
			reader.report('unknown-key', 'error', keyPath([...segments, key]), `Unknown key "${key}" in ${where}${suggestion(key, allowed)}; only the documented keys and x- extensions are allowed.`, true);
			return;
		}
		case 'required': {
			const missing = String((error.params as { missingProperty: string }).missingProperty);
			reader.report('missing-key', 'error', path, `${where} needs "${missing}".`, true);
			return;
		}
		case 'type':
			reader.report('invalid-type', 'error', path, `${where} must be ${String((error.params as { type: string }).type)}.`);
			return;
		case 'enum': {
			const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => String(v));
			reader.report('invalid-value', 'error', path, `${where} must be one of ${allowed.join(', ')}${suggestion(String(error.data), allowed)}.`);
			return;
		}
		case 'const':
			if (path === 'version') {
				reader.report('unsupported-version', 'error', path, `Unsupported version ${JSON.stringify(error.data)}; only version 1 exists.`);
			} else {
				reader.report('invalid-value', 'error', path, `${where} ${error.message ?? 'is invalid'}.`);
			}
			return;
		case 'minItems':
			reader.report('empty-list', 'error', path, `${where} must not be empty.`);
			return;
		default:
			reader.report('invalid-value', 'error', path, `${where} ${error.message ?? 'is invalid'}.`);
	}
}

/** Reports every way `data` breaks the JSON Schema, each at its key path. */
export function checkSchema(data: unknown, reader: ConfigReader): void {
	const validate = validator();
	if (!validate(data)) {
		for (const error of validate.errors ?? []) {
			schemaProblem(reader, error);
		}
	}
}
