-- The reporter's secret: a 6-digit PIN (stored only as an Argon2id hash) that proves
-- the holder sent the report, and the sessions it opens (stored only as SHA-256 of the
-- token). Neither table names the reporter.
CREATE TABLE reporter_secrets (
    report_id       INTEGER PRIMARY KEY REFERENCES reports (id),
    pin_hash        TEXT NOT NULL,
    -- Wrong PINs since the last success or lock; the fifth locks the PIN.
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    -- Milliseconds; while in the future every PIN is refused.
    locked_until    INTEGER
);

CREATE TABLE reporter_sessions (
    token_hash TEXT PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX reporter_sessions_report_id ON reporter_sessions (report_id);

-- The reporter's rating of the follow-up: one per report, may be changed.
CREATE TABLE report_ratings (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id),
    stars     INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment   TEXT,
    rated_at  INTEGER NOT NULL
);
