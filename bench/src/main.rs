//! The bare baseline of `make bench`: an axum + sqlx server that does the same database
//! work as Lapor's measured paths and nothing else (no framework, no validation, no
//! templates), so that Lapor's figures can be printed as a ratio to what the stack allows
//! on the same machine, minutes apart.
//!
//! - `POST /lapor`: reads the urlencoded form, inserts a report row and its first event in
//!   one transaction (behind one writer on SQLite, as Lapor does), answers 303.
//! - `GET /lacak/{number}`: reads the report row and its events, renders a page of about
//!   `--page-bytes` bytes.
//!
//! `baseline --database-url URL --addr 127.0.0.1:3100 --page-bytes 9000`

use std::collections::HashMap;
use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{Form, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};
use tokio::sync::Mutex;

#[derive(Clone)]
struct Baseline {
    pool: AnyPool,
    sqlite: bool,
    writer: Arc<Mutex<()>>,
    next: Arc<AtomicU64>,
    filler: Arc<str>,
}

const SQLITE_SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS reports (id INTEGER PRIMARY KEY AUTOINCREMENT, \
     tracking_number TEXT NOT NULL UNIQUE, classification TEXT NOT NULL, title TEXT NOT NULL, \
     body TEXT NOT NULL, region_code TEXT, status TEXT NOT NULL, version INTEGER NOT NULL, \
     submitted_at INTEGER NOT NULL, idempotency_key TEXT UNIQUE)",
    "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT, \
     report_id INTEGER NOT NULL REFERENCES reports(id), kind TEXT NOT NULL, \
     status_after TEXT NOT NULL, visibility TEXT NOT NULL, at INTEGER NOT NULL, body TEXT)",
    "CREATE INDEX IF NOT EXISTS events_report ON events (report_id, id)",
];

const POSTGRES_SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS reports (id BIGSERIAL PRIMARY KEY, \
     tracking_number TEXT NOT NULL UNIQUE, classification TEXT NOT NULL, title TEXT NOT NULL, \
     body TEXT NOT NULL, region_code TEXT, status TEXT NOT NULL, version BIGINT NOT NULL, \
     submitted_at BIGINT NOT NULL, idempotency_key TEXT UNIQUE)",
    "CREATE TABLE IF NOT EXISTS events (id BIGSERIAL PRIMARY KEY, \
     report_id BIGINT NOT NULL REFERENCES reports(id), kind TEXT NOT NULL, \
     status_after TEXT NOT NULL, visibility TEXT NOT NULL, at BIGINT NOT NULL, body TEXT)",
    "CREATE INDEX IF NOT EXISTS events_report ON events (report_id, id)",
];

/// Lapor's SQLite settings, so both servers write with the same durability.
const SQLITE_PRAGMAS: &[&str] = &[
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
];

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

async fn submit(
    State(app): State<Baseline>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let number = format!("B{:08}", app.next.fetch_add(1, Ordering::Relaxed));
    let _gate = if app.sqlite {
        Some(app.writer.lock().await)
    } else {
        None
    };
    let result = async {
        let mut tx = app.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO reports (tracking_number, classification, title, body, region_code, \
             status, version, submitted_at, idempotency_key) \
             VALUES ($1, $2, $3, $4, $5, 'submitted', 1, $6, $7) RETURNING id",
        )
        .bind(&number)
        .bind(field("classification"))
        .bind(field("title"))
        .bind(field("body"))
        .bind(field("region_code"))
        .bind(now_ms())
        .bind(field("idempotency_key"))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO events (report_id, kind, status_after, visibility, at) \
             VALUES ($1, 'submitted', 'submitted', 'public', $2)",
        )
        .bind(id)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }
    .await;
    match result {
        Ok(()) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, format!("/lapor/terkirim/{number}"))],
        )
            .into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

#[derive(sqlx::FromRow)]
struct ReportRow {
    id: i64,
    title: String,
    body: String,
    status: String,
    submitted_at: i64,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    kind: String,
    status_after: String,
    at: i64,
}

async fn track(State(app): State<Baseline>, Path(number): Path<String>) -> Response {
    let report: Option<ReportRow> = match sqlx::query_as(
        "SELECT id, title, body, status, submitted_at FROM reports WHERE tracking_number = $1",
    )
    .bind(&number)
    .fetch_optional(&app.pool)
    .await
    {
        Ok(row) => row,
        Err(error) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response()
        }
    };
    let Some(report) = report else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let events: Vec<EventRow> = match sqlx::query_as(
        "SELECT kind, status_after, at FROM events WHERE report_id = $1 AND visibility = 'public' ORDER BY id",
    )
    .bind(report.id)
    .fetch_all(&app.pool)
    .await
    {
        Ok(rows) => rows,
        Err(error) => return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    };
    let mut page = String::with_capacity(app.filler.len() + 2048);
    let _ = write!(
        page,
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{number}</title></head>\
         <body><main><h1>{}</h1><p class=\"status\">{}</p><p>{}</p><p>{}</p><ol>",
        escape(&report.title),
        report.status,
        escape(&report.body),
        report.submitted_at
    );
    for event in &events {
        let _ = write!(
            page,
            "<li>{} {} {}</li>",
            event.kind, event.status_after, event.at
        );
    }
    page.push_str("</ol>");
    page.push_str(&app.filler);
    page.push_str("</main></body></html>");
    Html(page).into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let url = arg(&args, "--database-url").ok_or("--database-url is required")?;
    let addr: SocketAddr = arg(&args, "--addr")
        .unwrap_or_else(|| "127.0.0.1:3100".into())
        .parse()
        .map_err(|e| format!("--addr: {e}"))?;
    let page_bytes: usize = arg(&args, "--page-bytes")
        .and_then(|n| n.parse().ok())
        .unwrap_or(8_000);
    sqlx::any::install_default_drivers();
    let sqlite = url.starts_with("sqlite:");
    let url = if sqlite && !url.contains("mode=") {
        format!("{url}?mode=rwc")
    } else {
        url
    };
    let options = AnyPoolOptions::new().after_connect(move |conn, _| {
        Box::pin(async move {
            if sqlite {
                for pragma in SQLITE_PRAGMAS {
                    conn.execute(*pragma).await?;
                }
            }
            Ok(())
        })
    });
    let pool = options
        .connect(&url)
        .await
        .map_err(|e| format!("database: {e}"))?;
    for statement in if sqlite {
        SQLITE_SCHEMA
    } else {
        POSTGRES_SCHEMA
    } {
        pool.execute(*statement)
            .await
            .map_err(|e| format!("schema: {e}"))?;
    }
    let app = Baseline {
        pool,
        sqlite,
        writer: Arc::new(Mutex::new(())),
        next: Arc::new(AtomicU64::new(now_ms() as u64 % 100_000_000)),
        filler: "<p>Lorem ipsum dolor sit amet.</p>"
            .repeat(page_bytes / 34 + 1)
            .into(),
    };
    let router = Router::new()
        .route("/lapor", post(submit))
        .route("/lacak/{number}", get(track))
        .with_state(app);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!("baseline listening on http://{addr}");
    axum::serve(listener, router)
        .await
        .map_err(|e| format!("server: {e}"))
}
