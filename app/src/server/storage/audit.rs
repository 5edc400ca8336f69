//! The append-only audit log: written inside each step's own transaction, read by
//! national administrators.
use sqlx::{AnyConnection, FromRow};

use super::staff::StaffAccount;
use super::{StorageError, Store};
use crate::model::{Timestamp, TrackingNumber};

/// Where a request came from, for the audit log.
pub type Address<'a> = Option<&'a str>;

/// One audit line, written inside the caller's transaction.
pub(super) struct AuditLine<'a> {
    pub at: Timestamp,
    pub staff_id: Option<i64>,
    pub email: Option<&'a str>,
    pub action: &'a str,
    pub report_id: Option<i64>,
    pub detail: Option<&'a str>,
    pub address: Address<'a>,
}

pub(super) async fn audit(
    conn: &mut AnyConnection,
    line: &AuditLine<'_>,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO audit_log (at, staff_id, email, action, report_id, detail, address) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(line.at.0)
    .bind(line.staff_id)
    .bind(line.email.map(str::to_string))
    .bind(line.action.to_string())
    .bind(line.report_id)
    .bind(line.detail.map(str::to_string))
    .bind(line.address.map(str::to_string))
    .execute(conn)
    .await?;
    Ok(())
}

/// One line of the audit log as the national administrator reads it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AuditEntry {
    pub at: i64,
    pub staff_email: Option<String>,
    pub action: String,
    pub tracking_number: Option<String>,
    pub detail: Option<String>,
    pub address: Option<String>,
}

const AUDIT_SELECT: &str = "SELECT l.at, COALESCE(s.email, l.email) AS staff_email, l.action, \
     r.tracking_number, l.detail, l.address FROM audit_log l \
     LEFT JOIN staff s ON s.id = l.staff_id LEFT JOIN reports r ON r.id = l.report_id";

impl Store {
    /// The audit lines of one report, newest first; national administrators only.
    pub async fn audit_for_report(
        &self,
        reader: &StaffAccount,
        number: &TrackingNumber,
    ) -> Result<Vec<AuditEntry>, StorageError> {
        self.require_audit_reader(reader)?;
        Ok(sqlx::query_as(&format!(
            "{AUDIT_SELECT} WHERE r.tracking_number = $1 ORDER BY l.id DESC LIMIT 500"
        ))
        .bind(number.as_str())
        .fetch_all(&self.pool)
        .await?)
    }

    /// The audit lines of one staff member, newest first; national administrators only.
    pub async fn audit_for_staff(
        &self,
        reader: &StaffAccount,
        email: &str,
    ) -> Result<Vec<AuditEntry>, StorageError> {
        self.require_audit_reader(reader)?;
        Ok(sqlx::query_as(&format!(
            "{AUDIT_SELECT} WHERE s.email = $1 OR (l.staff_id IS NULL AND l.email = $1) \
             ORDER BY l.id DESC LIMIT 500"
        ))
        .bind(email.trim().to_lowercase())
        .fetch_all(&self.pool)
        .await?)
    }

    fn require_audit_reader(&self, reader: &StaffAccount) -> Result<(), StorageError> {
        if reader.active && crate::model::workspace::may_read_audit(reader.role) {
            Ok(())
        } else {
            Err(StorageError::Refused(
                crate::model::TransitionError::RoleNotAllowed,
            ))
        }
    }
}
