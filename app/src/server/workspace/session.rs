//! The staff session: the cookie, sign-in at `/masuk` and sign-out at `/keluar` (plain
//! form posts, so they work before any script), and who is asking.

use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::{provide_context, use_context};

use crate::api::workspace::SignInNotice;
use crate::api::ApiError;
use crate::i18n::Key;
use crate::model::workspace::SESSION_ABSOLUTE_MS;
use crate::paths;
use crate::server::http::{
    client_address, cookie_header, cookie_value, read_form, wants_secure_cookies,
    workspace_return_path,
};
use crate::server::render::render_page;
use crate::server::state::{app_state, AppState};
use crate::server::storage::{StaffAccount, StaffSignIn};

/// The staff session cookie: a random token; the database keeps only its hash.
pub const STAFF_COOKIE: &str = "lapor_petugas";

/// The staff member whose live session the request carries.
pub async fn staff_from_headers(state: &AppState, headers: &HeaderMap) -> Option<StaffAccount> {
    let token = cookie_value(headers, STAFF_COOKIE)?;
    match state
        .store
        .staff_for_session(&token, state.clock.now())
        .await
    {
        Ok(staff) => staff,
        Err(error) => {
            tracing::warn!(%error, "staff session check failed");
            None
        }
    }
}

/// For server functions and pages: the app state, the signed-in staff member and
/// their address; `SignInRequired` without a live session.
pub async fn signed_in_staff() -> Result<(AppState, StaffAccount, Option<String>), ApiError> {
    let state = app_state()?;
    let parts = use_context::<Parts>().ok_or(ApiError::Unavailable)?;
    let staff = staff_from_headers(&state, &parts.headers)
        .await
        .ok_or(ApiError::SignInRequired)?;
    Ok((state, staff, client_address(&parts)))
}

fn session_cookie(value: &str, max_age_s: i64, secure: bool) -> HeaderValue {
    // Strict: the workspace is never entered from a link on another site with the
    // session; HttpOnly (as every cookie of ours): no script reads it.
    cookie_header(STAFF_COOKIE, value, "/", max_age_s, secure, "Strict")
}

#[derive(Debug, Default, serde::Deserialize)]
struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    kata_sandi: String,
    /// The workspace page to come back to (`?ke=` of the sign-in page).
    #[serde(default)]
    ke: Option<String>,
}

const SIGN_IN_FORM_LIMIT: usize = 4 * 1024;

/// `POST /masuk`: a new session (a new id, whatever the browser had) and on to the
/// workspace; otherwise the page again with one message that never says which of
/// email and password was wrong.
pub async fn sign_in(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let (parts, form): (_, SignInForm) = read_form(request, SIGN_IN_FORM_LIMIT).await;
    let address = client_address(&parts);
    let now = state.clock.now();
    let outcome = if form.email.trim().is_empty() || form.kata_sandi.is_empty() {
        Ok(StaffSignIn::Refused)
    } else {
        state
            .store
            .sign_in_staff(&form.email, &form.kata_sandi, address.as_deref(), now)
            .await
    };
    let (message, status) = match outcome {
        Ok(StaffSignIn::Opened { session_token, .. }) => {
            if let Some(old) = cookie_value(&parts.headers, STAFF_COOKIE) {
                if let Err(error) = state
                    .store
                    .sign_out_staff(&old, address.as_deref(), now)
                    .await
                {
                    tracing::warn!(%error, "ending the previous staff session failed");
                }
            }
            let back = workspace_return_path(form.ke.as_deref());
            return session_opened(&parts.headers, &session_token, &back);
        }
        Ok(StaffSignIn::Refused) => (Key::WsSignInRefused, StatusCode::UNAUTHORIZED),
        Ok(StaffSignIn::Throttled) => (Key::WsSignInThrottled, StatusCode::TOO_MANY_REQUESTS),
        Err(error) => {
            tracing::error!(%error, "staff sign-in failed");
            (Key::ErrUnavailable, StatusCode::SERVICE_UNAVAILABLE)
        }
    };
    let notice = SignInNotice {
        message,
        email: form.email.trim().chars().take(254).collect(),
        back: form.ke.map(|ke| workspace_return_path(Some(&ke))),
    };
    render_page(state, &parts, paths::STAFF_SIGN_IN, status, move || {
        provide_context(notice.clone())
    })
    .await
}

/// On to `back` with the new session's cookie.
pub(crate) fn session_opened(headers: &HeaderMap, session_token: &str, back: &str) -> Response {
    let mut response = Redirect::to(back).into_response();
    let cookie = session_cookie(
        session_token,
        SESSION_ABSOLUTE_MS / 1000,
        wants_secure_cookies(headers),
    );
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    response
}

/// `POST /keluar`: ends the session here and in the database.
pub async fn sign_out(State(state): State<AppState>, request: axum::extract::Request) -> Response {
    let (parts, _) = request.into_parts();
    if let Some(token) = cookie_value(&parts.headers, STAFF_COOKIE) {
        let address = client_address(&parts);
        if let Err(error) = state
            .store
            .sign_out_staff(&token, address.as_deref(), state.clock.now())
            .await
        {
            tracing::error!(%error, "staff sign-out failed");
        }
    }
    let mut response = Redirect::to(&format!("{}?keluar=1", paths::STAFF_SIGN_IN)).into_response();
    let cookie = session_cookie("", 0, wants_secure_cookies(&parts.headers));
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    response
}
