// Double-entry journal: every entry balances per currency, or it is rejected.
import { sumDecimal } from './money';

export interface JournalLine {
	account: string;
	currency: string;
	debit?: string;
	credit?: string;
}

export interface JournalEntryInput {
	reference: string;
	lines: JournalLine[];
}

export interface JournalEntry extends JournalEntryInput {
	id: string;
	postedAt: string;
}

const entries: JournalEntry[] = [];

export async function postJournalEntry(input: JournalEntryInput): Promise<JournalEntry> {
	const currencies = new Set(input.lines.map((line) => line.currency));
	for (const currency of currencies) {
		const lines = input.lines.filter((line) => line.currency === currency);
		const debits = sumDecimal(lines.map((line) => line.debit ?? '0'));
		const credits = sumDecimal(lines.map((line) => line.credit ?? '0'));
		if (debits !== credits) {
			throw new Error(`unbalanced entry ${input.reference}: ${debits} debit vs ${credits} credit ${currency}`);
		}
	}
	const entry: JournalEntry = { ...input, id: `je_${entries.length + 1}`, postedAt: new Date().toISOString() };
	entries.push(entry);
	return entry;
}
