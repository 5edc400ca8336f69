//! `lapor`: the command line and the HTTP host. Wiring only; the logic lives in `app`.

mod bench;
mod demo;
mod outbox;
mod report;
mod staff;

use std::net::SocketAddr;
use std::process::ExitCode;

use app::model::Date;
use app::server::seed::{seed, SeedScope};
use app::server::state::{AppState, Clock};
use app::server::storage::{DayOffKind, PinKey, Store};
use app::server::uploads::{spawn_pending_purge, LocalDirStore};
use clap::{Parser, Subcommand};
use leptos::prelude::*;

#[derive(Parser)]
#[command(
    name = "lapor",
    version,
    about = "LAPOR! public-service complaint system"
)]
struct Cli {
    /// Database: sqlite://path/to/file.db (default) or postgres://user@host/db.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/lapor.db",
        global = true
    )]
    database_url: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate, seed, and serve the app (the default).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "LAPOR_ADDR", default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
        /// Reference data to load on start: `full` (down to villages) or `essentials`.
        #[arg(long, env = "LAPOR_SEED", default_value = "full")]
        seed: SeedChoice,
    },
    /// Socialization mode: serve a separate demo database (seeded with a scenario around
    /// one regency) with a DEMO banner, join-by-QR, a live projector page, a role
    /// switcher and a time machine at /demo. Refuses a database with real reports.
    Demo {
        /// The demo's own SQLite file (a reset deletes it).
        #[arg(
            long,
            env = "LAPOR_DEMO_DATABASE_URL",
            default_value = "sqlite://data/demo.db"
        )]
        demo_database_url: String,
        /// Address to listen on: every interface, so phones on the laptop's hotspot reach it.
        #[arg(long, env = "LAPOR_DEMO_ADDR", default_value = "0.0.0.0:3000")]
        addr: SocketAddr,
        /// The address phones open (default: this laptop's LAN address and the port).
        #[arg(long, env = "LAPOR_DEMO_PUBLIC_URL")]
        public_url: Option<String>,
        /// Start over on a fresh demo database (the demo's own only).
        #[arg(long)]
        reset: bool,
    },
    /// Apply database migrations.
    Migrate,
    /// Non-working days (libur nasional, cuti bersama) behind every deadline.
    Calendar {
        #[command(subcommand)]
        change: CalendarCommand,
    },
    /// Move a report through its life (`act`) or read its timeline (`show`).
    Report {
        #[command(subcommand)]
        command: report::ReportCommand,
    },
    /// Staff accounts of the agency workspace (`add`, `list`).
    Staff {
        #[command(subcommand)]
        command: staff::StaffCommand,
    },
    /// Messages to reporters: counts, dead letters (`list`), and putting one back (`retry`).
    Outbox {
        #[command(subcommand)]
        command: outbox::OutboxCommand,
    },
    /// The counted statistics: `check` them against a recount of every report, or
    /// `rebuild` them from the reports.
    Statistics {
        #[command(subcommand)]
        command: StatisticsCommand,
    },
    /// Benchmarks on a scratch database (`queue`: the workspace's queue queries).
    Bench {
        #[command(subcommand)]
        command: bench::BenchCommand,
    },
    /// Load the reference data (regions, agencies, categories, holidays). Idempotent.
    Seed {
        /// Only what the app needs to run (no kecamatan/desa).
        #[arg(long)]
        essentials: bool,
        /// Also demo staff accounts for every role (demo password; never in production).
        #[arg(long)]
        demo: bool,
    },
}

#[derive(Subcommand)]
enum StatisticsCommand {
    /// Exit with failure when the counted statistics differ from a recount.
    Check,
    /// Recount the statistics from the reports.
    Rebuild,
}

#[derive(Subcommand)]
enum CalendarCommand {
    /// Add (or rename) a non-working day, e.g. `add 2026-12-24 --kind cuti_bersama --name "Cuti Bersama Natal"`.
    Add {
        date: String,
        /// `libur_nasional` or `cuti_bersama`.
        #[arg(long, default_value = "cuti_bersama")]
        kind: String,
        /// Name in Indonesian.
        #[arg(long)]
        name: String,
        /// Name in English (defaults to the Indonesian name).
        #[arg(long)]
        name_en: Option<String>,
    },
    /// Make a day a working day again.
    Remove { date: String },
    /// List the non-working days of a year.
    List { year: i32 },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SeedChoice {
    Full,
    Essentials,
}

impl From<SeedChoice> for SeedScope {
    fn from(choice: SeedChoice) -> SeedScope {
        match choice {
            SeedChoice::Full => SeedScope::Full,
            SeedChoice::Essentials => SeedScope::Essentials,
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let default = Command::Serve {
        addr: default_addr(),
        seed: SeedChoice::Full,
    };
    let result = match cli.command.unwrap_or(default) {
        Command::Serve { addr, seed } => serve(&cli.database_url, addr, seed.into()).await,
        Command::Demo {
            demo_database_url,
            addr,
            public_url,
            reset,
        } => demo::run(&demo_database_url, addr, public_url, reset).await,
        Command::Migrate => open(&cli.database_url).await.map(|_| ()),
        Command::Calendar { change } => calendar(&cli.database_url, change).await,
        Command::Seed { essentials, demo } => seed_only(&cli.database_url, essentials, demo).await,
        Command::Report { command } => match open(&cli.database_url).await {
            Ok(store) => report::run(&store, command).await,
            Err(message) => Err(message),
        },
        Command::Staff { command } => match open(&cli.database_url).await {
            Ok(store) => staff::run(&store, command).await,
            Err(message) => Err(message),
        },
        Command::Outbox { command } => match open(&cli.database_url).await {
            Ok(store) => outbox::run(&store, command).await,
            Err(message) => Err(message),
        },
        Command::Statistics { command } => match open(&cli.database_url).await {
            Ok(store) => statistics(&store, command).await,
            Err(message) => Err(message),
        },
        Command::Bench { command } => match open(&cli.database_url).await {
            Ok(store) => match seed(&store, SeedScope::Essentials).await {
                Ok(_) => bench::run(&store, command).await,
                Err(e) => Err(format!("seeding failed: {e}")),
            },
            Err(message) => Err(message),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lapor: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn statistics(store: &Store, command: StatisticsCommand) -> Result<(), String> {
    match command {
        StatisticsCommand::Check => match store.statistics_match_reports().await {
            Ok(true) => {
                println!("the statistics match the reports");
                Ok(())
            }
            Ok(false) => {
                Err("the statistics differ from the reports: run `lapor statistics rebuild`".into())
            }
            Err(e) => Err(format!("check failed: {e}")),
        },
        StatisticsCommand::Rebuild => store
            .rebuild_statistics()
            .await
            .map(|()| println!("the statistics were recounted"))
            .map_err(|e| format!("rebuild failed: {e}")),
    }
}

fn default_addr() -> SocketAddr {
    std::env::var("LAPOR_ADDR")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000)))
}

/// The key that seals reporters' PINs (`PinKey`): `LAPOR_SECRET_KEY` (64 hex
/// characters, e.g. shared by several servers), else the file `LAPOR_SECRET_KEY_FILE`
/// (default `data/lapor-secret.key`, made on first use). Kept out of the database, so a
/// copy of the database alone opens no PIN: back it up apart from the database.
fn pin_key() -> Result<PinKey, String> {
    if let Ok(hex) = std::env::var("LAPOR_SECRET_KEY") {
        return PinKey::from_hex(&hex)
            .ok_or_else(|| "LAPOR_SECRET_KEY must be 64 hexadecimal characters".to_string());
    }
    let file = std::env::var_os("LAPOR_SECRET_KEY_FILE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("data/lapor-secret.key"));
    PinKey::load_or_create(&file).map_err(|e| e.to_string())
}

/// Connects (with the PIN key) and migrates.
pub(crate) async fn open(database_url: &str) -> Result<Store, String> {
    let store = Store::connect(database_url, pin_key()?)
        .await
        .map_err(|e| format!("database: {e}"))?;
    store
        .migrate()
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    Ok(store)
}

/// The id of the agency with `code`, when one is named; an unknown code is an error.
async fn agency_named(store: &Store, code: Option<&str>) -> Result<Option<i64>, String> {
    let Some(code) = code else {
        return Ok(None);
    };
    store
        .agency_id_by_code(code)
        .await
        .map_err(|e| format!("database: {e}"))?
        .map(Some)
        .ok_or_else(|| format!("no agency has the code {code:?}"))
}

async fn calendar(database_url: &str, change: CalendarCommand) -> Result<(), String> {
    let store = open(database_url).await?;
    let parse = |text: &str| {
        Date::parse_iso(text).ok_or_else(|| format!("{text:?} is not a date: write YYYY-MM-DD"))
    };
    match change {
        CalendarCommand::Add {
            date,
            kind,
            name,
            name_en,
        } => {
            let date = parse(&date)?;
            let kind = DayOffKind::from_code(&kind).ok_or_else(|| {
                format!("{kind:?} is not a kind: use libur_nasional or cuti_bersama")
            })?;
            let name_en = name_en.unwrap_or_else(|| name.clone());
            store
                .add_day_off(date, kind, &name, &name_en)
                .await
                .map_err(|e| format!("calendar: {e}"))?;
            println!("{date} is now a non-working day ({name})");
        }
        CalendarCommand::Remove { date } => {
            let date = parse(&date)?;
            let removed = store
                .remove_day_off(date)
                .await
                .map_err(|e| format!("calendar: {e}"))?;
            if !removed {
                return Err(format!("{date} was not a non-working day"));
            }
            println!("{date} is a working day again");
        }
        CalendarCommand::List { year } => {
            for day in store
                .days_off(year)
                .await
                .map_err(|e| format!("calendar: {e}"))?
            {
                println!("{}\t{}\t{}", day.date, day.kind.code(), day.name_id);
            }
        }
    }
    Ok(())
}

async fn seed_only(database_url: &str, essentials: bool, demo: bool) -> Result<(), String> {
    let store = open(database_url).await?;
    let scope = if essentials {
        SeedScope::Essentials
    } else {
        SeedScope::Full
    };
    let report = seed(&store, scope)
        .await
        .map_err(|e| format!("seeding failed: {e}"))?;
    tracing::info!(?report, "seeded");
    if demo {
        use app::server::seed::demo::{seed_demo_staff, DEMO_PASSWORD};
        let accounts = seed_demo_staff(&store, Clock::default().now())
            .await
            .map_err(|e| format!("demo accounts: {e}"))?;
        println!("Demo staff accounts (password for all: {DEMO_PASSWORD}, demo only):");
        for (email, role, new) in accounts {
            let note = if new { "" } else { " (already there)" };
            println!("  {role:<15} {email}{note}");
        }
    }
    Ok(())
}

async fn serve(database_url: &str, addr: SocketAddr, scope: SeedScope) -> Result<(), String> {
    // Bind first: a port in use fails at once, before any database work.
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let store = open(database_url).await?;
    let report = seed(&store, scope)
        .await
        .map_err(|e| format!("seeding failed: {e}"))?;
    tracing::info!(?report, "reference data ready");

    let (state, tasks) = start_state(store, addr, |state| state).await?;
    tracing::info!("serving on http://{addr}");
    let live = state.live.clone();
    let result = serve_until(listener, state, shutdown_signal()).await;
    live.close();
    for task in tasks {
        task.abort();
    }
    result
}

/// The app's state on `store` (`adjust` may make it a demo's) with its background tasks
/// started: pending uploads purged, silent follow-ups closed, the outbox delivered, the
/// live feed tailed. The tasks end when aborted.
pub(crate) async fn start_state(
    store: Store,
    addr: SocketAddr,
    adjust: impl FnOnce(AppState) -> AppState,
) -> Result<(AppState, Vec<tokio::task::JoinHandle<()>>), String> {
    let mut leptos_options = get_configuration(None)
        .map(|conf| conf.leptos_options)
        .map_err(|e| format!("site configuration: {e}"))?;
    leptos_options.site_addr = addr;
    // `cargo leptos build` writes hash.txt beside the binary when the site's file names
    // carry content hashes; use them whenever they are there, so that a plain
    // `target/release/lapor serve` needs no extra environment.
    if !leptos_options.hash_files && hash_file_beside_binary(&leptos_options.hash_file) {
        leptos_options.hash_files = true;
    }
    // Attachments: bytes under LAPOR_UPLOAD_DIR (default data/uploads); pending uploads
    // older than a day are purged hourly.
    let blobs = LocalDirStore::from_env();
    tracing::info!(dir = %blobs.dir().display(), "attachments folder");
    let state = AppState::new(store, leptos_options, Clock::default())
        .with_blobs(std::sync::Arc::new(blobs));
    let state = adjust(state);
    let mut tasks = vec![
        spawn_pending_purge(state.clone()),
        app::server::workspace::spawn_auto_close(state.clone()),
        app::server::channels::outbox::spawn_housekeeping(state.clone()),
    ];
    tasks.extend(app::server::channels::outbox::spawn_delivery(state.clone()));
    state
        .live
        .start(state.store.clone())
        .await
        .map_err(|e| format!("live feed: {e}"))?;
    Ok((state, tasks))
}

/// Serves `state` on `listener` until `stop` resolves, then lets the requests under way
/// finish (open live streams end at once).
pub(crate) async fn serve_until(
    listener: tokio::net::TcpListener,
    state: AppState,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    let site_root = state.leptos_options.site_root.to_string();
    let live = state.live.clone();
    // Connection info: the upload rate limit is per client IP.
    let app = app::server::router::router(state, &site_root)
        .into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            stop.await;
            // Open live streams end here, or they would hold the shutdown up forever.
            live.close();
        })
        .await
        .map_err(|e| format!("server stopped: {e}"))
}

fn hash_file_beside_binary(name: &str) -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(name)))
        .is_some_and(|path| path.is_file())
}

pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
