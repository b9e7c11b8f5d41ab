// Events the payments service publishes. Core banking consumes them to settle accounts,
// so they are part of the payments-api contract.

export interface MoneyAmount {
	value: string;
	currency: string;
}

export interface RefundIssued {
	type: 'refund.issued';
	paymentId: string;
	journalEntryId: string;
	amount: MoneyAmount;
	reason: string | null;
	occurredAt: string;
}

export interface PaymentSettled {
	type: 'payment.settled';
	paymentId: string;
	amount: MoneyAmount;
	settledAt: string;
}

export type PaymentEvent = RefundIssued | PaymentSettled;
