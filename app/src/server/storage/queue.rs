//! The workspace's queues: one scope's reports in deadline order, filtered and
//! searched, counted per queue, and exported. No query here reads
//! `reporter_identities`: a queue row has no identity field.
use sqlx::FromRow;

use super::audit::{audit, Address, AuditLine};
use super::conditions::{bind_cell, region_condition, search_conditions, Conditions};
use super::reports::parse_status;
use super::staff::StaffAccount;
use super::workspace::staff_scope;
use super::{Backend, Cell, StorageError, Store};
use crate::model::workspace::{
    due_range, queues_for, DeadlineFilter, DueRange, Queue, QueueFilter, QueuePage, QueueRow,
    Scope, EXPORT_MAX_ROWS, PAGE_SIZE,
};
use crate::model::{Channel, Classification, Date, Status, Timestamp};

#[derive(FromRow)]
struct QueueSqlRow {
    tracking_number: String,
    title: String,
    classification: String,
    status: String,
    channel: String,
    agency_name: Option<String>,
    unit: Option<String>,
    due_on: Option<String>,
    submitted_at: i64,
    anonymous: i64,
    confidential: i64,
    version: i64,
}

impl QueueSqlRow {
    fn into_row(self) -> Result<QueueRow, StorageError> {
        let corrupt = |what: &str, value: &str| StorageError::corrupt(format!("{what} {value}"));
        Ok(QueueRow {
            classification: Classification::from_code(&self.classification)
                .ok_or_else(|| corrupt("classification", &self.classification))?,
            status: parse_status(&self.status)?,
            channel: Channel::from_code(&self.channel)
                .ok_or_else(|| corrupt("channel", &self.channel))?,
            due_on: self.due_on.as_deref().and_then(Date::parse_iso),
            tracking_number: self.tracking_number,
            title: self.title,
            agency_name: self.agency_name,
            unit: self.unit,
            submitted_at: Timestamp(self.submitted_at),
            anonymous: self.anonymous != 0,
            confidential: self.confidential != 0,
            version: self.version,
        })
    }
}

/// The scope as SQL: the same rule as `Scope::covers`.
fn scope_conditions(scope: &Scope, conditions: &mut Conditions) {
    match scope {
        Scope::All => {}
        Scope::Agency(agency_id) => conditions.push("r.agency_id = ?", Cell::Int(*agency_id)),
        Scope::Unit { agency_id, unit } => {
            conditions.push("r.agency_id = ?", Cell::Int(*agency_id));
            conditions.push("r.unit = ?", Cell::Text(unit.clone()));
        }
        Scope::Nothing => conditions.clauses.push("1 = 0".into()),
    }
}

fn queue_conditions(
    queue: Queue,
    staff: &StaffAccount,
    today: Date,
    calendar: &crate::model::WorkingCalendar,
    c: &mut Conditions,
) {
    // Every status: no condition (it would only keep the planner from the order index).
    let every_status = queue.statuses().len() == Status::ALL.len();
    let statuses: Vec<String> = queue
        .statuses()
        .iter()
        .map(|s| format!("'{}'", s.code()))
        .collect();
    // Status codes are our own constants, never input.
    if !every_status {
        c.clauses
            .push(format!("r.status IN ({})", statuses.join(", ")));
    }
    if let Some(range) = due_range(queue, calendar, today) {
        due_conditions(range, c);
    }
    if queue == Queue::Mine {
        mine_condition(staff, c);
    }
}

/// "My work": the latest step a person on staff took on the report was mine, or the
/// report is disposed to my unit. Reports I ever acted on are found through
/// `events_by_staff` first; only those have their latest staff step looked up.
fn mine_condition(staff: &StaffAccount, c: &mut Conditions) {
    let mine = "(r.id IN (SELECT e.report_id FROM events e WHERE e.actor_staff_id = ?) \
         AND (SELECT l.actor_staff_id FROM events l WHERE l.report_id = r.id \
         AND l.actor_staff_id IS NOT NULL ORDER BY l.id DESC LIMIT 1) = ?)";
    let me = [Cell::Int(staff.id), Cell::Int(staff.id)];
    match (staff.agency_id, staff.unit.as_deref()) {
        (Some(agency), Some(unit)) => c.push_all(
            &format!("({mine} OR (r.agency_id = ? AND r.unit = ?))"),
            me.into_iter()
                .chain([Cell::Int(agency), Cell::Text(unit.to_string())]),
        ),
        _ => c.push_all(mine, me),
    }
}

fn due_conditions(range: DueRange, c: &mut Conditions) {
    if let Some(from) = range.from {
        c.push("r.due_on >= ?", Cell::Text(from.to_string()));
    }
    if let Some(before) = range.before {
        c.push("r.due_on < ?", Cell::Text(before.to_string()));
    }
}

/// Where the filter narrows a queue (the deadline one needs the day and the calendar).
struct FilterContext<'a> {
    backend: Backend,
    today: Date,
    calendar: &'a crate::model::WorkingCalendar,
}

fn filter_conditions(filter: &QueueFilter, at: &FilterContext<'_>, c: &mut Conditions) {
    if let Some(classification) = filter.classification {
        c.push(
            "r.classification = ?",
            Cell::Text(classification.code().into()),
        );
    }
    if let Some(category) = filter.category_id {
        c.push("r.category_id = ?", Cell::Int(category));
    }
    if let Some(region) = &filter.region_code {
        region_condition(region, c);
    }
    if let Some(agency) = &filter.agency {
        c.push(
            "r.agency_id = (SELECT id FROM agencies WHERE code = ?)",
            Cell::Text(agency.clone()),
        );
    }
    if let Some(channel) = filter.channel {
        c.push("r.channel = ?", Cell::Text(channel.code().into()));
    }
    if let Some(status) = filter.status {
        c.push("r.status = ?", Cell::Text(status.code().into()));
    }
    match filter.deadline {
        Some(DeadlineFilter::NoClock) => c.clauses.push("r.due_on IS NULL".into()),
        Some(deadline) => {
            if let Some(range) = deadline.range(at.calendar, at.today) {
                due_conditions(range, c);
            }
        }
        None => {}
    }
    if let Some(search) = filter.search.as_deref() {
        search_conditions(search, at.backend, c);
    }
}

/// Soonest due date first, reports without a running clock last: the order the
/// `reports_*_order` indexes hold.
const QUEUE_ORDER: &str = "ORDER BY (r.due_on IS NULL), r.due_on, r.id";

const QUEUE_COLUMNS: &str = "r.tracking_number, r.title, r.classification, r.status, r.channel, \
     a.name AS agency_name, r.unit, r.due_on, r.submitted_at, r.anonymous, r.confidential, r.version";

impl Store {
    /// Page `page` (from 0) of `queue` for `staff`, filtered, soonest deadline first,
    /// with the count of every queue of their role.
    pub async fn work_queue(
        &self,
        staff: &StaffAccount,
        queue: Queue,
        filter: &QueueFilter,
        page: i64,
        now: Timestamp,
    ) -> Result<QueuePage, StorageError> {
        let calendar = self.calendar().await?;
        let today = now.date_wib();
        let mut counts = Vec::new();
        let unfiltered = QueueFilter::default();
        for &each in queues_for(staff.role) {
            let c = self.filtered_queue(staff, each, &unfiltered, today, &calendar);
            counts.push((each, self.count_reports(&c).await?));
        }
        let c = self.filtered_queue(staff, queue, filter, today, &calendar);
        let counted = counts.iter().find(|(q, _)| *q == queue).map(|(_, n)| *n);
        let total = match counted {
            Some(n) if *filter == unfiltered => n,
            _ => self.count_reports(&c).await?,
        };
        // The page's ids first, from the queue's index alone; only those 25 rows are
        // then read whole (a deep page does not read every row it skips).
        let sql = format!(
            "SELECT {QUEUE_COLUMNS} FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id \
             WHERE r.id IN (SELECT r.id FROM reports r WHERE {} {QUEUE_ORDER} \
             LIMIT {PAGE_SIZE} OFFSET {}) {QUEUE_ORDER}",
            c.sql(),
            page.max(0) * PAGE_SIZE
        );
        let rows = self.queue_rows(&sql, c.binds).await?;
        Ok(QueuePage {
            counts,
            rows,
            total,
        })
    }

    /// Every report of `queue` that `staff` may export, filtered, in the queue's order,
    /// at most `EXPORT_MAX_ROWS`; the export is an audited step like any other.
    pub async fn export_queue(
        &self,
        staff: &StaffAccount,
        queue: Queue,
        filter: &QueueFilter,
        address: Address<'_>,
        now: Timestamp,
    ) -> Result<Vec<QueueRow>, StorageError> {
        let calendar = self.calendar().await?;
        let c = self.filtered_queue(staff, queue, filter, now.date_wib(), &calendar);
        let sql = format!(
            "SELECT {QUEUE_COLUMNS} FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id \
             WHERE {} {QUEUE_ORDER} LIMIT {EXPORT_MAX_ROWS}",
            c.sql()
        );
        let rows = self.queue_rows(&sql, c.binds).await?;
        let detail = format!("queue={} rows={}", queue.code(), rows.len());
        let mut tx = self.begin_write().await?;
        audit(
            tx.conn(),
            &AuditLine {
                at: now,
                staff_id: Some(staff.id),
                email: None,
                action: "export",
                report_id: None,
                detail: Some(&detail),
                address,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(rows)
    }

    /// The conditions of `queue` in the scope of `staff`, narrowed by `filter`.
    fn filtered_queue(
        &self,
        staff: &StaffAccount,
        queue: Queue,
        filter: &QueueFilter,
        today: Date,
        calendar: &crate::model::WorkingCalendar,
    ) -> Conditions {
        let mut c = Conditions::default();
        scope_conditions(&staff_scope(staff), &mut c);
        queue_conditions(queue, staff, today, calendar, &mut c);
        let at = FilterContext {
            backend: self.backend(),
            today,
            calendar,
        };
        filter_conditions(filter, &at, &mut c);
        c
    }

    async fn queue_rows(&self, sql: &str, binds: Vec<Cell>) -> Result<Vec<QueueRow>, StorageError> {
        let mut query = sqlx::query_as::<_, QueueSqlRow>(sql);
        for value in binds {
            query = bind_cell!(query, value);
        }
        query
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(QueueSqlRow::into_row)
            .collect()
    }

    async fn count_reports(&self, c: &Conditions) -> Result<i64, StorageError> {
        let sql = format!("SELECT COUNT(*) FROM reports r WHERE {}", c.sql());
        let mut query = sqlx::query_scalar::<_, i64>(&sql);
        for value in c.binds.iter().cloned() {
            query = bind_cell!(query, value);
        }
        Ok(query.fetch_one(&self.pool).await?)
    }
}
