// Reading the plain data `yaml` gives back. The schema check reports what is wrong; these readers
// only take what is right, so the valid part of a broken config still answers.

/** A YAML mapping as plain data. */
export type Raw = Record<string, unknown>;

/** Whether a value is a mapping (not null, not a list). */
export function isObject(value: unknown): value is Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value if it is a string, else undefined. */
export function str(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/** The strings of a list; anything else gives an empty list. */
export function strList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Host → handle pairs whose handle is a string. */
export function handlesOf(value: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (isObject(value)) {
		for (const [host, handle] of Object.entries(value)) {
			if (typeof handle === 'string') {
				out[host] = handle;
			}
		}
	}
	return out;
}

/** Entries of an id map, without `x-` extension keys. */
export function entries(value: unknown): [string, unknown][] {
	return isObject(value) ? Object.entries(value).filter(([key]) => !key.startsWith('x-')) : [];
}
