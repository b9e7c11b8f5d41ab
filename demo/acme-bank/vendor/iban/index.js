// iban-check 1.4.2, vendored unchanged from upstream (MIT). Do not edit: update from upstream.
'use strict';

function mod97(digits) {
	let remainder = 0;
	for (let i = 0; i < digits.length; i += 7) {
		remainder = Number(String(remainder) + digits.slice(i, i + 7)) % 97;
	}
	return remainder;
}

function isValidIban(input) {
	const iban = String(input).replace(/\s+/g, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) {
		return false;
	}
	const rearranged = iban.slice(4) + iban.slice(0, 4);
	const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
	return mod97(digits) === 1;
}

module.exports = { isValidIban };
