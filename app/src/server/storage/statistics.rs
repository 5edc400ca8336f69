//! The dates statistics are computed from (`model::statistics`): per report submitted in a
//! period, its handling agency, when it was forwarded and first followed up. Counts and
//! dates only; nothing here reads `reporter_identities` or a report's text.

use sqlx::FromRow;

use super::{StorageError, Store};
use crate::model::statistics::{compute, ReportDates, Statistics};
use crate::model::{Action, Channel, Classification, Date, EventKind, Timestamp};

#[derive(FromRow)]
struct DatesRow {
    agency_code: Option<String>,
    agency_name: Option<String>,
    classification: String,
    channel: String,
    needs_inspection: i64,
    submitted_at: i64,
    forwarded_at: Option<i64>,
    followed_up_at: Option<i64>,
}

impl Store {
    /// The statistics of the reports submitted from `from` to `until` (inclusive).
    pub async fn statistics(&self, from: Date, until: Date) -> Result<Statistics, StorageError> {
        let first = |action: Action| {
            format!(
                "(SELECT MIN(e.at) FROM events e WHERE e.report_id = r.id AND e.kind = '{}')",
                EventKind::Transition(action).code()
            )
        };
        let rows: Vec<DatesRow> = sqlx::query_as(&format!(
            "SELECT a.code AS agency_code, a.name AS agency_name, r.classification, \
             r.channel, r.needs_inspection, r.submitted_at, {} AS forwarded_at, {} AS followed_up_at \
             FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id \
             WHERE r.submitted_at >= $1 AND r.submitted_at < $2",
            first(Action::Forward),
            first(Action::ApproveAndPublish)
        ))
        .bind(Timestamp::start_of_day_wib(from).0)
        .bind(Timestamp::start_of_day_wib(until.next_day()).0)
        .fetch_all(&self.pool)
        .await?;
        let date = |ms: i64| Timestamp(ms).date_wib();
        let mut reports = Vec::with_capacity(rows.len());
        for row in rows {
            let classification =
                Classification::from_code(&row.classification).ok_or_else(|| {
                    StorageError::corrupt(format!("unknown classification {}", row.classification))
                })?;
            let channel = Channel::from_code(&row.channel)
                .ok_or_else(|| StorageError::corrupt(format!("unknown channel {}", row.channel)))?;
            let forwarded = row.forwarded_at.map(date);
            reports.push(ReportDates {
                agency: row
                    .agency_code
                    .zip(row.agency_name)
                    .filter(|_| forwarded.is_some()),
                classification,
                channel,
                needs_inspection: row.needs_inspection != 0,
                submitted: date(row.submitted_at),
                forwarded,
                followed_up: row.followed_up_at.map(date),
            });
        }
        Ok(compute(&reports, &*self.calendar().await?))
    }
}
