// The shared customer model (contract `customer-model`, owned by core banking). Every domain reads
// it, so fields are only ever added; removals go through a deprecation period.

export type CustomerId = string;

export type KycStatus = 'pending' | 'verified' | 'rejected';

export interface Address {
	line1: string;
	line2?: string;
	city: string;
	postalCode: string;
	/** ISO 3166-1 alpha-2. */
	country: string;
}

export interface Customer {
	id: CustomerId;
	displayName: string;
	email: string;
	address: Address;
	kyc: KycStatus;
	/** Ledger account refunds and payouts are credited to. */
	settlementAccount: string;
	createdAt: string;
	/** @deprecated since 3.0: use `displayName`. Removed in 4.0. */
	fullName?: string;
}
