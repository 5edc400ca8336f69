//! Reading `POST /lapor` in either encoding: `application/x-www-form-urlencoded` (no
//! files, maybe kept `lampiran_token`s) or `multipart/form-data` (the form without
//! JavaScript: text parts, `lampiran` file parts, kept `lampiran_token`s).

use axum::body::Body;
use axum::extract::{FromRequest, Multipart};
use axum::http::{header, request::Parts, Request};

use super::handlers::{multipart_error, read_part};
use super::{accept_file, UploadError, MAX_ATTACHMENTS, MAX_TOTAL_BYTES};
use crate::api::citizen::KeptAttachment;
use crate::model::validation::{Field, FieldError, Problem, ReportForm};
use crate::server::state::AppState;
use crate::server::storage::AttachmentRecord;

/// The multipart part holding a new file (`<input type="file" name="lampiran">`).
pub const FILE_PART: &str = "lampiran";
/// A field naming an upload already stored as pending (repeatable).
pub const TOKEN_FIELD: &str = "lampiran_token";

/// The largest text form accepted (urlencoded body, or the text parts together).
const TEXT_LIMIT_BYTES: usize = 64 * 1024;

/// The attachments a report post brings: the pending uploads it may link (kept ones
/// first, then new files, within the limits) and what was wrong with the rest.
#[derive(Debug, Clone, Default)]
pub struct PostedAttachments {
    pub accepted: Vec<AttachmentRecord>,
    pub problems: Vec<Problem>,
}

impl PostedAttachments {
    /// The tokens to link, in order.
    pub fn tokens(&self) -> Vec<String> {
        self.accepted.iter().map(|a| a.file.token.clone()).collect()
    }

    /// One field error per distinct problem, on the attachments field.
    pub fn errors(&self) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> = Vec::new();
        for problem in &self.problems {
            let error = FieldError {
                field: Field::Attachments,
                problem: *problem,
            };
            if !errors.contains(&error) {
                errors.push(error);
            }
        }
        errors
    }

    /// What the form shown again lists as "already attached", with hidden tokens.
    pub fn kept(&self) -> Vec<KeptAttachment> {
        self.accepted
            .iter()
            .map(|a| KeptAttachment {
                token: a.file.token.clone(),
                pdf: a.kind() == super::Kind::Pdf,
                bytes: a.file.byte_size,
            })
            .collect()
    }
}

/// Why a report post could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum PostError {
    #[error("unreadable form")]
    Unreadable,
    /// Disk or database trouble while storing a file: not the citizen's fault.
    #[error("attachment storage failed: {0}")]
    Unavailable(String),
}

/// Reads the form and its attachments. New files are cleaned and stored as pending
/// right away, so a form shown again with errors keeps them (as tokens).
pub async fn read_report_post(
    state: &AppState,
    parts: &Parts,
    body: Body,
) -> Result<(ReportForm, PostedAttachments), PostError> {
    let is_multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    let (form, kept, new, mut problems) = if is_multipart {
        read_multipart(state, Request::from_parts(parts.clone(), body)).await?
    } else {
        let bytes = axum::body::to_bytes(body, TEXT_LIMIT_BYTES)
            .await
            .map_err(|_| PostError::Unreadable)?;
        let form = serde_urlencoded::from_bytes::<ReportForm>(&bytes)
            .map_err(|_| PostError::Unreadable)?;
        let tokens = form_urlencoded::parse(&bytes)
            .filter(|(k, _)| k == TOKEN_FIELD)
            .map(|(_, v)| v.into_owned())
            .collect();
        (form, tokens, Vec::new(), Vec::new())
    };
    let mut accepted = kept_uploads(state, kept, &mut problems).await?;
    accepted.extend(new);
    enforce_report_limits(&mut accepted, &mut problems);
    Ok((form, PostedAttachments { accepted, problems }))
}

type Read = (ReportForm, Vec<String>, Vec<AttachmentRecord>, Vec<Problem>);

async fn read_multipart(state: &AppState, request: Request<Body>) -> Result<Read, PostError> {
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| PostError::Unreadable)?;
    let mut text: Vec<(String, String)> = Vec::new();
    let mut text_bytes = 0;
    let (mut kept, mut new, mut problems) = (Vec::new(), Vec::new(), Vec::new());
    let mut files_seen = 0;
    loop {
        let part = match multipart.next_field().await {
            Ok(Some(part)) => part,
            Ok(None) => break,
            Err(error) => match multipart_error(error) {
                // The body passed the route's limit: say so on the field, keep the rest.
                UploadError::TooLarge => {
                    problems.push(too_many_bytes());
                    break;
                }
                _ => return Err(PostError::Unreadable),
            },
        };
        let name = part.name().unwrap_or_default().to_string();
        if name == FILE_PART && part.file_name().is_some() {
            let chosen = part.file_name().is_some_and(|n| !n.is_empty());
            let raw = match read_part(part).await {
                Ok(raw) => raw,
                Err(UploadError::TooLarge) if chosen => {
                    files_seen += 1;
                    problems.push(problem_of(&UploadError::TooLarge));
                    continue;
                }
                Err(_) => return Err(PostError::Unreadable),
            };
            // "No file chosen" arrives as an empty part with an empty name.
            if raw.is_empty() && !chosen {
                continue;
            }
            files_seen += 1;
            if files_seen > MAX_ATTACHMENTS {
                problems.push(Problem::TooManyFiles {
                    max: MAX_ATTACHMENTS,
                });
                continue;
            }
            match accept_file(state, raw).await {
                Ok(record) => new.push(record),
                Err(UploadError::Storage(detail)) => return Err(PostError::Unavailable(detail)),
                Err(other) => problems.push(problem_of(&other)),
            }
            continue;
        }
        let value = part.text().await.map_err(|_| PostError::Unreadable)?;
        text_bytes += name.len() + value.len();
        if text_bytes > TEXT_LIMIT_BYTES {
            return Err(PostError::Unreadable);
        }
        if name == TOKEN_FIELD {
            kept.push(value);
        } else {
            text.push((name, value));
        }
    }
    // The text parts as the urlencoded path reads them.
    let encoded = serde_urlencoded::to_string(&text).map_err(|_| PostError::Unreadable)?;
    let form =
        serde_urlencoded::from_str::<ReportForm>(&encoded).map_err(|_| PostError::Unreadable)?;
    Ok((form, kept, new, problems))
}

fn problem_of(error: &UploadError) -> Problem {
    error.problem().unwrap_or(Problem::FileUnreadable)
}

fn too_many_bytes() -> Problem {
    Problem::FilesTooLarge {
        max_mb: MAX_TOTAL_BYTES / (1024 * 1024),
    }
}

/// The pending uploads the kept tokens name. A token that is unknown, expired, already
/// used, or malformed is a field problem, never a failure.
async fn kept_uploads(
    state: &AppState,
    tokens: Vec<String>,
    problems: &mut Vec<Problem>,
) -> Result<Vec<AttachmentRecord>, PostError> {
    let mut unique: Vec<String> = Vec::new();
    for token in tokens {
        let token = token.trim().to_string();
        if !token.is_empty() && !unique.contains(&token) {
            unique.push(token);
        }
    }
    // Never look up more than could ever be attached.
    if unique.len() > MAX_ATTACHMENTS {
        unique.truncate(MAX_ATTACHMENTS);
        problems.push(Problem::TooManyFiles {
            max: MAX_ATTACHMENTS,
        });
    }
    let found = state
        .store
        .pending_attachments(&unique)
        .await
        .map_err(|e| PostError::Unavailable(e.to_string()))?;
    if found.len() < unique.len() {
        problems.push(Problem::FileExpired);
    }
    Ok(found)
}

/// At most [`MAX_ATTACHMENTS`] files and [`MAX_TOTAL_BYTES`] in all: the first ones
/// stay (and are listed as kept); the others are dropped with a problem saying why.
fn enforce_report_limits(accepted: &mut Vec<AttachmentRecord>, problems: &mut Vec<Problem>) {
    if accepted.len() > MAX_ATTACHMENTS {
        accepted.truncate(MAX_ATTACHMENTS);
        problems.push(Problem::TooManyFiles {
            max: MAX_ATTACHMENTS,
        });
    }
    let mut total = 0i64;
    let before = accepted.len();
    accepted.retain(|a| {
        total += a.file.byte_size;
        total <= MAX_TOTAL_BYTES as i64
    });
    if accepted.len() < before {
        problems.push(too_many_bytes());
    }
}
