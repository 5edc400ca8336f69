//! `lapor report act|show`: operators (and end-to-end tests) move a report through
//! the state machine and read its timeline before the staff workspace exists.
//!
//! The state machine decides; this file only parses, calls `Store::apply_action` and
//! words the answer as one line. A running server shows the step on open tracking
//! pages within a second: its live feed reads the shared database.

use app::model::validation::{Field, FieldError, Problem};
use app::model::{Action, Role, Status, TrackingNumber, TransitionError};
use app::server::state::Clock;
use app::server::storage::{ActionArgs, Actor, StorageError, Store};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Take one step, e.g. `act K7Q-M3X-PAR --role national_admin --action verify`.
    Act {
        number: String,
        /// national_admin, agency_admin, liaison, unit_operator or system.
        #[arg(long)]
        role: String,
        /// verify, return, archive, duplicate, forward, transfer, dispose, draft,
        /// send_back, publish, close or auto_close.
        #[arg(long)]
        action: String,
        /// The reason or text the step carries (required for return, archive,
        /// transfer and send_back).
        #[arg(long)]
        text: Option<String>,
        /// The receiving agency's code (forward, transfer).
        #[arg(long)]
        agency: Option<String>,
        /// The tracking number of the report this one is the same as (duplicate).
        #[arg(long)]
        of: Option<String>,
    },
    /// Status, version and the whole timeline of a report (no identity).
    Show { number: String },
}

pub async fn run(store: &Store, command: ReportCommand) -> Result<(), String> {
    match command {
        ReportCommand::Act {
            number,
            role,
            action,
            text,
            agency,
            of,
        } => act(store, &number, &role, &action, text, agency.as_deref(), of).await,
        ReportCommand::Show { number } => show(store, &number).await,
    }
}

fn parse_number(typed: &str) -> Result<TrackingNumber, String> {
    TrackingNumber::parse(typed).map_err(|e| format!("{typed:?} is not a tracking number: {e}"))
}

/// Roles that act from the staff side; the reporter acts through the tracking page.
fn parse_role(code: &str) -> Result<Role, String> {
    Role::from_code(code)
        .filter(|role| !matches!(role, Role::Reporter | Role::Oversight))
        .ok_or_else(|| {
            format!(
                "{code:?} is not a role: use national_admin, agency_admin, liaison, unit_operator or system"
            )
        })
}

fn parse_action(code: &str) -> Result<Action, String> {
    Action::from_code(code)
        .filter(|action| {
            !matches!(
                action,
                Action::CompleteByReporter | Action::ReporterReply | Action::Reopen
            )
        })
        .ok_or_else(|| {
            format!(
                "{code:?} is not an action: use verify, return, archive, duplicate, forward, transfer, \
                 dispose, draft, send_back, publish, close or auto_close"
            )
        })
}

async fn act(
    store: &Store,
    typed: &str,
    role: &str,
    action: &str,
    text: Option<String>,
    agency: Option<&str>,
    duplicate_of: Option<String>,
) -> Result<(), String> {
    let number = parse_number(typed)?;
    let role = parse_role(role)?;
    let action = parse_action(action)?;
    let agency_id = crate::agency_named(store, agency).await?;
    let shown = number.display();
    let before = store
        .report_record(&number)
        .await
        .map_err(|e| format!("database: {e}"))?
        .ok_or_else(|| format!("no report has the number {shown}"))?;
    let outcome = store
        .apply_action(
            &number,
            Actor {
                role,
                staff_id: None,
            },
            action,
            before.version,
            ActionArgs {
                body: text,
                agency_id,
                duplicate_of,
                ..ActionArgs::default()
            },
            Clock::default().now(),
        )
        .await
        .map_err(|e| refusal(&shown, before.status, role, action, e))?;
    println!(
        "{shown}: {} -> {}",
        before.status.code(),
        outcome.status.code()
    );
    Ok(())
}

/// One line saying why the step was not taken.
fn refusal(shown: &str, status: Status, role: Role, action: Action, error: StorageError) -> String {
    let why = match error {
        StorageError::Refused(TransitionError::RoleNotAllowed) => {
            format!("{} may not {}", role.code(), action.code())
        }
        StorageError::Refused(TransitionError::NotFromThisStatus) => {
            format!(
                "cannot {} a report that is {}",
                action.code(),
                status.code()
            )
        }
        StorageError::Refused(TransitionError::AlreadyReopened) => {
            "the report was already reopened once".to_string()
        }
        StorageError::Invalid(problems) => problems
            .iter()
            .map(|problem| field_problem(action, problem))
            .collect::<Vec<_>>()
            .join("; "),
        StorageError::NotFound => "no report has this number".to_string(),
        StorageError::Conflict => {
            "the report changed in the meantime, run the command again".to_string()
        }
        other => format!("database: {other}"),
    };
    format!("{shown}: refused: {why}")
}

fn field_problem(action: Action, error: &FieldError) -> String {
    match (error.field, error.problem) {
        (Field::Body | Field::Reason, Problem::Required) => {
            format!("{} needs a reason: add --text \"…\"", action.code())
        }
        (Field::TargetAgency, Problem::Required) => {
            format!(
                "{} needs the receiving agency: add --agency CODE",
                action.code()
            )
        }
        (Field::TargetAgency, Problem::Invalid) => {
            "the report is already with that agency".to_string()
        }
        (Field::TargetAgency, _) => "unknown agency".to_string(),
        (field, problem) => format!("{field:?}: {problem:?}"),
    }
}

async fn show(store: &Store, typed: &str) -> Result<(), String> {
    let number = parse_number(typed)?;
    let record = store
        .report_record(&number)
        .await
        .map_err(|e| format!("database: {e}"))?
        .ok_or_else(|| format!("no report has the number {}", number.display()))?;
    println!("number:  {}", number.display());
    println!("status:  {}", record.status.code());
    println!("version: {}", record.version);
    println!("agency:  {}", record.agency_name.as_deref().unwrap_or("-"));
    println!("timeline:");
    for entry in record.timeline {
        let (hour, minute) = entry.at.time_wib();
        let mut line = format!(
            "  {} {hour:02}:{minute:02} WIB\t{}\t{}\t-> {}\t[{}]",
            entry.at.date_wib(),
            entry.actor_role.code(),
            entry.kind.code(),
            entry.status_after.code(),
            entry.visibility.code(),
        );
        if let Some(agency) = entry.agency_name {
            line.push_str(&format!("\t@ {agency}"));
        }
        if let Some(body) = entry.body {
            line.push_str(&format!("\t{body:?}"));
        }
        println!("{line}");
    }
    Ok(())
}
