-- Messages to reporters about the steps of their reports (model::notification), written
-- in the same transaction as the step, delivered by a worker (server::channels::outbox).
-- A message is marked sent only after its channel took it, so a restart never loses one;
-- it may send one twice (at-least-once), with the row id as the key the receiver can
-- dedupe by. The recipient is not copied here: it stays in reporter_identities.
CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    report_id       BIGINT NOT NULL REFERENCES reports (id),
    event_id        BIGINT NOT NULL REFERENCES events (id),
    channel         TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    -- pending, sent, or dead (given up after model::notification::MAX_ATTEMPTS)
    state           TEXT NOT NULL DEFAULT 'pending',
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    -- A worker holds a message it is delivering until then; a crashed one lets go.
    lease_until     BIGINT NOT NULL DEFAULT 0,
    last_error      TEXT,
    sent_at         BIGINT,
    UNIQUE (event_id, channel)
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

-- STOP: the reporter asked to hear no more about this report.
ALTER TABLE reporter_identities ADD COLUMN notify BIGINT NOT NULL DEFAULT 1;
