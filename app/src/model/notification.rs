//! What the reporter is told without asking: the steps of their report that concern them.
//! The outbox (`server::storage::outbox`) holds one message per such event, written in
//! the same transaction as the step, and a worker delivers it through the reporter's
//! channel.

use super::event::EventKind;
use super::status::Action;

/// Whether the reporter is told of an event of `kind`: verified, forwarded, returned
/// asking for more, archived (also as a duplicate), the follow-up published, closed. Internal steps (disposing
/// to a unit, drafting, sending a draft back, notes) and the reporter's own steps are not.
pub fn tells_reporter(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Transition(
            Action::Verify
                | Action::Forward
                | Action::Transfer
                | Action::ReturnToReporter
                | Action::Archive
                | Action::MarkDuplicate
                | Action::ApproveAndPublish
                | Action::Close
                | Action::AutoClose
        )
    )
}

/// How many times a message is tried before it is given up (dead letter) …
pub const MAX_ATTEMPTS: i64 = 8;
/// … waiting this long after the first failure, doubling each time up to an hour.
const FIRST_RETRY_MS: i64 = 10_000;
const LONGEST_WAIT_MS: i64 = 3_600_000;

/// Milliseconds to wait before attempt `attempts + 1`, after `attempts` failures.
pub fn retry_after_ms(attempts: i64) -> i64 {
    let doublings = attempts.clamp(1, 20) - 1;
    (FIRST_RETRY_MS << doublings).min(LONGEST_WAIT_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reporter_hears_of_the_steps_that_concern_them_only() {
        let told: Vec<Action> = Action::ALL
            .into_iter()
            .filter(|a| tells_reporter(EventKind::Transition(*a)))
            .collect();
        assert_eq!(told.len(), 9);
        for quiet in [
            Action::Dispose,
            Action::DraftFollowUp,
            Action::SendBackDraft,
            Action::ReporterReply,
            Action::CompleteByReporter,
            Action::Reopen,
        ] {
            assert!(!told.contains(&quiet), "{quiet:?}");
        }
        for kind in [EventKind::Submitted, EventKind::Message, EventKind::Note] {
            assert!(!tells_reporter(kind));
        }
    }

    #[test]
    fn retries_back_off_doubling_up_to_an_hour() {
        assert_eq!(retry_after_ms(1), 10_000);
        assert_eq!(retry_after_ms(2), 20_000);
        assert_eq!(retry_after_ms(3), 40_000);
        assert_eq!(retry_after_ms(12), 3_600_000);
        assert_eq!(retry_after_ms(1_000), 3_600_000);
    }
}
