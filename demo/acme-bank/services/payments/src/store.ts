import type { Customer } from '@acme/customer-model';
import type { RefundIssued } from '@acme/payments-contracts';

export interface PaymentRecord {
	id: string;
	customerId: string;
	merchantAccount: string;
	currency: string;
	/** Decimal string: what can still be refunded. */
	refundable: string;
}

// In production these talk to PostgreSQL and the event bus; the demo keeps them in memory.
const payments = new Map<string, PaymentRecord>();
const customers = new Map<string, Customer>();
const outbox: RefundIssued[] = [];

export async function findPayment(id: string): Promise<PaymentRecord | undefined> {
	return payments.get(id);
}

export async function findCustomer(id: string): Promise<Customer> {
	const customer = customers.get(id);
	if (!customer) {
		throw new Error(`customer ${id} not found`);
	}
	return customer;
}

export async function publish(event: RefundIssued): Promise<void> {
	outbox.push(event);
}
