//! Request bodies have a size limit per route, enforced before any byte is read
//! when the request declares its length.

use std::convert::Infallible;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use axum::Router;

use super::{error_json, request_locale, wants_json};
use crate::i18n::{fill, Key};

/// The body limit of every route that takes no files: forms of text. A staff step's
/// 5,000 characters, percent-encoded, fit many times over.
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

/// `route` with a body limit of `max` bytes: a declared `Content-Length` above it is
/// refused with 413 at once (the body is never read), and a body without a declared
/// length stops being read when it passes `max`.
pub fn limit_body<S>(route: MethodRouter<S>, max: usize) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    route
        .layer::<_, Infallible>(axum::middleware::from_fn(
            move |request: Request, next: Next| refuse_oversized(max, request, next),
        ))
        .layer::<_, Infallible>(DefaultBodyLimit::max(max))
}

/// [`limit_body`] for every route of `router` (added so far, and its fallback).
pub fn limit_bodies<S>(router: Router<S>, max: usize) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router
        .layer(axum::middleware::from_fn(
            move |request: Request, next: Next| refuse_oversized(max, request, next),
        ))
        .layer(DefaultBodyLimit::max(max))
}

async fn refuse_oversized(max: usize, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > max as u64) {
        tracing::info!(
            path = %request.uri().path(),
            declared,
            max,
            "request body over the limit refused before reading"
        );
        return too_large(request.headers(), max);
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, max)));
    next.run(request).await
}

/// Whether reading a body failed because it passed its route's limit.
pub fn is_over_limit(error: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = cause {
        if error.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = error.source();
    }
    false
}

/// 413 with the limit in words, as JSON for scripts and as text otherwise.
pub fn too_large(headers: &axum::http::HeaderMap, max: usize) -> Response {
    let locale = request_locale(headers);
    let megabytes = format!("{:.2}", max as f64 / (1024.0 * 1024.0));
    let megabytes = megabytes.trim_end_matches('0').trim_end_matches('.');
    let message = fill(Key::HttpTooLarge.text(locale), &[("n", megabytes)]);
    let mut response = if wants_json(headers) {
        error_json(StatusCode::PAYLOAD_TOO_LARGE, &message)
    } else {
        (StatusCode::PAYLOAD_TOO_LARGE, message).into_response()
    };
    // The unread body makes the connection unusable for another request.
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
