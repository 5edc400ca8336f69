//! The report model: pure Rust, no Leptos, no database, no I/O.
//!
//! Every rule of the domain lives here once and runs on both the server and the
//! browser: classifications, the state machine, working-day deadlines, tracking
//! numbers, validation, and the views each audience may get.

pub mod agency;
pub mod calendar;
pub mod chat;
pub(crate) mod codes;
pub mod demo;
pub mod duplicates;
pub mod event;
pub mod notification;
pub mod oversight;
pub mod privacy;
pub mod public_feed;
pub mod report;
pub mod reporter;
pub mod sms;
pub mod social;
pub mod staff;
pub mod statistics;
pub mod status;
pub mod tracking;
pub mod validation;
pub mod workspace;

pub use calendar::{Date, DeadlineKind, DeadlineState, WorkingCalendar};
pub use event::{Event, EventKind, Visibility};
pub use report::{Channel, Classification, Location, Timestamp};
pub use status::{Action, Role, Status, TransitionError};
pub use tracking::TrackingNumber;
