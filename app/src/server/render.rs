//! Rendering an app page from a plain axum handler, with extra context (used where a
//! request must be answered by a redirect or by a page built from posted data).

use axum::body::Body;
use axum::http::{header, request::Parts, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

use crate::server::http::ISLANDS_ROUTER;
use crate::server::state::AppState;

/// Renders the page at `uri` (fully, not streamed: it must work without JavaScript)
/// with the app state and `extra` in context, answering with `status`.
pub async fn render_page(
    state: AppState,
    parts: &Parts,
    uri: &str,
    status: StatusCode,
    extra: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    let mut builder = Request::builder().method("GET").uri(uri);
    for name in [
        header::COOKIE,
        header::ACCEPT,
        header::ACCEPT_LANGUAGE,
        ISLANDS_ROUTER,
    ] {
        if let Some(value) = parts.headers.get(&name) {
            builder = builder.header(name, value);
        }
    }
    let Ok(request) = builder.body(Body::empty()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            extra();
        },
        move || crate::shell(options.clone()),
    );
    let mut response = handler(request).await;
    if status != StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

/// The not-found page (404), for an address that names nothing this reader may see.
pub async fn not_found(state: AppState, parts: &Parts) -> Response {
    render_page(state, parts, "/tidak-ada", StatusCode::NOT_FOUND, || ()).await
}
