-- 0003: refunds, requested by payments and reviewed by core banking
CREATE TABLE refunds (
    id                TEXT PRIMARY KEY,
    payment_id        TEXT NOT NULL,
    idempotency_key   TEXT NOT NULL UNIQUE,
    amount_cents      BIGINT NOT NULL CHECK (amount_cents > 0),
    currency          CHAR(3) NOT NULL,
    journal_entry_id  TEXT NOT NULL,
    reason            TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE customers ADD COLUMN settlement_account TEXT REFERENCES accounts (id);
