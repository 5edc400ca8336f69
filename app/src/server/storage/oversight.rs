//! The oversight dashboard's counts (`model::oversight`): grouped from `reports`' running
//! deadline (`due_on`, the column the deadline queues and their indexes use) and from the
//! reopen events. Counts only; nothing here reads `reporter_identities`.

use sqlx::FromRow;

use super::{StorageError, Store};
use crate::model::calendar::running_clock;
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
    /// Open reports with a running clock grouped by `group` (two columns: code and name,
    /// reached through `join`), with late or due-soon ones, most late first.
    async fn loads(
        &self,
        group: &str,
        join: &str,
        today: crate::model::Date,
        soon: crate::model::Date,
    ) -> Result<Vec<LoadRow>, StorageError> {
        // The statuses whose clock runs (`calendar::running_clock`): our own constants.
        let running = Status::ALL
            .into_iter()
            .filter(|s| running_clock(*s).is_some())
            .map(|s| format!("'{}'", s.code()))
            .collect::<Vec<_>>()
            .join(", ");
        Ok(sqlx::query_as(&format!(
            "SELECT {group}, COUNT(*) AS open, \
             SUM(CASE WHEN r.due_on < $1 THEN 1 ELSE 0 END) AS overdue, \
             SUM(CASE WHEN r.due_on >= $1 AND r.due_on < $2 THEN 1 ELSE 0 END) AS at_risk \
             FROM reports r {join} WHERE r.status IN ({running}) AND r.due_on IS NOT NULL \
             GROUP BY {group} HAVING SUM(CASE WHEN r.due_on < $2 THEN 1 ELSE 0 END) > 0 \
             ORDER BY overdue DESC, at_risk DESC, 2 LIMIT {OVERSIGHT_ROWS}"
        ))
        .bind(today.to_string())
        .bind(soon.to_string())
        .fetch_all(&self.pool)
        .await?)
    }

    /// Where reports are late or at risk now.
    pub async fn oversight(&self, now: Timestamp) -> Result<OversightView, StorageError> {
        let calendar = self.calendar().await?;
        let today = now.date_wib();
        let soon = DeadlineFilter::DueSoon
            .range(&calendar, today)
            .and_then(|r| r.before)
            .unwrap_or(today.next_day());
        let agencies = self
            .loads(
                "a.code, a.name",
                "JOIN agencies a ON a.id = r.agency_id",
                today,
                soon,
            )
            .await?;
        let regions = self
            .loads(
                "g.code, g.name",
                "JOIN regions g ON g.code = SUBSTR(r.region_code, 1, 2)",
                today,
                soon,
            )
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
