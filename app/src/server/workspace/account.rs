//! The staff member's own account: the page, a password change, ending the sessions
//! they have open elsewhere.

use axum::http::request::Parts;
use leptos::prelude::use_context;

use super::screens::badge;
use super::session::STAFF_COOKIE;
use crate::api::workspace::{AccountDone, AccountScreen, SignInLine};
use crate::api::ApiError;
use crate::model::staff::check_password_change;
use crate::model::validation::{Field, FieldError, Problem};
use crate::model::Timestamp;
use crate::server::http::cookie_value;
use crate::server::state::AppState;
use crate::server::storage::{PasswordChange, StaffAccount};

/// Sign-ins the account page lists.
const SIGN_INS_SHOWN: i64 = 10;

/// The session token of the request being answered (its cookie).
fn session_token() -> Result<String, ApiError> {
    use_context::<Parts>()
        .and_then(|parts| cookie_value(&parts.headers, STAFF_COOKIE))
        .ok_or(ApiError::SignInRequired)
}

pub async fn account_screen(
    state: &AppState,
    staff: &StaffAccount,
) -> Result<AccountScreen, ApiError> {
    let token = session_token()?;
    let sign_ins = state
        .store
        .recent_sign_ins(staff, SIGN_INS_SHOWN)
        .await?
        .into_iter()
        .map(|entry| SignInLine {
            at: Timestamp(entry.at),
            address: entry.address,
            failed: entry.action != "sign_in",
        })
        .collect();
    Ok(AccountScreen {
        me: badge(state, staff).await?,
        email: staff.email.clone(),
        sign_ins,
        other_sessions: state.store.other_sessions(staff, &token).await?,
    })
}

pub async fn change_password(
    state: &AppState,
    staff: &StaffAccount,
    address: Option<&str>,
    current: &str,
    new: &str,
    repeat: &str,
) -> Result<AccountDone, ApiError> {
    let problems = check_password_change(current, new, repeat);
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let token = session_token()?;
    let wrong = || {
        ApiError::Invalid(vec![FieldError {
            field: Field::Password,
            problem: Problem::Invalid,
        }])
    };
    match state
        .store
        .change_own_password(staff, current, new, &token, address, state.clock.now())
        .await?
    {
        PasswordChange::Changed { ended_sessions } => Ok(AccountDone { ended_sessions }),
        // Throttled reads as a wrong password too: the page never helps a guesser.
        PasswordChange::WrongCurrent | PasswordChange::Throttled => Err(wrong()),
    }
}

pub async fn sign_out_elsewhere(
    state: &AppState,
    staff: &StaffAccount,
    address: Option<&str>,
) -> Result<AccountDone, ApiError> {
    let token = session_token()?;
    let ended_sessions = state
        .store
        .end_other_sessions(staff, &token, address, state.clock.now())
        .await?;
    Ok(AccountDone { ended_sessions })
}
