//! The timeline: every transition and message is an event with an actor, a time
//! and a visibility.

use crate::model::codes::codes;
use serde::{Deserialize, Serialize};

use super::report::Timestamp;
use super::status::{Action, Role, Status};

codes! {
    /// Who may see an event.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    pub enum Visibility {
        /// Anyone who can see the report.
        Public => "public",
        /// The reporter and staff, never the public.
        ReporterAndStaff => "reporter",
        /// Staff only.
        Internal => "internal",
    }
}

// Narrowest first: an audience allowed up to one of these sees the ones before it.

impl Visibility {
    /// THE rule of who sees which event: an audience allowed up to `widest` (the
    /// public: `Public`; the reporter: `ReporterAndStaff`; staff: `Internal`) sees
    /// every event no wider than that. Every timeline query and the live feed ask this.
    pub fn seen_by(self, widest: Visibility) -> bool {
        self <= widest
    }

    /// The visibilities an audience allowed up to `widest` sees (for a query's `IN`).
    pub fn up_to(widest: Visibility) -> Vec<Visibility> {
        Self::ALL
            .into_iter()
            .filter(|v| v.seen_by(widest))
            .collect()
    }
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// The report was received.
    Submitted,
    /// A status change through the state machine.
    Transition(Action),
    /// A message between reporter and staff (no status change).
    Message,
    /// A note among staff.
    Note,
}

impl EventKind {
    pub fn code(self) -> String {
        match self {
            EventKind::Submitted => "submitted".into(),
            EventKind::Transition(action) => format!("transition:{}", action.code()),
            EventKind::Message => "message".into(),
            EventKind::Note => "note".into(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "submitted" => Some(EventKind::Submitted),
            "message" => Some(EventKind::Message),
            "note" => Some(EventKind::Note),
            other => other
                .strip_prefix("transition:")
                .and_then(Action::from_code)
                .map(EventKind::Transition),
        }
    }

    /// The visibility an event of this kind gets unless the actor chooses otherwise.
    pub fn default_visibility(self) -> Visibility {
        match self {
            EventKind::Submitted | EventKind::Transition(_) => Visibility::Public,
            EventKind::Message => Visibility::ReporterAndStaff,
            EventKind::Note => Visibility::Internal,
        }
    }
}

/// One entry of a report's whole timeline, as the operator's command line shows it
/// (`lapor report show`). No identity fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub at: Timestamp,
    pub actor_role: Role,
    pub kind: EventKind,
    /// The status after the event.
    pub status_after: Status,
    pub visibility: Visibility,
    /// Free text (a reason, a message, a follow-up); `None` when the event needs none.
    pub body: Option<String>,
    /// The agency handling the report after this event, by name.
    pub agency_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_kind_codes_round_trip() {
        let kinds = [
            EventKind::Submitted,
            EventKind::Message,
            EventKind::Note,
            EventKind::Transition(Action::Transfer),
        ];
        for kind in kinds {
            assert_eq!(EventKind::from_code(&kind.code()), Some(kind));
        }
        assert_eq!(EventKind::from_code("transition:nope"), None);
    }

    #[test]
    fn the_public_sees_no_messages_or_notes() {
        let event = |kind: EventKind| Event {
            at: Timestamp(0),
            actor_role: Role::NationalAdmin,
            kind,
            status_after: Status::Submitted,
            visibility: kind.default_visibility(),
            body: None,
            agency_name: None,
        };
        let all = [
            event(EventKind::Submitted),
            event(EventKind::Message),
            event(EventKind::Note),
        ];
        let seen = |widest| all.iter().filter(|e| e.visibility.seen_by(widest)).count();
        assert_eq!(seen(Visibility::Public), 1);
        assert_eq!(seen(Visibility::ReporterAndStaff), 2);
        assert_eq!(seen(Visibility::Internal), 3);
        assert_eq!(Visibility::up_to(Visibility::Public), [Visibility::Public]);
        assert_eq!(Visibility::up_to(Visibility::Internal), Visibility::ALL);
    }
}
