//! Small plain-HTTP handlers that are not pages.

use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::i18n::{Locale, LOCALE_COOKIE};

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
    let target = back
        .ke
        .filter(|path| is_local_path(path))
        .unwrap_or_else(|| "/".into());
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

/// Only paths on this site: no scheme, no `//host`, no backslash tricks.
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.contains("://")
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn the_language_switch_never_redirects_off_site() {
        assert!(is_local_path("/lacak/ABC"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\\evil.example"));
    }
}
