//! Steps through the state machine. The model decides whether a step is allowed;
//! this file only records it, atomically, and refuses stale writes: every step names
//! the version it was decided on, and a report changed in between is a `Conflict`.

use sqlx::AnyConnection;
use sqlx::FromRow;

use super::reports::{agency_exists, category_exists, insert_event, parse_status, NewEvent};
use super::{Cell, StorageError, Store};
use crate::model::calendar::{current_deadline, ClockStarts};
use crate::model::statistics::{Milestones, StepContext};
use crate::model::status::{transition, Guards};
use crate::model::validation::{length_problem, Field, Problem, BODY_MAX, TITLE_MAX, TITLE_MIN};
use crate::model::{
    Action, Classification, Date, EventKind, Role, Status, Timestamp, TrackingNumber,
    WorkingCalendar,
};

/// Who takes a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    /// The staff account, when a person on staff acts.
    pub staff_id: Option<i64>,
}

/// What comes with a step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionArgs {
    /// The reason or text: required for the actions where `Action::requires_reason`
    /// and for a draft; a publish without one publishes the latest draft.
    pub body: Option<String>,
    /// The receiving agency: required for `Forward` and `Transfer`; on `Verify`, the
    /// agency the report is routed to (the forward step's default).
    pub agency_id: Option<i64>,
    /// The work unit: required for `Dispose`.
    pub unit: Option<String>,
    /// `Verify` may correct the title, classification and category.
    pub title: Option<String>,
    pub classification: Option<Classification>,
    pub category_id: Option<i64>,
    /// `MarkDuplicate`: the tracking number of the report this one is the same as.
    pub duplicate_of: Option<String>,
}

/// The report after the step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionOutcome {
    pub status: Status,
    pub version: i64,
}

#[derive(FromRow)]
pub(super) struct CurrentRow {
    pub id: i64,
    status: String,
    version: i64,
    reopen_count: i64,
    pub agency_id: Option<i64>,
    pub unit: Option<String>,
    classification: String,
    needs_inspection: i64,
    submitted_at: i64,
    forwarded_at: Option<i64>,
    followed_up_at: Option<i64>,
}

impl Store {
    /// Takes `action` on the report if the state machine allows it and nobody changed
    /// the report since `expected_version`; records the event in the same transaction.
    pub async fn apply_action(
        &self,
        number: &TrackingNumber,
        actor: Actor,
        action: Action,
        expected_version: i64,
        args: ActionArgs,
        now: Timestamp,
    ) -> Result<ActionOutcome, StorageError> {
        let calendar = self.calendar().await?;
        let step = Step {
            actor,
            action,
            expected_version,
            args: &args,
            now,
            calendar: &calendar,
            unit_required: false,
        };
        self.apply_step(number, step).await
    }

    /// Takes `step` on the report in a transaction of its own (the caller brings the
    /// calendar, so a batch of steps reads it once).
    pub(super) async fn apply_step(
        &self,
        number: &TrackingNumber,
        step: Step<'_>,
    ) -> Result<ActionOutcome, StorageError> {
        let mut tx = self.begin_write().await?;
        let current = current_row(tx.conn(), number).await?;
        let outcome = take_step(tx.conn(), &current, step).await?;
        tx.commit().await?;
        Ok(outcome)
    }
}

/// The report's row as a step needs it; `NotFound` when no report has the number.
pub(super) async fn current_row(
    conn: &mut AnyConnection,
    number: &TrackingNumber,
) -> Result<CurrentRow, StorageError> {
    sqlx::query_as(
        "SELECT id, status, version, reopen_count, agency_id, unit, classification, \
         needs_inspection, submitted_at, forwarded_at, followed_up_at \
         FROM reports WHERE tracking_number = $1",
    )
    .bind(number.as_str())
    .fetch_optional(conn)
    .await?
    .ok_or(StorageError::NotFound)
}

/// One step, as decided by its caller.
pub(super) struct Step<'a> {
    pub actor: Actor,
    pub action: Action,
    pub expected_version: i64,
    pub args: &'a ActionArgs,
    pub now: Timestamp,
    pub calendar: &'a WorkingCalendar,
    /// A `Dispose` must name its unit (staff in the workspace always do).
    pub unit_required: bool,
}

/// Takes the step inside the caller's transaction: the model decides, then the report,
/// its agency trail and its timeline are written.
pub(super) async fn take_step(
    conn: &mut AnyConnection,
    current: &CurrentRow,
    step: Step<'_>,
) -> Result<ActionOutcome, StorageError> {
    let Step {
        actor,
        action,
        expected_version,
        args,
        now,
        calendar,
        unit_required,
    } = step;
    if current.version != expected_version {
        return Err(StorageError::Conflict);
    }
    let guards = Guards {
        reopen_count: u32::try_from(current.reopen_count).unwrap_or(u32::MAX),
    };
    let status = transition(parse_status(&current.status)?, action, actor.role, guards)?;
    let mut text = args
        .body
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_string);
    let needs_text = action.requires_reason() || action == Action::DraftFollowUp;
    // A reason is named as one ("Alasan"), a follow-up's text as the text it is.
    let text_field = if action.requires_reason() {
        Field::Reason
    } else {
        Field::Body
    };
    if needs_text && text.is_none() {
        return Err(StorageError::invalid(text_field, Problem::Required));
    }
    if let Some(problem) = text.as_deref().and_then(|t| length_problem(t, 1, BODY_MAX)) {
        return Err(StorageError::invalid(text_field, problem));
    }
    if action == Action::ApproveAndPublish && text.is_none() {
        text = latest_draft(&mut *conn, current.id).await?;
    }
    let new_agency = receiving_agency(&mut *conn, action, current, args.agency_id).await?;
    let original =
        duplicate_target(&mut *conn, action, current, args.duplicate_of.as_deref()).await?;
    if let Some((_, number)) = &original {
        // The reporter (and their SMS) is told the number of the report to follow.
        text = Some(number.display());
    }
    let unit = disposed_unit(&mut *conn, action, current, args.unit.as_deref()).await?;
    if action == Action::Dispose && unit_required && unit.is_none() {
        return Err(StorageError::invalid(Field::Unit, Problem::Required));
    }
    let corrections = verify_corrections(&mut *conn, action, args).await?;
    let due_on = due_after(calendar, current, action, status, &corrections, now)?;
    let milestones = milestones(calendar, current, action, &corrections, now)?;
    let change = Change {
        action,
        status,
        new_agency,
        unit,
        corrections,
        due_on,
        milestones,
        duplicate_of: original.as_ref().map(|(id, _)| *id),
        now,
    };
    if !update_report(&mut *conn, current, &change).await? {
        return Err(StorageError::Conflict);
    }
    if let (Action::Transfer, Some(previous)) = (action, current.agency_id) {
        push_trail(
            &mut *conn,
            current.id,
            previous,
            text.as_deref().unwrap_or_default(),
            now,
        )
        .await?;
    }
    let event = NewEvent {
        report_id: current.id,
        at: now,
        actor_role: actor.role,
        actor_staff_id: actor.staff_id,
        kind: EventKind::Transition(action),
        status_after: status,
        body: text.as_deref(),
        agency_id: new_agency.or(current.agency_id),
    };
    insert_event(conn, &event).await?;
    Ok(ActionOutcome {
        status,
        version: expected_version + 1,
    })
}

/// The text of the newest follow-up draft, which a publish without a text publishes.
async fn latest_draft(
    conn: &mut AnyConnection,
    report_id: i64,
) -> Result<Option<String>, StorageError> {
    let body: Option<Option<String>> = sqlx::query_scalar(
        "SELECT body FROM events WHERE report_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(report_id)
    .bind(EventKind::Transition(Action::DraftFollowUp).code())
    .fetch_optional(conn)
    .await?;
    Ok(body.flatten())
}

/// The unit a `Dispose` hands the report to: one that has an operator of the agency.
async fn disposed_unit(
    conn: &mut AnyConnection,
    action: Action,
    current: &CurrentRow,
    requested: Option<&str>,
) -> Result<Option<String>, StorageError> {
    if action != Action::Dispose {
        return Ok(None);
    }
    // Without a unit the report stays with the agency's administrators (the operator's
    // command line); the workspace always names one (`Store::staff_act`).
    let Some(unit) = requested.map(str::trim).filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    let known: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff WHERE agency_id = $1 AND unit = $2 AND active = 1",
    )
    .bind(current.agency_id)
    .bind(unit.to_string())
    .fetch_one(conn)
    .await?;
    if known == 0 {
        return Err(StorageError::invalid(Field::Unit, Problem::Unknown));
    }
    Ok(Some(unit.to_string()))
}

/// What a verifier corrected.
#[derive(Default)]
struct Corrections {
    title: Option<String>,
    classification: Option<Classification>,
    category_id: Option<i64>,
    /// The agency the verifier routes the report to (the forward step's default).
    target_agency_id: Option<i64>,
}

async fn verify_corrections(
    conn: &mut AnyConnection,
    action: Action,
    args: &ActionArgs,
) -> Result<Corrections, StorageError> {
    if action != Action::Verify {
        return Ok(Corrections::default());
    }
    let title = args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if let Some(problem) = title.and_then(|t| length_problem(t, TITLE_MIN, TITLE_MAX)) {
        return Err(StorageError::invalid(Field::Title, problem));
    }
    if let Some(category) = args.category_id {
        if !category_exists(&mut *conn, category).await? {
            return Err(StorageError::invalid(Field::Category, Problem::Unknown));
        }
    }
    if let Some(agency) = args.agency_id {
        if !agency_exists(conn, agency).await? {
            return Err(StorageError::invalid(Field::TargetAgency, Problem::Unknown));
        }
    }
    Ok(Corrections {
        title: title.map(str::to_string),
        classification: args.classification,
        category_id: args.category_id,
        target_agency_id: args.agency_id,
    })
}

/// The due date of the clock that runs after the step, by the model's rules.
fn due_after(
    calendar: &WorkingCalendar,
    current: &CurrentRow,
    action: Action,
    status: Status,
    corrections: &Corrections,
    now: Timestamp,
) -> Result<Option<Date>, StorageError> {
    let classification = classification_of(current, corrections)?;
    let today = now.date_wib();
    let mut starts = ClockStarts::from_millis(
        current.submitted_at,
        current.forwarded_at,
        current.followed_up_at,
    );
    // The step itself may start a clock today.
    if matches!(action, Action::Forward | Action::Transfer | Action::Reopen) {
        starts.forwarded = Some(today);
    }
    if action == Action::ApproveAndPublish {
        starts.followed_up = Some(today);
    }
    let needs_inspection = current.needs_inspection != 0;
    Ok(current_deadline(calendar, status, classification, needs_inspection, starts).map(|d| d.due))
}

/// The report a `MarkDuplicate` links to (`None` for other actions): it must exist, be
/// another report, not be archived or itself a duplicate, and not be confidential (its
/// number is told to this report's reporter).
async fn duplicate_target(
    conn: &mut AnyConnection,
    action: Action,
    current: &CurrentRow,
    requested: Option<&str>,
) -> Result<Option<(i64, TrackingNumber)>, StorageError> {
    if action != Action::MarkDuplicate {
        return Ok(None);
    }
    let Some(raw) = requested.map(str::trim).filter(|r| !r.is_empty()) else {
        return Err(StorageError::invalid(Field::DuplicateOf, Problem::Required));
    };
    let number = TrackingNumber::parse(raw)
        .map_err(|_| StorageError::invalid(Field::DuplicateOf, Problem::Invalid))?;
    let row: Option<(i64, Option<i64>, String, i64)> = sqlx::query_as(
        "SELECT id, duplicate_of, status, confidential FROM reports WHERE tracking_number = $1",
    )
    .bind(number.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let Some((id, duplicate_of, status, confidential)) = row else {
        return Err(StorageError::invalid(Field::DuplicateOf, Problem::Unknown));
    };
    let usable = id != current.id
        && duplicate_of.is_none()
        && status != Status::Archived.code()
        && confidential == 0;
    if !usable {
        return Err(StorageError::invalid(Field::DuplicateOf, Problem::Invalid));
    }
    // Reports already merged into this one follow it to the original.
    sqlx::query("UPDATE reports SET duplicate_of = $1 WHERE duplicate_of = $2")
        .bind(id)
        .bind(current.id)
        .execute(&mut *conn)
        .await?;
    Ok(Some((id, number)))
}

/// What the step fixes for statistics (`model::statistics::Milestones`).
fn milestones(
    calendar: &WorkingCalendar,
    current: &CurrentRow,
    action: Action,
    corrections: &Corrections,
    now: Timestamp,
) -> Result<Milestones, StorageError> {
    let starts = ClockStarts::from_millis(current.submitted_at, current.forwarded_at, None);
    let report = StepContext {
        submitted: starts.submitted.unwrap_or(now.date_wib()),
        forwarded: starts.forwarded,
        classification: classification_of(current, corrections)?,
        needs_inspection: current.needs_inspection != 0,
    };
    Ok(Milestones::of_step(
        action,
        report,
        now.date_wib(),
        calendar,
    ))
}

/// The report's kind after the step's corrections.
fn classification_of(
    current: &CurrentRow,
    corrections: &Corrections,
) -> Result<Classification, StorageError> {
    match corrections.classification {
        Some(corrected) => Ok(corrected),
        None => Classification::from_code(&current.classification).ok_or_else(|| {
            StorageError::corrupt(format!("unknown classification {}", current.classification))
        }),
    }
}

/// The agency a `Forward` or `Transfer` sends the report to; `None` for other actions.
async fn receiving_agency(
    conn: &mut AnyConnection,
    action: Action,
    current: &CurrentRow,
    requested: Option<i64>,
) -> Result<Option<i64>, StorageError> {
    if !matches!(action, Action::Forward | Action::Transfer) {
        return Ok(None);
    }
    let Some(agency_id) = requested else {
        return Err(StorageError::invalid(
            Field::TargetAgency,
            Problem::Required,
        ));
    };
    if !agency_exists(conn, agency_id).await? {
        return Err(StorageError::invalid(Field::TargetAgency, Problem::Unknown));
    }
    if action == Action::Transfer && current.agency_id == Some(agency_id) {
        // A transfer to the agency that already holds the report would change nothing.
        return Err(StorageError::invalid(Field::TargetAgency, Problem::Invalid));
    }
    Ok(Some(agency_id))
}

/// Everything a step writes on the report's row.
struct Change {
    action: Action,
    status: Status,
    new_agency: Option<i64>,
    unit: Option<String>,
    corrections: Corrections,
    due_on: Option<Date>,
    milestones: Milestones,
    duplicate_of: Option<i64>,
    now: Timestamp,
}

/// Writes the new status, the clock the step starts or stops and what it set. `false`
/// when the version moved on since the report was read.
async fn update_report(
    conn: &mut AnyConnection,
    current: &CurrentRow,
    change: &Change,
) -> Result<bool, StorageError> {
    let mut sets = vec![
        "status = $1".to_string(),
        "updated_at = $2".into(),
        "version = version + 1".into(),
        "due_on = $5".into(),
    ];
    match change.action {
        Action::Verify => sets.push("verified_at = $2".into()),
        // A new agency decides its own disposition.
        Action::Forward | Action::Transfer => {
            sets.extend(["forwarded_at = $2".into(), "unit = NULL".into()])
        }
        Action::Reopen => sets.extend([
            "forwarded_at = $2".into(),
            "closed_at = NULL".into(),
            "reopen_count = reopen_count + 1".into(),
        ]),
        Action::ApproveAndPublish => sets.push("followed_up_at = $2".into()),
        Action::Close | Action::AutoClose => sets.push("closed_at = $2".into()),
        _ => {}
    }
    // Optional values follow the five fixed parameters, numbered as they come.
    let mut binds: Vec<Cell> = Vec::new();
    // Statistics keep the first time a milestone was reached.
    let m = change.milestones;
    let first = [
        ("days_to_verify", m.days_to_verify),
        ("days_to_follow_up", m.follow_up.map(|(days, _)| days)),
        (
            "answered_on_time",
            m.follow_up.map(|(_, on_time)| i64::from(on_time)),
        ),
        ("days_to_finish", m.days_to_finish),
    ];
    for (column, value) in first {
        if let Some(value) = value {
            binds.push(Cell::Int(value));
            sets.push(format!(
                "{column} = COALESCE({column}, ${})",
                5 + binds.len()
            ));
        }
    }
    let mut set_optional = |column: &str, value: Cell| {
        binds.push(value);
        sets.push(format!("{column} = ${}", 5 + binds.len()));
    };
    if let Some(original) = change.duplicate_of {
        set_optional("duplicate_of", Cell::Int(original));
    }
    if let Some(agency_id) = change.new_agency {
        set_optional("agency_id", Cell::Int(agency_id));
    }
    if let Some(unit) = &change.unit {
        set_optional("unit", Cell::Text(unit.clone()));
    }
    if let Some(title) = &change.corrections.title {
        set_optional("title", Cell::Text(title.clone()));
    }
    if let Some(classification) = change.corrections.classification {
        set_optional(
            "classification",
            Cell::Text(classification.code().to_string()),
        );
    }
    if let Some(category) = change.corrections.category_id {
        set_optional("category_id", Cell::Int(category));
    }
    if let Some(agency) = change.corrections.target_agency_id {
        set_optional("target_agency_id", Cell::Int(agency));
    }
    let sql = format!(
        "UPDATE reports SET {} WHERE id = $3 AND version = $4",
        sets.join(", ")
    );
    let mut query = sqlx::query(&sql)
        .bind(change.status.code())
        .bind(change.now.0)
        .bind(current.id)
        .bind(current.version)
        .bind(change.due_on.map(|d| d.to_string()));
    for value in binds {
        query = value.bind_to(query);
    }
    Ok(query.execute(conn).await?.rows_affected() == 1)
}

/// Keeps the agency that gave the report up, with its reason.
async fn push_trail(
    conn: &mut AnyConnection,
    report_id: i64,
    agency_id: i64,
    reason: &str,
    now: Timestamp,
) -> Result<(), StorageError> {
    sqlx::query(
        "INSERT INTO report_agency_trail (report_id, seq, agency_id, reason, at) \
         SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM report_agency_trail WHERE report_id = $1",
    )
    .bind(report_id)
    .bind(agency_id)
    .bind(reason.to_string())
    .bind(now.0)
    .execute(conn)
    .await?;
    Ok(())
}
