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
        ApiError::decode(&data).unwrap_or_else(|| ApiError::Request("unreadable error".into()))
    }
}

impl ApiError {
    /// An error as the server sends it: an [`ErrorBody`] (an `/api` answer, or what a
    /// script passes back in `?__err=`) or the bare error (Leptos' own `?__err=`).
    pub fn decode(bytes: &[u8]) -> Option<ApiError> {
        serde_json::from_slice::<ErrorBody>(bytes)
            .map(|body| body.error)
            .or_else(|_| serde_json::from_slice::<ApiError>(bytes))
            .ok()
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_body_and_a_bare_error_both_decode() {
        let error = ApiError::Refused(TransitionError::NotFromThisStatus);
        let body = ErrorBody {
            error: error.clone(),
            message: "Langkah ini tidak dapat dilakukan.".into(),
        };
        let as_body = serde_json::to_vec(&body).expect("json");
        let bare = serde_json::to_vec(&error).expect("json");
        assert_eq!(ApiError::decode(&as_body), Some(error.clone()));
        assert_eq!(ApiError::decode(&bare), Some(error));
        assert_eq!(ApiError::decode(b"<html>"), None);
    }

    #[test]
    fn only_a_fault_of_ours_is_a_server_error() {
        let mistakes = [
            ApiError::NotFound,
            ApiError::BadTrackingNumber(TrackingError::CheckFailed),
            ApiError::Invalid(Vec::new()),
            ApiError::Conflict,
            ApiError::Refused(TransitionError::RoleNotAllowed),
            ApiError::Refused(TransitionError::NotFromThisStatus),
            ApiError::SignInRequired,
            ApiError::BadRequest,
        ];
        for error in mistakes {
            assert!((400..500).contains(&error.status_code()), "{error:?}");
        }
        assert_eq!(ApiError::Unavailable.status_code(), 503);
        assert_eq!(ApiError::Request("x".into()).status_code(), 500);
    }
}
