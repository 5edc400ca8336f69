-- Chat doors (Telegram, WhatsApp). A Telegram reporter is known by their chat, which is
-- where their answers and notices go; it is never shown, like an anonymous phone.
ALTER TABLE reporter_identities ADD COLUMN chat TEXT;
CREATE INDEX reporter_identities_chat ON reporter_identities (chat);

-- One row per chat (model::sms::Sender::address): when it last wrote (WhatsApp lets a
-- business write freely only within 24 hours of that) and the guided report in the
-- making (model::chat::Draft as JSON; NULL when there is none).
CREATE TABLE chats (
    address       TEXT PRIMARY KEY,
    last_seen_at  INTEGER NOT NULL,
    draft         TEXT,
    draft_at      INTEGER
);
