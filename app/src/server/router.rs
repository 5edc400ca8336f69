//! The HTTP router: which handler answers which address. Handlers live with their
//! subject (`citizen`, `tracking`, `reporter`, `workspace`, `uploads`, `live`,
//! `export`, `channels`); what they share is in `http`.

use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::paths::{self, route};
use crate::server::channels::{gateways, simulator, telegram, whatsapp};
use crate::server::handlers::{reject_cross_site_posts, switch_language};
use crate::server::http::{
    explain_server_fn_errors, limit_bodies, limit_body, server_fn_handler, COMPRESSION_LEVEL,
    DEFAULT_BODY_LIMIT,
};
use crate::server::reporter::Step;
use crate::server::state::AppState;
use crate::server::{
    citizen, demo, export, live, open_data, public, pwa, reporter, tracking, uploads, workspace,
};
use crate::{shell, App};

/// Hashed file names change with their content, so browsers may keep them for a year;
/// unhashed ones (a development build) are rechecked after an hour.
fn static_cache_control(hashed: bool) -> HeaderValue {
    if hashed {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("public, max-age=3600")
    }
}

/// Every route of the app, grouped by face, with the layers every request passes
/// (server-function errors, compression, the cross-site check). Each face sets its
/// body limits: [`DEFAULT_BODY_LIMIT`] for text, larger ones where files come in.
/// `site_root` holds the built `/pkg` files.
pub fn router(state: AppState, site_root: &str) -> Router {
    Router::new()
        .merge(citizen())
        .merge(tracking())
        .merge(public_face())
        .merge(workspace())
        .merge(channels())
        .merge(demo())
        .merge(site(&state, site_root))
        .layer(axum::middleware::from_fn(explain_server_fn_errors))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(COMPRESSION_LEVEL as i32)))
        .layer(axum::middleware::from_fn(reject_cross_site_posts))
        .with_state(state)
}

/// The report form and what it asks for as one types: regions, agencies, attachments.
fn citizen() -> Router<AppState> {
    let reference = Router::new()
        .route(route::REGIONS, get(citizen::regions_json))
        .route(paths::AGENCIES, get(citizen::agencies_json))
        .route(paths::SIMILAR, get(citizen::similar_json));
    limit_bodies(reference, DEFAULT_BODY_LIMIT)
        // Without JavaScript the form carries its photos and PDFs.
        .route(
            paths::REPORT,
            limit_body(post(citizen::post_report_form), uploads::REPORT_BODY_LIMIT),
        )
        .merge(uploads::routes())
}

/// Looking a report up, and the reporter's own actions on it (`server::reporter`).
fn tracking() -> Router<AppState> {
    let text = Router::new()
        // `/lacak` is answered by `lookup`, which redirects a well-formed number.
        .route(paths::TRACK, get(tracking::lookup))
        // The report's page is a Leptos page, answered through the public page cache.
        .route(route::TRACK_REPORT, get(tracking::page))
        .route(route::REPORTER_SIGN_IN, post(reporter::sign_in))
        .route(route::REPORTER_SIGN_OUT, post(reporter::sign_out))
        .route(route::REPORTER_RATE, reporter::step(Step::Rate))
        .route(route::REPORTER_REOPEN, reporter::step(Step::Reopen))
        .route(route::REPORTER_LIVE, get(live::live_updates))
        .route(
            route::REPORT_ATTACHMENT,
            get(uploads::get_report_attachment),
        );
    limit_bodies(text, DEFAULT_BODY_LIMIT).route(
        route::REPORTER_REPLY,
        // A reply may carry the evidence the administrators asked for.
        limit_body(reporter::step(Step::Reply), uploads::REPORT_BODY_LIMIT),
    )
}

/// The agency workspace's plain-HTTP parts (its pages are Leptos routes, its steps
/// server functions).
fn workspace() -> Router<AppState> {
    let routes = Router::new()
        .route(paths::STAFF_SIGN_IN, post(workspace::sign_in))
        .route(paths::STAFF_SIGN_OUT, post(workspace::sign_out))
        .route(paths::WORKSPACE_LIVE, get(live::staff_live_updates))
        .route(paths::WORKSPACE_EXPORT, get(export::export_queue))
        .route(
            paths::WORKSPACE_IMPORT,
            get(workspace::import::page).post(workspace::import::submit),
        )
        .route(
            route::STAFF_ATTACHMENT,
            get(uploads::handlers::get_staff_attachment),
        );
    limit_bodies(routes, DEFAULT_BODY_LIMIT)
}

/// What the public reads: the report feed with Dukung, agencies' pages, open data.
fn public_face() -> Router<AppState> {
    let routes = Router::new()
        .route(paths::FEED, get(public::feed))
        .route(route::SUPPORT, post(public::support))
        .route(route::AGENCY_PAGE, get(public::agency))
        .route(paths::STATISTICS, get(public::statistics))
        .route(paths::DATA_FEED_CSV, get(open_data::feed_csv))
        .route(paths::DATA_FEED_JSON, get(open_data::feed_json))
        .route(paths::DATA_STATISTICS_CSV, get(open_data::statistics_csv))
        .route(paths::DATA_STATISTICS_JSON, get(open_data::statistics_json));
    limit_bodies(routes, DEFAULT_BODY_LIMIT)
}

/// The other doors: SMS gateways and the chat services deliver messages here
/// (`server::channels`), and the SMS simulator for demos.
fn channels() -> Router<AppState> {
    let routes = Router::new()
        .route(
            paths::SMS_GENERIC,
            get(gateways::generic).post(gateways::generic),
        )
        .route(
            paths::SMS_KANNEL,
            get(gateways::kannel).post(gateways::kannel),
        )
        .route(paths::SMS_TWILIO, post(gateways::twilio))
        .route(paths::TELEGRAM, post(telegram::webhook))
        .route(
            paths::WHATSAPP,
            get(whatsapp::verify).post(whatsapp::webhook),
        )
        .route(
            paths::SMS_SIMULATOR,
            get(simulator::page).post(simulator::send),
        );
    limit_bodies(routes, gateways::GATEWAY_BODY_LIMIT)
}

/// Socialization mode's presenter tools (`server::demo`); 404 on a server that is not
/// a demo.
fn demo() -> Router<AppState> {
    let routes = Router::new()
        .route(paths::DEMO, get(demo::presenter))
        .route(paths::DEMO_LIVE, get(demo::live))
        .route(paths::DEMO_QR, get(demo::qr_code))
        .route(paths::DEMO_ROLE, post(demo::switch_role))
        .route(paths::DEMO_TIME, post(demo::time_machine))
        .route(paths::DEMO_RESET, post(demo::reset))
        .route(paths::DEMO_GUIDE, get(demo::guide));
    limit_bodies(routes, DEFAULT_BODY_LIMIT)
}

/// The pages of every face, the server functions, the language switch, the built
/// files and everything else (not found).
fn site(state: &AppState, site_root: &str) -> Router<AppState> {
    let mut pages = generate_route_list(App);
    // Answered by their own handlers, which render the page with what they read.
    pages.retain(|route| {
        ![
            paths::TRACK,
            route::TRACK_REPORT,
            paths::SMS_SIMULATOR,
            paths::WORKSPACE_IMPORT,
            paths::FEED,
            route::AGENCY_PAGE,
            paths::STATISTICS,
            paths::DEMO,
            paths::DEMO_GUIDE,
        ]
        .contains(&route.path())
    });
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    let static_files = ServeDir::new(format!("{site_root}/pkg"))
        .precompressed_br()
        .precompressed_gzip();
    // The staff bundle: its own cargo-leptos project, its own site root (a front-end
    // build empties its site root first), `components::scripts::staff_bundle`.
    let staff_files = ServeDir::new(format!("{site_root}-staff{}", paths::STAFF_PKG))
        .precompressed_br()
        .precompressed_gzip();
    let cache_static = SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        static_cache_control(state.leptos_options.hash_files),
    );
    let routes = Router::new()
        .route(route::LANGUAGE, get(switch_language))
        .route(paths::MANIFEST, get(pwa::manifest))
        .route(
            route::SERVER_FNS,
            get(server_fn_handler).post(server_fn_handler),
        )
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(cache_static.clone())
                .service(static_files),
        )
        .nest_service(
            paths::STAFF_PKG,
            tower::ServiceBuilder::new()
                .layer(cache_static)
                .service(staff_files),
        )
        .leptos_routes_with_context(
            state,
            pages,
            move || provide_context(context_state.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell));
    limit_bodies(routes, DEFAULT_BODY_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Leptos' page routes are written with its `path!` macro (literals only): they must
    /// be exactly the page addresses of the `paths` module.
    #[test]
    fn the_page_routes_are_the_paths_modules_addresses() {
        let mut listed: Vec<String> = generate_route_list(App)
            .iter()
            .map(|route| route.path().to_string())
            .collect();
        listed.sort();
        listed.dedup();
        let mut expected: Vec<String> = [
            paths::HOME,
            paths::REPORT,
            route::RECEIPT,
            paths::TRACK,
            route::TRACK_REPORT,
            paths::STAFF_SIGN_IN,
            paths::WORKSPACE,
            paths::WORKSPACE_QUEUE,
            paths::WORKSPACE_SEARCH,
            paths::WORKSPACE_ACCOUNT,
            route::STAFF_REPORT,
            paths::WORKSPACE_AUDIT,
            paths::SMS_SIMULATOR,
            paths::WORKSPACE_IMPORT,
            paths::FEED,
            route::AGENCY_PAGE,
            paths::DATA,
            paths::WORKSPACE_OVERSIGHT,
            paths::STATISTICS,
            paths::DEMO,
            paths::DEMO_GUIDE,
            paths::MY_REPORTS,
        ]
        .map(str::to_string)
        .to_vec();
        expected.sort();
        assert_eq!(listed, expected);
    }
}
