//! What the reporter does on their report's page: sign in with the PIN, sign out,
//! reply, rate, reopen.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use axum::routing::{post, MethodRouter};

use crate::api::tracking::{ReporterFormKind, ReporterFormState, ReporterNotice};
use crate::model::reporter::{ReplyKind, ReporterInputError};
use crate::model::TrackingNumber;
use crate::server::http::{set_cookie, wants_secure_cookies};
use crate::server::state::AppState;
use crate::server::storage::{is_pin_shaped, ReporterError, SignIn, StorageError};
use crate::server::uploads::accept_file;

use super::cookies::{is_reporter, session_cookie_name, session_token, SESSION_MAX_AGE};
use super::form::{
    back_to_page, bad_number, file_notice, notice_for, read, render_again, status_for,
};

/// `POST /lacak/{number}/masuk`: the reporter signs in with their PIN.
pub async fn sign_in(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request<Body>,
) -> Response {
    let (parts, form, _) = read(request).await;
    let Ok(number) = TrackingNumber::parse(&raw) else {
        return bad_number(state, &parts, &raw).await;
    };
    let pin = form.map(|f| f.pin.trim().to_string()).unwrap_or_default();
    let notice = if !is_pin_shaped(&pin) {
        ReporterNotice::PinMalformed
    } else {
        match state
            .store
            .sign_in_reporter(&number, &pin, state.clock.now())
            .await
        {
            Ok(SignIn::Opened { session_token }) => {
                let mut response = back_to_page(&number, "masuk");
                response.headers_mut().append(
                    header::SET_COOKIE,
                    set_cookie(
                        &session_cookie_name(&number),
                        &session_token,
                        "/",
                        SESSION_MAX_AGE,
                        wants_secure_cookies(&parts.headers),
                    ),
                );
                return response;
            }
            Ok(SignIn::WrongPin { tries_left }) => ReporterNotice::WrongPin { tries_left },
            Ok(SignIn::Locked { .. }) => ReporterNotice::PinLocked,
            // No such report (the page says so), or one sent without a PIN (SMS, demo data).
            Err(StorageError::NotFound) => match state.store.report_version(&number).await {
                Ok(Some(_)) => ReporterNotice::NoPin,
                _ => return bad_number(state, &parts, &raw).await,
            },
            Err(error) => {
                tracing::error!(%error, "PIN sign-in failed");
                ReporterNotice::Unavailable
            }
        }
    };
    let status = status_for(&notice);
    let form_state = ReporterFormState::failed(ReporterFormKind::SignIn, notice);
    render_again(state, &parts, &raw, status, form_state).await
}

/// `POST /lacak/{number}/keluar`: ends the reporter's session on this device.
pub async fn sign_out(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request<Body>,
) -> Response {
    let (parts, _, _) = read(request).await;
    let Ok(number) = TrackingNumber::parse(&raw) else {
        return bad_number(state, &parts, &raw).await;
    };
    if let Some(token) = session_token(&parts.headers, &number) {
        if let Err(error) = state.store.end_reporter_session(&token).await {
            tracing::error!(%error, "sign-out failed");
        }
    }
    let mut response = back_to_page(&number, "keluar");
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            &session_cookie_name(&number),
            "",
            "/",
            0,
            wants_secure_cookies(&parts.headers),
        ),
    );
    response
}

/// Which reporter step a POST takes: `balas` (a reply, the missing details, or a
/// message), `nilai` (rates the follow-up), `buka-kembali` (reopens the report, once).
#[derive(Debug, Clone, Copy)]
pub enum Step {
    Reply,
    Rate,
    Reopen,
}

/// `POST /lacak/{number}/{step}`: the handler of one reporter step.
pub fn step(step: Step) -> MethodRouter<AppState> {
    post(
        move |State(state): State<AppState>, Path(raw): Path<String>, request: Request<Body>| {
            reporter_step(state, raw, request, step)
        },
    )
}

async fn reporter_step(
    state: AppState,
    raw: String,
    request: Request<Body>,
    step: Step,
) -> Response {
    let (parts, form, files) = read(request).await;
    let Ok(number) = TrackingNumber::parse(&raw) else {
        return bad_number(state, &parts, &raw).await;
    };
    let form = form.unwrap_or_default();
    let kind = match step {
        Step::Reply => ReporterFormKind::Reply,
        Step::Rate => ReporterFormKind::Rate,
        Step::Reopen => ReporterFormKind::Reopen,
    };
    let kept = |notice: ReporterNotice| ReporterFormState {
        form: Some(kind),
        notice: Some(notice),
        text: match step {
            Step::Reply => form.teks.clone(),
            Step::Reopen => form.alasan.clone(),
            Step::Rate => String::new(),
        },
        stars: form.bintang.trim().parse().ok(),
        comment: form.komentar.clone(),
    };
    if !is_reporter(&state, &parts.headers, &number).await {
        let form_state = kept(ReporterNotice::SignInFirst);
        return render_again(state, &parts, &raw, StatusCode::FORBIDDEN, form_state).await;
    }
    // Evidence sent with a reply: each file checked and stored first, so a refused
    // file leaves the reply unsent and the form shown again with what was typed.
    let files = match files {
        Ok(files) => files,
        Err(notice) => {
            let status = status_for(&notice);
            return render_again(state, &parts, &raw, status, kept(notice)).await;
        }
    };
    let mut tokens = Vec::with_capacity(files.len());
    for file in files {
        match accept_file(&state, file).await {
            Ok(record) => tokens.push(record.file.token),
            Err(error) => {
                let notice = file_notice(&error);
                return render_again(state, &parts, &raw, error.status(), kept(notice)).await;
            }
        }
    }
    let now = state.clock.now();
    let result = match step {
        Step::Reply => match state.store.reporter_reply(&number, &form.teks, now).await {
            // Files go with the answer to "please complete your report" only; the
            // form offers them nowhere else.
            Ok(outcome) if outcome.kind == ReplyKind::Complete && !tokens.is_empty() => state
                .store
                .add_report_attachments(&number, &tokens)
                .await
                .map(|()| "lengkap")
                .map_err(ReporterError::Storage),
            Ok(outcome) => Ok(match outcome.kind {
                ReplyKind::ReplyToFollowUp => "balas",
                ReplyKind::Complete => "lengkap",
                ReplyKind::Message => "pesan",
            }),
            Err(error) => Err(error),
        },
        Step::Rate => match form.bintang.trim().parse::<i64>() {
            Ok(stars) => state
                .store
                .rate_report(&number, stars, &form.komentar, now)
                .await
                .map(|()| "nilai"),
            Err(_) => Err(ReporterError::Input(ReporterInputError::StarsOutOfRange)),
        },
        Step::Reopen => state
            .store
            .reporter_reopen(&number, &form.alasan, now)
            .await
            .map(|_| "buka"),
    };
    match result {
        Ok(done) => back_to_page(&number, done),
        Err(error) => {
            let notice = notice_for(error);
            let status = status_for(&notice);
            render_again(state, &parts, &raw, status, kept(notice)).await
        }
    }
}
