//! The HTTP side of attachments: `POST /lampiran` (one file, JSON answer),
//! `GET /lampiran/{token}` (preview of one's own pending upload) and
//! [`attachment_response`] (a report's attachment, for callers that checked access).

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::multipart::{Field as Part, MultipartError};
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::GovernorLayer;

use super::{accept_file, UploadError, MAX_FILE_BYTES, RATE_BURST, RATE_REFILL_SECONDS};
use crate::i18n::{Key, Locale};
use crate::labels;
use crate::model::validation::Field;
use crate::model::TrackingNumber;
use crate::paths;
use crate::server::http::{error_json, limit_body, request_locale};
use crate::server::state::AppState;
use crate::server::storage::AttachmentRecord;

/// The multipart part `POST /lampiran` reads.
pub const UPLOAD_PART: &str = "berkas";

/// `POST /lampiran` and `GET /lampiran/{token}`, with the upload's own body limit and
/// rate limit (per client IP: the server must be served with `ConnectInfo`).
pub fn routes() -> Router<AppState> {
    let upload = limit_body(post(post_upload), super::UPLOAD_BODY_LIMIT);
    let upload = match GovernorConfigBuilder::default()
        .per_second(RATE_REFILL_SECONDS)
        .burst_size(RATE_BURST)
        .finish()
    {
        Some(config) => {
            let config = Arc::new(config);
            // The limiter remembers every client IP it saw; forget the idle ones.
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                let limiter = config.limiter().clone();
                runtime.spawn(async move {
                    let mut every = tokio::time::interval(Duration::from_secs(60));
                    loop {
                        every.tick().await;
                        limiter.retain_recent();
                    }
                });
            }
            upload
                .layer(GovernorLayer::new(config))
                .layer(axum::middleware::from_fn(explain_rate_limit))
        }
        None => {
            tracing::warn!("upload rate limit misconfigured: uploads are not rate limited");
            upload
        }
    };
    Router::new()
        .route(paths::UPLOAD, upload)
        .route(paths::route::PENDING_UPLOAD, get(get_pending))
}

/// The sentence a citizen reads for `error`.
pub(crate) fn upload_message(error: &UploadError, locale: Locale) -> String {
    match (error, error.problem()) {
        (UploadError::BadRequest, _) => Key::ErrUploadRequest.text(locale).to_string(),
        (_, Some(problem)) => labels::problem(Field::Attachments, problem, locale),
        (_, None) => Key::ErrUploadFailed.text(locale).to_string(),
    }
}

/// Turns the rate limiter's bare 429 into the JSON every upload answer uses.
async fn explain_rate_limit(request: Request, next: Next) -> Response {
    let locale = request_locale(request.headers());
    let response = next.run(request).await;
    if response.status() != StatusCode::TOO_MANY_REQUESTS {
        return response;
    }
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let mut answer = error_json(
        StatusCode::TOO_MANY_REQUESTS,
        Key::ErrUploadBusy.text(locale),
    );
    if let Some(value) = retry_after {
        answer.headers_mut().insert(header::RETRY_AFTER, value);
    }
    answer
}

/// `POST /lampiran`: one file in the multipart part `berkas`. Answers 201 with
/// `{"token", "kind", "bytes", "width", "height"}`, or an error status with
/// `{"error": "…"}`: 413 too big, 415 not a photo or PDF, 422 damaged, too many pixels
/// or encrypted, 429 too many uploads.
pub async fn post_upload(State(state): State<AppState>, request: Request) -> Response {
    let locale = request_locale(request.headers());
    match receive_upload(&state, request).await {
        Ok(record) => (
            StatusCode::CREATED,
            Json(serde_json::json!({
                "token": record.file.token,
                "kind": record.kind().code(),
                "bytes": record.file.byte_size,
                "width": record.file.width,
                "height": record.file.height,
            })),
        )
            .into_response(),
        Err(error) => {
            if let UploadError::Storage(detail) = &error {
                tracing::error!(%detail, "upload could not be stored");
            }
            error_json(error.status(), &upload_message(&error, locale))
        }
    }
}

async fn receive_upload(
    state: &AppState,
    request: Request,
) -> Result<AttachmentRecord, UploadError> {
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                UploadError::TooLarge
            } else {
                UploadError::BadRequest
            }
        })?;
    while let Some(part) = multipart.next_field().await.map_err(multipart_error)? {
        if part.name() == Some(UPLOAD_PART) {
            let raw = read_part(part).await?;
            return accept_file(state, raw).await;
        }
    }
    Err(UploadError::BadRequest)
}

/// The bytes of one file part, refused as soon as they pass [`MAX_FILE_BYTES`].
pub(crate) async fn read_part(mut part: Part<'_>) -> Result<Vec<u8>, UploadError> {
    let mut raw = Vec::new();
    while let Some(chunk) = part.chunk().await.map_err(multipart_error)? {
        if raw.len() + chunk.len() > MAX_FILE_BYTES {
            return Err(UploadError::TooLarge);
        }
        raw.extend_from_slice(&chunk);
    }
    Ok(raw)
}

pub(crate) fn multipart_error(error: MultipartError) -> UploadError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        UploadError::TooLarge
    } else {
        UploadError::BadRequest
    }
}

/// `GET /lampiran/{token}`: a pending upload, to whoever holds its token (the preview
/// before sending). 404 once it is part of a report: from then on only the report's
/// own pages serve it, after their access check.
pub async fn get_pending(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let well_formed = token.len() == 40 && token.bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return StatusCode::NOT_FOUND.into_response();
    }
    match state.store.pending_attachment(&token).await {
        Ok(Some(record)) => serve(&state, &record, "private, no-store").await,
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "pending attachment lookup failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// Attachment `attachment_id` of report `number`, ready to send. **The caller checks
/// that the requester may see the report's attachments** (the reporter, or staff
/// handling it); this only checks that the attachment belongs to that report (404
/// otherwise).
pub async fn attachment_response(
    state: &AppState,
    number: &TrackingNumber,
    attachment_id: i64,
) -> Response {
    match state.store.report_attachment(number, attachment_id).await {
        Ok(Some(record)) => serve(state, &record, "private, max-age=3600").await,
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "attachment lookup failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The stored bytes with headers that keep browsers from guessing the type and, for
/// PDFs, from running anything in them.
async fn serve(state: &AppState, record: &AttachmentRecord, cache: &'static str) -> Response {
    let bytes = match state.blobs.get(&record.file.blob_key).await {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            tracing::warn!(id = record.id, "attachment row without bytes");
            return StatusCode::NOT_FOUND.into_response();
        }
        Err(error) => {
            tracing::error!(%error, "attachment bytes unreadable");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let extension = match record.file.media_type.as_str() {
        "image/png" => "png",
        "application/pdf" => "pdf",
        _ => "jpg",
    };
    let disposition = format!("inline; filename=\"lampiran-{}.{extension}\"", record.id);
    let mut response = Body::from(bytes).into_response();
    let headers = response.headers_mut();
    let pairs = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_str(&record.file.media_type).ok(),
        ),
        (
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&disposition).ok(),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            Some(HeaderValue::from_static("nosniff")),
        ),
        (header::CACHE_CONTROL, Some(HeaderValue::from_static(cache))),
        (
            header::CONTENT_SECURITY_POLICY,
            Some(HeaderValue::from_static(if extension == "pdf" {
                "default-src 'none'; sandbox"
            } else {
                "default-src 'none'"
            })),
        ),
    ];
    for (name, value) in pairs {
        if let Some(value) = value {
            headers.insert(name, value);
        }
    }
    response
}

/// The report and attachment an address names; `None` (a 404) for anything malformed.
fn attachment_address((number, id): (String, String)) -> Option<(TrackingNumber, i64)> {
    Some((TrackingNumber::parse(&number).ok()?, id.parse().ok()?))
}

/// `GET /lacak/{number}/lampiran/{id}`: for the reporter signed in to this report
/// only. Everyone else gets 404, as if there were nothing: photos can identify the
/// reporter, so the public never sees attachments.
pub async fn get_report_attachment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(address): Path<(String, String)>,
) -> Response {
    serve_attachment(state, headers, address, Reader::Reporter).await
}

/// `GET /ruang-kerja/laporan/{number}/lampiran/{id}`: an attachment for staff who may
/// read the report (their scope); 404 for everyone else.
pub async fn get_staff_attachment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(address): Path<(String, String)>,
) -> Response {
    serve_attachment(state, headers, address, Reader::Staff).await
}

/// Who asks for an attachment.
#[derive(Clone, Copy)]
enum Reader {
    /// The reporter, by their session for this report.
    Reporter,
    /// Staff whose scope holds the report.
    Staff,
}

/// The attachment an address names, to a reader who may see the report; 404 for
/// anything else (a malformed address included).
async fn serve_attachment(
    state: AppState,
    headers: HeaderMap,
    address: (String, String),
    reader: Reader,
) -> Response {
    let Some((number, id)) = attachment_address(address) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let allowed = match reader {
        Reader::Reporter => crate::server::reporter::is_reporter(&state, &headers, &number).await,
        Reader::Staff => match crate::server::workspace::staff_from_headers(&state, &headers).await
        {
            Some(staff) => state.store.report_for_staff(&number, &staff).await.is_ok(),
            None => false,
        },
    };
    if !allowed {
        return StatusCode::NOT_FOUND.into_response();
    }
    attachment_response(&state, &number, id).await
}

/// Every hour, removes pending uploads older than a day, and their bytes.
pub fn spawn_pending_purge(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(60 * 60));
        loop {
            every.tick().await;
            match super::purge_pending(&state.store, state.blobs.as_ref(), state.clock.now()).await
            {
                Ok(0) => {}
                Ok(purged) => tracing::info!(purged, "expired pending uploads removed"),
                Err(error) => tracing::warn!(%error, "purging pending uploads failed"),
            }
        }
    })
}
