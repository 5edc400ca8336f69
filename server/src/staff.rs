//! `lapor staff add|list`: staff accounts of the agency workspace, made by an operator.
//! The rules are in `app::model::staff`; this file parses, asks the store and words the
//! answer in one line.

use std::io::BufRead;

use app::model::staff::{check_new_staff, check_password};
use app::server::state::Clock;
use app::server::storage::Store;
use clap::Subcommand;
use rand::Rng;

#[derive(Subcommand)]
pub enum StaffCommand {
    /// Make an account, e.g. `add --email dinas@jombangkab.go.id --role agency_admin
    /// --agency pemerintah-kabupaten-jombang`. Prints a new random password once,
    /// unless `--password-stdin` reads the password from the first line of input.
    Add {
        #[arg(long)]
        email: String,
        /// national_admin, agency_admin, liaison, unit_operator or oversight.
        #[arg(long)]
        role: String,
        /// The agency's code (required for agency_admin, liaison and unit_operator).
        #[arg(long)]
        agency: Option<String>,
        /// The unit inside the agency (required for unit_operator).
        #[arg(long)]
        unit: Option<String>,
        /// The name shown to colleagues (default: the part of the email before @).
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Every account: email, role, agency id, unit, active.
    List,
}

/// Characters of generated passwords (no look-alikes: 0/O, 1/l/I).
const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

fn generated_password() -> String {
    let mut rng = rand::rng();
    (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

pub async fn run(store: &Store, command: StaffCommand) -> Result<(), String> {
    match command {
        StaffCommand::Add {
            email,
            role,
            agency,
            unit,
            name,
            password_stdin,
        } => {
            let agency_id = crate::agency_named(store, agency.as_deref()).await?;
            let new = check_new_staff(&email, &name, &role, agency_id, unit.as_deref())
                .map_err(|e| e.to_string())?;
            let (password, show) = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .map_err(|e| format!("reading the password: {e}"))?;
                (line.trim_end_matches(['\r', '\n']).to_string(), false)
            } else {
                (generated_password(), true)
            };
            check_password(&password).map_err(|e| e.to_string())?;
            let added = store
                .add_staff(&new, &password, Clock::default().now())
                .await
                .map_err(|e| format!("database: {e}"))?
                .ok_or_else(|| format!("{} already has an account", new.email))?;
            if show {
                println!(
                    "added {} ({}), password: {password}",
                    added.email,
                    added.role.code()
                );
            } else {
                println!("added {} ({})", added.email, added.role.code());
            }
            Ok(())
        }
        StaffCommand::List => {
            let accounts = store
                .staff_accounts()
                .await
                .map_err(|e| format!("database: {e}"))?;
            for account in accounts {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    account.email,
                    account.role.code(),
                    account
                        .agency_id
                        .map(|id| id.to_string())
                        .unwrap_or_else(|| "-".into()),
                    account.unit.as_deref().unwrap_or("-"),
                    if account.active { "active" } else { "inactive" }
                );
            }
            Ok(())
        }
    }
}
