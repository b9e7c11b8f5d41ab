// Refunds post a reversing entry to the ledger and notify the customer.
import { postJournalEntry } from '../../../libs/ledger/journal';
import type { Customer } from '@acme/customer-model';
import type { RefundIssued } from '@acme/payments-contracts';
import { findPayment, findCustomer, publish } from './store';

export class RefundError extends Error {
	constructor(readonly status: number, readonly code: string, message: string) {
		super(message);
	}
}

export interface Money {
	value: string;
	currency: string;
}

const processed = new Map<string, RefundIssued>();

export async function refundPayment(paymentId: string, amount: Money, idempotencyKey: string, reason?: string): Promise<RefundIssued> {
	if (!idempotencyKey) {
		throw new RefundError(400, 'idempotency_key_required', 'Refunds need an Idempotency-Key header.');
	}
	const previous = processed.get(idempotencyKey);
	if (previous) {
		return previous;
	}
	const payment = await findPayment(paymentId);
	if (!payment) {
		throw new RefundError(404, 'payment_not_found', `No payment ${paymentId}.`);
	}
	if (payment.currency !== amount.currency || Number(amount.value) > Number(payment.refundable)) {
		throw new RefundError(422, 'refund_exceeds_payment', 'The refund is larger than what remains refundable.');
	}
	const customer: Customer = await findCustomer(payment.customerId);
	const entry = await postJournalEntry({
		reference: `refund:${paymentId}:${idempotencyKey}`,
		lines: [
			{ account: payment.merchantAccount, debit: amount.value, currency: amount.currency },
			{ account: customer.settlementAccount, credit: amount.value, currency: amount.currency },
		],
	});
	const event: RefundIssued = {
		type: 'refund.issued',
		paymentId,
		journalEntryId: entry.id,
		amount,
		reason: reason ?? null,
		occurredAt: new Date().toISOString(),
	};
	processed.set(idempotencyKey, event);
	await publish(event);
	return event;
}
