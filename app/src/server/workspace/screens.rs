//! What the workspace pages show: a queue, a report with the steps its reader may
//! take, a staff member's audit lines.

use crate::api::workspace::{AuditLine, QueueScreen, ReportScreen, StaffBadge, StaffEvent};
use crate::api::ApiError;
use crate::components::choice::Choice;
use crate::model::calendar::{current_deadline, ClockStarts};
use crate::model::privacy::DeadlineView;
use crate::model::workspace::{
    bulk_steps, may_note, queues_for, staff_actions, Queue, QueueFilter,
};
use crate::model::{
    Action, Classification, EventKind, Role, Status, Timestamp, TrackingNumber, Visibility,
};
use crate::server::state::AppState;
use crate::server::storage::{StaffAccount, StorageError};

pub(super) async fn badge(state: &AppState, staff: &StaffAccount) -> Result<StaffBadge, ApiError> {
    let agency_name = match staff.agency_id {
        Some(id) => state.store.agency(id).await?.map(|a| a.name),
        None => None,
    };
    Ok(StaffBadge {
        name: staff.name.clone(),
        role: staff.role,
        agency_name,
        unit: staff.unit.clone(),
    })
}

async fn categories(state: &AppState) -> Result<Vec<Choice>, ApiError> {
    Ok(
        crate::server::citizen::form_options(state, crate::request_locale())
            .await?
            .categories,
    )
}

/// The queue `code` names if it is one of `staff`'s, otherwise their role's first.
pub(crate) fn chosen_queue(staff: &StaffAccount, code: Option<&str>) -> Queue {
    let mine = queues_for(staff.role);
    code.and_then(Queue::from_code)
        .filter(|q| mine.contains(q))
        .or_else(|| mine.first().copied())
        .unwrap_or(Queue::All)
}

/// Free-text filters trimmed and bounded; empty ones are no filter.
pub(crate) fn tidy_filter(mut filter: QueueFilter) -> QueueFilter {
    let tidy = |text: Option<String>, max: usize| {
        text.map(|s| s.trim().chars().take(max).collect::<String>())
            .filter(|s| !s.is_empty())
    };
    filter.search = tidy(filter.search, 200);
    // A region code is digits (`3517`): other characters are dropped.
    filter.region_code = tidy(filter.region_code, 20)
        .map(|code| {
            code.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .filter(|code| !code.is_empty());
    // An agency code is lower-case letters, digits and dashes.
    filter.agency = tidy(filter.agency, 80).map(|code| {
        code.to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect()
    });
    filter
}

/// A queue page for `staff`: their role's first queue unless they chose another of
/// theirs.
pub async fn queue_screen(
    state: &AppState,
    staff: &StaffAccount,
    queue: Option<&str>,
    filter: QueueFilter,
    page: Option<i64>,
) -> Result<QueueScreen, ApiError> {
    let queue = chosen_queue(staff, queue);
    let filter = tidy_filter(filter);
    let page = page.unwrap_or(0).clamp(0, 100_000);
    let result = state
        .store
        .work_queue(staff, queue, &filter, page, state.clock.now())
        .await?;
    let bulk = bulk_steps(queue, staff.role);
    let agencies = if bulk.iter().any(|step| step.needs_agency()) {
        agency_names(state).await?
    } else {
        Vec::new()
    };
    let units = match (staff.agency_id, bulk.iter().any(|step| step.needs_unit())) {
        (Some(agency), true) => state.store.agency_units(agency).await?,
        _ => Vec::new(),
    };
    let address = format!(
        "{}?{}",
        crate::paths::WORKSPACE_QUEUE,
        crate::api::workspace::queue_query_string(queue, &filter, 0)
    );
    let saved = state
        .store
        .saved_views(staff.id)
        .await?
        .into_iter()
        .find(|view| view.address == address);
    Ok(QueueScreen {
        me: badge(state, staff).await?,
        queue,
        page,
        filter,
        result,
        categories: categories(state).await?,
        bulk,
        agencies,
        units,
        address,
        saved,
    })
}

/// Every agency's name, for the agency pickers.
async fn agency_names(state: &AppState) -> Result<Vec<String>, ApiError> {
    Ok(state
        .store
        .all_agencies()
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect())
}

/// The frame around every workspace page: who is signed in.
pub async fn desk_screen(
    state: &AppState,
    staff: &StaffAccount,
) -> Result<crate::api::workspace::DeskScreen, ApiError> {
    Ok(crate::api::workspace::DeskScreen {
        me: badge(state, staff).await?,
        views: state.store.saved_views(staff.id).await?,
    })
}

/// The dashboard: the role's dashboard queues with their counts (one queue read gives
/// every count of the role), the overdue reports then those due soonest, and for the
/// roles that oversee, the agencies with the most overdue reports.
pub async fn dashboard_screen(
    state: &AppState,
    staff: &StaffAccount,
) -> Result<crate::api::workspace::DashboardScreen, ApiError> {
    use crate::model::workspace::{dashboard_queues, DASHBOARD_URGENT};

    let now = state.clock.now();
    let filter = QueueFilter::default();
    let overdue = state
        .store
        .work_queue(staff, Queue::Overdue, &filter, 0, now)
        .await?;
    let urgent_report = |overdue| move |row| crate::api::workspace::UrgentReport { row, overdue };
    let mut urgent: Vec<_> = overdue.rows.into_iter().map(urgent_report(true)).collect();
    if urgent.len() < DASHBOARD_URGENT {
        let soon = state
            .store
            .work_queue(staff, Queue::DueSoon, &filter, 0, now)
            .await?;
        urgent.extend(soon.rows.into_iter().map(urgent_report(false)));
    }
    urgent.truncate(DASHBOARD_URGENT);
    let tiles = dashboard_queues(staff.role)
        .into_iter()
        .map(|queue| {
            let count = overdue
                .counts
                .iter()
                .find(|(each, _)| *each == queue)
                .map_or(0, |(_, n)| *n);
            (queue, count)
        })
        .collect();
    let lagging = if crate::model::oversight::may_oversee(staff.role) {
        let mut agencies = state.store.oversight(now).await?.agencies;
        agencies.retain(|a| a.overdue > 0);
        agencies.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(a.name.cmp(&b.name)));
        agencies.truncate(DASHBOARD_URGENT);
        Some(agencies)
    } else {
        None
    };
    Ok(crate::api::workspace::DashboardScreen {
        me: badge(state, staff).await?,
        tiles,
        urgent,
        lagging,
    })
}

pub(super) fn parse_number(typed: &str) -> Result<TrackingNumber, ApiError> {
    TrackingNumber::parse(typed).map_err(ApiError::BadTrackingNumber)
}

fn staff_event(row: crate::server::storage::StaffTimelineRow) -> Option<StaffEvent> {
    Some(StaffEvent {
        at: Timestamp(row.at),
        actor_role: Role::from_code(&row.actor_role)?,
        actor_name: row.actor_name,
        kind: EventKind::from_code(&row.kind)?,
        status_after: Status::from_code(&row.status_after)?,
        visibility: Visibility::from_code(&row.visibility)?,
        body: row.body,
        agency_name: row.agency_name,
    })
}

/// A report's workspace page for `staff`; `NotFound` outside their scope.
pub async fn report_screen(
    state: &AppState,
    staff: &StaffAccount,
    typed: &str,
) -> Result<ReportScreen, ApiError> {
    let number = parse_number(typed)?;
    let report = state.store.report_for_staff(&number, staff).await?;
    let status = report.report().status;
    let timeline = state
        .store
        .staff_timeline(&number)
        .await?
        .into_iter()
        .filter_map(staff_event)
        .collect();
    let clock = state.store.report_clock(&number).await?;
    let deadline = deadline(state, &clock).await?;
    let attachments = state.store.attachment_links(&number).await?;
    let actions = staff_actions(status, staff.role);
    let units = match (clock.agency_id, actions.contains(&Action::Dispose)) {
        (Some(agency), true) => state.store.agency_units(agency).await?,
        _ => Vec::new(),
    };
    let picks_agency = actions
        .iter()
        .any(|a| matches!(a, Action::Forward | Action::Transfer));
    let agencies = if picks_agency {
        agency_names(state).await?
    } else {
        Vec::new()
    };
    let audit = match state.store.audit_for_report(staff, &number).await {
        Ok(lines) => Some(
            lines
                .into_iter()
                .map(|l| AuditLine {
                    at: Timestamp(l.at),
                    staff_email: l.staff_email,
                    action: l.action,
                    detail: l.detail,
                    address: l.address,
                })
                .collect(),
        ),
        Err(StorageError::Refused(_)) => None,
        Err(other) => return Err(other.into()),
    };
    Ok(ReportScreen {
        me: badge(state, staff).await?,
        report,
        timeline,
        deadline,
        attachments,
        categories: if actions.contains(&Action::Verify) {
            categories(state).await?
        } else {
            Vec::new()
        },
        actions,
        may_note: may_note(staff.role) && !status.is_final(),
        units,
        agencies,
        audit,
    })
}

async fn deadline(
    state: &AppState,
    clock: &crate::server::storage::ClockRow,
) -> Result<Option<DeadlineView>, ApiError> {
    let (Some(status), Some(classification)) = (
        Status::from_code(&clock.status),
        Classification::from_code(&clock.classification),
    ) else {
        return Ok(None);
    };
    let calendar = state.store.calendar().await?;
    let starts =
        ClockStarts::from_millis(clock.submitted_at, clock.forwarded_at, clock.followed_up_at);
    let today = state.clock.now().date_wib();
    Ok(current_deadline(
        &calendar,
        status,
        classification,
        clock.needs_inspection != 0,
        starts,
    )
    .map(|d| DeadlineView::of(&calendar, d, today)))
}

/// The audit lines of staff member `email`, for a national administrator.
pub async fn staff_audit(
    state: &AppState,
    reader: &StaffAccount,
    email: &str,
) -> Result<crate::api::workspace::StaffAudit, ApiError> {
    let email = email.trim().to_lowercase();
    let lines = state
        .store
        .audit_for_staff(reader, &email)
        .await?
        .into_iter()
        .map(|l| crate::api::workspace::StaffAuditLine {
            at: Timestamp(l.at),
            action: l.action,
            report: l.tracking_number,
            address: l.address,
        })
        .collect();
    // Only national administrators got this far (`audit_for_staff` refuses the others).
    let counts = state.store.outbox_counts().await?;
    let undelivered = state
        .store
        .dead_letters(50)
        .await?
        .into_iter()
        .map(|d| crate::api::workspace::UndeliveredLine {
            id: d.id,
            report: d.tracking_number,
            channel: d.channel,
            attempts: d.attempts,
            error: d.last_error,
        })
        .collect();
    Ok(crate::api::workspace::StaffAudit {
        me: badge(state, reader).await?,
        email,
        lines,
        outbox: crate::api::workspace::OutboxSummary {
            pending: counts.pending,
            sent: counts.sent,
            dead: counts.dead,
            skipped: counts.skipped,
            undelivered,
        },
    })
}

/// The oversight dashboard; national administrators and oversight only (403 for the
/// other roles).
pub async fn oversight_screen(
    state: &AppState,
    staff: &StaffAccount,
) -> Result<crate::api::workspace::OversightScreen, ApiError> {
    if !crate::model::oversight::may_oversee(staff.role) {
        return Err(ApiError::Refused(
            crate::model::TransitionError::RoleNotAllowed,
        ));
    }
    let view = state.store.oversight(state.clock.now()).await?;
    Ok(crate::api::workspace::OversightScreen {
        me: badge(state, staff).await?,
        view,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_filters_are_trimmed_bounded_and_codes_only_their_characters() {
        let filter = tidy_filter(QueueFilter {
            search: Some(format!("  jalan {}", "x".repeat(300))),
            region_code: Some(" 35.17%_' ".into()),
            agency: Some(" Kab-3517'; -- ".into()),
            ..QueueFilter::default()
        });
        assert_eq!(filter.search.as_deref().map(str::len), Some(200));
        assert_eq!(filter.region_code.as_deref(), Some("3517"));
        assert_eq!(filter.agency.as_deref(), Some("kab-3517--"));
        let blank = tidy_filter(QueueFilter {
            search: Some("   ".into()),
            region_code: Some("".into()),
            ..QueueFilter::default()
        });
        assert_eq!(blank, QueueFilter::default());
    }
}
