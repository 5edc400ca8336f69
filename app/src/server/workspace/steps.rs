//! Steps on a report (checked here, then by the store: scope, role, version), bulk
//! steps on a selection of a queue, and the automatic closing of silent follow-ups.

use super::screens::parse_number;
use crate::api::workspace::{BulkDone, BulkRefusal, StepDone, BULK_ANSWER};
use crate::api::ApiError;
use crate::model::validation::{length_problem, Field, FieldError, Problem, BODY_MAX};
use crate::model::workspace::{BulkStep, BULK_MAX};
use crate::model::{Action, Classification, Status, TrackingNumber};
use crate::server::state::AppState;
use crate::server::storage::{ActionArgs, StaffAccount, StaffStep};

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
    /// `duplicate`: the number of the report this one is the same as.
    pub duplicate_of: Option<String>,
}

/// One field's problem as the error a server function answers.
pub(super) fn invalid(field: Field, problem: Problem) -> ApiError {
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
        duplicate_of: blank_to_none(form.duplicate_of),
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

/// A bulk step as posted.
#[derive(Debug, Clone, Default)]
pub struct BulkForm {
    pub step: String,
    /// Each chosen report as `NUMBER:VERSION`.
    pub reports: Vec<String>,
    pub agency: Option<String>,
    pub unit: Option<String>,
    pub text: Option<String>,
}

/// The chosen reports as (number, version seen), each once, or why the selection is
/// not one.
fn read_selection(chosen: &[String]) -> Result<Vec<(TrackingNumber, i64)>, Problem> {
    let mut reports: Vec<(TrackingNumber, i64)> = Vec::new();
    for item in chosen {
        let (number, version) = item.trim().rsplit_once(':').ok_or(Problem::Invalid)?;
        let number = TrackingNumber::parse(number).map_err(|_| Problem::Invalid)?;
        let version = version.parse::<i64>().map_err(|_| Problem::Invalid)?;
        if !reports.iter().any(|(seen, _)| *seen == number) {
            reports.push((number, version));
        }
    }
    match reports.len() {
        0 => Err(Problem::Required),
        n if n > BULK_MAX => Err(Problem::TooMany { max: BULK_MAX }),
        _ => Ok(reports),
    }
}

/// Takes a bulk step for `staff`: the input is checked once for the whole selection
/// (the step, the reports, the agency, unit or reason it needs); then each report goes
/// through the store on its own (`Store::staff_act_on_each`). A plain form comes back
/// to its queue with the answer in the address.
pub async fn take_bulk_step(
    state: &AppState,
    staff: &StaffAccount,
    address: Option<&str>,
    form: BulkForm,
) -> Result<BulkDone, ApiError> {
    let step = BulkStep::from_code(form.step.trim())
        .filter(|step| Status::ALL.iter().any(|&s| step.allowed(s, staff.role)))
        .ok_or(ApiError::Refused(
            crate::model::TransitionError::RoleNotAllowed,
        ))?;
    let mut problems = Vec::new();
    let reports = read_selection(&form.reports).unwrap_or_else(|problem| {
        problems.push(FieldError {
            field: Field::Selection,
            problem,
        });
        Vec::new()
    });
    let agency_id = match (step.needs_agency(), blank_to_none(form.agency)) {
        (false, _) => None,
        (true, None) => {
            problems.push(FieldError {
                field: Field::TargetAgency,
                problem: Problem::Required,
            });
            None
        }
        (true, Some(name)) => {
            let found = state.store.agency_id_by_name_or_code(&name).await?;
            if found.is_none() {
                problems.push(FieldError {
                    field: Field::TargetAgency,
                    problem: Problem::Unknown,
                });
            }
            found
        }
    };
    let unit = blank_to_none(form.unit).filter(|_| step.needs_unit());
    if step.needs_unit() && unit.is_none() {
        problems.push(FieldError {
            field: Field::Unit,
            problem: Problem::Required,
        });
    }
    let body = blank_to_none(form.text).filter(|_| step.needs_reason());
    if step.needs_reason() {
        if let Some(problem) = length_problem(body.as_deref().unwrap_or_default(), 1, BODY_MAX) {
            problems.push(FieldError {
                field: Field::Reason,
                problem,
            });
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let args = ActionArgs {
        body,
        agency_id,
        unit,
        ..ActionArgs::default()
    };
    let answers = state
        .store
        .staff_act_on_each(
            staff,
            &reports,
            step.actions(),
            &args,
            address,
            state.clock.now(),
        )
        .await?;
    let mut done = BulkDone::default();
    for (number, answer) in answers {
        let number = number.as_str().to_string();
        match answer {
            Ok(_) => done.done.push(number),
            Err(error) => done.refused.push(BulkRefusal {
                number,
                error: error.into(),
            }),
        }
    }
    if !done.done.is_empty() {
        state.live.poke();
    }
    crate::server::http::answer_plain_form_in_address(BULK_ANSWER, &done);
    Ok(done)
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
