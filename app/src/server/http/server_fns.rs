//! `/api/*`: the server functions, with their errors answered as a status the
//! caller can act on and a sentence in the reader's language.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;
use leptos::server_fn::error::{FromServerFnError, SERVER_FN_ERROR_HEADER};

use super::{error_response, request_locale};
use crate::api::ApiError;
use crate::i18n::Locale;
use crate::server::state::AppState;

/// An error body is a few hundred bytes; anything longer is not one of ours.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Runs the server function the path names (with the app state in context). Leptos
/// also registers each server function's own path; both go through
/// [`explain_server_fn_errors`].
pub async fn server_fn_handler(State(state): State<AppState>, request: Request<Body>) -> Response {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), request)
        .await
        .into_response()
}

/// Middleware: a server function's failure answers with [`ApiError::status_code`]
/// (Leptos answers every error with 500) and an [`crate::api::error::ErrorBody`] in the
/// reader's language; a plain form post keeps Leptos' redirect back to its page.
pub async fn explain_server_fn_errors(request: Request, next: Next) -> Response {
    let locale = request_locale(request.headers());
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let failed = response.headers().contains_key(SERVER_FN_ERROR_HEADER);
    if !failed || response.headers().contains_key(header::LOCATION) {
        return response;
    }
    explain(response, locale, &path).await
}

async fn explain(response: Response, locale: Locale, path: &str) -> Response {
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, ERROR_BODY_LIMIT)
        .await
        .unwrap_or_default();
    let mut answer = error_response(ApiError::de(bytes), locale, path);
    // Leptos' own client knows an error by this header.
    if let Some(value) = parts.headers.get(SERVER_FN_ERROR_HEADER) {
        answer
            .headers_mut()
            .insert(SERVER_FN_ERROR_HEADER, value.clone());
    }
    answer
}
