//! Reading what the reporter posts (urlencoded, or multipart with evidence) and the
//! answers: back to the page with a flash, or the page again with the form's problem.

use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

use crate::api::tracking::{ReporterFormState, ReporterNotice, FLASH_PARAM};
use crate::model::validation::Problem;
use crate::model::{TrackingNumber, TransitionError};
use crate::paths;
use crate::server::render::render_page;
use crate::server::state::AppState;
use crate::server::storage::{ReporterError, StorageError};
use crate::server::uploads::report_form::FILE_PART;
use crate::server::uploads::{UploadError, MAX_ATTACHMENTS, MAX_FILE_BYTES};

/// The largest reporter form body accepted.
const FORM_LIMIT_BYTES: usize = 32 * 1024;

/// A posted reporter form, every field optional.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ReporterPost {
    #[serde(default)]
    pub(super) pin: String,
    #[serde(default)]
    pub(super) teks: String,
    #[serde(default)]
    pub(super) bintang: String,
    #[serde(default)]
    pub(super) komentar: String,
    #[serde(default)]
    pub(super) alasan: String,
}

/// Reads the request: the form from the body, urlencoded or (a reply with evidence)
/// `multipart/form-data`, whose `lampiran` parts are returned as bytes.
pub(super) async fn read(
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
pub(super) fn file_notice(error: &UploadError) -> ReporterNotice {
    match error.problem() {
        Some(problem) => ReporterNotice::File(problem),
        None => {
            tracing::error!(%error, "reply attachment could not be stored");
            ReporterNotice::Unavailable
        }
    }
}

pub(super) fn page_uri(number: &TrackingNumber) -> String {
    paths::track(number.as_str())
}

pub(super) fn back_to_page(number: &TrackingNumber, done: &str) -> Response {
    Redirect::to(&format!("{}?{FLASH_PARAM}={done}", page_uri(number))).into_response()
}

/// The tracking page again, with the form that failed, what was typed and why.
pub(super) async fn render_again(
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
pub(super) async fn bad_number(state: AppState, parts: &Parts, raw: &str) -> Response {
    render_again(
        state,
        parts,
        raw,
        StatusCode::OK,
        ReporterFormState::default(),
    )
    .await
}

pub(super) fn status_for(notice: &ReporterNotice) -> StatusCode {
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

pub(super) fn notice_for(error: ReporterError) -> ReporterNotice {
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
