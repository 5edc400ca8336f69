//! The storage boundary: one `Store` that works on SQLite and on PostgreSQL.
//!
//! Every query goes through sqlx's `Any` driver with runtime queries and `$1`-style
//! placeholders, which both databases understand. To stay clear of `Any`'s type
//! mapping, columns hold only integers (read as `i64`), floats and text: booleans are
//! 0/1, timestamps are milliseconds since the epoch, dates are `YYYY-MM-DD` text.
//!
//! Each submodule adds the methods for one subject:
//! - `reports`: submitting a report and the public view of it;
//! - `actions`: steps through the state machine, with optimistic versioning;
//! - `calendar`: the non-working days behind every deadline;
//! - `channels`: gateway messages handled once, and a sender's phone as the key to their reports;
//! - `demo`: telling the demo database apart, and what its projector reads;
//! - `reference`: regions, categories and agencies for forms and routing;
//! - `feed`: the timeline as it grows (live feed) and operator lookups;
//! - `outbox`: messages to reporters about their reports' steps, and their delivery state;
//! - `attachments`: pending uploads and the photos/PDFs of a report;
//! - `bulk`: batched inserts and the `meta` table, for seeding;
//! - `staff`: staff accounts and the report as each staff member may read it;
//! - `workspace`: staff sessions, staff steps with their audit lines, queues, auto-close.

mod actions;
mod attachments;
mod audit;
mod bulk;
mod calendar;
mod channels;
mod conditions;
mod demo;
mod error;
mod feed;
mod group_commit;
pub mod outbox;
mod oversight;
mod pin_key;
mod public_feed;
mod queue;
mod reference;
mod reporter;
mod reporter_secrets;
mod reports;
mod saved_views;
mod staff;
mod staff_account;
mod staff_sessions;
mod statistics;
mod workspace;

use std::sync::Arc;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use actions::{ActionArgs, ActionOutcome, Actor};
pub use attachments::{AttachmentInfo, AttachmentRecord, NewAttachment};
pub use audit::AuditEntry;
pub(crate) use bulk::Cell;
pub use calendar::{DayOff, DayOffKind};
pub use channels::{Claim, SmsPart};
pub use demo::{Arrival, DemoDatabase};
pub use error::StorageError;
pub use feed::{CommittedEvent, ReportRecord};
pub use outbox::{DeadLetter, OutboxCounts, OutboxMessage};
pub use pin_key::PinKey;
pub use public_feed::Support;
pub use reference::{CategoryOption, RegionOption, TableCounts};
pub use reporter::{ReplyOutcome, ReporterError};
pub use reporter_secrets::{is_pin_shaped, ReporterSecret, SignIn, SESSION_MS};
pub use reports::Submission;
pub use staff::StaffAccount;
pub use staff_account::{PasswordChange, SignInEntry};
pub use staff_sessions::StaffSignIn;
pub use statistics::Scope;
pub use workspace::{staff_scope, ClockRow, StaffStep, StaffTimelineRow};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// Run on every new SQLite connection. WAL lets readers work while one writer writes.
const SQLITE_PRAGMAS: [&str; 4] = [
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA synchronous = NORMAL",
];

/// Pool sizes (`LAPOR_DB_CONNECTIONS` overrides; `make bench` measured them, see the
/// README's Measurements).
const SQLITE_CONNECTIONS: u32 = 10;
const POSTGRES_CONNECTIONS: u32 = 10;

/// Which database a `Store` talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    fn from_url(url: &str) -> Result<Backend, StorageError> {
        let scheme = url
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match scheme.as_str() {
            "sqlite" => Ok(Backend::Sqlite),
            "postgres" | "postgresql" => Ok(Backend::Postgres),
            _ => Err(StorageError::Config(
                "the database URL must start with sqlite:// or postgres://".into(),
            )),
        }
    }
}

/// The application's database. Cheap to clone: clones share one pool.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite allows one writer at a time; writers queue here instead of failing
    /// with "database is locked". Unused on PostgreSQL.
    write_gate: Arc<Mutex<()>>,
    /// Submissions waiting for the write gate, written together (`group_commit.rs`).
    submit_queue: Arc<group_commit::SubmitQueue>,
    /// Seals and opens reporters' PINs; never stored in the database.
    pin_key: PinKey,
    /// The working-day calendar as last read (`calendar.rs`).
    calendar: calendar::CalendarCache,
}

/// A write transaction; on SQLite it also holds the write gate until it ends.
pub(crate) struct WriteTx {
    // Field order matters: the transaction ends (commit or rollback) before the gate opens.
    tx: Transaction<'static, Any>,
    _gate: Option<OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    pub(crate) async fn commit(self) -> Result<(), StorageError> {
        self.tx.commit().await?;
        Ok(())
    }

    /// Ends the transaction now (dropping it would roll back later, on the connection's
    /// next use, with SQLite's write lock held until then).
    pub(crate) async fn rollback(self) -> Result<(), StorageError> {
        self.tx.rollback().await?;
        Ok(())
    }
}

impl Store {
    /// Opens a pool on `sqlite://path/to/file.db` (the file and its folder are created
    /// when missing; `sqlite:relative.db`, `sqlite:///absolute.db` and
    /// `sqlite::memory:` work too) or on `postgres://user@host/db`.
    ///
    /// `pin_key` seals the reporters' PINs: the same key must open them later (see
    /// [`PinKey`]; `PinKey::random()` for scratch databases).
    ///
    /// Fails with `Config` for a URL it cannot use and `Unavailable` when the
    /// database cannot be reached. Does not migrate: call [`Store::migrate`].
    pub async fn connect(url: &str, pin_key: PinKey) -> Result<Store, StorageError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        let connections = std::env::var("LAPOR_DB_CONNECTIONS")
            .ok()
            .and_then(|n| n.trim().parse::<u32>().ok())
            .filter(|n| (1..=256).contains(n))
            .unwrap_or(match backend {
                Backend::Sqlite => SQLITE_CONNECTIONS,
                Backend::Postgres => POSTGRES_CONNECTIONS,
            });
        let options = AnyPoolOptions::new()
            .max_connections(connections)
            .acquire_timeout(Duration::from_secs(10));
        let (url, options) = match backend {
            Backend::Postgres => (url.to_string(), options),
            Backend::Sqlite => sqlite_pool(url, options).await?,
        };
        let pool = options.connect(&url).await.map_err(connect_error)?;
        Ok(Store {
            pool,
            backend,
            write_gate: Arc::new(Mutex::new(())),
            submit_queue: Arc::default(),
            pin_key,
            calendar: calendar::CalendarCache::default(),
        })
    }

    /// The same database with another PIN key (what a server with the wrong key, or
    /// none, would be).
    pub fn with_pin_key(mut self, pin_key: PinKey) -> Store {
        self.pin_key = pin_key;
        self
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Brings the schema up to date. Harmless to run again.
    pub async fn migrate(&self) -> Result<(), StorageError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection; for a graceful shutdown.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Starts a write transaction, queueing behind other writers on SQLite.
    pub(crate) async fn begin_write(&self) -> Result<WriteTx, StorageError> {
        let gate = match self.backend {
            Backend::Sqlite => Some(Arc::clone(&self.write_gate).lock_owned().await),
            Backend::Postgres => None,
        };
        let tx = self.pool.begin().await?;
        Ok(WriteTx { tx, _gate: gate })
    }
}

/// Prepares a SQLite URL and pool options: creates the folder, lets the driver create
/// the file, and sets the pragmas on every connection.
async fn sqlite_pool(
    url: &str,
    options: AnyPoolOptions,
) -> Result<(String, AnyPoolOptions), StorageError> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or_default();
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let in_memory = path == ":memory:" || query.split('&').any(|param| param == "mode=memory");
    if path.is_empty() && !in_memory {
        return Err(StorageError::Config("the SQLite URL names no file".into()));
    }
    let options = options.after_connect(|conn, _meta| {
        Box::pin(async move {
            for pragma in SQLITE_PRAGMAS {
                conn.execute(pragma).await?;
            }
            Ok(())
        })
    });
    if in_memory {
        // Each connection would get its own empty database: keep exactly one, forever.
        let options = options
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
        return Ok((url.to_string(), options));
    }
    if let Some(folder) = std::path::Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        tokio::fs::create_dir_all(folder).await.map_err(|e| {
            StorageError::Unavailable(format!("cannot create the database folder: {e}"))
        })?;
    }
    let url = if query.contains("mode=") {
        url.to_string()
    } else if query.is_empty() {
        format!("{url}?mode=rwc")
    } else {
        format!("{url}&mode=rwc")
    };
    Ok((url, options))
}

fn connect_error(error: sqlx::Error) -> StorageError {
    match error {
        sqlx::Error::Configuration(e) => StorageError::Config(e.to_string()),
        other => StorageError::Unavailable(other.to_string()),
    }
}

/// 0/1 columns.
pub(crate) fn flag(value: bool) -> i64 {
    i64::from(value)
}

/// `column IN ($first, …)` for the events an audience allowed up to `widest` sees (the
/// model's one rule, `Visibility::seen_by`), with the codes to bind in that order.
pub(crate) fn visibility_filter(
    column: &str,
    widest: crate::model::Visibility,
    first: usize,
) -> (String, Vec<&'static str>) {
    let codes: Vec<&'static str> = crate::model::Visibility::up_to(widest)
        .into_iter()
        .map(|v| v.code())
        .collect();
    (in_list(column, first, codes.len()), codes)
}

/// `column IN ($first, …)` for `count` values bound from placeholder `first` on.
pub(crate) fn in_list(column: &str, first: usize, count: usize) -> String {
    let placeholders: Vec<String> = (first..first + count).map(|n| format!("${n}")).collect();
    format!("{column} IN ({})", placeholders.join(", "))
}
