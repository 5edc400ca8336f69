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
    #[error("request failed")]
    Request(String),
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        ApiError::Request(value.to_string())
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
            ApiError::Refused(_) => Key::ErrRefused,
            ApiError::Unavailable | ApiError::Request(_) => Key::ErrUnavailable,
            ApiError::SignInRequired => Key::WsSignInRequired,
        }
    }
}

#[cfg(feature = "ssr")]
impl ApiError {
    /// The status of a page that could not show what was asked for because of this error.
    pub fn page_status(&self) -> http::StatusCode {
        match self {
            ApiError::NotFound => http::StatusCode::NOT_FOUND,
            ApiError::BadTrackingNumber(_) => http::StatusCode::BAD_REQUEST,
            _ => http::StatusCode::SERVICE_UNAVAILABLE,
        }
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
