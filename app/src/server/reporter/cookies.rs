//! The reporter's cookies: the session that proves "I sent this report", and the
//! one-shot cookie that carries the PIN to the confirmation page.

use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

use crate::model::TrackingNumber;
use crate::paths;
use crate::server::http::{cookie_value, set_cookie, wants_secure_cookies};
use crate::server::state::AppState;
use crate::server::storage::{is_pin_shaped, ReporterSecret};

/// The session cookie for one report: `lapor_pelapor_<NUMBER>` (compact number).
pub fn session_cookie_name(number: &TrackingNumber) -> String {
    format!("lapor_pelapor_{}", number.as_str())
}

/// The session token the request carries for this report, if any (not yet checked).
pub fn session_token(headers: &HeaderMap, number: &TrackingNumber) -> Option<String> {
    cookie_value(headers, &session_cookie_name(number))
}

/// True when the request carries a live reporter session for this report.
pub async fn is_reporter(state: &AppState, headers: &HeaderMap, number: &TrackingNumber) -> bool {
    let Some(token) = session_token(headers, number) else {
        return false;
    };
    match state
        .store
        .reporter_session_valid(number, &token, state.clock.now())
        .await
    {
        Ok(valid) => valid,
        Err(error) => {
            tracing::warn!(%error, "reporter session check failed");
            false
        }
    }
}

/// The one-shot cookie that carries `NUMBER.PIN` from `POST /lapor` to the
/// confirmation page, which shows the PIN once and clears it.
pub const ONE_TIME_PIN_COOKIE: &str = "lapor_pin_sekali";
/// Where the one-shot cookie is sent.
pub const ONE_TIME_PIN_PATH: &str = paths::RECEIPTS;
const ONE_TIME_PIN_MAX_AGE: i64 = 600;
pub(super) const SESSION_MAX_AGE: i64 = crate::server::storage::SESSION_MS / 1000;

/// Adds the cookies a fresh submission hands the reporter: the session for this
/// report and the one-shot PIN for the confirmation page.
pub fn add_submission_cookies(
    response: &mut Response,
    request_headers: &HeaderMap,
    number: &TrackingNumber,
    secret: &ReporterSecret,
) {
    let secure = wants_secure_cookies(request_headers);
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        set_cookie(
            &session_cookie_name(number),
            &secret.session_token,
            "/",
            SESSION_MAX_AGE,
            secure,
        ),
    );
    headers.append(
        header::SET_COOKIE,
        set_cookie(
            ONE_TIME_PIN_COOKIE,
            &format!("{}.{}", number.as_str(), secret.pin),
            ONE_TIME_PIN_PATH,
            ONE_TIME_PIN_MAX_AGE,
            secure,
        ),
    );
}

/// The PIN in the one-shot cookie, when it is for this report.
pub fn one_time_pin(headers: &HeaderMap, number: &TrackingNumber) -> Option<String> {
    let value = cookie_value(headers, ONE_TIME_PIN_COOKIE)?;
    let (for_number, pin) = value.split_once('.')?;
    (for_number == number.as_str() && is_pin_shaped(pin)).then(|| pin.to_string())
}

/// The `Set-Cookie` value that removes the one-shot PIN cookie.
pub fn clear_one_time_pin(headers: &HeaderMap) -> HeaderValue {
    set_cookie(
        ONE_TIME_PIN_COOKIE,
        "",
        ONE_TIME_PIN_PATH,
        0,
        wants_secure_cookies(headers),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::header;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    header::HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                )
            })
            .collect()
    }

    #[test]
    fn cookies_are_secure_behind_an_https_proxy() {
        assert!(wants_secure_cookies(&headers(&[(
            "x-forwarded-proto",
            "https"
        )])));
        let cookie = set_cookie("a", "b", "/", 60, true);
        let text = cookie.to_str().unwrap_or_default();
        assert!(
            text.contains("HttpOnly") && text.contains("SameSite=Lax") && text.contains("Secure")
        );
    }

    #[test]
    fn the_one_time_pin_is_read_only_for_its_own_report() {
        let number = TrackingNumber::from_random([1, 2, 3, 4, 5, 6, 7, 8]);
        let other = TrackingNumber::from_random([8, 7, 6, 5, 4, 3, 2, 1]);
        let value = format!("x=1; {ONE_TIME_PIN_COOKIE}={}.012345", number.as_str());
        let mut map = HeaderMap::new();
        map.insert(
            header::COOKIE,
            HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static("")),
        );
        assert_eq!(one_time_pin(&map, &number).as_deref(), Some("012345"));
        assert_eq!(one_time_pin(&map, &other), None);
    }
}
