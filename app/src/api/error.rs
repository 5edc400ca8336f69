//! The one error type server functions return: typed, safe to show, never a
//! database message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::i18n::Key;
use crate::model::tracking::TrackingError;
use crate::model::validation::FieldError;
use crate::model::TransitionError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    #[error("not found")]
    NotFound,
    #[error("invalid tracking number")]
    BadTrackingNumber(TrackingError),
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("the report changed meanwhile")]
    Conflict,
    #[error("step refused")]
    Refused(TransitionError),
    #[error("service unavailable")]
    Unavailable,
    #[error("sign in first")]
    SignInRequired,
    /// The request itself was malformed (missing or mistyped arguments): the caller's
    /// mistake, never ours.
    #[error("bad request")]
    BadRequest,
    /// The call could not be made or answered (on the client: no connection; on the
    /// server: a fault of ours).
    #[error("request failed")]
    Request(String),
}

/// What an `/api/…` error response carries: the error for the app's own client and
/// the sentence a person reads, in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ApiError,
    pub message: String,
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // What the caller sent could not be read as this function's arguments.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => ApiError::BadRequest,
            other => ApiError::Request(other.to_string()),
        }
    }

    /// Reads both the plain error and the [`ErrorBody`] the server answers with.
    fn de(data: leptos::server_fn::Bytes) -> Self {
        serde_json::from_slice::<ErrorBody>(&data)
            .map(|body| body.error)
            .or_else(|_| serde_json::from_slice::<ApiError>(&data))
            .unwrap_or_else(|e| ApiError::Request(e.to_string()))
    }
}

impl ApiError {
    /// The sentence a person reads for this error.
    pub fn message(&self) -> Key {
        match self {
            ApiError::NotFound => Key::ErrNotFound,
            ApiError::BadTrackingNumber(e) => crate::labels::tracking_error(*e),
            ApiError::Invalid(_) => Key::ErrFormSummary,
            ApiError::Conflict => Key::ErrConflict,
            ApiError::Refused(TransitionError::RoleNotAllowed) => Key::HttpForbidden,
            ApiError::Refused(_) => Key::ErrRefused,
            ApiError::Unavailable | ApiError::Request(_) => Key::ErrUnavailable,
            ApiError::SignInRequired => Key::WsSignInRequired,
            ApiError::BadRequest => Key::HttpBadRequest,
        }
    }

    /// The one HTTP status of this error, for pages, handlers and server functions
    /// alike. Only a fault of ours is a 5xx.
    pub fn status_code(&self) -> u16 {
        match self {
            ApiError::BadTrackingNumber(_) | ApiError::BadRequest => 400,
            ApiError::SignInRequired => 401,
            ApiError::Refused(TransitionError::RoleNotAllowed) => 403,
            ApiError::NotFound => 404,
            ApiError::Conflict | ApiError::Refused(_) => 409,
            ApiError::Invalid(_) => 422,
            ApiError::Request(_) => 500,
            ApiError::Unavailable => 503,
        }
    }
}

#[cfg(feature = "ssr")]
impl ApiError {
    /// [`ApiError::status_code`] as a status.
    pub fn status(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.status_code())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}

#[cfg(feature = "ssr")]
impl From<crate::server::storage::StorageError> for ApiError {
    fn from(error: crate::server::storage::StorageError) -> Self {
        use crate::server::storage::StorageError;
        match error {
            StorageError::NotFound => ApiError::NotFound,
            StorageError::Conflict => ApiError::Conflict,
            StorageError::Refused(e) => ApiError::Refused(e),
            StorageError::Invalid(errors) => ApiError::Invalid(errors),
            other => {
                tracing::error!(error = %other, "storage failure");
                ApiError::Unavailable
            }
        }
    }
}
