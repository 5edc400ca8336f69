//! What the SMS and chat channels keep: which gateway messages were handled, so a
//! message delivered twice has one effect, and the sender's phone as the key to their
//! own reports (`CEK`, `BALAS`). The phone is read here only to compare it; it is
//! never returned.

use super::{StorageError, Store};
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

    /// Whether report `number` was sent from `phone` (normalised, `+62…`). A report that
    /// does not exist and one sent by someone else answer alike.
    pub async fn sent_from_phone(
        &self,
        number: &TrackingNumber,
        phone: &str,
    ) -> Result<bool, StorageError> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT r.id FROM reports r JOIN reporter_identities i ON i.report_id = r.id \
             WHERE r.tracking_number = $1 AND i.phone = $2",
        )
        .bind(number.as_str())
        .bind(phone)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }
}
