//! What each audience may see of a report, as types.
//!
//! A view type carries only the fields its audience is entitled to: the public view
//! has no identity fields at all, and a confidential report's public view has no
//! content. Storage builds these views; pages cannot ask for more.

use serde::{Deserialize, Serialize};

use super::calendar::{Date, DeadlineKind, DeadlineState};
use super::event::EventKind;
use super::report::{Classification, Timestamp};
use super::status::Status;

/// What anyone holding the tracking number may see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicReport {
    /// Grouped form, e.g. `K7Q-M3X-PAR`.
    pub tracking_number: String,
    pub status: Status,
    /// `None` for a confidential (rahasia) report: the public learns only that it
    /// exists and its status.
    pub content: Option<PublicContent>,
}

/// The content of a non-confidential report, without anything that identifies the reporter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicContent {
    pub title: String,
    pub body: String,
    pub classification: Classification,
    pub category_name: Option<String>,
    pub region_name: Option<String>,
    pub submitted_on: Date,
    /// The agency handling the report now.
    pub agency_name: Option<String>,
    /// Agencies that held the report before, oldest first.
    pub agency_trail: Vec<String>,
    pub timeline: Vec<PublicEvent>,
    pub deadline: Option<DeadlineView>,
}

/// A timeline entry as the public sees it: no free text, no actor identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicEvent {
    pub at: Timestamp,
    pub kind: EventKind,
    pub status_after: Status,
    pub agency_name: Option<String>,
}

/// A running deadline as shown to people: the date and how it stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineView {
    pub kind: DeadlineKind,
    pub due: Date,
    pub state: DeadlineState,
}
