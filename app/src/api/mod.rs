//! Server functions, one file per face. Each is short: check the caller, call
//! storage, map the error. Their logic lives in `server::` so tests can call it
//! directly against real databases.

pub mod citizen;
pub mod demo;
pub mod error;
pub mod public;
pub mod simulator;
pub mod tracking;
pub mod workspace;

pub use error::ApiError;
