//! Staff sign-in and sessions: slowed failed sign-ins, a new session id at every
//! sign-in, idle and absolute expiry, sign-out.

use super::audit::{audit, Address, AuditLine};
use super::reporter_secrets::{random_token, token_hash};
use super::staff::{StaffAccount, StaffRow, COLUMNS};
use super::{StorageError, Store};
use crate::model::workspace::{session_alive, sign_in_throttled, SIGN_IN_WINDOW_MS};
use crate::model::Timestamp;

/// What a staff sign-in came to. Refused and throttled read the same to the person
/// signing in; they differ here for the audit log and the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffSignIn {
    /// A new session: its token, in clear, for the cookie.
    Opened {
        session_token: String,
        staff: StaffAccount,
    },
    /// Wrong email or password.
    Refused,
    /// Too many failures for this account or from this address lately.
    Throttled,
}

const SIGN_IN_FAILED: &str = "sign_in_failed";

impl Store {
    /// Checks an email and password and opens a new session. Failures are audited and
    /// counted per account and per address; past the model's limits every attempt is
    /// refused for a while, before the password is even checked.
    pub async fn sign_in_staff(
        &self,
        email: &str,
        password: &str,
        address: Address<'_>,
        now: Timestamp,
    ) -> Result<StaffSignIn, StorageError> {
        let email = email.trim().to_lowercase();
        let since = now.0 - SIGN_IN_WINDOW_MS;
        let for_account: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE email = $1 AND action = $2 AND at > $3",
        )
        .bind(email.clone())
        .bind(SIGN_IN_FAILED)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        let from_address: i64 =
            match address {
                Some(address) => sqlx::query_scalar(
                    "SELECT COUNT(*) FROM audit_log WHERE address = $1 AND action = $2 AND at > $3",
                )
                .bind(address.to_string())
                .bind(SIGN_IN_FAILED)
                .bind(since)
                .fetch_one(&self.pool)
                .await?,
                None => 0,
            };
        let throttled = sign_in_throttled(for_account, from_address);
        let staff = if throttled {
            None
        } else {
            self.check_staff_password(&email, password).await?
        };
        let mut tx = self.begin_write().await?;
        let mut line = AuditLine {
            at: now,
            staff_id: staff.as_ref().map(|s| s.id),
            email: Some(&email),
            action: SIGN_IN_FAILED,
            report_id: None,
            detail: None,
            address,
        };
        let Some(staff) = staff else {
            line.detail = Some(if throttled { "throttled" } else { "refused" });
            audit(tx.conn(), &line).await?;
            tx.commit().await?;
            return Ok(if throttled {
                StaffSignIn::Throttled
            } else {
                StaffSignIn::Refused
            });
        };
        let session_token = random_token();
        sqlx::query(
            "INSERT INTO staff_sessions (token_hash, staff_id, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $3)",
        )
        .bind(token_hash(&session_token))
        .bind(staff.id)
        .bind(now.0)
        .execute(tx.conn())
        .await?;
        line.action = "sign_in";
        audit(tx.conn(), &line).await?;
        tx.commit().await?;
        Ok(StaffSignIn::Opened {
            session_token,
            staff,
        })
    }

    /// The staff member signed in with `token`, if the session is alive; using it
    /// keeps it alive. A dead session is removed.
    pub async fn staff_for_session(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<StaffAccount>, StorageError> {
        let hash = token_hash(token);
        let session: Option<(i64, i64, i64)> = sqlx::query_as(
            "SELECT staff_id, created_at, last_seen_at FROM staff_sessions WHERE token_hash = $1",
        )
        .bind(hash.clone())
        .fetch_optional(&self.pool)
        .await?;
        let Some((staff_id, created_at, last_seen_at)) = session else {
            return Ok(None);
        };
        if !session_alive(created_at, last_seen_at, now.0) {
            self.end_session_by_hash(&hash).await?;
            return Ok(None);
        }
        // Writing on every request would queue readers behind SQLite's one writer:
        // a minute's precision is plenty for a 30-minute idle limit.
        if now.0 - last_seen_at > 60_000 {
            sqlx::query("UPDATE staff_sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(now.0)
                .bind(hash)
                .execute(&self.pool)
                .await?;
        }
        let row: Option<StaffRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM staff WHERE id = $1 AND active = 1"
        ))
        .bind(staff_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(StaffRow::account))
    }

    /// Ends the session of `token` (sign-out), auditing it when it was alive.
    pub async fn sign_out_staff(
        &self,
        token: &str,
        address: Address<'_>,
        now: Timestamp,
    ) -> Result<(), StorageError> {
        let hash = token_hash(token);
        let mut tx = self.begin_write().await?;
        let staff_id: Option<i64> =
            sqlx::query_scalar("SELECT staff_id FROM staff_sessions WHERE token_hash = $1")
                .bind(hash.clone())
                .fetch_optional(tx.conn())
                .await?;
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(hash)
            .execute(tx.conn())
            .await?;
        if let Some(staff_id) = staff_id {
            let line = AuditLine {
                at: now,
                staff_id: Some(staff_id),
                email: None,
                action: "sign_out",
                report_id: None,
                detail: None,
                address,
            };
            audit(tx.conn(), &line).await?;
        }
        tx.commit().await
    }

    async fn end_session_by_hash(&self, hash: &str) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(hash.to_string())
            .execute(tx.conn())
            .await?;
        tx.commit().await
    }
}
