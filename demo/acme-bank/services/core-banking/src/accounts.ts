import type { Customer, CustomerId } from '@acme/customer-model';

export interface Account {
	id: string;
	customerId: CustomerId;
	currency: string;
	openedAt: string;
}

const accounts = new Map<string, Account>();

export function openAccount(customer: Customer, currency: string): Account {
	if (customer.kyc !== 'verified') {
		throw new Error(`customer ${customer.id} has not passed KYC`);
	}
	const account: Account = {
		id: `acc_${accounts.size + 1}`,
		customerId: customer.id,
		currency,
		openedAt: new Date().toISOString(),
	};
	accounts.set(account.id, account);
	return account;
}

export function findAccount(id: string): Account | undefined {
	return accounts.get(id);
}
