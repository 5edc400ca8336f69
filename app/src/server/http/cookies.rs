//! Cookies: reading one from a request, and the one way we write them (`HttpOnly`,
//! `Secure` behind HTTPS).

use axum::http::{header, HeaderMap, HeaderValue};

/// The value of the cookie `name` in the request, if any.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_string())
        .filter(|value| !value.is_empty())
}

/// Whether cookies must carry `Secure`: the request came over HTTPS (as the proxy
/// says) or the operator asks for it with `LAPOR_SECURE_COOKIES=1`.
pub fn wants_secure_cookies(headers: &HeaderMap) -> bool {
    let forwarded_https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"));
    forwarded_https || std::env::var("LAPOR_SECURE_COOKIES").is_ok_and(|v| v.trim() == "1")
}

/// A `Set-Cookie` value, `SameSite=Lax`. `max_age` 0 clears the cookie.
pub fn set_cookie(name: &str, value: &str, path: &str, max_age: i64, secure: bool) -> HeaderValue {
    cookie_header(name, value, path, max_age, secure, "Lax")
}

/// An `HttpOnly` `Set-Cookie` value with the given `SameSite` (`Lax` or `Strict`).
pub fn cookie_header(
    name: &str,
    value: &str,
    path: &str,
    max_age: i64,
    secure: bool,
    same_site: &str,
) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let cookie = format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite={same_site}{secure}"
    );
    // Names and values here are ASCII we made ourselves; fall back to a harmless header.
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static("x=; Max-Age=0"))
}
