-- 0001: customers (owned by core banking, see docs/adr/0005-core-banking-owns-the-schema.md)
CREATE TABLE customers (
    id              TEXT PRIMARY KEY,
    display_name    TEXT NOT NULL,
    email           TEXT NOT NULL UNIQUE,
    kyc_status      TEXT NOT NULL DEFAULT 'pending' CHECK (kyc_status IN ('pending', 'verified', 'rejected')),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
