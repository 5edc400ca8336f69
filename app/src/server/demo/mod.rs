//! Socialization (demo) mode, for a trainer with a laptop, a projector and a hall of
//! phones on the laptop's hotspot: `lapor demo` serves a separate demo database with a
//! scenario around one regency, a DEMO banner on every page, notices to the in-app
//! simulator only, and the presenter's tools under `/demo`:
//!
//! - `GET /demo`: the QR code phones scan to open the form, and the reports arriving
//!   live (`GET /demo/langsung`, server-sent events; the page's `data-live` parts are
//!   swapped by `langsung.js`, the tracking page's script);
//! - `POST /demo/peran`: sign in as one of the demo roles in one click;
//! - `POST /demo/waktu`: the time machine, moving the demo clock by working days;
//! - `POST /demo/atur-ulang`: start over on a fresh demo database;
//! - `GET /demo/panduan`: the printable one-page guide; `GET /demo/qr.svg`: the QR alone.
//!
//! None of these exists on a server that is not a demo: they answer 404.

pub mod qr;
pub mod scenario;

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;
use tokio::sync::Notify;

use crate::api::demo::{ArrivalView, DemoBanner, DemoScreen, GuideScreen};
use crate::i18n::Key;
use crate::model::demo::{advance, MAX_ADVANCE, WALK_THROUGH};
use crate::model::{Role, Timestamp};
use crate::paths;
use crate::server::http::{client_address, read_form, DEFAULT_BODY_LIMIT};
use crate::server::render::{not_found, render_page};
use crate::server::seed::demo::{DEMO_KEYWORD, DEMO_PASSWORD, DEMO_STAFF};
use crate::server::state::AppState;
use crate::server::storage::{DemoDatabase, StaffSignIn, StorageError, Store};

/// How many arrivals the projector lists.
const ARRIVALS_SHOWN: i64 = 8;

/// A demo server's own state.
#[derive(Debug)]
pub struct DemoMode {
    /// The address the laptop is reached at from the hall, e.g. `http://192.168.43.1:3000`.
    pub public_url: String,
    /// When this demo (or its last reset) started: the projector counts from here.
    pub started: Timestamp,
    /// Wakes the `lapor demo` host to start over on a fresh database.
    pub reset: Arc<Notify>,
}

impl DemoMode {
    /// What the QR code holds: the report form on the laptop.
    pub fn join_url(&self) -> String {
        format!("{}{}", self.public_url.trim_end_matches('/'), paths::REPORT)
    }
}

/// Why `lapor demo` refuses a database.
#[derive(Debug, thiserror::Error)]
pub enum DemoRefusal {
    #[error(
        "this database holds reports that are not demo reports; the demo never runs on it \
         (use its own database, e.g. --demo-database-url sqlite://data/demo.db)"
    )]
    RealDatabase,
    #[error("database: {0}")]
    Storage(#[from] StorageError),
}

/// Takes the database for the demo: an empty one is marked as the demo's, the demo's own
/// is used again, and one holding real reports is refused untouched.
pub async fn claim_demo_database(store: &Store) -> Result<(), DemoRefusal> {
    match store.demo_database().await? {
        DemoDatabase::Demo => Ok(()),
        DemoDatabase::Empty => Ok(store.mark_demo_database().await?),
        DemoDatabase::Real => Err(DemoRefusal::RealDatabase),
    }
}

/// The banner's facts, on a demo server.
pub fn banner(state: &AppState) -> Option<DemoBanner> {
    state.demo.as_ref()?;
    Some(DemoBanner {
        today: state.clock.now().date_wib(),
        days_ahead: state.clock.days_ahead(),
    })
}

/// `GET /demo`: the presenter's page.
pub async fn presenter(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let Some(demo) = state.demo.clone() else {
        return not_found(state, &parts).await;
    };
    let notice = parts.uri.query().and_then(|query| {
        form_urlencoded::parse(query.as_bytes())
            .find(|(name, _)| name == "kabar")
            .and_then(|(_, value)| match value.as_ref() {
                "waktu" => Some(Key::DemoTimeMoved),
                "atur-ulang" => Some(Key::DemoWasReset),
                _ => None,
            })
    });
    let (count, arrivals) = match state
        .store
        .arrivals_since(demo.started, ARRIVALS_SHOWN)
        .await
    {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(%error, "demo: reading the arrivals failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let join_url = demo.join_url();
    let screen = DemoScreen {
        qr_svg: qr::svg(&join_url),
        join_url,
        count,
        arrivals: arrivals
            .into_iter()
            .map(|arrival| {
                let (hour, minute) = arrival.submitted_at.time_wib();
                ArrivalView {
                    number: arrival.tracking_number.display(),
                    line: arrival.line,
                    time: format!("{hour:02}.{minute:02}"),
                }
            })
            .collect(),
        notice,
    };
    let uri = parts.uri.to_string();
    render_page(state, &parts, &uri, StatusCode::OK, move || {
        provide_context(screen.clone())
    })
    .await
}

/// `GET /demo/panduan`: the one-page guide to print.
pub async fn guide(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let Some(demo) = state.demo.clone() else {
        return not_found(state, &parts).await;
    };
    let join_url = demo.join_url();
    let screen = GuideScreen {
        qr_svg: qr::svg(&join_url),
        join_url,
        keyword: DEMO_KEYWORD.to_string(),
    };
    render_page(
        state,
        &parts,
        paths::DEMO_GUIDE,
        StatusCode::OK,
        move || provide_context(screen.clone()),
    )
    .await
}

/// `GET /demo/qr.svg`: the QR code alone (to put on a slide).
pub async fn qr_code(State(state): State<AppState>) -> Response {
    let Some(demo) = state.demo.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")],
        qr::svg(&demo.join_url()),
    )
        .into_response()
}

/// `GET /demo/langsung`: an `update` event whenever a report's timeline grows, for the
/// projector (it fetches `/demo` again; only titles travel that way, never identities).
pub async fn live(State(state): State<AppState>) -> Response {
    if state.demo.is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    crate::server::live::every_update(&state.live)
}

#[derive(Debug, Default, serde::Deserialize)]
struct RoleForm {
    #[serde(default)]
    peran: String,
}

/// `POST /demo/peran` (`peran`: a role code): signs in as that demo role's account and
/// opens the workspace.
pub async fn switch_role(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, form): (_, RoleForm) = read_form(request, DEFAULT_BODY_LIMIT).await;
    if state.demo.is_none() {
        return not_found(state, &parts).await;
    }
    let Some((role, email)) = Role::from_code(&form.peran)
        .filter(|role| WALK_THROUGH.contains(role))
        .and_then(|role| Some((role, demo_account(role)?)))
    else {
        return Redirect::to(paths::DEMO).into_response();
    };
    // Oversight's own page; everyone else's queue.
    let desk = if role == Role::Oversight {
        paths::WORKSPACE_OVERSIGHT
    } else {
        paths::WORKSPACE
    };
    let address = client_address(&parts);
    match state
        .store
        .sign_in_staff(email, DEMO_PASSWORD, address.as_deref(), state.clock.now())
        .await
    {
        Ok(StaffSignIn::Opened { session_token, .. }) => {
            crate::server::workspace::session_opened(&parts.headers, &session_token, desk)
        }
        Ok(_) => Redirect::to(paths::STAFF_SIGN_IN).into_response(),
        Err(error) => {
            tracing::error!(%error, "demo: role switch failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The demo account that has `role` (the first, for unit operators).
fn demo_account(role: Role) -> Option<&'static str> {
    DEMO_STAFF
        .iter()
        .find(|(_, code, _)| *code == role.code())
        .map(|(email, _, _)| *email)
}

#[derive(Debug, Default, serde::Deserialize)]
struct TimeForm {
    #[serde(default)]
    hari: String,
}

/// `POST /demo/waktu` (`hari`: working days, 1 to [`MAX_ADVANCE`]): moves the demo clock
/// ahead, then closes the follow-ups whose 10 working days ran out, as the server's
/// hourly round would.
pub async fn time_machine(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, form): (_, TimeForm) = read_form(request, DEFAULT_BODY_LIMIT).await;
    if state.demo.is_none() {
        return not_found(state, &parts).await;
    }
    let Some(working_days) = form
        .hari
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_ADVANCE).contains(n))
    else {
        return Redirect::to(paths::DEMO).into_response();
    };
    let calendar = match state.store.calendar().await {
        Ok(calendar) => calendar,
        Err(error) => {
            tracing::error!(%error, "demo: reading the calendar failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let today = state.clock.now().date_wib();
    state
        .clock
        .advance_days(advance(&calendar, today, working_days));
    match state.store.auto_close_due(state.clock.now()).await {
        Ok(closed) => tracing::info!(closed, "demo: time moved, silent follow-ups closed"),
        Err(error) => tracing::warn!(%error, "demo: automatic closing failed"),
    }
    state.live.poke();
    Redirect::to(&format!("{}?kabar=waktu", paths::DEMO)).into_response()
}

/// `POST /demo/atur-ulang`: asks the host to start over on a fresh demo database (the
/// page comes back when it is ready: the listening socket stays open meanwhile).
pub async fn reset(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let Some(demo) = state.demo.clone() else {
        return not_found(state, &parts).await;
    };
    demo.reset.notify_one();
    Redirect::to(&format!("{}?kabar=atur-ulang", paths::DEMO)).into_response()
}
