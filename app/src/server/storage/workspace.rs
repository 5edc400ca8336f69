//! The agency workspace's storage: steps taken by staff (checked against their
//! scope, audited in the same transaction), internal notes, the staff timeline and
//! clock of a report, agency lookups, and the automatic closing. Sessions, the audit
//! log and the queues have files of their own.
//!
//! No query here reads `reporter_identities`: identity reaches only national
//! administrators, through `Store::report_for_staff`.

use sqlx::{AnyConnection, FromRow};

use super::actions::{current_row, take_step, Step};
use super::audit::{audit, Address, AuditLine};
use super::reports::{insert_event, parse_status, NewEvent};
use super::staff::StaffAccount;
use super::{ActionArgs, ActionOutcome, Actor, StorageError, Store};
use crate::model::validation::{length_problem, Field, BODY_MAX};
use crate::model::workspace::{scope_of, Scope};
use crate::model::{Action, EventKind, Role, Status, Timestamp, TrackingNumber, WorkingCalendar};

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

impl Store {
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
        let calendar = self.calendar().await?;
        let mut tx = self.begin_write().await?;
        let outcome = act_as_staff(tx.conn(), staff, number, step, address, now, &calendar).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// A bulk step: `actions` in turn on each report of `reports`, report by report.
    /// Each report is its own transaction, checked as `staff_act` checks one (scope,
    /// the state machine for the role, the version the staff member saw), with an event
    /// and an audit line per action: a report either takes every action or none, and a
    /// report refused (changed meanwhile, out of scope, not allowed) leaves the others
    /// done. The answer lists every report in the order given.
    pub async fn staff_act_on_each(
        &self,
        staff: &StaffAccount,
        reports: &[(TrackingNumber, i64)],
        actions: &[Action],
        args: &ActionArgs,
        address: Address<'_>,
        now: Timestamp,
    ) -> Result<Vec<(TrackingNumber, Result<ActionOutcome, StorageError>)>, StorageError> {
        let calendar = self.calendar().await?;
        let mut answers = Vec::with_capacity(reports.len());
        for (number, version) in reports {
            let mut tx = self.begin_write().await?;
            let mut expected_version = *version;
            let mut outcome = Err(StorageError::Refused(
                crate::model::TransitionError::NotFromThisStatus,
            ));
            for &action in actions {
                let step = StaffStep {
                    action,
                    expected_version,
                    args: args.clone(),
                };
                outcome =
                    act_as_staff(tx.conn(), staff, number, step, address, now, &calendar).await;
                match &outcome {
                    Ok(done) => expected_version = done.version,
                    Err(_) => break,
                }
            }
            if outcome.is_ok() {
                if let Err(error) = tx.commit().await {
                    outcome = Err(error);
                }
            }
            // A refused report's transaction is dropped: nothing of it stays.
            answers.push((number.clone(), outcome));
        }
        Ok(answers)
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

/// One staff step inside the caller's transaction: the scope, then the state machine
/// (through `take_step`: role, status, version), then the audit line.
async fn act_as_staff(
    conn: &mut AnyConnection,
    staff: &StaffAccount,
    number: &TrackingNumber,
    step: StaffStep,
    address: Address<'_>,
    now: Timestamp,
    calendar: &WorkingCalendar,
) -> Result<ActionOutcome, StorageError> {
    let StaffStep {
        action,
        expected_version,
        args,
    } = step;
    let current = current_row(conn, number).await?;
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
        calendar,
        unit_required: true,
    };
    let outcome = take_step(conn, &current, step).await?;
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
    audit(conn, &line).await?;
    Ok(outcome)
}

async fn report_status(conn: &mut AnyConnection, id: i64) -> Result<Status, StorageError> {
    let code: String = sqlx::query_scalar("SELECT status FROM reports WHERE id = $1")
        .bind(id)
        .fetch_one(conn)
        .await?;
    parse_status(&code)
}

impl Store {
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
}
