//! Reading the timeline as it grows, for the live feed (`server::live`), and the
//! lookups the operator's command line needs (`lapor report act|show`).
//!
//! The feed tails `events` by id. Ids come from the primary key, so every query here
//! is an index range scan, cheap when nothing happened.

use sqlx::FromRow;

use super::reports::parse_status;
use super::{StorageError, Store};
use crate::model::event::Event;
use crate::model::{EventKind, Role, Status, Timestamp, TrackingNumber, Visibility};

/// A committed timeline event, without its content: which report, and who may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommittedEvent {
    pub id: i64,
    /// The report's tracking number, compact form (`K7QM3XPAR`).
    pub report_number: String,
    pub visibility: Visibility,
    /// The agency handling the report after the event (scopes the staff's live feed).
    pub agency_id: Option<i64>,
}

/// A report as an operator sees it on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRecord {
    pub status: Status,
    pub version: i64,
    pub agency_name: Option<String>,
    pub timeline: Vec<Event>,
}

#[derive(FromRow)]
struct CommittedRow {
    id: i64,
    tracking_number: String,
    visibility: String,
    agency_id: Option<i64>,
}

impl CommittedRow {
    fn into_event(self) -> Result<CommittedEvent, StorageError> {
        let visibility = Visibility::from_code(&self.visibility).ok_or_else(|| {
            StorageError::corrupt(format!("unknown visibility {}", self.visibility))
        })?;
        Ok(CommittedEvent {
            id: self.id,
            report_number: self.tracking_number,
            visibility,
            agency_id: self.agency_id,
        })
    }
}

const COMMITTED: &str = "SELECT e.id, r.tracking_number, e.visibility, e.agency_id FROM events e \
     JOIN reports r ON r.id = e.report_id";

#[derive(FromRow)]
struct TimelineRow {
    at: i64,
    actor_role: String,
    kind: String,
    status_after: String,
    visibility: String,
    body: Option<String>,
    agency_name: Option<String>,
}

impl TimelineRow {
    fn into_entry(self) -> Result<Event, StorageError> {
        let corrupt =
            |what: &str, code: &str| StorageError::corrupt(format!("unknown {what} {code}"));
        Ok(Event {
            at: Timestamp(self.at),
            actor_role: Role::from_code(&self.actor_role)
                .ok_or_else(|| corrupt("role", &self.actor_role))?,
            kind: EventKind::from_code(&self.kind)
                .ok_or_else(|| corrupt("event kind", &self.kind))?,
            status_after: parse_status(&self.status_after)?,
            visibility: Visibility::from_code(&self.visibility)
                .ok_or_else(|| corrupt("visibility", &self.visibility))?,
            body: self.body,
            agency_name: self.agency_name,
        })
    }
}

impl Store {
    /// The id of the newest event, 0 when there is none: where a new feed starts.
    pub async fn last_event_id(&self) -> Result<i64, StorageError> {
        let id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM events")
            .fetch_one(&self.pool)
            .await?;
        Ok(id)
    }

    /// Events with an id above `after`, oldest first, at most `limit`.
    pub async fn events_after(
        &self,
        after: i64,
        limit: i64,
    ) -> Result<Vec<CommittedEvent>, StorageError> {
        let rows: Vec<CommittedRow> = sqlx::query_as(&format!(
            "{COMMITTED} WHERE e.id > $1 ORDER BY e.id LIMIT $2"
        ))
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(CommittedRow::into_event).collect()
    }

    /// Those of `ids` that exist now. The feed asks again for ids it skipped: on
    /// PostgreSQL a transaction that took an id earlier may commit later.
    pub async fn events_with_ids(&self, ids: &[i64]) -> Result<Vec<CommittedEvent>, StorageError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "{COMMITTED} WHERE e.id IN ({}) ORDER BY e.id",
            placeholders.join(", ")
        );
        let mut query = sqlx::query_as(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        let rows: Vec<CommittedRow> = query.fetch_all(&self.pool).await?;
        rows.into_iter().map(CommittedRow::into_event).collect()
    }

    /// Status, version and every timeline entry of a report, for operators;
    /// `None` when no report has this number.
    pub async fn report_record(
        &self,
        number: &TrackingNumber,
    ) -> Result<Option<ReportRecord>, StorageError> {
        let row: Option<(i64, String, i64, Option<String>)> = sqlx::query_as(
            "SELECT r.id, r.status, r.version, a.name FROM reports r \
             LEFT JOIN agencies a ON a.id = r.agency_id WHERE r.tracking_number = $1",
        )
        .bind(number.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some((id, status, version, agency_name)) = row else {
            return Ok(None);
        };
        let rows: Vec<TimelineRow> = sqlx::query_as(
            "SELECT e.at, e.actor_role, e.kind, e.status_after, e.visibility, e.body, \
             a.name AS agency_name FROM events e LEFT JOIN agencies a ON a.id = e.agency_id \
             WHERE e.report_id = $1 ORDER BY e.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some(ReportRecord {
            status: parse_status(&status)?,
            version,
            agency_name,
            timeline: rows
                .into_iter()
                .map(TimelineRow::into_entry)
                .collect::<Result<_, _>>()?,
        }))
    }
}
