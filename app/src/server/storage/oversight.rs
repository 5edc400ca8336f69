//! The oversight dashboard's counts (`model::oversight`): grouped from `reports`' running
//! deadline (`due_on`, the column the deadline queues and their indexes use) and from the
//! reopen events. Counts only; nothing here reads `reporter_identities`.

use sqlx::FromRow;

use super::{StorageError, Store};
use crate::model::oversight::{AgencyLoad, OversightView, RegionLoad, OVERSIGHT_ROWS};
use crate::model::workspace::DeadlineFilter;
use crate::model::{Action, EventKind, Status, Timestamp};

#[derive(FromRow)]
struct LoadRow {
    code: String,
    name: String,
    open: i64,
    overdue: i64,
    at_risk: i64,
}

impl Store {
    /// Where reports are late or at risk now.
    pub async fn oversight(&self, now: Timestamp) -> Result<OversightView, StorageError> {
        let calendar = self.calendar().await?;
        let today = now.date_wib();
        let soon = DeadlineFilter::DueSoon
            .range(&calendar, today)
            .and_then(|r| r.before)
            .unwrap_or(today.next_day());
        // A running clock: every status but the final ones and "returned" (waiting for
        // the reporter). Our own constants, never input.
        let open = [
            Status::Submitted,
            Status::Verified,
            Status::Forwarded,
            Status::Disposed,
            Status::FollowUpDrafted,
            Status::FollowedUp,
            Status::ReporterReplied,
        ]
        .map(|s| format!("'{}'", s.code()))
        .join(", ");
        let counts = "SUM(CASE WHEN r.due_on < $1 THEN 1 ELSE 0 END) AS overdue, \
             SUM(CASE WHEN r.due_on >= $1 AND r.due_on < $2 THEN 1 ELSE 0 END) AS at_risk";
        let agencies: Vec<LoadRow> = sqlx::query_as(&format!(
            "SELECT a.code, a.name, COUNT(*) AS open, {counts} FROM reports r \
             JOIN agencies a ON a.id = r.agency_id \
             WHERE r.status IN ({open}) AND r.due_on IS NOT NULL \
             GROUP BY a.code, a.name \
             HAVING SUM(CASE WHEN r.due_on < $2 THEN 1 ELSE 0 END) > 0 \
             ORDER BY overdue DESC, at_risk DESC, a.name LIMIT {OVERSIGHT_ROWS}"
        ))
        .bind(today.to_string())
        .bind(soon.to_string())
        .fetch_all(&self.pool)
        .await?;
        let regions: Vec<LoadRow> = sqlx::query_as(&format!(
            "SELECT g.code, g.name, COUNT(*) AS open, {counts} FROM reports r \
             JOIN regions g ON g.code = SUBSTR(r.region_code, 1, 2) \
             WHERE r.status IN ({open}) AND r.due_on IS NOT NULL \
             GROUP BY g.code, g.name \
             HAVING SUM(CASE WHEN r.due_on < $2 THEN 1 ELSE 0 END) > 0 \
             ORDER BY overdue DESC, at_risk DESC, g.name LIMIT {OVERSIGHT_ROWS}"
        ))
        .bind(today.to_string())
        .bind(soon.to_string())
        .fetch_all(&self.pool)
        .await?;
        let unverified_late: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM reports r WHERE r.status = $1 AND r.due_on < $2",
        )
        .bind(Status::Submitted.code())
        .bind(today.to_string())
        .fetch_one(&self.pool)
        .await?;
        let reopened: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT e.report_id) FROM events e WHERE e.kind = $1",
        )
        .bind(EventKind::Transition(Action::Reopen).code())
        .fetch_one(&self.pool)
        .await?;
        Ok(OversightView {
            agencies: agencies
                .into_iter()
                .map(|r| AgencyLoad {
                    code: r.code,
                    name: r.name,
                    open: r.open,
                    overdue: r.overdue,
                    at_risk: r.at_risk,
                })
                .collect(),
            regions: regions
                .into_iter()
                .map(|r| RegionLoad {
                    code: r.code,
                    name: r.name,
                    overdue: r.overdue,
                    at_risk: r.at_risk,
                })
                .collect(),
            unverified_late,
            reopened,
        })
    }
}
