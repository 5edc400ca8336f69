//! `lapor`: the command line and the HTTP host. Wiring only; the logic lives in `app`.

use std::net::SocketAddr;
use std::process::ExitCode;

use app::model::Date;
use app::server::handlers::{reject_cross_site_posts, switch_language};
use app::server::seed::{seed, SeedScope};
use app::server::state::{AppState, Clock};
use app::server::storage::{DayOffKind, Store};
use app::{shell, App};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use clap::{Parser, Subcommand};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

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
    /// Apply database migrations.
    Migrate,
    /// Non-working days (libur nasional, cuti bersama) behind every deadline.
    Calendar {
        #[command(subcommand)]
        change: CalendarCommand,
    },
    /// Load the reference data (regions, agencies, categories, holidays). Idempotent.
    Seed {
        /// Only what the app needs to run (no kecamatan/desa).
        #[arg(long)]
        essentials: bool,
    },
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
        Command::Migrate => open(&cli.database_url).await.map(|_| ()),
        Command::Calendar { change } => calendar(&cli.database_url, change).await,
        Command::Seed { essentials } => seed_only(&cli.database_url, essentials).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lapor: {message}");
            ExitCode::FAILURE
        }
    }
}

fn default_addr() -> SocketAddr {
    std::env::var("LAPOR_ADDR")
        .ok()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000)))
}

/// Connects and migrates.
async fn open(database_url: &str) -> Result<Store, String> {
    let store = Store::connect(database_url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    store
        .migrate()
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    Ok(store)
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

async fn seed_only(database_url: &str, essentials: bool) -> Result<(), String> {
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

    let mut leptos_options = get_configuration(None)
        .map(|conf| conf.leptos_options)
        .map_err(|e| format!("site configuration: {e}"))?;
    leptos_options.site_addr = addr;
    let site_root = leptos_options.site_root.to_string();
    let state = AppState::new(store, leptos_options.clone(), Clock::default());

    tracing::info!("serving on http://{addr}");
    axum::serve(listener, router(state, &site_root))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server stopped: {e}"))
}

fn router(state: AppState, site_root: &str) -> Router {
    // `/lacak` is answered by `lookup`, which redirects a well-formed number.
    let mut routes = generate_route_list(App);
    routes.retain(|route| route.path() != "/lacak");
    let context_state = state.clone();
    let static_files = ServeDir::new(format!("{site_root}/pkg"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .route("/lapor", post(app::server::citizen::post_report_form))
        .route("/lacak", get(app::server::tracking::lookup))
        .route("/wilayah/{code}", get(app::server::citizen::regions_json))
        .route("/bahasa/{code}", get(switch_language))
        .route(
            "/api/{*name}",
            get(server_fn_handler).post(server_fn_handler),
        )
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=3600"),
                ))
                .service(static_files),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(reject_cross_site_posts))
        .with_state(state)
}

async fn server_fn_handler(
    State(state): State<AppState>,
    request: Request<Body>,
) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), request)
        .await
}

async fn shutdown_signal() {
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
