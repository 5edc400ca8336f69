//! The agency workspace's storage: staff sessions and sign-in, steps taken by staff
//! (checked against their scope, audited in the same transaction), internal notes,
//! the queues, the audit log and the automatic closing.
//!
//! No query here reads `reporter_identities`: identity reaches only national
//! administrators, through `Store::report_for_staff`.

use sqlx::{AnyConnection, FromRow};

use super::actions::{current_row, take_step, Step};
use super::reporter::{random_token, token_hash};
use super::reports::{insert_event, parse_status, NewEvent};
use super::staff::{StaffAccount, StaffRow, COLUMNS};
use super::{ActionArgs, ActionOutcome, Actor, Backend, Cell, StorageError, Store};
use crate::model::validation::{length_problem, Field, BODY_MAX};
use crate::model::workspace::{
    due_range, queues_for, scope_of, search_words, session_alive, sign_in_throttled,
    DeadlineFilter, DueRange, Queue, QueueFilter, QueuePage, QueueRow, Scope, EXPORT_MAX_ROWS,
    PAGE_SIZE, SIGN_IN_WINDOW_MS,
};
use crate::model::{
    Action, Channel, Classification, Date, EventKind, Role, Status, Timestamp, TrackingNumber,
};

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

/// Where a request came from, for the audit log.
pub type Address<'a> = Option<&'a str>;

/// The scope of a staff account, by the model's rule.
pub fn staff_scope(staff: &StaffAccount) -> Scope {
    if !staff.active {
        return Scope::Nothing;
    }
    scope_of(staff.role, staff.agency_id, staff.unit.as_deref())
}

/// A step as a staff member asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffStep {
    pub action: Action,
    /// The version the staff member saw; a report changed since is a `Conflict`.
    pub expected_version: i64,
    pub args: ActionArgs,
}

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

    /// Takes a step on a report as `staff`: `NotFound` when the report is outside
    /// their scope (as if it did not exist), otherwise the state machine decides.
    /// The step, its event and its audit line are one transaction.
    pub async fn staff_act(
        &self,
        staff: &StaffAccount,
        number: &TrackingNumber,
        step: StaffStep,
        address: Address<'_>,
        now: Timestamp,
    ) -> Result<ActionOutcome, StorageError> {
        let StaffStep {
            action,
            expected_version,
            args,
        } = step;
        let calendar = self.calendar().await?;
        let mut tx = self.begin_write().await?;
        let current = current_row(tx.conn(), number).await?;
        if !staff_scope(staff).covers(current.agency_id, current.unit.as_deref()) {
            return Err(StorageError::NotFound);
        }
        let step = Step {
            actor: Actor {
                role: staff.role,
                staff_id: Some(staff.id),
            },
            action,
            expected_version,
            args: &args,
            now,
            calendar: &calendar,
            unit_required: true,
        };
        let outcome = take_step(tx.conn(), &current, step).await?;
        let action_code = EventKind::Transition(action).code();
        let line = AuditLine {
            at: now,
            staff_id: Some(staff.id),
            email: None,
            action: &action_code,
            report_id: Some(current.id),
            detail: args.body.as_deref().map(str::trim),
            address,
        };
        audit(tx.conn(), &line).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Adds an internal note (staff only, never the reporter or the public); returns the
    /// report's status, which a note does not change.
    pub async fn add_staff_note(
        &self,
        staff: &StaffAccount,
        number: &TrackingNumber,
        text: &str,
        address: Address<'_>,
        now: Timestamp,
    ) -> Result<Status, StorageError> {
        if !crate::model::workspace::may_note(staff.role) {
            return Err(StorageError::Refused(
                crate::model::TransitionError::RoleNotAllowed,
            ));
        }
        let text = text.trim();
        if let Some(problem) = length_problem(text, 1, BODY_MAX) {
            return Err(StorageError::invalid(Field::Body, problem));
        }
        let mut tx = self.begin_write().await?;
        let current = current_row(tx.conn(), number).await?;
        if !staff_scope(staff).covers(current.agency_id, current.unit.as_deref()) {
            return Err(StorageError::NotFound);
        }
        let status = report_status(tx.conn(), current.id).await?;
        let event = NewEvent {
            report_id: current.id,
            at: now,
            actor_role: staff.role,
            actor_staff_id: Some(staff.id),
            kind: EventKind::Note,
            status_after: status,
            body: Some(text),
            agency_id: current.agency_id,
        };
        insert_event(tx.conn(), &event).await?;
        let line = AuditLine {
            at: now,
            staff_id: Some(staff.id),
            email: None,
            action: "note",
            report_id: Some(current.id),
            detail: None,
            address,
        };
        audit(tx.conn(), &line).await?;
        tx.commit().await?;
        Ok(status)
    }
}

async fn report_status(conn: &mut AnyConnection, id: i64) -> Result<Status, StorageError> {
    let code: String = sqlx::query_scalar("SELECT status FROM reports WHERE id = $1")
        .bind(id)
        .fetch_one(conn)
        .await?;
    parse_status(&code)
}

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
        })
    }
}

/// Binds a `Cell` to any kind of sqlx query (`query`, `query_as`, `query_scalar`).
macro_rules! bind_cell {
    ($query:expr, $value:expr) => {
        match $value {
            Cell::Text(text) => $query.bind(text),
            Cell::Int(n) => $query.bind(n),
            Cell::NullText => $query.bind(None::<String>),
            Cell::NullInt => $query.bind(None::<i64>),
        }
    };
}

/// A `WHERE` clause and its parameters, numbered as they are added.
#[derive(Default)]
struct Conditions {
    clauses: Vec<String>,
    binds: Vec<Cell>,
}

impl Conditions {
    fn push(&mut self, clause_with_placeholder: &str, value: Cell) {
        self.push_all(clause_with_placeholder, [value]);
    }

    /// A clause with one `?` per value, in order.
    fn push_all(&mut self, clause_with_placeholders: &str, values: impl IntoIterator<Item = Cell>) {
        let mut clause = String::new();
        let mut values = values.into_iter();
        for (i, part) in clause_with_placeholders.split('?').enumerate() {
            if i > 0 {
                let value = values.next().expect("one value per placeholder");
                self.binds.push(value);
                clause.push_str(&format!("${}", self.binds.len()));
            }
            clause.push_str(part);
        }
        debug_assert!(values.next().is_none(), "one placeholder per value");
        self.clauses.push(clause);
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "1 = 1".into()
        } else {
            self.clauses.join(" AND ")
        }
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
        c.push_all(
            "(r.region_code = ? OR r.region_code LIKE ?)",
            [
                Cell::Text(region.clone()),
                Cell::Text(format!("{region}.%")),
            ],
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

/// A search: every word as the start of a word in the title or the story, through the
/// full-text index (`reports_search`, migration `…000006_search`), or the report whose
/// tracking number was typed.
fn search_conditions(search: &str, backend: Backend, c: &mut Conditions) {
    let words = search_words(search);
    if words.is_empty() {
        return;
    }
    // Words are letters and digits only (`search_words`): safe in either query syntax.
    let (text_match, query) = match backend {
        Backend::Sqlite => (
            "r.id IN (SELECT rowid FROM reports_search WHERE reports_search MATCH ?)",
            words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Backend::Postgres => (
            "to_tsvector('simple', r.title || ' ' || r.body) @@ to_tsquery('simple', ?)",
            words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & "),
        ),
    };
    match TrackingNumber::parse(search) {
        Ok(number) => c.push_all(
            &format!("(r.tracking_number = ? OR {text_match})"),
            [Cell::Text(number.as_str().into()), Cell::Text(query)],
        ),
        Err(_) => c.push(text_match, Cell::Text(query)),
    }
}

/// Soonest due date first, reports without a running clock last: the order the
/// `reports_*_order` indexes hold.
const QUEUE_ORDER: &str = "ORDER BY (r.due_on IS NULL), r.due_on, r.id";

const QUEUE_COLUMNS: &str = "r.tracking_number, r.title, r.classification, r.status, r.channel, \
     a.name AS agency_name, r.unit, r.due_on, r.submitted_at, r.anonymous, r.confidential";

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
        let scope = staff_scope(staff);
        let calendar = self.calendar().await?;
        let today = now.date_wib();
        let mut counts = Vec::new();
        let unfiltered = QueueFilter::default();
        for &each in queues_for(staff.role) {
            let c = self.filtered_queue(&scope, each, &unfiltered, today, &calendar);
            counts.push((each, self.count_reports(&c).await?));
        }
        let c = self.filtered_queue(&scope, queue, filter, today, &calendar);
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
        let c = self.filtered_queue(
            &staff_scope(staff),
            queue,
            filter,
            now.date_wib(),
            &calendar,
        );
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

    /// The conditions of `queue` in `scope`, narrowed by `filter`.
    fn filtered_queue(
        &self,
        scope: &Scope,
        queue: Queue,
        filter: &QueueFilter,
        today: Date,
        calendar: &crate::model::WorkingCalendar,
    ) -> Conditions {
        let mut c = Conditions::default();
        scope_conditions(scope, &mut c);
        queue_conditions(queue, today, calendar, &mut c);
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

    /// Closes every published follow-up whose reporter stayed silent past its clock
    /// (the due date the model set when the follow-up was published). Each close
    /// is a versioned step: a report the reporter answered meanwhile, or that another
    /// server closed first, is left alone. Returns how many were closed.
    pub async fn auto_close_due(&self, now: Timestamp) -> Result<usize, StorageError> {
        let today = now.date_wib();
        let candidates: Vec<(String, i64)> = sqlx::query_as(
            "SELECT tracking_number, version FROM reports \
             WHERE status = $1 AND due_on < $2 ORDER BY due_on LIMIT 1000",
        )
        .bind(Status::FollowedUp.code())
        .bind(today.to_string())
        .fetch_all(&self.pool)
        .await?;
        let calendar = self.calendar().await?;
        let no_args = ActionArgs::default();
        let mut closed = 0;
        for (number, version) in candidates {
            let Ok(number) = TrackingNumber::parse(&number) else {
                continue;
            };
            let step = Step {
                actor: Actor {
                    role: Role::System,
                    staff_id: None,
                },
                action: Action::AutoClose,
                expected_version: version,
                args: &no_args,
                now,
                calendar: &calendar,
                unit_required: false,
            };
            match self.apply_step(&number, step).await {
                Ok(_) => closed += 1,
                Err(StorageError::Conflict | StorageError::Refused(_)) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(closed)
    }
}

/// One timeline entry as staff read it: every visibility, with the colleague who acted.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct StaffTimelineRow {
    pub at: i64,
    pub actor_role: String,
    pub actor_name: Option<String>,
    pub kind: String,
    pub status_after: String,
    pub visibility: String,
    pub body: Option<String>,
    pub agency_name: Option<String>,
}

/// The clock facts of a report, for its deadline.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ClockRow {
    pub status: String,
    pub classification: String,
    pub needs_inspection: i64,
    pub submitted_at: i64,
    pub forwarded_at: Option<i64>,
    pub followed_up_at: Option<i64>,
    pub agency_id: Option<i64>,
}

impl Store {
    /// The whole timeline of a report, oldest first. The caller has checked that the
    /// staff member may read the report (`Store::report_for_staff`). The reporter's
    /// own events carry no name: staff names come from the staff table only.
    pub async fn staff_timeline(
        &self,
        number: &TrackingNumber,
    ) -> Result<Vec<StaffTimelineRow>, StorageError> {
        Ok(sqlx::query_as(
            "SELECT e.at, e.actor_role, s.name AS actor_name, e.kind, e.status_after, \
             e.visibility, e.body, a.name AS agency_name FROM events e \
             JOIN reports r ON r.id = e.report_id \
             LEFT JOIN staff s ON s.id = e.actor_staff_id \
             LEFT JOIN agencies a ON a.id = e.agency_id \
             WHERE r.tracking_number = $1 ORDER BY e.id",
        )
        .bind(number.as_str())
        .fetch_all(&self.pool)
        .await?)
    }

    /// The clock facts of a report (no content, no identity).
    pub async fn report_clock(&self, number: &TrackingNumber) -> Result<ClockRow, StorageError> {
        sqlx::query_as(
            "SELECT status, classification, needs_inspection, submitted_at, forwarded_at, \
             followed_up_at, agency_id FROM reports WHERE tracking_number = $1",
        )
        .bind(number.as_str())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StorageError::NotFound)
    }

    /// The work units of an agency: those with an active operator.
    pub async fn agency_units(&self, agency_id: i64) -> Result<Vec<String>, StorageError> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT unit FROM staff WHERE agency_id = $1 AND unit IS NOT NULL \
             AND active = 1 ORDER BY unit",
        )
        .bind(agency_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every agency as `(id, name)`, by name: the workspace's agency picker.
    pub async fn all_agencies(&self) -> Result<Vec<(i64, String)>, StorageError> {
        Ok(
            sqlx::query_as("SELECT id, name FROM agencies ORDER BY name")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// The agency with this exact name (any case) or code.
    pub async fn agency_id_by_name_or_code(&self, text: &str) -> Result<Option<i64>, StorageError> {
        let text = text.trim();
        Ok(sqlx::query_scalar(
            "SELECT id FROM agencies WHERE LOWER(name) = $1 OR code = $2 ORDER BY id LIMIT 1",
        )
        .bind(text.to_lowercase())
        .bind(text.to_string())
        .fetch_optional(&self.pool)
        .await?)
    }
}
