//! The reporter's secret: a 6-digit PIN and the sessions it opens.
//!
//! Only hashes are stored: the PIN sealed with the server's key (HMAC-SHA256, see
//! `pin_key.rs` for why not a slow hash; PINs of older reports are Argon2id and still
//! open), a session token as SHA-256. Nothing here reads or writes `reporter_identities`:
//! proving "I sent this report" never needs to know who the reporter is.

use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

use super::{PinKey, StorageError, Store};

use crate::model::{Timestamp, TrackingNumber};

/// Digits in a PIN.
pub const PIN_LEN: usize = 6;
/// Wrong PINs in a row that lock the report's PIN.
pub const MAX_FAILED_ATTEMPTS: i64 = 5;
/// How long a locked PIN stays locked.
pub const LOCK_MS: i64 = 15 * 60_000;
/// How long a reporter session lasts.
pub const SESSION_MS: i64 = 90 * 86_400_000;

/// A fresh PIN and session token, in clear, to hand to the reporter exactly once.
#[derive(Clone, PartialEq, Eq)]
pub struct ReporterSecret {
    pub pin: String,
    pub session_token: String,
}

impl std::fmt::Debug for ReporterSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never in logs.
        f.write_str("ReporterSecret(<hidden>)")
    }
}

/// A fresh PIN with its sealed hash, to store with a new report.
pub(crate) struct PreparedSecret {
    pub secret: ReporterSecret,
    pin_hash: String,
}

/// What a PIN sign-in came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    /// The PIN is right: a new session token, in clear.
    Opened { session_token: String },
    /// The PIN is wrong; this many tries are left before the lock.
    WrongPin { tries_left: i64 },
    /// Too many wrong PINs: every PIN is refused until then.
    Locked { until: Timestamp },
}

/// A uniformly random 6-digit PIN, leading zeros allowed.
fn random_pin() -> String {
    let n: u32 = rand::rng().random_range(0..1_000_000);
    format!("{n:06}")
}

/// 32 random bytes, base64url without padding.
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a session token, hex.
pub(crate) fn token_hash(token: &str) -> String {
    super::pin_key::hex(&Sha256::digest(token.as_bytes()))
}

/// A well-formed PIN: exactly six ASCII digits.
pub fn is_pin_shaped(pin: &str) -> bool {
    pin.len() == PIN_LEN && pin.bytes().all(|b| b.is_ascii_digit())
}

/// Makes a PIN and seals it with `key` (microseconds: no thread pool needed).
pub(crate) fn prepare_secret(key: &PinKey) -> PreparedSecret {
    let pin = random_pin();
    let pin_hash = key.seal(&pin);
    PreparedSecret {
        secret: ReporterSecret {
            pin,
            session_token: random_token(),
        },
        pin_hash,
    }
}

impl PreparedSecret {
    /// The PIN's sealed hash, as stored.
    pub(crate) fn pin_hash(&self) -> &str {
        &self.pin_hash
    }

    /// The session token's hash, as stored.
    pub(crate) fn session_hash(&self) -> String {
        token_hash(&self.secret.session_token)
    }
}

async fn insert_session(
    conn: &mut AnyConnection,
    report_id: i64,
    token: &str,
    now: Timestamp,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO reporter_sessions (token_hash, report_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash(token))
    .bind(report_id)
    .bind(now.0)
    .bind(now.0 + SESSION_MS)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SecretRow {
    report_id: i64,
    pin_hash: String,
    locked_until: Option<i64>,
}

impl Store {
    /// Whether `token` is a live session for the report numbered `number`.
    pub async fn reporter_session_valid(
        &self,
        number: &TrackingNumber,
        token: &str,
        now: Timestamp,
    ) -> Result<bool, StorageError> {
        let count: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM reporter_sessions s JOIN reports r ON r.id = s.report_id \
             WHERE s.token_hash = $1 AND r.tracking_number = $2 AND s.expires_at > $3",
        )
        .bind(token_hash(token))
        .bind(number.as_str())
        .bind(now.0)
        .fetch_one(&self.pool)
        .await?;
        Ok(count > 0)
    }

    /// Ends a session (signing out). Harmless when it is already gone.
    pub async fn end_reporter_session(&self, token: &str) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM reporter_sessions WHERE token_hash = $1")
            .bind(token_hash(token))
            .execute(tx.conn())
            .await?;
        tx.commit().await
    }

    /// Checks a typed PIN for the report. Five wrong PINs in a row lock it for 15
    /// minutes; a right PIN opens a new session. `NotFound` when the report (or its
    /// secret) does not exist.
    pub async fn sign_in_reporter(
        &self,
        number: &TrackingNumber,
        pin: &str,
        now: Timestamp,
    ) -> Result<SignIn, StorageError> {
        let row: SecretRow = sqlx::query_as(
            "SELECT s.report_id, s.pin_hash, s.locked_until \
             FROM reporter_secrets s JOIN reports r ON r.id = s.report_id \
             WHERE r.tracking_number = $1",
        )
        .bind(number.as_str())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)?;
        if let Some(until) = row.locked_until.filter(|&until| until > now.0) {
            return Ok(SignIn::Locked {
                until: Timestamp(until),
            });
        }
        let right = is_pin_shaped(pin) && verify_pin(&self.pin_key, pin, &row.pin_hash).await?;
        let mut tx = self.begin_write().await?;
        if right {
            sqlx::query(
                "UPDATE reporter_secrets SET failed_attempts = 0, locked_until = NULL \
                 WHERE report_id = $1",
            )
            .bind(row.report_id)
            .execute(tx.conn())
            .await?;
            // A PIN from before the key (Argon2id) is sealed anew: the next check is fast.
            if self.pin_key.opens(pin, &row.pin_hash).is_none() {
                sqlx::query("UPDATE reporter_secrets SET pin_hash = $2 WHERE report_id = $1")
                    .bind(row.report_id)
                    .bind(self.pin_key.seal(pin))
                    .execute(tx.conn())
                    .await?;
            }
            let token = random_token();
            insert_session(tx.conn(), row.report_id, &token, now).await?;
            tx.commit().await?;
            return Ok(SignIn::Opened {
                session_token: token,
            });
        }
        // Count in the database, not from the row read above: concurrent wrong tries
        // must not be lost.
        let failed: i64 = sqlx::query_scalar(
            "UPDATE reporter_secrets SET failed_attempts = CASE \
               WHEN locked_until IS NOT NULL AND locked_until <= $2 THEN 1 \
               ELSE failed_attempts + 1 END, \
             locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= $2 \
               THEN NULL ELSE locked_until END \
             WHERE report_id = $1 RETURNING failed_attempts",
        )
        .bind(row.report_id)
        .bind(now.0)
        .fetch_one(tx.conn())
        .await?;
        if failed >= MAX_FAILED_ATTEMPTS {
            let until = now.0 + LOCK_MS;
            sqlx::query("UPDATE reporter_secrets SET locked_until = $2 WHERE report_id = $1")
                .bind(row.report_id)
                .bind(until)
                .execute(tx.conn())
                .await?;
            tx.commit().await?;
            return Ok(SignIn::Locked {
                until: Timestamp(until),
            });
        }
        tx.commit().await?;
        Ok(SignIn::WrongPin {
            tries_left: MAX_FAILED_ATTEMPTS - failed,
        })
    }
}

/// Whether `pin` opens the stored hash: sealed with the key (compared in constant time),
/// or, for reports from before the key, an Argon2id hash (slow: off the async threads).
async fn verify_pin(key: &PinKey, pin: &str, hash: &str) -> Result<bool, StorageError> {
    if let Some(right) = key.opens(pin, hash) {
        return Ok(right);
    }
    let (pin, hash) = (pin.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || password_auth::verify_password(pin, &hash).is_ok())
        .await
        .map_err(|e| StorageError::Unavailable(format!("hashing stopped: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_six_digits() {
        for _ in 0..200 {
            let pin = random_pin();
            assert!(is_pin_shaped(&pin), "{pin}");
        }
        assert!(!is_pin_shaped("12345"));
        assert!(!is_pin_shaped("12345a"));
        assert!(!is_pin_shaped("١٢٣٤٥٦"));
    }

    #[test]
    fn tokens_are_long_and_differ() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
    }
}
