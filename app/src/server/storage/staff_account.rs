//! A staff member's own account: changing their password, their recent sign-ins, the
//! sessions they have open elsewhere.

use super::audit::{audit, Address, AuditLine};
use super::reporter_secrets::token_hash;
use super::staff::{hash, StaffAccount};
use super::{StorageError, Store};
use crate::model::workspace::{sign_in_throttled, SIGN_IN_WINDOW_MS};
use crate::model::Timestamp;

/// What a password change came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordChange {
    /// Changed; the staff member's other sessions were ended (how many).
    Changed { ended_sessions: i64 },
    /// The current password was wrong (counted as a failed sign-in).
    WrongCurrent,
    /// Too many failures for this account lately: nothing was checked.
    Throttled,
}

/// One sign-in, or a failed attempt, on a staff member's account.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SignInEntry {
    pub at: i64,
    pub address: Option<String>,
    pub action: String,
}

const SIGN_IN_FAILED: &str = "sign_in_failed";

/// Ends every session of `staff` but the one with `session_token`, inside the caller's
/// transaction; how many ended.
async fn end_sessions_but(
    conn: &mut sqlx::AnyConnection,
    staff: &StaffAccount,
    session_token: &str,
) -> Result<i64, StorageError> {
    Ok(
        sqlx::query("DELETE FROM staff_sessions WHERE staff_id = $1 AND token_hash <> $2")
            .bind(staff.id)
            .bind(token_hash(session_token))
            .execute(conn)
            .await?
            .rows_affected() as i64,
    )
}

impl Store {
    /// Changes `staff`'s password to `new` when `current` is theirs, and ends every
    /// other session of theirs (the one with `session_token` stays). A wrong current
    /// password counts towards the sign-in throttle, so a stolen session cannot guess
    /// it; both outcomes are audited.
    pub async fn change_own_password(
        &self,
        staff: &StaffAccount,
        current: &str,
        new: &str,
        session_token: &str,
        address: Address<'_>,
        now: Timestamp,
    ) -> Result<PasswordChange, StorageError> {
        let failures: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE email = $1 AND action = $2 AND at > $3",
        )
        .bind(staff.email.clone())
        .bind(SIGN_IN_FAILED)
        .bind(now.0 - SIGN_IN_WINDOW_MS)
        .fetch_one(&self.pool)
        .await?;
        if sign_in_throttled(failures, 0) {
            return Ok(PasswordChange::Throttled);
        }
        let matches = self
            .check_staff_password(&staff.email, current)
            .await?
            .is_some_and(|account| account.id == staff.id);
        let new_hash = if matches {
            Some(hash(new.to_string()).await?)
        } else {
            None
        };
        let mut tx = self.begin_write().await?;
        let mut line = AuditLine {
            at: now,
            staff_id: Some(staff.id),
            email: Some(&staff.email),
            action: SIGN_IN_FAILED,
            report_id: None,
            detail: Some("password_change"),
            address,
        };
        let Some(new_hash) = new_hash else {
            audit(tx.conn(), &line).await?;
            tx.commit().await?;
            return Ok(PasswordChange::WrongCurrent);
        };
        sqlx::query("UPDATE staff SET password_hash = $1 WHERE id = $2")
            .bind(new_hash)
            .bind(staff.id)
            .execute(tx.conn())
            .await?;
        let ended = end_sessions_but(tx.conn(), staff, session_token).await?;
        line.action = "password_changed";
        line.detail = None;
        audit(tx.conn(), &line).await?;
        tx.commit().await?;
        Ok(PasswordChange::Changed {
            ended_sessions: ended,
        })
    }

    /// Ends every session of `staff` but the one with `session_token`; how many.
    pub async fn end_other_sessions(
        &self,
        staff: &StaffAccount,
        session_token: &str,
        address: Address<'_>,
        now: Timestamp,
    ) -> Result<i64, StorageError> {
        let mut tx = self.begin_write().await?;
        let ended = end_sessions_but(tx.conn(), staff, session_token).await?;
        let detail = ended.to_string();
        let line = AuditLine {
            at: now,
            staff_id: Some(staff.id),
            email: None,
            action: "sign_out_others",
            report_id: None,
            detail: Some(&detail),
            address,
        };
        audit(tx.conn(), &line).await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// How many sessions `staff` has open besides the one with `session_token`.
    pub async fn other_sessions(
        &self,
        staff: &StaffAccount,
        session_token: &str,
    ) -> Result<i64, StorageError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM staff_sessions WHERE staff_id = $1 AND token_hash <> $2",
        )
        .bind(staff.id)
        .bind(token_hash(session_token))
        .fetch_one(&self.pool)
        .await?)
    }

    /// The latest `limit` sign-ins and failed attempts on `staff`'s account, newest
    /// first.
    pub async fn recent_sign_ins(
        &self,
        staff: &StaffAccount,
        limit: i64,
    ) -> Result<Vec<SignInEntry>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT at, address, action FROM audit_log WHERE email = $1 \
             AND action IN ('sign_in', 'sign_in_failed') ORDER BY at DESC, id DESC LIMIT $2",
        )
        .bind(staff.email.clone())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
