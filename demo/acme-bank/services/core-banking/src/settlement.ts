// Consumes the payments events (contract `payments-api`) and settles them on customer accounts.
import type { RefundIssued } from '@acme/payments-contracts';
import { postJournalEntry } from '@ledger/journal';
import { findAccount } from './accounts';

export async function settleRefund(event: RefundIssued, accountId: string): Promise<void> {
	const account = findAccount(accountId);
	if (!account) {
		throw new Error(`unknown account ${accountId}`);
	}
	await postJournalEntry({
		reference: `settle:${event.journalEntryId}`,
		lines: [
			{ account: 'clearing', debit: event.amount.value, currency: event.amount.currency },
			{ account: account.id, credit: event.amount.value, currency: event.amount.currency },
		],
	});
}
