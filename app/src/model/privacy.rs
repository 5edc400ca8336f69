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
// The reporter as given on the form: in a staff view, only national administrators get it.
pub use super::validation::ReporterIdentity;

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
    pub story: ReportStory,
    pub timeline: Vec<PublicEvent>,
}

/// What a report says and where it stands: the part both the public page (of a
/// non-confidential report) and the reporter's own page show. No reporter identity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportStory {
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

impl DeadlineView {
    /// `deadline` as it stands on `today`.
    pub fn of(
        calendar: &super::calendar::WorkingCalendar,
        deadline: super::calendar::Deadline,
        today: Date,
    ) -> DeadlineView {
        DeadlineView {
            kind: deadline.kind,
            due: deadline.due,
            state: calendar.deadline_state(today, deadline.due),
        }
    }
}

/// What the reporter, signed in with their PIN, may see of their own report: its
/// content even when confidential, the whole timeline they are party to with its
/// texts, their rating, and what they can do now. Still nothing about who they are:
/// the page never needs it, so the type does not carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReporterView {
    /// Grouped form, e.g. `K7Q-M3X-PAR`.
    pub tracking_number: String,
    /// Compact form, for links and form actions.
    pub compact: String,
    pub status: Status,
    pub confidential: bool,
    pub anonymous: bool,
    pub story: ReportStory,
    /// Public and reporter-and-staff events, oldest first, with their texts.
    pub timeline: Vec<ReporterEvent>,
    pub rating: Option<RatingView>,
    /// The report's photos and PDFs, in the order they were attached.
    pub attachments: Vec<AttachmentLink>,
    /// Computed from the state machine (`model::reporter::reporter_actions`).
    pub actions: super::reporter::ReporterActions,
}

/// A timeline entry as the reporter sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReporterEvent {
    pub at: Timestamp,
    pub kind: EventKind,
    pub status_after: Status,
    pub agency_name: Option<String>,
    /// The reason, message or follow-up text; `None` for staff-only workflow texts.
    pub body: Option<String>,
    /// Whether the reporter wrote it.
    pub by_reporter: bool,
}

/// One attachment as a page lists it: served at `/lacak/{number}/lampiran/{id}` to
/// those allowed to see the report (no token, no storage key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentLink {
    pub id: i64,
    /// A PDF (otherwise a photo).
    pub pdf: bool,
    pub bytes: i64,
}

/// The reporter's rating of the follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingView {
    pub stars: u8,
    pub comment: Option<String>,
    pub rated_at: Timestamp,
}

/// Whether the reporter may read the text of an event of this kind. Drafts and the
/// liaison's notes on them are staff workflow; the published follow-up is shown
/// through its publishing event.
pub fn reporter_reads_body(kind: EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Note
            | EventKind::Transition(super::Action::DraftFollowUp)
            | EventKind::Transition(super::Action::SendBackDraft)
    )
}

/// What agency staff (and oversight) may read of a report: its content and life, never
/// who sent it. The type has no field that could hold the reporter's identity, so no
/// page, response, export or log line built from it can leak one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyView {
    pub tracking_number: String,
    pub status: Status,
    /// For optimistic locking of the next step.
    pub version: i64,
    pub classification: Classification,
    pub title: String,
    pub body: String,
    pub category_name: Option<String>,
    pub region_name: Option<String>,
    pub address: String,
    /// Where the reporter placed it on a map (latitude, longitude), if they did.
    pub coordinates: Option<(f64, f64)>,
    pub submitted_on: Date,
    /// How many people support it on the public feed (a priority signal), with the
    /// reports merged into it as duplicates and their supporters.
    pub supporters: i64,
    /// The report this one was merged into as a duplicate (its display number).
    pub duplicate_of: Option<String>,
    /// How many reports were merged into this one.
    pub duplicates: i64,
    pub agency_name: Option<String>,
    /// Where the report should go: the citizen's suggestion, or the verifier's choice.
    pub target_agency_name: Option<String>,
    pub anonymous: bool,
    pub confidential: bool,
}

/// What a national administrator reads: the agency's view and the reporter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminView {
    pub report: AgencyView,
    pub reporter: ReporterIdentity,
}

/// A report as one staff member is entitled to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum StaffReportView {
    Agency(AgencyView),
    Admin(AdminView),
}

impl StaffReportView {
    /// The report itself, without the reporter.
    pub fn report(&self) -> &AgencyView {
        match self {
            StaffReportView::Agency(view) => view,
            StaffReportView::Admin(admin) => &admin.report,
        }
    }
}
