//! Steps through the state machine. The model decides whether a step is allowed;
//! this file only records it, atomically, and refuses stale writes: every step names
//! the version it was decided on, and a report changed in between is a `Conflict`.

use sqlx::AnyConnection;
use sqlx::FromRow;

use super::reports::{agency_exists, insert_event, parse_status, NewEvent};
use super::{StorageError, Store};
use crate::model::status::{transition, Guards};
use crate::model::validation::{Field, Problem};
use crate::model::{Action, EventKind, Role, Status, Timestamp, TrackingNumber};

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
    /// The reason or text: required for the actions where `Action::requires_reason`.
    pub body: Option<String>,
    /// The receiving agency: required for `Forward` and `Transfer`.
    pub agency_id: Option<i64>,
}

/// The report after the step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionOutcome {
    pub status: Status,
    pub version: i64,
}

#[derive(FromRow)]
struct CurrentRow {
    id: i64,
    status: String,
    version: i64,
    reopen_count: i64,
    agency_id: Option<i64>,
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
        let mut tx = self.begin_write().await?;
        let current: CurrentRow = sqlx::query_as(
            "SELECT id, status, version, reopen_count, agency_id FROM reports WHERE tracking_number = $1",
        )
        .bind(number.as_str())
        .fetch_optional(tx.conn())
        .await?
        .ok_or(StorageError::NotFound)?;
        if current.version != expected_version {
            return Err(StorageError::Conflict);
        }
        let guards = Guards {
            reopen_count: u32::try_from(current.reopen_count).unwrap_or(u32::MAX),
        };
        let status = transition(parse_status(&current.status)?, action, actor.role, guards)?;
        let reason = args
            .body
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty());
        if action.requires_reason() && reason.is_none() {
            return Err(StorageError::invalid(Field::Body, Problem::Required));
        }
        let new_agency = receiving_agency(tx.conn(), action, &current, args.agency_id).await?;

        let updated = update_report(tx.conn(), action, status, &current, new_agency, now).await?;
        if !updated {
            return Err(StorageError::Conflict);
        }
        if let (Action::Transfer, Some(previous)) = (action, current.agency_id) {
            push_trail(
                tx.conn(),
                current.id,
                previous,
                reason.unwrap_or_default(),
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
            body: reason,
            agency_id: new_agency.or(current.agency_id),
        };
        insert_event(tx.conn(), &event).await?;
        tx.commit().await?;
        Ok(ActionOutcome {
            status,
            version: expected_version + 1,
        })
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

/// Writes the new status and the clock the step starts or stops. `false` when the
/// version moved on since the report was read.
async fn update_report(
    conn: &mut AnyConnection,
    action: Action,
    status: Status,
    current: &CurrentRow,
    new_agency: Option<i64>,
    now: Timestamp,
) -> Result<bool, StorageError> {
    let mut sets = vec!["status = $1", "updated_at = $2", "version = version + 1"];
    match action {
        Action::Verify => sets.push("verified_at = $2"),
        Action::Forward | Action::Transfer => sets.push("forwarded_at = $2"),
        Action::Reopen => sets.extend([
            "forwarded_at = $2",
            "closed_at = NULL",
            "reopen_count = reopen_count + 1",
        ]),
        Action::ApproveAndPublish => sets.push("followed_up_at = $2"),
        Action::Close | Action::AutoClose => sets.push("closed_at = $2"),
        _ => {}
    }
    if new_agency.is_some() {
        sets.push("agency_id = $5");
    }
    let sql = format!(
        "UPDATE reports SET {} WHERE id = $3 AND version = $4",
        sets.join(", ")
    );
    let mut query = sqlx::query(&sql)
        .bind(status.code())
        .bind(now.0)
        .bind(current.id)
        .bind(current.version);
    if let Some(agency_id) = new_agency {
        query = query.bind(agency_id);
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
