//! Submitting reports and reading the public view of one.
//!
//! The reporter's identity goes into `reporter_identities` and nowhere else; the
//! queries that build public views never name that table.

use rand::Rng;
use sqlx::any::AnyArguments;
use sqlx::query::QueryScalar;
use sqlx::AnyConnection;
use sqlx::{Any, FromRow};

use super::reporter_secrets::{prepare_secret, PreparedSecret, ReporterSecret, SESSION_MS};
use super::{flag, Backend, StorageError, Store, WriteTx};
use crate::model::calendar::{current_deadline, ClockStarts, DeadlineKind};
use crate::model::privacy::{DeadlineView, PublicContent, PublicEvent, PublicReport, ReportStory};
use crate::model::tracking::DATA_LEN;
use crate::model::validation::{Field, FieldError, NewReport, Problem};
use crate::model::{
    Classification, Date, EventKind, Role, Status, Timestamp, TrackingNumber, Visibility,
};

/// What the reporter is told after sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub tracking_number: TrackingNumber,
    pub submitted_at: Timestamp,
    /// The reporter's PIN and session token, in clear: shown once, never stored.
    /// `None` when the same draft (idempotency key) was already stored: a repeated
    /// send answers with the report's number and nothing more, so whoever replays a
    /// key gets neither a session nor a PIN, and the reporter's PIN keeps working.
    pub secret: Option<ReporterSecret>,
    /// The day verification is due, as stored with the new report; `None` for a repeated
    /// send, like `secret`.
    pub verify_by: Option<Date>,
}

impl Submission {
    /// A repeated send of a draft already stored: no new report was written.
    pub fn is_repeat(&self) -> bool {
        self.secret.is_none()
    }
}

/// A fresh number clashes with a stored one about once in 10^11 submissions; a few
/// attempts are plenty.
const NUMBER_ATTEMPTS: usize = 8;

const INSERT_REPORT: &str = "INSERT INTO reports (tracking_number, idempotency_key, classification, title, body, \
     event_date, needs_inspection, category_id, region_code, address, latitude, longitude, channel, \
     anonymous, confidential, status, target_agency_id, submitted_at, updated_at, due_on, reopen_count, version) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 0, 1) \
     ON CONFLICT DO NOTHING RETURNING id";

impl Store {
    /// Stores a validated report with its identity and a `Submitted` event, in one
    /// transaction. A repeated idempotency key returns the first report's number.
    pub async fn submit_report(
        &self,
        report: &NewReport,
        now: Timestamp,
    ) -> Result<Submission, StorageError> {
        self.submit_report_with_attachments(report, &[], now).await
    }

    /// [`Store::submit_report`], also linking the pending uploads named by
    /// `attachment_tokens` (in that order) in the same transaction. A repeated
    /// idempotency key links nothing: the first report keeps what it had.
    pub async fn submit_report_with_attachments(
        &self,
        report: &NewReport,
        attachment_tokens: &[String],
        now: Timestamp,
    ) -> Result<Submission, StorageError> {
        // Every statement is a round trip (on SQLite, to the connection's thread and
        // back): the happy path has as few as the work needs. A repeated idempotency key
        // (the same draft sent again, or replayed) is found by the insert itself, and the
        // references (region, category, agency) by the foreign keys, whose refusal is
        // then explained field by field.
        let prepared = prepare_secret(&self.pin_key);
        // The verification clock starts now (the workspace's due-soon and overdue queues).
        let verify_by = self.calendar().await?.add_working_days(
            now.date_wib(),
            DeadlineKind::Verification.working_days(report.classification, report.needs_inspection),
        );
        let pending = PendingReport {
            report: report.clone(),
            attachment_tokens: attachment_tokens.to_vec(),
            prepared,
            verify_by,
            now,
        };
        match self.backend {
            // SQLite has one writer: submissions waiting for it are committed together
            // (`group_commit.rs`). PostgreSQL writes them side by side (grouping them
            // there measured slower: 0.37× the baseline against 0.43×, README).
            Backend::Sqlite => self.submit_grouped(pending).await,
            // Without uploads to link, the report and the rows it brings are one
            // statement, atomic on its own: one round trip where BEGIN, two inserts and
            // COMMIT took four.
            Backend::Postgres if pending.attachment_tokens.is_empty() => {
                self.submit_in_one_statement(&pending).await
            }
            Backend::Postgres => {
                let tx = self.begin_write().await?;
                self.submit_in(tx, &pending).await
            }
        }
    }

    /// Writes one report in `tx` and commits it.
    pub(super) async fn submit_in(
        &self,
        mut tx: WriteTx,
        pending: &PendingReport,
    ) -> Result<Submission, StorageError> {
        // A transaction that wrote nothing is rolled back before answering, so that the
        // next writer never waits for a lock this one still holds.
        match write_report(tx.conn(), self.backend, pending).await {
            Ok(Written::Stored(submission)) => {
                tx.commit().await?;
                Ok(submission)
            }
            Ok(Written::UnknownReference) => {
                tx.rollback().await?;
                self.explain_refused_reference(&pending.report).await
            }
            Err(error) => {
                let _ = tx.rollback().await;
                Err(error)
            }
        }
    }

    /// PostgreSQL: writes the report with [`SUBMISSION_STATEMENT`], outside a transaction.
    async fn submit_in_one_statement(
        &self,
        pending: &PendingReport,
    ) -> Result<Submission, StorageError> {
        let report = &pending.report;
        let prepared = &pending.prepared;
        let submitted = EventKind::Submitted;
        for _ in 0..NUMBER_ATTEMPTS {
            let number = random_tracking_number();
            let inserted = bind_report(
                sqlx::query_scalar(&SUBMISSION_STATEMENT),
                &number,
                report,
                pending.verify_by,
                pending.now,
            )
            .bind(prepared.pin_hash().to_string())
            .bind(prepared.session_hash())
            .bind(pending.now.0 + SESSION_MS)
            .bind(report.reporter.name.clone())
            .bind(report.reporter.phone.clone())
            .bind(report.reporter.email.clone())
            .bind(report.reporter.chat.clone())
            .bind(Role::Reporter.code())
            .bind(submitted.code())
            .bind(submitted.default_visibility().code())
            .fetch_optional(&self.pool)
            .await;
            let id: Option<i64> = match inserted {
                Ok(id) => id,
                Err(error) if refused_by_foreign_key(&error) => {
                    return self.explain_refused_reference(report).await;
                }
                Err(error) => return Err(error.into()),
            };
            if id.is_some() {
                return Ok(Submission {
                    tracking_number: number,
                    submitted_at: pending.now,
                    secret: Some(prepared.secret.clone()),
                    verify_by: Some(pending.verify_by),
                });
            }
            // Nothing was written: the idempotency key is stored (this draft was sent
            // before), or, about never, the number was taken.
            if let Some(existing) = find_by_idempotency_key(&self.pool, report).await? {
                return Ok(existing.repeat());
            }
        }
        Err(StorageError::Unavailable(
            "no free tracking number, try again".into(),
        ))
    }

    /// A foreign key refused the report, outside any transaction: which reference is
    /// unknown, field by field, or (each is there again) a retry.
    async fn explain_refused_reference(
        &self,
        report: &NewReport,
    ) -> Result<Submission, StorageError> {
        check_references(&mut *self.pool.acquire().await?, report).await?;
        Err(StorageError::Unavailable(
            "a reference changed while the report was sent, try again".into(),
        ))
    }

    /// What anyone holding the number may see; `None` when no report has it.
    /// `today` is the date deadlines are measured against.
    pub async fn public_report(
        &self,
        number: &TrackingNumber,
        today: Date,
    ) -> Result<Option<PublicReport>, StorageError> {
        // Each query takes a pooled connection and gives it back at once: holding one
        // while asking the pool for another could starve a small pool.
        let row: Option<PublicRow> = sqlx::query_as(PUBLIC_ROW)
            .bind(number.as_str())
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let status = parse_status(&row.status)?;
        let content = if row.confidential != 0 {
            None
        } else {
            Some(PublicContent {
                story: self.report_story(&row.story, status, today).await?,
                timeline: self.public_events(row.story.id).await?,
            })
        };
        Ok(Some(PublicReport {
            tracking_number: number.display(),
            status,
            content,
        }))
    }

    /// The version a staff page must send back with its next step.
    pub async fn report_version(
        &self,
        number: &TrackingNumber,
    ) -> Result<Option<i64>, StorageError> {
        let version = sqlx::query_scalar("SELECT version FROM reports WHERE tracking_number = $1")
            .bind(number.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(version)
    }

    /// The public entries of a report's timeline, oldest first.
    async fn public_events(&self, report_id: i64) -> Result<Vec<PublicEvent>, StorageError> {
        let (visible, codes) = super::visibility_filter("e.visibility", Visibility::Public, 2);
        let sql = format!(
            "SELECT e.at, e.kind, e.status_after, a.name AS agency_name FROM events e \
             LEFT JOIN agencies a ON a.id = e.agency_id \
             WHERE e.report_id = $1 AND {visible} ORDER BY e.id"
        );
        let mut query = sqlx::query_as(&sql).bind(report_id);
        for code in codes {
            query = query.bind(code);
        }
        let rows: Vec<PublicEventRow> = query.fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|row| {
                let kind = EventKind::from_code(&row.kind).ok_or_else(|| {
                    StorageError::corrupt(format!("unknown event kind {}", row.kind))
                })?;
                Ok(PublicEvent {
                    at: Timestamp(row.at),
                    kind,
                    status_after: parse_status(&row.status_after)?,
                    agency_name: row.agency_name,
                })
            })
            .collect()
    }

    /// What the public page of report `number` is rendered from, as far as it changes
    /// with the report: its version and its newest event (`None`: no such report).
    /// One indexed read, for the page cache (`server::page_cache`).
    pub async fn report_stamp(
        &self,
        number: &TrackingNumber,
    ) -> Result<Option<(i64, i64)>, StorageError> {
        let row: Option<(i64, i64)> = sqlx::query_as(
            "SELECT r.version, COALESCE((SELECT MAX(e.id) FROM events e WHERE e.report_id = r.id), 0) \
             FROM reports r WHERE r.tracking_number = $1",
        )
        .bind(number.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row)
    }

    /// What a report says and where it stands, from its story columns; the same for the
    /// public page and the reporter's own page.
    pub(super) async fn report_story(
        &self,
        row: &StoryRow,
        status: Status,
        today: Date,
    ) -> Result<ReportStory, StorageError> {
        let classification = Classification::from_code(&row.classification).ok_or_else(|| {
            StorageError::corrupt(format!("unknown classification {}", row.classification))
        })?;
        let agency_trail = sqlx::query_scalar(
            "SELECT a.name FROM report_agency_trail t JOIN agencies a ON a.id = t.agency_id \
             WHERE t.report_id = $1 ORDER BY t.seq",
        )
        .bind(row.id)
        .fetch_all(&self.pool)
        .await?;
        let region_name = match &row.region_code {
            Some(code) => self.region_path(code).await?,
            None => None,
        };
        let calendar = self.calendar().await?;
        let needs_inspection = row.needs_inspection != 0;
        let starts =
            ClockStarts::from_millis(row.submitted_at, row.forwarded_at, row.followed_up_at);
        let deadline =
            current_deadline(&calendar, status, classification, needs_inspection, starts)
                .map(|d| DeadlineView::of(&calendar, d, today));
        Ok(ReportStory {
            title: row.title.clone(),
            body: row.body.clone(),
            classification,
            category_name: row.category_name.clone(),
            region_name,
            submitted_on: Timestamp(row.submitted_at).date_wib(),
            agency_name: row.agency_name.clone(),
            agency_trail,
            deadline,
        })
    }
}

/// The columns a report's story is read from ([`StoryRow`]), with the names of what it
/// refers to; the query joins `c` (category) and `a` (agency) as [`story_joins!`] does.
macro_rules! story_columns {
    () => {
        "r.id, r.classification, r.title, r.body, r.needs_inspection, r.region_code, \
         r.submitted_at, r.forwarded_at, r.followed_up_at, \
         c.name_id AS category_name, a.name AS agency_name"
    };
}
macro_rules! story_joins {
    () => {
        "FROM reports r LEFT JOIN categories c ON c.id = r.category_id \
         LEFT JOIN agencies a ON a.id = r.agency_id"
    };
}
pub(super) use {story_columns, story_joins};

/// A report's story columns: no identity.
#[derive(FromRow)]
pub(super) struct StoryRow {
    pub(super) id: i64,
    classification: String,
    title: String,
    body: String,
    needs_inspection: i64,
    region_code: Option<String>,
    submitted_at: i64,
    forwarded_at: Option<i64>,
    pub(super) followed_up_at: Option<i64>,
    category_name: Option<String>,
    agency_name: Option<String>,
}

/// The report's public columns. No identity.
const PUBLIC_ROW: &str = concat!(
    "SELECT r.status, r.confidential, ",
    story_columns!(),
    " ",
    story_joins!(),
    " WHERE r.tracking_number = $1"
);

#[derive(FromRow)]
struct PublicRow {
    status: String,
    confidential: i64,
    #[sqlx(flatten)]
    story: StoryRow,
}

#[derive(FromRow)]
struct PublicEventRow {
    at: i64,
    kind: String,
    status_after: String,
    agency_name: Option<String>,
}

pub(super) fn parse_status(code: &str) -> Result<Status, StorageError> {
    Status::from_code(code).ok_or_else(|| StorageError::corrupt(format!("unknown status {code}")))
}

/// A validated report with everything its first transaction writes, prepared before
/// the writer is waited for.
pub(super) struct PendingReport {
    pub(super) report: NewReport,
    pub(super) attachment_tokens: Vec<String>,
    pub(super) prepared: PreparedSecret,
    pub(super) verify_by: Date,
    pub(super) now: Timestamp,
}

/// What writing one report inside a transaction came to.
pub(super) enum Written {
    /// Stored (or found stored under its idempotency key): the answer once committed.
    Stored(Submission),
    /// A foreign key refused it: the transaction is still usable, the report is not in it.
    UnknownReference,
}

/// The report row, its PIN, session, identity and first event, and its uploads.
pub(super) async fn write_report(
    conn: &mut AnyConnection,
    backend: Backend,
    pending: &PendingReport,
) -> Result<Written, StorageError> {
    let report = &pending.report;
    let (report_id, number) =
        match insert_report(conn, report, pending.verify_by, pending.now).await? {
            Inserted::New { id, number } => (id, number),
            Inserted::Duplicate(existing) => return Ok(Written::Stored(existing.repeat())),
            Inserted::UnknownReference => return Ok(Written::UnknownReference),
        };
    insert_submission_rows(
        conn,
        backend,
        report_id,
        report,
        &pending.prepared,
        pending.now,
    )
    .await?;
    super::attachments::link_attachments(conn, report_id, &pending.attachment_tokens, 0).await?;
    Ok(Written::Stored(Submission {
        tracking_number: number,
        submitted_at: pending.now,
        secret: Some(pending.prepared.secret.clone()),
        verify_by: Some(pending.verify_by),
    }))
}

enum Inserted {
    New {
        id: i64,
        number: TrackingNumber,
    },
    Duplicate(Found),
    /// A foreign key refused the row: a region, category or agency that is not there.
    UnknownReference,
}

/// A report already stored under the idempotency key.
struct Found {
    tracking_number: TrackingNumber,
    submitted_at: Timestamp,
}

impl Found {
    /// The answer to a repeated send: the number, and no secret.
    fn repeat(self) -> Submission {
        Submission {
            tracking_number: self.tracking_number,
            submitted_at: self.submitted_at,
            secret: None,
            verify_by: None,
        }
    }
}

fn random_tracking_number() -> TrackingNumber {
    let mut rng = rand::rng();
    TrackingNumber::from_random(std::array::from_fn::<u8, DATA_LEN, _>(|_| {
        rng.random_range(0..31)
    }))
}

/// Inserts the report row under a fresh number. `ON CONFLICT DO NOTHING` keeps the
/// transaction usable on PostgreSQL when a number or the idempotency key clashes.
async fn insert_report(
    conn: &mut AnyConnection,
    report: &NewReport,
    due_on: Date,
    now: Timestamp,
) -> Result<Inserted, StorageError> {
    for _ in 0..NUMBER_ATTEMPTS {
        let number = random_tracking_number();
        let inserted = bind_report(
            sqlx::query_scalar(INSERT_REPORT),
            &number,
            report,
            due_on,
            now,
        )
        .fetch_optional(&mut *conn)
        .await;
        let id: Option<i64> = match inserted {
            Ok(id) => id,
            Err(error) if refused_by_foreign_key(&error) => return Ok(Inserted::UnknownReference),
            Err(error) => return Err(error.into()),
        };
        if let Some(id) = id {
            return Ok(Inserted::New { id, number });
        }
        // A concurrent send of the same draft won the race: answer with its number.
        if let Some(existing) = find_by_idempotency_key(&mut *conn, report).await? {
            return Ok(Inserted::Duplicate(existing));
        }
    }
    Err(StorageError::Unavailable(
        "no free tracking number, try again".into(),
    ))
}

/// A region, category or agency the report names is not there.
fn refused_by_foreign_key(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(error)
        if error.kind() == sqlx::error::ErrorKind::ForeignKeyViolation)
}

/// Binds [`INSERT_REPORT`]'s twenty parameters.
fn bind_report<'q>(
    query: QueryScalar<'q, Any, i64, AnyArguments<'q>>,
    number: &TrackingNumber,
    report: &NewReport,
    due_on: Date,
    now: Timestamp,
) -> QueryScalar<'q, Any, i64, AnyArguments<'q>> {
    let (latitude, longitude) = report.location.coordinates.unzip();
    query
        .bind(number.as_str().to_string())
        .bind(report.idempotency_key.clone())
        .bind(report.classification.code())
        .bind(report.title.clone())
        .bind(report.body.clone())
        .bind(report.event_date.map(|d| d.to_string()))
        .bind(flag(report.needs_inspection))
        .bind(report.category_id)
        .bind(report.location.region_code.clone())
        .bind(report.location.address.clone())
        .bind(latitude)
        .bind(longitude)
        .bind(report.channel.code())
        .bind(flag(report.privacy.anonymous))
        .bind(flag(report.privacy.confidential))
        .bind(Status::Submitted.code())
        .bind(report.target_agency_id)
        .bind(now.0)
        .bind(now.0)
        .bind(due_on.to_string())
}

/// PostgreSQL: [`INSERT_REPORT`] and the rows [`insert_submission_rows`] writes, as one
/// statement. The rows hang off the report's common table expression, so a clash (the
/// idempotency key already stored, or the number taken) writes nothing at all; the
/// foreign keys are checked at the statement's end, when the report row is there.
/// Parameters after the report's twenty: $21 PIN hash, $22 session hash, $23 session
/// expiry, $24–$27 the identity, $28 the actor role, $29 the event kind, $30 its
/// visibility ($16 is the status, $18 the time).
static SUBMISSION_STATEMENT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "WITH r AS ({INSERT_REPORT}), \
         s AS (INSERT INTO reporter_secrets (report_id, pin_hash, failed_attempts, locked_until) \
             SELECT id, $21, 0, NULL FROM r), \
         t AS (INSERT INTO reporter_sessions (token_hash, report_id, created_at, expires_at) \
             SELECT $22, id, $18, $23 FROM r), \
         i AS (INSERT INTO reporter_identities (report_id, name, phone, email, chat) \
             SELECT id, $24, $25, $26, $27 FROM r), \
         e AS (INSERT INTO events (report_id, at, actor_role, actor_staff_id, kind, \
             status_after, visibility, body, agency_id) \
             SELECT id, $18, $28, NULL, $29, $16, $30, NULL, NULL FROM r) \
         SELECT id FROM r"
    )
});

async fn find_by_idempotency_key<'c, E>(
    conn: E,
    report: &NewReport,
) -> Result<Option<Found>, StorageError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let Some(key) = report.idempotency_key.as_deref() else {
        return Ok(None);
    };
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT tracking_number, submitted_at FROM reports WHERE idempotency_key = $1",
    )
    .bind(key)
    .fetch_optional(conn)
    .await?;
    let Some((number, submitted_at)) = row else {
        return Ok(None);
    };
    let tracking_number = TrackingNumber::parse(&number).map_err(|_| {
        StorageError::corrupt(format!("stored tracking number {number} is malformed"))
    })?;
    Ok(Some(Found {
        tracking_number,
        submitted_at: Timestamp(submitted_at),
    }))
}

/// The region, category and suggested agency must exist.
async fn check_references(
    conn: &mut AnyConnection,
    report: &NewReport,
) -> Result<(), StorageError> {
    let mut errors = Vec::new();
    if let Some(code) = report.location.region_code.as_deref() {
        if !exists(conn, "SELECT COUNT(*) FROM regions WHERE code = $1", code).await? {
            errors.push(FieldError {
                field: Field::RegionCode,
                problem: Problem::Unknown,
            });
        }
    }
    if let Some(id) = report.category_id {
        if !category_exists(conn, id).await? {
            errors.push(FieldError {
                field: Field::Category,
                problem: Problem::Unknown,
            });
        }
    }
    if let Some(id) = report.target_agency_id {
        if !agency_exists(conn, id).await? {
            errors.push(FieldError {
                field: Field::TargetAgency,
                problem: Problem::Unknown,
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StorageError::Invalid(errors))
    }
}

pub(super) async fn category_exists(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<bool, StorageError> {
    exists(conn, "SELECT COUNT(*) FROM categories WHERE id = $1", id).await
}

pub(super) async fn agency_exists(conn: &mut AnyConnection, id: i64) -> Result<bool, StorageError> {
    exists(conn, "SELECT COUNT(*) FROM agencies WHERE id = $1", id).await
}

/// `sql` is a `SELECT COUNT(*) … WHERE x = $1`.
async fn exists<'q, T>(
    conn: &mut AnyConnection,
    sql: &'q str,
    value: T,
) -> Result<bool, StorageError>
where
    T: 'q + Send + sqlx::Encode<'q, Any> + sqlx::Type<Any>,
{
    let count: i64 = sqlx::query_scalar(sql).bind(value).fetch_one(conn).await?;
    Ok(count > 0)
}

/// A timeline entry about to be written.
pub(super) struct NewEvent<'a> {
    pub report_id: i64,
    pub at: Timestamp,
    pub actor_role: Role,
    pub actor_staff_id: Option<i64>,
    pub kind: EventKind,
    pub status_after: Status,
    pub body: Option<&'a str>,
    /// The agency handling the report after the event.
    pub agency_id: Option<i64>,
}

/// Writes an event; when it concerns the reporter (`model::notification`), also the
/// outbox message telling them, in the same transaction.
/// The rows a new report brings besides itself, in one round trip: the PIN, the
/// reporter's session, the identity and the `submitted` event (which tells the reporter
/// nothing, so it queues no message: `model::notification::tells_reporter`). SQLite runs
/// the four statements of one query string (numbered parameters bind across them);
/// PostgreSQL takes one statement whose common table expressions insert the first three.
/// Each statement is a round trip to the database (on SQLite, to the connection's thread
/// and back), and these were four of the submission's seven.
async fn insert_submission_rows(
    conn: &mut AnyConnection,
    backend: Backend,
    report_id: i64,
    report: &NewReport,
    prepared: &PreparedSecret,
    now: Timestamp,
) -> Result<(), StorageError> {
    const SECRET: &str =
        "INSERT INTO reporter_secrets (report_id, pin_hash, failed_attempts, locked_until) \
         VALUES ($1, $2, 0, NULL)";
    const SESSION: &str =
        "INSERT INTO reporter_sessions (token_hash, report_id, created_at, expires_at) \
         VALUES ($3, $1, $4, $5)";
    const IDENTITY: &str = "INSERT INTO reporter_identities (report_id, name, phone, email, chat) \
         VALUES ($1, $6, $7, $8, $9)";
    const EVENT: &str = "INSERT INTO events (report_id, at, actor_role, actor_staff_id, kind, \
         status_after, visibility, body, agency_id) \
         VALUES ($1, $4, $10, NULL, $11, $12, $13, NULL, NULL)";
    let sql = match backend {
        Backend::Sqlite => format!("{SECRET}; {SESSION}; {IDENTITY}; {EVENT}"),
        Backend::Postgres => {
            format!("WITH s AS ({SECRET}), t AS ({SESSION}), i AS ({IDENTITY}) {EVENT}")
        }
    };
    let kind = EventKind::Submitted;
    sqlx::query(&sql)
        .bind(report_id)
        .bind(prepared.pin_hash().to_string())
        .bind(prepared.session_hash())
        .bind(now.0)
        .bind(now.0 + SESSION_MS)
        .bind(report.reporter.name.clone())
        .bind(report.reporter.phone.clone())
        .bind(report.reporter.email.clone())
        .bind(report.reporter.chat.clone())
        .bind(Role::Reporter.code())
        .bind(kind.code())
        .bind(Status::Submitted.code())
        .bind(kind.default_visibility().code())
        .execute(conn)
        .await?;
    Ok(())
}

pub(super) async fn insert_event(
    conn: &mut AnyConnection,
    event: &NewEvent<'_>,
) -> Result<(), StorageError> {
    let event_id: i64 = sqlx::query_scalar(
        "INSERT INTO events (report_id, at, actor_role, actor_staff_id, kind, status_after, visibility, body, agency_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(event.report_id)
    .bind(event.at.0)
    .bind(event.actor_role.code())
    .bind(event.actor_staff_id)
    .bind(event.kind.code())
    .bind(event.status_after.code())
    .bind(event.kind.default_visibility().code())
    .bind(event.body.map(str::to_string))
    .bind(event.agency_id)
    .fetch_one(&mut *conn)
    .await?;
    if crate::model::notification::tells_reporter(event.kind) {
        super::outbox::enqueue(conn, event.report_id, event_id, event.at).await?;
    }
    Ok(())
}
