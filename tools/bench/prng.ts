// A small deterministic PRNG so the synthetic tree is identical on every machine and every run:
// the benchmark must measure the same work each time, and the tree is never committed.

/** Folds a string seed into 32 bits (FNV-1a), so seeds can be readable words as well as numbers. */
export function seedFromString(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/**
 * Mulberry32: 32-bit state, full period 2^32, good enough for shaping test data, and fast enough
 * that a million paths take well under a second to draw.
 */
export class Prng {
	private state: number;

	constructor(seed: number | string) {
		this.state = (typeof seed === 'string' ? seedFromString(seed) : seed) >>> 0;
	}

	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Uniform integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	/** Uniform integer in [min, max], both inclusive. */
	range(min: number, max: number): number {
		return min + this.int(max - min + 1);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[this.int(items.length)];
	}

	/** Picks a key by relative weight; weights need not sum to 1. */
	weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
		const keys = Object.keys(weights) as K[];
		let total = 0;
		for (const key of keys) {
			total += weights[key];
		}
		let roll = this.next() * total;
		for (const key of keys) {
			roll -= weights[key];
			if (roll < 0) {
				return key;
			}
		}
		return keys[keys.length - 1];
	}
}
