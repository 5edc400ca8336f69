//! The reporter's side of a report: the session cookie that proves "I sent this
//! report", PIN sign-in and sign-out, and the reporter's actions (reply, rate, reopen).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

use crate::api::tracking::{ReporterFormKind, ReporterFormState, ReporterNotice, FLASH_PARAM};
use crate::model::reporter::{ReplyKind, ReporterInputError};
use crate::model::validation::Problem;
use crate::model::{TrackingNumber, TransitionError};
use crate::paths;
use crate::server::http::{cookie_value, set_cookie, wants_secure_cookies};
use crate::server::render::render_page;
use crate::server::state::AppState;
use crate::server::storage::{is_pin_shaped, ReporterError, ReporterSecret, SignIn, StorageError};
use crate::server::uploads::report_form::FILE_PART;
use crate::server::uploads::{accept_file, UploadError, MAX_ATTACHMENTS, MAX_FILE_BYTES};

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
const SESSION_MAX_AGE: i64 = crate::server::storage::SESSION_MS / 1000;

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

/// The largest reporter form body accepted.
const FORM_LIMIT_BYTES: usize = 32 * 1024;

/// A posted reporter form, every field optional.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ReporterPost {
    #[serde(default)]
    pin: String,
    #[serde(default)]
    teks: String,
    #[serde(default)]
    bintang: String,
    #[serde(default)]
    komentar: String,
    #[serde(default)]
    alasan: String,
}

/// Reads the request: the form from the body, urlencoded or (a reply with evidence)
/// `multipart/form-data`, whose `lampiran` parts are returned as bytes.
async fn read(
    request: Request<Body>,
) -> (
    Parts,
    Option<ReporterPost>,
    Result<Vec<Vec<u8>>, ReporterNotice>,
) {
    let (parts, body) = request.into_parts();
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let form = match axum::body::to_bytes(body, FORM_LIMIT_BYTES).await {
            Ok(bytes) => serde_urlencoded::from_bytes::<ReporterPost>(&bytes).ok(),
            Err(_) => None,
        };
        return (parts, form, Ok(Vec::new()));
    }
    let mut request = Request::new(body);
    *request.headers_mut() = parts.headers.clone();
    let (form, files) = match read_multipart(request).await {
        Ok((form, files)) => (Some(form), Ok(files)),
        Err(notice) => (None, Err(notice)),
    };
    (parts, form, files)
}

async fn read_multipart(
    request: Request<Body>,
) -> Result<(ReporterPost, Vec<Vec<u8>>), ReporterNotice> {
    use axum::extract::{FromRequest, Multipart};
    let unreadable = |_| file_notice(&UploadError::BadRequest);
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|_| file_notice(&UploadError::BadRequest))?;
    let mut form = ReporterPost::default();
    let mut files = Vec::new();
    while let Some(part) = multipart.next_field().await.map_err(unreadable)? {
        let name = part.name().unwrap_or_default().to_string();
        if name == FILE_PART {
            let bytes = part
                .bytes()
                .await
                .map_err(|_| file_notice(&UploadError::TooLarge))?;
            // An empty file input still sends a part with no bytes.
            if bytes.is_empty() {
                continue;
            }
            if bytes.len() > MAX_FILE_BYTES {
                return Err(file_notice(&UploadError::TooLarge));
            }
            files.push(bytes.to_vec());
            continue;
        }
        let text = part.text().await.map_err(unreadable)?;
        match name.as_str() {
            "teks" => form.teks = text,
            "alasan" => form.alasan = text,
            "bintang" => form.bintang = text,
            "komentar" => form.komentar = text,
            "pin" => form.pin = text,
            _ => {}
        }
    }
    if files.len() > MAX_ATTACHMENTS {
        return Err(ReporterNotice::File(Problem::TooManyFiles {
            max: MAX_ATTACHMENTS,
        }));
    }
    Ok((form, files))
}

/// What the reporter reads when a file is refused (or cannot be stored now).
fn file_notice(error: &UploadError) -> ReporterNotice {
    match error.problem() {
        Some(problem) => ReporterNotice::File(problem),
        None => {
            tracing::error!(%error, "reply attachment could not be stored");
            ReporterNotice::Unavailable
        }
    }
}

fn page_uri(number: &TrackingNumber) -> String {
    paths::track(number.as_str())
}

fn back_to_page(number: &TrackingNumber, done: &str) -> Response {
    Redirect::to(&format!("{}?{FLASH_PARAM}={done}", page_uri(number))).into_response()
}

/// The tracking page again, with the form that failed, what was typed and why.
async fn render_again(
    state: AppState,
    parts: &Parts,
    raw_number: &str,
    status: StatusCode,
    form_state: ReporterFormState,
) -> Response {
    let uri = paths::track(&urlencode_path(raw_number));
    render_page(state, parts, &uri, status, move || {
        provide_context(form_state.clone())
    })
    .await
}

/// Keeps only characters a tracking number can have, so the path cannot be abused.
fn urlencode_path(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(32)
        .collect()
}

/// The page for an unusable number: the page itself explains (404 or 400).
async fn bad_number(state: AppState, parts: &Parts, raw: &str) -> Response {
    render_again(
        state,
        parts,
        raw,
        StatusCode::OK,
        ReporterFormState::default(),
    )
    .await
}

fn status_for(notice: &ReporterNotice) -> StatusCode {
    match notice {
        ReporterNotice::SignInFirst => StatusCode::FORBIDDEN,
        ReporterNotice::PinLocked => StatusCode::TOO_MANY_REQUESTS,
        ReporterNotice::Conflict => StatusCode::CONFLICT,
        ReporterNotice::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ReporterNotice::NotNow | ReporterNotice::AlreadyReopened | ReporterNotice::WindowPassed => {
            StatusCode::CONFLICT
        }
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

fn notice_for(error: ReporterError) -> ReporterNotice {
    match error {
        ReporterError::Input(problem) => ReporterNotice::Input(problem),
        ReporterError::NotNow => ReporterNotice::NotNow,
        ReporterError::AlreadyReopened => ReporterNotice::AlreadyReopened,
        ReporterError::WindowPassed => ReporterNotice::WindowPassed,
        ReporterError::Storage(StorageError::Conflict) => ReporterNotice::Conflict,
        ReporterError::Storage(StorageError::Refused(TransitionError::AlreadyReopened)) => {
            ReporterNotice::AlreadyReopened
        }
        ReporterError::Storage(StorageError::Refused(_)) => ReporterNotice::NotNow,
        ReporterError::Storage(StorageError::NotFound) => ReporterNotice::NotNow,
        ReporterError::Storage(other) => {
            tracing::error!(error = %other, "reporter step failed");
            ReporterNotice::Unavailable
        }
    }
}

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

/// Which reporter step a POST takes.
#[derive(Debug, Clone, Copy)]
enum Step {
    Reply,
    Rate,
    Reopen,
}

/// `POST /lacak/{number}/balas`: a reply, the missing details, or a message.
pub async fn reply(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request<Body>,
) -> Response {
    reporter_step(state, raw, request, Step::Reply).await
}

/// `POST /lacak/{number}/nilai`: rates the follow-up.
pub async fn rate(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request<Body>,
) -> Response {
    reporter_step(state, raw, request, Step::Rate).await
}

/// `POST /lacak/{number}/buka-kembali`: reopens the report, once.
pub async fn reopen(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request<Body>,
) -> Response {
    reporter_step(state, raw, request, Step::Reopen).await
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
            Ok(record) => tokens.push(record.token),
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

#[cfg(test)]
mod tests {
    use super::*;

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
