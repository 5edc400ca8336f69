//! Attachments: photos and PDFs a citizen sends with a report, made safe on arrival.
//!
//! The path of every file, whichever way it comes (`POST /lampiran` with JavaScript,
//! or inside the no-JavaScript `multipart/form-data` `POST /lapor`):
//! 1. size checked as received ([`MAX_FILE_BYTES`]);
//! 2. type decided by the file's own bytes (`infer`), never by its name or the type the
//!    browser claims: JPEG, PNG, WebP or PDF, nothing else;
//! 3. cleaned ([`sanitize`]): pictures decoded within [`MAX_PIXELS`], turned upright by
//!    their EXIF orientation, shrunk to [`MAX_LONG_SIDE`] and re-encoded, so no EXIF
//!    (GPS above all), XMP or text chunk survives; PDFs lose their document info, XMP
//!    and every active part wherever it hangs (JavaScript, launch/submit/import/remote
//!    actions, embedded and attached files, XFA, rich media: `pdf.rs`), and encrypted
//!    ones are refused;
//! 4. stored under a random key chosen by the server ([`blob`]); the citizen's file
//!    name is never kept, as it can identify them;
//! 5. recorded as a *pending* attachment with a random token; submitting the report
//!    links pending attachments to it in the same transaction. Pending ones older than
//!    [`PENDING_TTL_MS`] are purged with their bytes ([`purge_pending`]).
//!
//! # Limits
//! | what | limit | answer |
//! |---|---|---|
//! | one file as received | [`MAX_FILE_BYTES`] = 10 MB | 413 |
//! | all files of one report | [`MAX_TOTAL_BYTES`] = 25 MB (stored sizes) | field error |
//! | files per report | [`MAX_ATTACHMENTS`] = 5 | field error |
//! | decoded picture | [`MAX_PIXELS`] = 40 megapixels | 422 |
//! | stored picture | long side at most [`MAX_LONG_SIDE`] = 2560 px (shrunk, not refused) | |
//! | `POST /lampiran` per client IP | burst [`RATE_BURST`] = 20, then one every [`RATE_REFILL_SECONDS`] = 3 s | 429 |
//! | request body, `POST /lampiran` | [`UPLOAD_BODY_LIMIT`] (one file + multipart overhead) | 413 |
//! | request body, multipart `POST /lapor` | [`REPORT_BODY_LIMIT`] (all files + the text fields) | 413 |

pub mod blob;
pub mod handlers;
mod pdf;
pub mod report_form;
pub mod sanitize;

use axum::http::StatusCode;

use crate::model::validation::Problem;

pub use blob::{BlobError, BlobStore, LocalDirStore};
pub use handlers::{attachment_response, get_report_attachment, routes, spawn_pending_purge};
pub use report_form::{read_report_post, PostError, PostedAttachments};
pub use sanitize::{sanitize, sanitize_blocking, Kind, Sanitized};

/// The largest file accepted, as received (before cleaning).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The most bytes all attachments of one report may take, as stored.
pub const MAX_TOTAL_BYTES: usize = 25 * 1024 * 1024;
/// The most attachments one report may carry.
pub const MAX_ATTACHMENTS: usize = crate::model::validation::MAX_ATTACHMENTS;
/// The most pixels a picture may decode to (width × height).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Pictures larger than this on their long side are shrunk to it.
pub const MAX_LONG_SIDE: u32 = 2560;
/// JPEG quality of re-encoded photos.
pub const JPEG_QUALITY: u8 = 85;
/// A pending upload (not yet part of a report) is purged after this long.
pub const PENDING_TTL_MS: i64 = 24 * 60 * 60 * 1000;
/// `POST /lampiran`: uploads a client may send at once before being slowed down…
pub const RATE_BURST: u32 = 20;
/// …and the seconds after which it may send one more.
pub const RATE_REFILL_SECONDS: u64 = 3;
/// Room for multipart boundaries and part headers.
const MULTIPART_OVERHEAD: usize = 64 * 1024;
/// Body limit of `POST /lampiran`: one file.
pub const UPLOAD_BODY_LIMIT: usize = MAX_FILE_BYTES + MULTIPART_OVERHEAD;
/// Body limit of a multipart `POST /lapor`: every file plus the text fields. Each file
/// is still held to [`MAX_FILE_BYTES`] on its own.
pub const REPORT_BODY_LIMIT: usize = MAX_ATTACHMENTS * MAX_FILE_BYTES + MULTIPART_OVERHEAD;

/// Why a file was not taken.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("file larger than the limit")]
    TooLarge,
    #[error("not a JPEG, PNG, WebP or PDF")]
    WrongType,
    #[error("damaged or unreadable file: {0}")]
    Unreadable(String),
    #[error("picture has too many pixels")]
    TooManyPixels,
    #[error("encrypted PDF")]
    Encrypted,
    #[error("the request holds no readable file")]
    BadRequest,
    /// Internal (disk or database): never show the text to users.
    #[error("storage failed: {0}")]
    Storage(String),
}

impl UploadError {
    /// The HTTP status `POST /lampiran` answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            UploadError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            UploadError::WrongType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            UploadError::Unreadable(_) | UploadError::TooManyPixels | UploadError::Encrypted => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            UploadError::BadRequest => StatusCode::BAD_REQUEST,
            UploadError::Storage(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The problem shown on the attachments field; `None` for failures that are not
    /// the file's fault.
    pub fn problem(&self) -> Option<Problem> {
        Some(match self {
            UploadError::TooLarge => Problem::FileTooLarge {
                max_mb: MAX_FILE_BYTES / (1024 * 1024),
            },
            UploadError::WrongType => Problem::FileType,
            UploadError::Unreadable(_) | UploadError::BadRequest => Problem::FileUnreadable,
            UploadError::TooManyPixels => Problem::TooManyPixels {
                max_megapixels: (MAX_PIXELS / 1_000_000) as usize,
            },
            UploadError::Encrypted => Problem::FileEncrypted,
            UploadError::Storage(_) => return None,
        })
    }
}

impl From<BlobError> for UploadError {
    fn from(error: BlobError) -> Self {
        UploadError::Storage(error.to_string())
    }
}

impl From<crate::server::storage::StorageError> for UploadError {
    fn from(error: crate::server::storage::StorageError) -> Self {
        UploadError::Storage(error.to_string())
    }
}

/// A fresh random name: `bytes` random bytes as lowercase hex (URL- and file-safe).
pub fn random_hex(bytes: usize) -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..bytes)
        .map(|_| format!("{:02x}", rng.random::<u8>()))
        .collect()
}

/// Removes pending uploads older than [`PENDING_TTL_MS`] and their bytes; returns how
/// many were removed. Run hourly by the server.
pub async fn purge_pending(
    store: &crate::server::storage::Store,
    blobs: &dyn BlobStore,
    now: crate::model::Timestamp,
) -> Result<usize, UploadError> {
    let keys = store
        .purge_pending_attachments(crate::model::Timestamp(now.0 - PENDING_TTL_MS))
        .await?;
    for key in &keys {
        if let Err(error) = blobs.delete(key).await {
            tracing::warn!(%error, "purged attachment's bytes could not be deleted");
        }
    }
    Ok(keys.len())
}

/// Takes one received file all the way: cleaned (off the async threads), stored, and
/// recorded as pending. Returns the record.
pub async fn accept_file(
    state: &crate::server::state::AppState,
    raw: Vec<u8>,
) -> Result<crate::server::storage::AttachmentRecord, UploadError> {
    let clean = sanitize_blocking(raw).await?;
    let key = random_hex(16);
    state.blobs.put(&key, clean.bytes.clone()).await?;
    let new = crate::server::storage::NewAttachment {
        blob_key: key.clone(),
        media_type: clean.media_type.to_string(),
        byte_size: clean.bytes.len() as i64,
        width: clean.width.map(i64::from),
        height: clean.height.map(i64::from),
        token: random_hex(20),
    };
    match state
        .store
        .insert_pending_attachment(&new, state.clock.now())
        .await
    {
        Ok(record) => Ok(record),
        Err(error) => {
            let _ = state.blobs.delete(&key).await;
            Err(error.into())
        }
    }
}
