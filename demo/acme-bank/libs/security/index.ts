// Acme security standard (contract `security-standard`, owned by the Architecture Forum).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Minimum key length in bytes for request signatures, fixed by the security standard. */
export const minimumKeyBytes = 32;

const signingKey = Buffer.from(process.env.REQUEST_SIGNING_KEY ?? '', 'base64');

export function verifyRequestSignature(headers: IncomingHttpHeaders): boolean {
	const signature = headers['signature'];
	const date = headers['date'];
	if (typeof signature !== 'string' || typeof date !== 'string' || signingKey.length < minimumKeyBytes) {
		return false;
	}
	const expected = createHmac('sha256', signingKey).update(date).digest();
	const given = Buffer.from(signature, 'base64');
	// Constant-time comparison: a plain === leaks how many bytes matched.
	return given.length === expected.length && timingSafeEqual(given, expected);
}
