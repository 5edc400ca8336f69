//! What the SMS and chat channels keep: which gateway messages were handled, so a
//! message delivered twice has one effect, and the sender's phone as the key to their
//! own reports (`CEK`, `BALAS`). The phone is read here only to compare it; it is
//! never returned.

use super::{StorageError, Store};
use crate::model::sms::Sender;
use crate::model::{Timestamp, TrackingNumber};

/// Where a gateway message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Seen for the first time: handle it, then [`Store::finish_message`].
    New,
    /// Claimed before but never finished (the server stopped halfway): handle it again.
    Unfinished,
    /// Handled already: answer without doing it twice.
    Done,
}

impl Claim {
    pub fn is_done(self) -> bool {
        self == Claim::Done
    }
}

impl Store {
    /// Claims message `external_id` of `channel` (e.g. `sms:kannel`).
    pub async fn claim_message(
        &self,
        channel: &str,
        external_id: &str,
        now: Timestamp,
    ) -> Result<Claim, StorageError> {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO inbound_messages (channel, external_id, received_at, done) \
             VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING RETURNING done",
        )
        .bind(channel)
        .bind(external_id)
        .bind(now.0)
        .fetch_optional(&self.pool)
        .await?;
        if inserted.is_some() {
            return Ok(Claim::New);
        }
        let done: i64 = sqlx::query_scalar(
            "SELECT done FROM inbound_messages WHERE channel = $1 AND external_id = $2",
        )
        .bind(channel)
        .bind(external_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(if done != 0 {
            Claim::Done
        } else {
            Claim::Unfinished
        })
    }

    /// Marks a claimed message handled.
    pub async fn finish_message(
        &self,
        channel: &str,
        external_id: &str,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE inbound_messages SET done = 1 WHERE channel = $1 AND external_id = $2")
            .bind(channel)
            .bind(external_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets the gateway message ids older than `before` (gateways deliver again within
    /// minutes or hours, never weeks later). How many were forgotten.
    pub async fn forget_messages_before(&self, before: Timestamp) -> Result<u64, StorageError> {
        let done = sqlx::query("DELETE FROM inbound_messages WHERE received_at < $1")
            .bind(before.0)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Whether report `number` was sent by `sender` (from the same phone, or the same
    /// chat). A report that does not exist and one sent by someone else answer alike.
    pub async fn sent_by(
        &self,
        number: &TrackingNumber,
        sender: &Sender,
    ) -> Result<bool, StorageError> {
        let (column, value) = identity_column(sender);
        let found: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT r.id FROM reports r JOIN reporter_identities i ON i.report_id = r.id \
             WHERE r.tracking_number = $1 AND i.{column} = $2"
        ))
        .bind(number.as_str())
        .bind(value)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    /// Notes that `address` wrote now; returns its guided report in the making, if any
    /// (`model::chat::Draft` as JSON).
    pub async fn chat_seen(
        &self,
        address: &str,
        now: Timestamp,
    ) -> Result<Option<String>, StorageError> {
        let draft: Option<Option<String>> = sqlx::query_scalar(
            "INSERT INTO chats (address, last_seen_at) VALUES ($1, $2) \
             ON CONFLICT (address) DO UPDATE SET last_seen_at = $2 RETURNING draft",
        )
        .bind(address)
        .bind(now.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(draft.flatten())
    }

    /// Keeps (or with `None`, forgets) the chat's guided report in the making.
    pub async fn save_chat_draft(
        &self,
        address: &str,
        draft: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        sqlx::query("UPDATE chats SET draft = $2, draft_at = $3 WHERE address = $1")
            .bind(address)
            .bind(draft)
            .bind(draft.map(|_| now.0))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// When `address` last wrote, if ever.
    pub async fn chat_last_seen(&self, address: &str) -> Result<Option<Timestamp>, StorageError> {
        let at: Option<i64> =
            sqlx::query_scalar("SELECT last_seen_at FROM chats WHERE address = $1")
                .bind(address)
                .fetch_optional(&self.pool)
                .await?;
        Ok(at.map(Timestamp))
    }

    /// Forgets guided reports left unfinished since before `before`. How many.
    pub async fn forget_chat_drafts_before(&self, before: Timestamp) -> Result<u64, StorageError> {
        let done =
            sqlx::query("UPDATE chats SET draft = NULL, draft_at = NULL WHERE draft_at < $1")
                .bind(before.0)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected())
    }
}

/// The column of `reporter_identities` that knows `sender`, and its value there.
pub(super) fn identity_column(sender: &Sender) -> (&'static str, String) {
    match (sender.phone(), sender.identity().chat) {
        (Some(phone), _) => ("phone", phone.to_string()),
        (None, chat) => ("chat", chat.unwrap_or_default()),
    }
}

/// How long the parts of an unfinished long SMS are kept.
const PARTS_KEPT_MS: i64 = 86_400_000;

/// One part of a long SMS.
#[derive(Debug, Clone)]
pub struct SmsPart<'a> {
    pub channel: &'a str,
    pub sender: &'a str,
    /// The gateway's reference shared by the parts of one message.
    pub reference: &'a str,
    /// 1-based.
    pub part: i64,
    pub parts: i64,
    pub body: &'a str,
}

impl Store {
    /// Keeps one part of a long SMS; when it completes the message, returns the whole
    /// text (parts in order) and forgets the parts. A part delivered twice counts once.
    pub async fn add_sms_part(
        &self,
        part: &SmsPart<'_>,
        now: Timestamp,
    ) -> Result<Option<String>, StorageError> {
        sqlx::query("DELETE FROM sms_parts WHERE received_at < $1")
            .bind(now.0 - PARTS_KEPT_MS)
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO sms_parts (channel, sender, reference, part, parts, body, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
        )
        .bind(part.channel)
        .bind(part.sender)
        .bind(part.reference)
        .bind(part.part)
        .bind(part.parts)
        .bind(part.body)
        .bind(now.0)
        .execute(&self.pool)
        .await?;
        let bodies: Vec<String> = sqlx::query_scalar(
            "SELECT body FROM sms_parts WHERE channel = $1 AND sender = $2 AND reference = $3 \
             AND parts = $4 ORDER BY part",
        )
        .bind(part.channel)
        .bind(part.sender)
        .bind(part.reference)
        .bind(part.parts)
        .fetch_all(&self.pool)
        .await?;
        if (bodies.len() as i64) < part.parts {
            return Ok(None);
        }
        sqlx::query("DELETE FROM sms_parts WHERE channel = $1 AND sender = $2 AND reference = $3")
            .bind(part.channel)
            .bind(part.sender)
            .bind(part.reference)
            .execute(&self.pool)
            .await?;
        Ok(Some(bodies.concat()))
    }
}
