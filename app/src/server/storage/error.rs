//! The one error type of the storage layer.

use crate::model::validation::FieldError;
use crate::model::TransitionError;

/// Why a storage call failed.
///
/// `Refused`, `Invalid`, `Conflict` and `NotFound` are answers a user can act on.
/// `Database` and `Migrate` carry driver details for the logs: map them to a generic
/// message before anything reaches a browser.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("no such report")]
    NotFound,
    /// Someone else changed the report since it was read: reload and try again.
    #[error("this report changed in the meantime, reload it")]
    Conflict,
    /// The state machine does not allow this step.
    #[error("step refused: {0}")]
    Refused(#[from] TransitionError),
    /// The input refers to something that does not exist, or misses a required value.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The database URL cannot be used (malformed or unsupported).
    #[error("database configuration: {0}")]
    Config(String),
    /// The database cannot be reached or refused the connection.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Internal: never show this text to users.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Internal: never show this text to users.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl StorageError {
    /// A single field problem, the common case of `Invalid`.
    pub(crate) fn invalid(
        field: crate::model::validation::Field,
        problem: crate::model::validation::Problem,
    ) -> Self {
        StorageError::Invalid(vec![FieldError { field, problem }])
    }

    /// Data in the database that the model cannot read (a status code nobody knows).
    pub(crate) fn corrupt(what: impl Into<String>) -> Self {
        let message: String = what.into();
        StorageError::Database(sqlx::Error::Decode(message.into()))
    }
}
