-- 0002: accounts and the double-entry journal
CREATE TABLE accounts (
    id              TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    currency        CHAR(3) NOT NULL,
    opened_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE journal_lines (
    entry_id        TEXT NOT NULL,
    account_id      TEXT NOT NULL REFERENCES accounts (id),
    currency        CHAR(3) NOT NULL,
    debit_cents     BIGINT NOT NULL DEFAULT 0 CHECK (debit_cents >= 0),
    credit_cents    BIGINT NOT NULL DEFAULT 0 CHECK (credit_cents >= 0),
    posted_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX journal_lines_account ON journal_lines (account_id, posted_at);
