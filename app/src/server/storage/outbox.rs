//! The outbox: messages to reporters, written in the transaction of the step they tell
//! of and delivered by `server::channels::outbox`. Delivery alone reads the recipient
//! (from `reporter_identities`, at the moment of sending); no other query here names it.

use sqlx::AnyConnection;

use super::channels::identity_column;
use super::reports::parse_status;
use super::{StorageError, Store};
use crate::model::sms::Sender;
use crate::model::{EventKind, Status, Timestamp, TrackingNumber};

/// The channel of an SMS message.
pub const SMS: &str = "sms";
/// The channel of an e-mail.
pub const EMAIL: &str = "email";
/// The channel of a Telegram message.
pub const TELEGRAM: &str = "telegram";
/// The channel of a WhatsApp message.
pub const WHATSAPP: &str = "whatsapp";

/// Queues the messages telling the reporter of event `event_id`, unless they said STOP:
/// through the door the report came by when that door can answer (SMS, WhatsApp, a
/// Telegram chat), otherwise an e-mail when the reporter left an address.
pub(super) async fn enqueue(
    conn: &mut AnyConnection,
    report_id: i64,
    event_id: i64,
    at: Timestamp,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO outbox (report_id, event_id, channel, created_at, next_attempt_at) \
         SELECT r.id, $2, CASE WHEN r.channel IN ('sms', 'whatsapp', 'telegram') \
         THEN r.channel ELSE 'email' END, $3, $3 FROM reports r \
         JOIN reporter_identities i ON i.report_id = r.id \
         WHERE r.id = $1 AND i.notify = 1 AND ( \
           (r.channel IN ('sms', 'whatsapp') AND i.phone IS NOT NULL) \
           OR (r.channel = 'telegram' AND i.chat IS NOT NULL) \
           OR (r.channel NOT IN ('sms', 'whatsapp', 'telegram') AND i.email IS NOT NULL)) \
         ON CONFLICT DO NOTHING",
    )
    .bind(report_id)
    .bind(event_id)
    .bind(at.0)
    .execute(conn)
    .await?;
    Ok(())
}

/// A message due for delivery, with what its text is made of.
#[derive(Debug, Clone)]
pub struct OutboxMessage {
    pub id: i64,
    pub channel: String,
    /// Failed attempts so far.
    pub attempts: i64,
    pub tracking_number: TrackingNumber,
    pub kind: EventKind,
    pub status_after: Status,
    /// The follow-up, or the reason given with the step.
    pub body: Option<String>,
    pub agency_name: Option<String>,
    /// Where it goes (the reporter's phone, or e-mail address); `None` when the reporter
    /// said STOP since.
    pub recipient: Option<String>,
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    channel: String,
    attempts: i64,
    tracking_number: String,
    kind: String,
    status_after: String,
    body: Option<String>,
    agency_name: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    chat: Option<String>,
    notify: Option<i64>,
}

/// Where the outbox stands, for operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sent: i64,
    pub dead: i64,
    pub skipped: i64,
}

/// A message given up on, for national administrators (no recipient).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DeadLetter {
    pub id: i64,
    pub tracking_number: String,
    pub channel: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

impl Store {
    /// Up to `limit` pending messages of `channels` due at `now` and not held by a
    /// worker, oldest first.
    pub async fn due_messages(
        &self,
        now: Timestamp,
        limit: i64,
        channels: &[&str],
    ) -> Result<Vec<OutboxMessage>, StorageError> {
        if channels.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT o.id, o.channel, o.attempts, r.tracking_number, e.kind, e.status_after, \
             e.body, a.name AS agency_name, i.phone, i.email, i.chat, i.notify FROM outbox o \
             JOIN reports r ON r.id = o.report_id JOIN events e ON e.id = o.event_id \
             LEFT JOIN agencies a ON a.id = e.agency_id \
             LEFT JOIN reporter_identities i ON i.report_id = o.report_id \
             WHERE o.state = 'pending' AND o.next_attempt_at <= $1 AND o.lease_until < $1 \
             AND {} ORDER BY o.next_attempt_at, o.id LIMIT $2",
            super::in_list("o.channel", 3, channels.len())
        );
        let mut query = sqlx::query_as(&sql).bind(now.0).bind(limit);
        for channel in channels {
            query = query.bind(*channel);
        }
        let rows: Vec<OutboxRow> = query.fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|row| {
                let kind = EventKind::from_code(&row.kind).ok_or_else(|| {
                    StorageError::corrupt(format!("unknown event kind {}", row.kind))
                })?;
                let recipient = match row.channel.as_str() {
                    EMAIL => row.email,
                    TELEGRAM => row.chat,
                    _ => row.phone,
                }
                .filter(|_| row.notify == Some(1));
                let tracking_number = TrackingNumber::parse(&row.tracking_number)
                    .map_err(|_| StorageError::corrupt("a stored tracking number"))?;
                Ok(OutboxMessage {
                    id: row.id,
                    channel: row.channel,
                    attempts: row.attempts,
                    tracking_number,
                    kind,
                    status_after: parse_status(&row.status_after)?,
                    body: row.body,
                    agency_name: row.agency_name,
                    recipient,
                })
            })
            .collect()
    }

    /// Takes message `id` for delivery until `until`; `false` when another worker holds
    /// it or it is no longer pending.
    pub async fn lease_message(
        &self,
        id: i64,
        now: Timestamp,
        until: Timestamp,
    ) -> Result<bool, StorageError> {
        let taken = sqlx::query(
            "UPDATE outbox SET lease_until = $3 \
             WHERE id = $1 AND state = 'pending' AND lease_until < $2",
        )
        .bind(id)
        .bind(now.0)
        .bind(until.0)
        .execute(&self.pool)
        .await?;
        Ok(taken.rows_affected() == 1)
    }

    /// The channel took message `id`.
    pub async fn message_sent(&self, id: i64, now: Timestamp) -> Result<(), StorageError> {
        sqlx::query(
            "UPDATE outbox SET state = 'sent', sent_at = $2, lease_until = 0 WHERE id = $1",
        )
        .bind(id)
        .bind(now.0)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Message `id` is not sent: the reporter said STOP after it was queued.
    pub async fn message_skipped(&self, id: i64) -> Result<(), StorageError> {
        sqlx::query("UPDATE outbox SET state = 'skipped', lease_until = 0 WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Attempt `attempts` of message `id` failed with `error` (never a recipient): it is
    /// tried again at `retry_at`, or given up (`dead`).
    pub async fn message_failed(
        &self,
        id: i64,
        attempts: i64,
        retry_at: Timestamp,
        error: &str,
        dead: bool,
    ) -> Result<(), StorageError> {
        let state = if dead { "dead" } else { "pending" };
        sqlx::query(
            "UPDATE outbox SET attempts = $2, next_attempt_at = $3, last_error = $4, \
             state = $5, lease_until = 0 WHERE id = $1",
        )
        .bind(id)
        .bind(attempts)
        .bind(retry_at.0)
        .bind(error.chars().take(300).collect::<String>())
        .bind(state)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// How many messages are pending, sent, given up and skipped.
    pub async fn outbox_counts(&self) -> Result<OutboxCounts, StorageError> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT state, COUNT(*) FROM outbox GROUP BY state")
                .fetch_all(&self.pool)
                .await?;
        let mut counts = OutboxCounts::default();
        for (state, count) in rows {
            match state.as_str() {
                "pending" => counts.pending = count,
                "sent" => counts.sent = count,
                "dead" => counts.dead = count,
                "skipped" => counts.skipped = count,
                _ => {}
            }
        }
        Ok(counts)
    }

    /// The messages given up on, newest first.
    pub async fn dead_letters(&self, limit: i64) -> Result<Vec<DeadLetter>, StorageError> {
        let rows = sqlx::query_as(
            "SELECT o.id, r.tracking_number, o.channel, o.attempts, o.last_error FROM outbox o \
             JOIN reports r ON r.id = o.report_id WHERE o.state = 'dead' ORDER BY o.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    /// Puts a message given up on back in the queue, to be tried at once.
    pub async fn retry_dead_letter(&self, id: i64, now: Timestamp) -> Result<bool, StorageError> {
        let done = sqlx::query(
            "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = $2 \
             WHERE id = $1 AND state = 'dead'",
        )
        .bind(id)
        .bind(now.0)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// STOP: no more messages about report `number` to `sender`. `false` when they did
    /// not send it.
    pub async fn stop_notifications(
        &self,
        number: &TrackingNumber,
        sender: &Sender,
    ) -> Result<bool, StorageError> {
        let (column, value) = identity_column(sender);
        let done = sqlx::query(&format!(
            "UPDATE reporter_identities SET notify = 0 WHERE {column} = $2 \
             AND report_id = (SELECT id FROM reports WHERE tracking_number = $1)"
        ))
        .bind(number.as_str())
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// STOP without a number: no more messages to `sender` about any report. How many
    /// reports that covered.
    pub async fn stop_all_notifications(&self, sender: &Sender) -> Result<u64, StorageError> {
        let (column, value) = identity_column(sender);
        let done = sqlx::query(&format!(
            "UPDATE reporter_identities SET notify = 0 WHERE {column} = $1"
        ))
        .bind(value)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
}
