-- Replies (BALAS) that came in by SMS, by the gateway's own message id: a gateway that
-- delivers the same message twice (a lost answer, a restart) gets one effect. A claim is
-- taken before the message is handled and marked done after; a claim never marked done
-- (the server stopped halfway) is handled again, so nothing acknowledged is lost.
-- Neither the sender nor the text is kept here: the report holds what was filed.
CREATE TABLE inbound_messages (
    channel     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    done        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (channel, external_id)
);

-- The parts of a long SMS that a gateway delivers one by one (the generic webhook's
-- `part`, `parts`, `ref`), kept only until the last part arrives and the joined
-- message is handled; parts of a message that never completes are dropped after a day.
CREATE TABLE sms_parts (
    channel     TEXT NOT NULL,
    sender      TEXT NOT NULL,
    reference   TEXT NOT NULL,
    part        BIGINT NOT NULL,
    parts       BIGINT NOT NULL,
    body        TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (channel, sender, reference, part)
);
CREATE INDEX sms_parts_by_age ON sms_parts (received_at);
