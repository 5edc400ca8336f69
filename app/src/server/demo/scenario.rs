//! The demo's reports: the scenario of `model::demo` written into the demo database
//! through the same paths as real ones (validation, submission, the state machine), each
//! step at the time the plan gives it.

use crate::model::demo::{scenario, working_days_before, PlannedReport, SCENARIO_REPORTS};
use crate::model::validation::{validate, ReportForm};
use crate::model::{Timestamp, TrackingNumber};
use crate::server::seed::demo::DEMO_KEYWORD;
use crate::server::storage::{ActionArgs, Actor, StorageError, Store};

/// Names the scenario's reporters go by (those who gave one).
const NAMES: [&str; 10] = [
    "Siti Aminah",
    "Ahmad Fauzi",
    "Dewi Lestari",
    "Muhammad Rizki",
    "Nur Hidayah",
    "Bambang Sutrisno",
    "Rina Wulandari",
    "Agus Salim",
    "Fitri Handayani",
    "Eko Prasetyo",
];

const HOUR_MS: i64 = 3_600_000;

/// Writes the scenario's reports as of `now`; returns each one's number with its plan.
pub async fn seed_scenario(
    store: &Store,
    now: Timestamp,
) -> Result<Vec<(TrackingNumber, PlannedReport)>, StorageError> {
    let regency = store
        .agency_by_sms_keyword(DEMO_KEYWORD)
        .await?
        .ok_or_else(|| StorageError::Config("the demo regency is not seeded".into()))?;
    let calendar = store.calendar().await?;
    let today = now.date_wib();
    let mut stored = Vec::new();
    for (index, planned) in scenario().into_iter().enumerate() {
        let sent_on = working_days_before(&calendar, today, planned.working_days_ago);
        // Spread over the working morning; on the demo's today, between midnight and now
        // (never later, and never on the day before: the deadlines count from that day).
        let morning =
            Timestamp::start_of_day_wib(sent_on).0 + 8 * HOUR_MS + (index as i64 % 8) * HOUR_MS / 2;
        let sent_at = if morning < now.0 {
            Timestamp(morning)
        } else {
            let midnight = Timestamp::start_of_day_wib(sent_on).0;
            let span = (now.0 - midnight).max(0);
            Timestamp(midnight + span * (index as i64 + 1) / (SCENARIO_REPORTS as i64 + 2))
        };
        let category = store.category_id_by_slug(planned.story.category).await?;
        let form = form(index, &planned, category, regency.id);
        let Ok(report) = validate(&form, sent_on) else {
            return Err(StorageError::Config(format!(
                "demo report {index} does not validate"
            )));
        };
        let number = store.submit_report(&report, sent_at).await?.tracking_number;
        take_steps(
            store, &number, &planned, sent_at, now, regency.id, &calendar,
        )
        .await?;
        stored.push((number, planned));
    }
    Ok(stored)
}

fn form(index: usize, planned: &PlannedReport, category: Option<i64>, agency: i64) -> ReportForm {
    let story = planned.story;
    let on = |yes: bool| yes.then(|| "on".to_string());
    let (name, phone) = if planned.anonymous {
        (String::new(), format!("0812{:08}", 17_080_000 + index))
    } else {
        (
            NAMES[index % NAMES.len()].to_string(),
            format!("0813{:08}", 35_170_000 + index),
        )
    };
    ReportForm {
        classification: story.classification.code().to_string(),
        title: story.title.to_string(),
        body: story.body.to_string(),
        region_code: "3517".into(),
        district_code: planned.district.into(),
        category_id: category.map(|id| id.to_string()).unwrap_or_default(),
        target_agency_id: agency.to_string(),
        anonymous: on(planned.anonymous),
        confidential: on(planned.confidential),
        name,
        phone,
        idempotency_key: format!("demo-scenario-{index}"),
        ..ReportForm::default()
    }
}

/// The planned steps, each some working days after the one before, at 09:00, 10:00, …
/// of its day; a step that would fall after `now` is not taken.
async fn take_steps(
    store: &Store,
    number: &TrackingNumber,
    planned: &PlannedReport,
    sent_at: Timestamp,
    now: Timestamp,
    agency: i64,
    calendar: &crate::model::WorkingCalendar,
) -> Result<(), StorageError> {
    let mut day = sent_at.date_wib();
    let mut version = 1;
    let mut last = sent_at;
    for (n, step) in planned.steps().into_iter().enumerate() {
        day = calendar.add_working_days(day, step.after_working_days);
        let at = Timestamp(
            (Timestamp::start_of_day_wib(day).0 + (9 + n as i64) * HOUR_MS).max(last.0 + 60_000),
        );
        if at > now {
            break;
        }
        let args = ActionArgs {
            body: step.text.map(str::to_string),
            agency_id: Some(agency),
            unit: Some(planned.story.unit.to_string()),
            ..ActionArgs::default()
        };
        let actor = Actor {
            role: step.role,
            staff_id: None,
        };
        let outcome = store
            .apply_action(number, actor, step.action, version, args, at)
            .await?;
        version = outcome.version;
        last = at;
    }
    Ok(())
}
