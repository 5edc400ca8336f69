//! The staff side of HTTP: the session cookie, sign-in at `/masuk` and sign-out at
//! `/keluar` (plain form posts, so they work before any script), and who is asking.

use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::{provide_context, use_context};

use crate::api::workspace::SignInNotice;
use crate::api::workspace::{
    AuditLine, QueueScreen, ReportScreen, StaffBadge, StaffEvent, StepDone,
};
use crate::api::ApiError;
use crate::components::choice::Choice;
use crate::i18n::Key;
use crate::model::calendar::{current_deadline, ClockStarts};
use crate::model::privacy::{AttachmentLink, DeadlineView};
use crate::model::validation::{Field, FieldError, Problem};
use crate::model::workspace::{
    may_note, queues_for, staff_actions, Queue, QueueFilter, SESSION_ABSOLUTE_MS,
};
use crate::model::{
    Action, Classification, EventKind, Role, Status, Timestamp, TrackingNumber, Visibility,
};
use crate::paths;
use crate::server::http::{
    client_address, cookie_header, cookie_value, wants_secure_cookies, workspace_return_path,
};
use crate::server::render::render_page;
use crate::server::state::{app_state, AppState};
use crate::server::storage::{ActionArgs, StaffAccount, StaffSignIn, StaffStep, StorageError};

/// The staff session cookie: a random token; the database keeps only its hash.
pub const STAFF_COOKIE: &str = "lapor_petugas";

/// The staff member whose live session the request carries.
pub async fn staff_from_headers(state: &AppState, headers: &HeaderMap) -> Option<StaffAccount> {
    let token = cookie_value(headers, STAFF_COOKIE)?;
    match state
        .store
        .staff_for_session(&token, state.clock.now())
        .await
    {
        Ok(staff) => staff,
        Err(error) => {
            tracing::warn!(%error, "staff session check failed");
            None
        }
    }
}

/// For server functions and pages: the app state, the signed-in staff member and
/// their address; `SignInRequired` without a live session.
pub async fn signed_in_staff() -> Result<(AppState, StaffAccount, Option<String>), ApiError> {
    let state = app_state()?;
    let parts = use_context::<Parts>().ok_or(ApiError::Unavailable)?;
    let staff = staff_from_headers(&state, &parts.headers)
        .await
        .ok_or(ApiError::SignInRequired)?;
    Ok((state, staff, client_address(&parts)))
}

fn session_cookie(value: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    // Strict: the workspace is never entered from a link on another site with the
    // session; HttpOnly (as every cookie of ours): no script reads it.
    cookie_header(STAFF_COOKIE, value, "/", max_age_s, secure, "Strict")
}

#[derive(Debug, Default, serde::Deserialize)]
struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    kata_sandi: String,
    /// The workspace page to come back to (`?ke=` of the sign-in page).
    #[serde(default)]
    ke: Option<String>,
}

const SIGN_IN_FORM_LIMIT: usize = 4 * 1024;

/// `POST /masuk`: a new session (a new id, whatever the browser had) and on to the
/// workspace; otherwise the page again with one message that never says which of
/// email and password was wrong.
pub async fn sign_in(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let (parts, body) = request.into_parts();
    let form: SignInForm = match axum::body::to_bytes(body, SIGN_IN_FORM_LIMIT).await {
        Ok(bytes) => serde_urlencoded::from_bytes(&bytes).unwrap_or_default(),
        Err(_) => SignInForm::default(),
    };
    let address = client_address(&parts);
    let now = state.clock.now();
    let outcome = if form.email.trim().is_empty() || form.kata_sandi.is_empty() {
        Ok(StaffSignIn::Refused)
    } else {
        state
            .store
            .sign_in_staff(&form.email, &form.kata_sandi, address.as_deref(), now)
            .await
    };
    let (message, status) = match outcome {
        Ok(StaffSignIn::Opened { session_token, .. }) => {
            if let Some(old) = cookie_value(&parts.headers, STAFF_COOKIE) {
                if let Err(error) = state
                    .store
                    .sign_out_staff(&old, address.as_deref(), now)
                    .await
                {
                    tracing::warn!(%error, "ending the previous staff session failed");
                }
            }
            let back = workspace_return_path(form.ke.as_deref());
            let mut response = Redirect::to(&back).into_response();
            let cookie = session_cookie(
                &session_token,
                SESSION_ABSOLUTE_MS / 1000,
                wants_secure_cookies(&parts.headers),
            );
            response.headers_mut().insert(header::SET_COOKIE, cookie);
            return response;
        }
        Ok(StaffSignIn::Refused) => (Key::WsSignInRefused, StatusCode::UNAUTHORIZED),
        Ok(StaffSignIn::Throttled) => (Key::WsSignInThrottled, StatusCode::TOO_MANY_REQUESTS),
        Err(error) => {
            tracing::error!(%error, "staff sign-in failed");
            (Key::ErrUnavailable, StatusCode::SERVICE_UNAVAILABLE)
        }
    };
    let notice = SignInNotice {
        message,
        email: form.email.trim().chars().take(254).collect(),
        back: form.ke.map(|ke| workspace_return_path(Some(&ke))),
    };
    render_page(state, &parts, paths::STAFF_SIGN_IN, status, move || {
        provide_context(notice.clone())
    })
    .await
}

/// `POST /keluar`: ends the session here and in the database.
pub async fn sign_out(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let (parts, _) = request.into_parts();
    if let Some(token) = cookie_value(&parts.headers, STAFF_COOKIE) {
        let address = client_address(&parts);
        if let Err(error) = state
            .store
            .sign_out_staff(&token, address.as_deref(), state.clock.now())
            .await
        {
            tracing::error!(%error, "staff sign-out failed");
        }
    }
    let mut response = Redirect::to(&format!("{}?keluar=1", paths::STAFF_SIGN_IN)).into_response();
    let cookie = session_cookie("", 0, wants_secure_cookies(&parts.headers));
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    response
}

async fn badge(state: &AppState, staff: &StaffAccount) -> Result<StaffBadge, ApiError> {
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
    // A region code is digits and dots (`35.17`): other characters are dropped.
    filter.region_code = tidy(filter.region_code, 20).map(|code| {
        code.chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
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
    Ok(QueueScreen {
        me: badge(state, staff).await?,
        queue,
        page,
        filter,
        result,
        categories: categories(state).await?,
    })
}

fn parse_number(typed: &str) -> Result<TrackingNumber, ApiError> {
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
    let attachments = state
        .store
        .report_attachments(&number)
        .await?
        .into_iter()
        .map(|a| AttachmentLink {
            id: a.id,
            pdf: a.kind == crate::server::uploads::Kind::Pdf,
            bytes: a.bytes,
        })
        .collect();
    let actions = staff_actions(status, staff.role);
    let units = match (clock.agency_id, actions.contains(&Action::Dispose)) {
        (Some(agency), true) => state.store.agency_units(agency).await?,
        _ => Vec::new(),
    };
    let picks_agency = actions
        .iter()
        .any(|a| matches!(a, Action::Forward | Action::Transfer));
    let agencies = if picks_agency {
        state
            .store
            .all_agencies()
            .await?
            .into_iter()
            .map(|(_, name)| name)
            .collect()
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
    Ok(crate::api::workspace::StaffAudit {
        me: badge(state, reader).await?,
        email,
        lines,
    })
}

/// A step as posted.
#[derive(Debug, Clone, Default)]
pub struct StepForm {
    pub number: String,
    pub step: String,
    pub version: i64,
    pub text: Option<String>,
    pub agency: Option<String>,
    pub unit: Option<String>,
    pub title: Option<String>,
    pub classification: Option<String>,
    pub category: Option<String>,
}

fn invalid(field: Field, problem: Problem) -> ApiError {
    ApiError::Invalid(vec![FieldError { field, problem }])
}

fn blank_to_none(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Takes the posted step for `staff`: checks the input, then the store checks the
/// scope, the role (through the state machine) and the version, and audits it.
pub async fn take_step(
    state: &AppState,
    staff: &StaffAccount,
    address: Option<&str>,
    form: StepForm,
) -> Result<StepDone, ApiError> {
    let number = parse_number(&form.number)?;
    let now = state.clock.now();
    if form.step == "note" {
        let text = form.text.unwrap_or_default();
        let status = state
            .store
            .add_staff_note(staff, &number, &text, address, now)
            .await?;
        state.live.poke();
        // A note changes neither the status nor the version.
        return Ok(StepDone {
            status,
            version: form.version,
        });
    }
    let action = Action::from_code(&form.step)
        .filter(|a| {
            !matches!(
                a,
                Action::CompleteByReporter
                    | Action::ReporterReply
                    | Action::Reopen
                    | Action::AutoClose
            )
        })
        .ok_or(ApiError::Refused(
            crate::model::TransitionError::RoleNotAllowed,
        ))?;
    let agency_id = match blank_to_none(form.agency) {
        Some(name) => Some(
            state
                .store
                .agency_id_by_name_or_code(&name)
                .await?
                .ok_or_else(|| invalid(Field::TargetAgency, Problem::Unknown))?,
        ),
        None => None,
    };
    let classification = match blank_to_none(form.classification) {
        Some(code) => Some(
            Classification::from_code(&code)
                .ok_or_else(|| invalid(Field::Classification, Problem::Invalid))?,
        ),
        None => None,
    };
    let category_id = match blank_to_none(form.category) {
        Some(text) => Some(
            text.parse::<i64>()
                .map_err(|_| invalid(Field::Category, Problem::Unknown))?,
        ),
        None => None,
    };
    let args = ActionArgs {
        body: blank_to_none(form.text),
        agency_id,
        unit: blank_to_none(form.unit),
        title: blank_to_none(form.title),
        classification,
        category_id,
    };
    let outcome = state
        .store
        .staff_act(
            staff,
            &number,
            StaffStep {
                action,
                expected_version: form.version,
                args,
            },
            address,
            now,
        )
        .await?;
    state.live.poke();
    Ok(StepDone {
        status: outcome.status,
        version: outcome.version,
    })
}

/// How often the server looks for silent follow-ups to close.
const AUTO_CLOSE_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// Closes published follow-ups whose reporter stayed silent for 10 working days, now
/// and every minute. Nothing is kept in memory: after a restart the next round finds
/// what is due in the database, and a versioned step never closes a report twice.
pub fn spawn_auto_close(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(AUTO_CLOSE_EVERY);
        loop {
            every.tick().await;
            match state.store.auto_close_due(state.clock.now()).await {
                Ok(0) => {}
                Ok(closed) => {
                    tracing::info!(closed, "silent follow-ups closed");
                    state.live.poke();
                }
                Err(error) => tracing::warn!(%error, "automatic closing failed"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_filters_are_trimmed_bounded_and_region_codes_only_digits_and_dots() {
        let filter = tidy_filter(QueueFilter {
            search: Some(format!("  jalan {}", "x".repeat(300))),
            region_code: Some(" 35.17%_' ".into()),
            ..QueueFilter::default()
        });
        assert_eq!(filter.search.as_deref().map(str::len), Some(200));
        assert_eq!(filter.region_code.as_deref(), Some("35.17"));
        let blank = tidy_filter(QueueFilter {
            search: Some("   ".into()),
            region_code: Some("".into()),
            ..QueueFilter::default()
        });
        assert_eq!(blank, QueueFilter::default());
    }
}
