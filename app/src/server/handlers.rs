//! Small plain-HTTP handlers that are not pages.

use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::i18n::{Locale, LOCALE_COOKIE};
use crate::server::http::safe_return_path;

#[derive(Deserialize)]
pub struct Back {
    ke: Option<String>,
}

/// `GET /bahasa/{code}?ke=/path`: remembers the language and goes back.
pub async fn switch_language(Path(code): Path<String>, Query(back): Query<Back>) -> Response {
    let Some(locale) = Locale::from_code(&code) else {
        return (
            StatusCode::NOT_FOUND,
            "bahasa tidak dikenal / unknown language",
        )
            .into_response();
    };
    let target = safe_return_path(back.ke.as_deref());
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        locale.code()
    );
    let mut response = Redirect::to(&target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Refuses state-changing requests sent by another site (CSRF): a POST whose
/// `Origin` (or, lacking it, `Referer`) names a different host than the request's
/// `Host`. Requests without either header (curl, SMS gateways, old browsers) pass;
/// browsers always send `Origin` on a cross-site form post.
pub async fn reject_cross_site_posts(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if request.method() == axum::http::Method::POST && is_cross_site(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "cross-site post refused");
        return (
            StatusCode::FORBIDDEN,
            "Permintaan ditolak: formulir ini harus dikirim dari situs LAPOR! sendiri. \
             / Request refused: this form must be sent from the LAPOR! site itself.",
        )
            .into_response();
    }
    next.run(request).await
}

fn is_cross_site(headers: &axum::http::HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    match source {
        None => false,
        // A sandboxed or privacy-stripped origin cannot prove it is us.
        Some("null") => true,
        Some(url) => origin_host(url) != Some(host),
    }
}

/// `https://example.id:8443/path` → `example.id:8443`.
fn origin_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    Some(rest.split(['/', '?', '#']).next().unwrap_or(rest))
}

#[cfg(test)]
mod csrf_tests {
    use super::*;
    use axum::http::{HeaderMap, HeaderValue};

    fn headers(pairs: &[(header::HeaderName, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.clone(), HeaderValue::from_static(value)))
            .collect()
    }

    #[test]
    fn a_post_from_our_own_pages_is_same_site() {
        let h = headers(&[
            (header::HOST, "lapor.id"),
            (header::ORIGIN, "https://lapor.id"),
        ]);
        assert!(!is_cross_site(&h));
        let h = headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::REFERER, "http://127.0.0.1:3000/lapor"),
        ]);
        assert!(!is_cross_site(&h));
    }

    #[test]
    fn a_post_from_another_site_is_cross_site() {
        let h = headers(&[
            (header::HOST, "lapor.id"),
            (header::ORIGIN, "https://evil.example"),
        ]);
        assert!(is_cross_site(&h));
        let h = headers(&[(header::HOST, "lapor.id"), (header::ORIGIN, "null")]);
        assert!(is_cross_site(&h));
        let h = headers(&[
            (header::HOST, "lapor.id"),
            (header::ORIGIN, "https://lapor.id.evil.example"),
        ]);
        assert!(is_cross_site(&h));
    }
}
