//! Fresh real databases for integration tests: a SQLite file in a temporary folder
//! always, and a PostgreSQL database of its own when `LAPOR_TEST_POSTGRES_URL` names a
//! server to create it on (e.g. `postgres://postgres@127.0.0.1:5432/postgres`).
//!
//! A scenario is written once, `async fn scenario(store: Store)`, and run on each.

#![allow(dead_code)] // Each test file uses its own share of these helpers.

pub mod http;
pub mod images;
pub mod messages;
pub mod pdf;

use std::future::Future;
use std::path::PathBuf;

use app::model::{Date, Timestamp};
use app::server::seed::{seed, SeedScope};
use app::server::storage::{PinKey, Store};
use sqlx::{Connection, Executor, PgConnection};

pub const POSTGRES_ENV: &str = "LAPOR_TEST_POSTGRES_URL";

/// Where a test database lives, to remove it afterwards.
enum Scratch {
    SqliteFolder(PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

fn unique_name() -> String {
    format!(
        "lapor_test_{}_{:08x}",
        std::process::id(),
        rand::random::<u32>()
    )
}

async fn fresh_sqlite() -> (String, Scratch) {
    let folder = std::env::temp_dir().join(unique_name());
    let url = format!("sqlite://{}/lapor.db", folder.display());
    (url, Scratch::SqliteFolder(folder))
}

/// `postgres://u@h:5432/admin?x` with the database swapped for `name`.
fn with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = admin_url
        .split_once('?')
        .map_or((admin_url, None), |(b, q)| (b, Some(q)));
    let server = match base.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.split('/').next().unwrap_or(rest)),
        None => base.to_string(),
    };
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

async fn fresh_postgres(admin_url: &str) -> (String, Scratch) {
    let name = unique_name();
    let mut admin = PgConnection::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_ENV} is set but PostgreSQL is unreachable: {e}"));
    admin
        .execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    admin.close().await.ok();
    let url = with_database(admin_url, &name);
    (
        url,
        Scratch::PostgresDatabase {
            admin_url: admin_url.to_string(),
            name,
        },
    )
}

impl Scratch {
    async fn remove(self) {
        match self {
            Scratch::SqliteFolder(folder) => {
                let _ = tokio::fs::remove_dir_all(folder).await;
            }
            Scratch::PostgresDatabase { admin_url, name } => {
                if let Ok(mut admin) = PgConnection::connect(&admin_url).await {
                    let _ = admin
                        .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                        .await;
                    admin.close().await.ok();
                }
            }
        }
    }
}

/// The databases to run on: SQLite always, PostgreSQL when configured.
async fn scratch_databases() -> Vec<(&'static str, String, Scratch)> {
    let (url, scratch) = fresh_sqlite().await;
    let mut all = vec![("sqlite", url, scratch)];
    match std::env::var(POSTGRES_ENV) {
        Ok(admin_url) if !admin_url.trim().is_empty() => {
            let (url, scratch) = fresh_postgres(admin_url.trim()).await;
            all.push(("postgres", url, scratch));
        }
        _ => eprintln!("{POSTGRES_ENV} not set: PostgreSQL skipped"),
    }
    all
}

/// Runs `scenario` on a migrated store with no data, on every backend.
pub async fn on_every_empty_backend<F, Fut>(scenario: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    run_everywhere(None, scenario).await;
}

/// Runs `scenario` on a migrated store seeded with the essentials, on every backend.
pub async fn on_every_backend<F, Fut>(scenario: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    run_everywhere(Some(SeedScope::Essentials), scenario).await;
}

async fn run_everywhere<F, Fut>(scope: Option<SeedScope>, scenario: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    for (backend, url, scratch) in scratch_databases().await {
        eprintln!("-- on {backend}");
        let store = Store::connect(&url, PinKey::random())
            .await
            .expect("connect to the test database");
        store.migrate().await.expect("migrate");
        if let Some(scope) = scope {
            seed(&store, scope).await.expect("seed");
        }
        // A spawned task turns a failed assertion into an error here, so the database
        // is removed before the failure is reported.
        let outcome = tokio::spawn(scenario(store.clone())).await;
        store.close().await;
        scratch.remove().await;
        if let Err(error) = outcome {
            match error.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(error) => panic!("scenario on {backend} did not finish: {error}"),
            }
        }
    }
}

/// Two seeded agencies for staff tests: (the Ministry of Health, Kabupaten Jombang).
pub async fn test_agencies(store: &Store) -> (i64, i64) {
    let health = store
        .agency_id_by_code("kementerian-kesehatan")
        .await
        .expect("lookup")
        .expect("seeded");
    let jombang = store
        .agency_by_sms_keyword("JOMBANGKAB")
        .await
        .expect("lookup")
        .expect("seeded")
        .id;
    (health, jombang)
}

/// `date` at `hour` o'clock in Jakarta (WIB, UTC+7).
pub fn wib(date: &str, hour: i64) -> Timestamp {
    let day = Date::parse_iso(date).expect("test date");
    Timestamp((day.unix_days() * 24 + hour - 7) * 3_600_000)
}

pub fn date(text: &str) -> Date {
    Date::parse_iso(text).expect("test date")
}
