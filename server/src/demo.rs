//! `lapor demo`: socialization mode on the trainer's laptop (`app::server::demo`).
//!
//! Serves a separate demo database (SQLite, `data/demo.db` by default) and never a real
//! one: a database holding reports that the demo did not put there is refused untouched.
//! An empty database is seeded (reference data, the demo staff, the scenario's reports)
//! and marked as the demo's. The listening socket is opened once; a reset from the
//! presenter's page stops the app, deletes the demo database and starts again on a fresh
//! one while connections wait in the socket's queue.

use std::net::SocketAddr;
use std::sync::Arc;

use app::server::channels::ChannelSettings;
use app::server::demo::scenario::seed_scenario;
use app::server::demo::{claim_demo_database, DemoMode};
use app::server::seed::demo::seed_demo_staff;
use app::server::seed::{seed, SeedScope};
use app::server::state::Clock;
use app::server::storage::Store;
use tokio::sync::Notify;

/// Runs the demo until Ctrl-C (or SIGTERM).
pub async fn run(
    database_url: &str,
    addr: SocketAddr,
    public_url: Option<String>,
    reset: bool,
) -> Result<(), String> {
    let file = demo_file(database_url)?;
    if reset {
        // Only the demo's own database is ever deleted.
        let store = crate::open(database_url).await?;
        let claimed = claim_demo_database(&store).await;
        store.close().await;
        claimed.map_err(|e| e.to_string())?;
        delete(file.as_deref())?;
    }
    let public_url = public_url
        .map(|url| url.trim().trim_end_matches('/').to_string())
        .unwrap_or_else(|| format!("http://{}:{}", lan_address(addr), addr.port()));
    let socket = std::net::TcpListener::bind(addr)
        .and_then(|socket| socket.set_nonblocking(true).map(|()| socket))
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let stop = Arc::new(Notify::new());
    {
        let stop = Arc::clone(&stop);
        tokio::spawn(async move {
            crate::shutdown_signal().await;
            stop.notify_one();
        });
    }
    loop {
        let store = crate::open(database_url).await?;
        claim_demo_database(&store)
            .await
            .map_err(|e| e.to_string())?;
        let reports = prepare(&store).await?;
        let reset = Arc::new(Notify::new());
        let demo = DemoMode {
            public_url: public_url.clone(),
            started: Clock::default().now(),
            reset: Arc::clone(&reset),
        };
        let (state, tasks) = crate::start_state(store.clone(), addr, |state| {
            state
                .with_channels(demo_channels(&public_url))
                .with_demo(demo)
        })
        .await?;
        println!("LAPOR! demo: {reports} reports on {database_url}");
        println!("  presenter:  http://{addr}/demo");
        println!("  phones:     {public_url}/lapor (the QR code on /demo)");
        let listener = socket
            .try_clone()
            .and_then(tokio::net::TcpListener::from_std)
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let (again, stopped) = {
            let (reset, stop) = (Arc::clone(&reset), Arc::clone(&stop));
            let (tx, rx) = tokio::sync::oneshot::channel();
            let until = async move {
                let again = tokio::select! {
                    _ = reset.notified() => true,
                    _ = stop.notified() => false,
                };
                let _ = tx.send(again);
            };
            (rx, crate::serve_until(listener, state, until).await)
        };
        for task in tasks {
            task.abort();
        }
        store.close().await;
        stopped?;
        if !again.await.unwrap_or(false) {
            return Ok(());
        }
        tracing::info!("demo reset: starting over on a fresh database");
        delete(file.as_deref())?;
    }
}

/// Deletes the demo database's file and its WAL companions (nothing in memory).
fn delete(file: Option<&str>) -> Result<(), String> {
    let Some(file) = file else {
        return Ok(());
    };
    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{file}{suffix}");
        if let Err(error) = std::fs::remove_file(&path) {
            if error.kind() != std::io::ErrorKind::NotFound {
                return Err(format!("cannot delete {path}: {error}"));
            }
        }
    }
    Ok(())
}

/// Reference data, the demo accounts and, on a database without reports, the scenario.
/// Returns how many reports the demo holds.
async fn prepare(store: &Store) -> Result<i64, String> {
    seed(store, SeedScope::Full)
        .await
        .map_err(|e| format!("seeding failed: {e}"))?;
    let now = Clock::default().now();
    seed_demo_staff(store, now)
        .await
        .map_err(|e| format!("demo accounts: {e}"))?;
    let mut reports = store
        .table_counts()
        .await
        .map_err(|e| format!("database: {e}"))?
        .reports;
    if reports == 0 {
        reports = seed_scenario(store, now)
            .await
            .map_err(|e| format!("demo scenario: {e}"))?
            .len() as i64;
    }
    Ok(reports)
}

/// The demo's database file (`None`: in memory). A demo runs on the laptop's embedded
/// database only: a reset deletes the file.
fn demo_file(database_url: &str) -> Result<Option<String>, String> {
    let Some(rest) = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
    else {
        return Err(
            "the demo runs on its own SQLite file (e.g. sqlite://data/demo.db), never on a shared database"
                .into(),
        );
    };
    let path = rest.split('?').next().unwrap_or_default();
    Ok((path != ":memory:" && !path.is_empty()).then(|| path.to_string()))
}

/// The address the hall reaches this laptop at: the one its default route leaves from
/// (no packet is sent), or the listening address when that says more.
fn lan_address(addr: SocketAddr) -> String {
    if !addr.ip().is_unspecified() {
        return addr.ip().to_string();
    }
    std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|socket| {
            socket.connect("192.0.2.1:9")?;
            socket.local_addr()
        })
        .map(|local| local.ip().to_string())
        .unwrap_or_else(|_| "127.0.0.1".to_string())
}

/// Notices go to the in-app SMS simulator only; no gateway, relay or chat service.
fn demo_channels(public_url: &str) -> ChannelSettings {
    ChannelSettings {
        simulator: true,
        public_url: Some(public_url.to_string()),
        sms_send_url: None,
        smtp_relay: None,
        sms_token: None,
        twilio_auth_token: None,
        telegram_secret: None,
        telegram_bot_token: None,
        whatsapp_app_secret: None,
        whatsapp_access_token: None,
        whatsapp_verify_token: None,
        whatsapp_phone_id: None,
        ..ChannelSettings::from_env()
    }
}
