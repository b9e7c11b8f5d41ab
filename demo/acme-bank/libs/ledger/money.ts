// Amounts are decimal strings with two places; sums are done in integer cents to avoid floats.

export function toCents(value: string): bigint {
	const [whole, fraction = ''] = value.split('.');
	return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
}

export function fromCents(cents: bigint): string {
	const sign = cents < 0n ? '-' : '';
	const abs = cents < 0n ? -cents : cents;
	return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export function sumDecimal(values: string[]): string {
	return fromCents(values.reduce((total, value) => total + toCents(value), 0n));
}
