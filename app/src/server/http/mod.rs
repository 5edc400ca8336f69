//! The HTTP room: what every handler shares. The reader's language from a request,
//! safe return addresses, body limits, and the one answer of a server function's
//! error (status from [`crate::api::ApiError::status_code`], message in words).

mod cookies;
mod limits;
mod return_path;
mod server_fns;

pub use cookies::{cookie_header, cookie_value, set_cookie, wants_secure_cookies};
pub use limits::{is_over_limit, limit_bodies, limit_body, too_large, DEFAULT_BODY_LIMIT};
pub use return_path::{
    answer_plain_form_in_address, safe_return_path, sign_in_path, workspace_return_path,
};
pub use server_fns::{explain_server_fn_errors, server_fn_handler};

/// A posted form (`application/x-www-form-urlencoded`) of at most `limit` bytes, read
/// into `T`, with the request's head. A body that cannot be read or parsed is the empty
/// form: the handler then explains what is missing, as for an empty post.
pub async fn read_form<T>(
    request: axum::extract::Request,
    limit: usize,
) -> (http::request::Parts, T)
where
    T: serde::de::DeserializeOwned + Default,
{
    let (parts, body) = request.into_parts();
    let form = match axum::body::to_bytes(body, limit).await {
        Ok(bytes) => serde_urlencoded::from_bytes(&bytes).unwrap_or_default(),
        Err(_) => T::default(),
    };
    (parts, form)
}

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::api::error::ErrorBody;
use crate::api::ApiError;
use crate::i18n::Locale;

/// How hard pages are compressed as they are sent, by the router's compression layer and
/// the page cache alike (built files are precompressed at the best level). Measured on
/// the `/lapor` page (35 KB): brotli quality 4 (the library's default) 10,014 bytes in
/// 1.1 ms, 5: 9,475 bytes in 1.3 ms, 11: 8,500 bytes in 64 ms. Level 5 gives every
/// citizen 5 % fewer bytes for a fifth of a millisecond.
pub const COMPRESSION_LEVEL: u32 = 5;

/// The header the islands router sends with the pages it fetches: they are written for
/// its diff of the whole document.
pub const ISLANDS_ROUTER: header::HeaderName = header::HeaderName::from_static("islands-router");

/// The reader's language: the `lapor_lang` cookie, Indonesian otherwise.
pub fn request_locale(headers: &HeaderMap) -> Locale {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(Locale::from_cookie_header)
        .unwrap_or_default()
}

/// The client's IP address, as the connection gives it (the server is served with
/// `ConnectInfo`).
pub fn client_address(parts: &axum::http::request::Parts) -> Option<String> {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip().to_string())
}

/// Whether the caller asked for JSON (a script) rather than a page.
pub fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// The request's query parameters, decoded, in order.
pub fn query_pairs(parts: &axum::http::request::Parts) -> Vec<(String, String)> {
    parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

/// `{"error": "…"}`: the answer scripts (the upload script) read a refusal from.
pub fn error_json(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

/// The one answer of an application error to a script or a server function's caller:
/// [`ApiError::status`] and an [`ErrorBody`] in the reader's language. A fault of
/// ours (5xx) is logged.
pub fn error_response(error: ApiError, locale: Locale, path: &str) -> Response {
    let status = error.status();
    if status.is_server_error() {
        tracing::error!(path, ?error, "request failed on our side");
    }
    let body = ErrorBody {
        message: error.message().text(locale).to_string(),
        error,
    };
    let mut response = Response::new(Body::from(serde_json::to_vec(&body).unwrap_or_default()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
