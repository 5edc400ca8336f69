//! The life cycle of a report as one state machine: states, roles, actions and the
//! table of allowed transitions. Nothing else in the code decides whether a step
//! is allowed.

use crate::model::codes::codes;
use serde::{Deserialize, Serialize};

codes! {
    /// Where a report is in its life.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Status {
        /// Belum terverifikasi: waiting for an administrator.
        Submitted => "submitted",
        /// Sent back to the reporter asking for more detail.
        ReturnedToReporter => "returned",
        /// Diarsipkan: out of scope, with a reason the reporter sees.
        Archived => "archived",
        /// Terverifikasi: complete and clear, not yet forwarded.
        Verified => "verified",
        /// Diteruskan: with the agency that has authority.
        Forwarded => "forwarded",
        /// Didisposisikan: handed to a work unit inside the agency.
        Disposed => "disposed",
        /// A follow-up draft waits for the liaison officer.
        FollowUpDrafted => "drafted",
        /// Ditindaklanjuti: an approved follow-up was published to the reporter.
        FollowedUp => "followed_up",
        /// The reporter answered the follow-up; the agency must respond.
        ReporterReplied => "replied",
        /// Selesai.
        Closed => "closed",
    }
}

impl Role {
    /// The roles of people on staff (every role but the reporter and the system).
    pub const STAFF: [Role; 5] = [
        Role::NationalAdmin,
        Role::AgencyAdmin,
        Role::LiaisonOfficer,
        Role::UnitOperator,
        Role::Oversight,
    ];
}

impl Status {
    /// No further action changes a report in a final state (a reopen is the one way back).
    pub fn is_final(self) -> bool {
        matches!(self, Status::Archived | Status::Closed)
    }
}

codes! {
    /// Who acts.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Role {
        /// The citizen who sent the report (proved by their secret).
        Reporter => "reporter",
        /// Verifies and routes every new report; may see reporter identities.
        NationalAdmin => "national_admin",
        /// Receives the agency's reports, disposes them to units, transfers them.
        AgencyAdmin => "agency_admin",
        /// Pejabat penghubung: approves or sends back follow-ups, publishes them.
        LiaisonOfficer => "liaison",
        /// Drafts follow-ups for reports disposed to the unit.
        UnitOperator => "unit_operator",
        /// Read-only across agencies.
        Oversight => "oversight",
        /// The server itself (automatic closing).
        System => "system",
    }
}

codes! {
    /// A step in a report's life that changes its status.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Action {
        Verify => "verify",
        ReturnToReporter => "return",
        /// The reporter supplies what was asked for.
        CompleteByReporter => "complete",
        Archive => "archive",
        /// Sama dengan laporan lain: archived as a duplicate of another report, which
        /// counts its reporter and supporters.
        MarkDuplicate => "duplicate",
        Forward => "forward",
        /// Bukan wewenang / pelimpahan: to another agency, with a reason.
        Transfer => "transfer",
        Dispose => "dispose",
        DraftFollowUp => "draft",
        SendBackDraft => "send_back",
        ApproveAndPublish => "publish",
        ReporterReply => "reply",
        Reopen => "reopen",
        Close => "close",
        AutoClose => "auto_close",
    }
}

impl Action {
    /// Actions that must carry a reason the reporter (or the next agency) can read.
    pub fn requires_reason(self) -> bool {
        matches!(
            self,
            Action::ReturnToReporter | Action::Archive | Action::Transfer | Action::SendBackDraft
        )
    }
}

/// One row of the transition table.
pub struct Transition {
    pub action: Action,
    pub from: &'static [Status],
    pub to: Status,
    pub roles: &'static [Role],
}

use Role::*;
use Status::*;

/// Every allowed step. A step not in this table is refused.
#[rustfmt::skip]
pub const TRANSITIONS: &[Transition] = &[
    Transition { action: Action::Verify, from: &[Submitted], to: Verified, roles: &[NationalAdmin] },
    Transition { action: Action::ReturnToReporter, from: &[Submitted], to: ReturnedToReporter, roles: &[NationalAdmin] },
    Transition { action: Action::CompleteByReporter, from: &[ReturnedToReporter], to: Submitted, roles: &[Reporter] },
    Transition { action: Action::Archive, from: &[Submitted, ReturnedToReporter, Verified], to: Archived, roles: &[NationalAdmin] },
    Transition { action: Action::MarkDuplicate, from: &[Submitted, Verified, Forwarded, Disposed], to: Archived, roles: &[NationalAdmin, AgencyAdmin] },
    Transition { action: Action::Forward, from: &[Verified], to: Forwarded, roles: &[NationalAdmin] },
    Transition { action: Action::Transfer, from: &[Forwarded, Disposed], to: Forwarded, roles: &[NationalAdmin, AgencyAdmin] },
    Transition { action: Action::Dispose, from: &[Forwarded, Disposed], to: Disposed, roles: &[AgencyAdmin] },
    Transition { action: Action::DraftFollowUp, from: &[Forwarded, Disposed, ReporterReplied], to: FollowUpDrafted, roles: &[UnitOperator, AgencyAdmin] },
    Transition { action: Action::SendBackDraft, from: &[FollowUpDrafted], to: Disposed, roles: &[LiaisonOfficer] },
    Transition { action: Action::ApproveAndPublish, from: &[FollowUpDrafted], to: FollowedUp, roles: &[LiaisonOfficer] },
    Transition { action: Action::ReporterReply, from: &[FollowedUp], to: ReporterReplied, roles: &[Reporter] },
    Transition { action: Action::Reopen, from: &[FollowedUp, Closed], to: Forwarded, roles: &[Reporter] },
    Transition { action: Action::Close, from: &[FollowedUp, ReporterReplied], to: Closed, roles: &[NationalAdmin, AgencyAdmin, LiaisonOfficer] },
    Transition { action: Action::AutoClose, from: &[FollowedUp], to: Closed, roles: &[System] },
];

/// Why a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TransitionError {
    #[error("this step is not possible from the report's current status")]
    NotFromThisStatus,
    #[error("this role may not take this step")]
    RoleNotAllowed,
    #[error("a report can be reopened only once")]
    AlreadyReopened,
}

/// What the state machine needs to know beyond status and role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Guards {
    pub reopen_count: u32,
}

/// Decides a step: the new status, or why it is refused.
pub fn transition(
    from: Status,
    action: Action,
    role: Role,
    guards: Guards,
) -> Result<Status, TransitionError> {
    let rows = TRANSITIONS.iter().filter(|t| t.action == action);
    let mut from_matches = false;
    for row in rows {
        if !row.from.contains(&from) {
            continue;
        }
        from_matches = true;
        if row.roles.contains(&role) {
            if action == Action::Reopen && guards.reopen_count >= 1 {
                return Err(TransitionError::AlreadyReopened);
            }
            return Ok(row.to);
        }
    }
    Err(if from_matches {
        TransitionError::RoleNotAllowed
    } else {
        TransitionError::NotFromThisStatus
    })
}

/// The actions `role` may take now on a report in `status`.
pub fn available_actions(status: Status, role: Role, guards: Guards) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|&a| transition(status, a, role, guards).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_national_admin_verifies_a_new_report() {
        assert_eq!(
            transition(Submitted, Action::Verify, NationalAdmin, Guards::default()),
            Ok(Verified)
        );
    }

    #[test]
    fn an_agency_admin_cannot_verify() {
        assert_eq!(
            transition(Submitted, Action::Verify, AgencyAdmin, Guards::default()),
            Err(TransitionError::RoleNotAllowed)
        );
    }

    #[test]
    fn a_closed_report_cannot_be_disposed() {
        assert_eq!(
            transition(Closed, Action::Dispose, AgencyAdmin, Guards::default()),
            Err(TransitionError::NotFromThisStatus)
        );
    }

    #[test]
    fn a_report_reopens_only_once() {
        assert_eq!(
            transition(Closed, Action::Reopen, Reporter, Guards { reopen_count: 0 }),
            Ok(Forwarded)
        );
        assert_eq!(
            transition(Closed, Action::Reopen, Reporter, Guards { reopen_count: 1 }),
            Err(TransitionError::AlreadyReopened)
        );
    }

    #[test]
    fn the_whole_happy_path_is_allowed() {
        let g = Guards::default();
        let steps = [
            (Action::Verify, NationalAdmin, Verified),
            (Action::Forward, NationalAdmin, Forwarded),
            (Action::Dispose, AgencyAdmin, Disposed),
            (Action::DraftFollowUp, UnitOperator, FollowUpDrafted),
            (Action::ApproveAndPublish, LiaisonOfficer, FollowedUp),
            (Action::AutoClose, System, Closed),
        ];
        let mut status = Submitted;
        for (action, role, expected) in steps {
            status = transition(status, action, role, g).expect("happy path step");
            assert_eq!(status, expected);
        }
    }

    #[test]
    fn a_duplicate_is_archived_by_an_administrator_before_any_follow_up() {
        let g = Guards::default();
        for from in [Submitted, Verified, Forwarded, Disposed] {
            assert_eq!(
                transition(from, Action::MarkDuplicate, NationalAdmin, g),
                Ok(Archived)
            );
        }
        assert_eq!(
            transition(Forwarded, Action::MarkDuplicate, AgencyAdmin, g),
            Ok(Archived)
        );
        assert_eq!(
            transition(Disposed, Action::MarkDuplicate, UnitOperator, g),
            Err(TransitionError::RoleNotAllowed)
        );
        for late in [FollowUpDrafted, FollowedUp, Closed, Archived] {
            assert_eq!(
                transition(late, Action::MarkDuplicate, NationalAdmin, g),
                Err(TransitionError::NotFromThisStatus),
                "{late:?}"
            );
        }
    }

    #[test]
    fn oversight_can_take_no_step_at_all() {
        for status in Status::ALL {
            assert!(available_actions(status, Oversight, Guards::default()).is_empty());
        }
    }

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        for a in Action::ALL {
            assert_eq!(Action::from_code(a.code()), Some(a));
        }
    }

    fn any_status() -> impl Strategy<Value = Status> {
        proptest::sample::select(Status::ALL.to_vec())
    }
    fn any_role() -> impl Strategy<Value = Role> {
        proptest::sample::select(Role::ALL.to_vec())
    }
    fn any_action() -> impl Strategy<Value = Action> {
        proptest::sample::select(Action::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn a_transition_not_in_the_table_is_always_refused(
            from in any_status(), action in any_action(), role in any_role(), reopened in 0u32..3,
        ) {
            let in_table = TRANSITIONS
                .iter()
                .any(|t| t.action == action && t.from.contains(&from) && t.roles.contains(&role));
            let result = transition(from, action, role, Guards { reopen_count: reopened });
            if !in_table {
                prop_assert!(result.is_err());
            } else if let Ok(to) = result {
                let row = TRANSITIONS.iter().find(|t| t.action == action && t.from.contains(&from));
                prop_assert_eq!(Some(to), row.map(|t| t.to));
            }
        }
    }
}
