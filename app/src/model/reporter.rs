//! What the reporter may do on their own report, decided from the state machine:
//! reply (or complete, or send a message), rate the follow-up, reopen once within a
//! window of working days. Pages show what this says; storage enforces it.

use serde::{Deserialize, Serialize};

use super::calendar::{Date, WorkingCalendar};
use super::status::{transition, Action, Guards, Role, Status};

/// Working days after the follow-up was published (or the report closed) during
/// which the reporter may reopen it.
pub const REOPEN_WINDOW_DAYS: u32 = 10;
/// Length of a reply, message or reopening reason, in characters.
pub const REPLY_MIN_CHARS: usize = 10;
pub const REPLY_MAX_CHARS: usize = 2000;
/// Longest rating comment, in characters.
pub const RATING_COMMENT_MAX_CHARS: usize = 500;

/// What the reporter's text does at the report's current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReplyKind {
    /// Answers the published follow-up (`Action::ReporterReply`).
    ReplyToFollowUp,
    /// Supplies what the administrator asked for (`Action::CompleteByReporter`).
    Complete,
    /// A message to the staff, without a status change.
    Message,
}

impl ReplyKind {
    /// The state-machine step the text takes, if any.
    pub fn action(self) -> Option<Action> {
        match self {
            ReplyKind::ReplyToFollowUp => Some(Action::ReporterReply),
            ReplyKind::Complete => Some(Action::CompleteByReporter),
            ReplyKind::Message => None,
        }
    }
}

/// Whether and until when the reporter may reopen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReopenState {
    /// Possible through this date (inclusive).
    Open { until: Date },
    /// The one reopening was already used.
    Used,
    /// The window of working days has passed.
    Expired,
    /// Not at this status (the report has no follow-up yet, or is being handled).
    NotNow,
}

/// The facts about a report that the reporter's choices depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReporterFacts {
    pub status: Status,
    pub reopen_count: u32,
    /// When a follow-up was (last) published, in WIB.
    pub followed_up_on: Option<Date>,
    /// When the report was closed, in WIB.
    pub closed_on: Option<Date>,
}

/// Everything the reporter can do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReporterActions {
    pub reply: Option<ReplyKind>,
    pub rate: bool,
    pub reopen: ReopenState,
}

fn allowed(facts: &ReporterFacts, action: Action) -> bool {
    let guards = Guards {
        reopen_count: facts.reopen_count,
    };
    transition(facts.status, action, Role::Reporter, guards).is_ok()
}

/// What the reporter's text does now; `None` on a final report.
pub fn reply_kind(facts: &ReporterFacts) -> Option<ReplyKind> {
    if allowed(facts, Action::ReporterReply) {
        Some(ReplyKind::ReplyToFollowUp)
    } else if allowed(facts, Action::CompleteByReporter) {
        Some(ReplyKind::Complete)
    } else if !facts.status.is_final() {
        Some(ReplyKind::Message)
    } else {
        None
    }
}

/// A follow-up can be rated once one was published: while it stands, after the
/// reporter answered it, and after the report closed.
pub fn can_rate(facts: &ReporterFacts) -> bool {
    facts.followed_up_on.is_some()
        && matches!(
            facts.status,
            Status::FollowedUp | Status::ReporterReplied | Status::Closed
        )
}

/// The last day of the reopening window: `REOPEN_WINDOW_DAYS` working days after the
/// report closed, or after the follow-up was published while it is still open.
pub fn reopen_until(calendar: &WorkingCalendar, facts: &ReporterFacts) -> Option<Date> {
    let start = match facts.status {
        Status::Closed => facts.closed_on.or(facts.followed_up_on),
        _ => facts.followed_up_on,
    }?;
    Some(calendar.add_working_days(start, REOPEN_WINDOW_DAYS))
}

/// Whether the reporter may reopen today, and if not, why.
pub fn reopen_state(calendar: &WorkingCalendar, facts: &ReporterFacts, today: Date) -> ReopenState {
    if facts.reopen_count >= 1 {
        return ReopenState::Used;
    }
    if !allowed(facts, Action::Reopen) {
        return ReopenState::NotNow;
    }
    match reopen_until(calendar, facts) {
        Some(until) if today <= until => ReopenState::Open { until },
        Some(_) => ReopenState::Expired,
        None => ReopenState::NotNow,
    }
}

/// The reporter's choices now.
pub fn reporter_actions(
    calendar: &WorkingCalendar,
    facts: &ReporterFacts,
    today: Date,
) -> ReporterActions {
    ReporterActions {
        reply: reply_kind(facts),
        rate: can_rate(facts),
        reopen: reopen_state(calendar, facts, today),
    }
}

/// Why a reporter's input is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ReporterInputError {
    #[error("text required")]
    Required,
    #[error("text too short")]
    TooShort,
    #[error("text too long")]
    TooLong,
    #[error("stars must be 1 to 5")]
    StarsOutOfRange,
}

/// A reply, message or reopening reason: trimmed, 10–2000 characters.
pub fn check_text(text: &str) -> Result<String, ReporterInputError> {
    let text = text.trim();
    let chars = text.chars().count();
    if chars == 0 {
        Err(ReporterInputError::Required)
    } else if chars < REPLY_MIN_CHARS {
        Err(ReporterInputError::TooShort)
    } else if chars > REPLY_MAX_CHARS {
        Err(ReporterInputError::TooLong)
    } else {
        Ok(text.to_string())
    }
}

/// Stars 1–5.
pub fn check_stars(stars: i64) -> Result<u8, ReporterInputError> {
    match u8::try_from(stars) {
        Ok(s @ 1..=5) => Ok(s),
        _ => Err(ReporterInputError::StarsOutOfRange),
    }
}

/// An optional comment of at most 500 characters; blank is none.
pub fn check_comment(comment: &str) -> Result<Option<String>, ReporterInputError> {
    let comment = comment.trim();
    if comment.is_empty() {
        Ok(None)
    } else if comment.chars().count() > RATING_COMMENT_MAX_CHARS {
        Err(ReporterInputError::TooLong)
    } else {
        Ok(Some(comment.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::from_ymd(y, m, d).expect("valid date")
    }

    fn facts(status: Status) -> ReporterFacts {
        ReporterFacts {
            status,
            reopen_count: 0,
            // Monday 2 March 2026.
            followed_up_on: Some(date(2026, 3, 2)),
            closed_on: None,
        }
    }

    #[test]
    fn the_reply_follows_the_status() {
        assert_eq!(
            reply_kind(&facts(Status::FollowedUp)),
            Some(ReplyKind::ReplyToFollowUp)
        );
        assert_eq!(
            reply_kind(&facts(Status::ReturnedToReporter)),
            Some(ReplyKind::Complete)
        );
        assert_eq!(
            reply_kind(&facts(Status::Forwarded)),
            Some(ReplyKind::Message)
        );
        assert_eq!(reply_kind(&facts(Status::Closed)), None);
        assert_eq!(reply_kind(&facts(Status::Archived)), None);
    }

    #[test]
    fn a_rating_needs_a_published_follow_up() {
        assert!(can_rate(&facts(Status::FollowedUp)));
        assert!(can_rate(&facts(Status::Closed)));
        assert!(!can_rate(&facts(Status::Forwarded)));
        let never_followed_up = ReporterFacts {
            followed_up_on: None,
            ..facts(Status::Closed)
        };
        assert!(!can_rate(&never_followed_up));
    }

    #[test]
    fn reopening_is_open_for_ten_working_days() {
        // A public holiday inside the window pushes its end one working day later.
        let calendar = WorkingCalendar::new([date(2026, 3, 4)]);
        let f = facts(Status::FollowedUp);
        // 10 working days after Mon 2 March, skipping Wed 4 March and a weekend: Tue 17 March.
        assert_eq!(reopen_until(&calendar, &f), Some(date(2026, 3, 17)));
        assert_eq!(
            reopen_state(&calendar, &f, date(2026, 3, 17)),
            ReopenState::Open {
                until: date(2026, 3, 17)
            }
        );
        assert_eq!(
            reopen_state(&calendar, &f, date(2026, 3, 18)),
            ReopenState::Expired
        );
    }

    #[test]
    fn a_closed_report_counts_from_its_closing() {
        let calendar = WorkingCalendar::default();
        let closed = ReporterFacts {
            closed_on: Some(date(2026, 3, 20)),
            ..facts(Status::Closed)
        };
        assert_eq!(
            reopen_state(&calendar, &closed, date(2026, 4, 1)),
            ReopenState::Open {
                until: date(2026, 4, 3)
            }
        );
    }

    #[test]
    fn reopening_is_used_once_and_not_before_a_follow_up() {
        let calendar = WorkingCalendar::default();
        let used = ReporterFacts {
            reopen_count: 1,
            ..facts(Status::FollowedUp)
        };
        assert_eq!(
            reopen_state(&calendar, &used, date(2026, 3, 3)),
            ReopenState::Used
        );
        assert_eq!(
            reopen_state(&calendar, &facts(Status::Disposed), date(2026, 3, 3)),
            ReopenState::NotNow
        );
    }

    #[test]
    fn inputs_are_checked() {
        assert_eq!(check_text("  "), Err(ReporterInputError::Required));
        assert_eq!(check_text("pendek"), Err(ReporterInputError::TooShort));
        assert_eq!(
            check_text(&"a".repeat(2001)),
            Err(ReporterInputError::TooLong)
        );
        assert_eq!(check_text("  cukup panjang  "), Ok("cukup panjang".into()));
        assert_eq!(check_stars(0), Err(ReporterInputError::StarsOutOfRange));
        assert_eq!(check_stars(6), Err(ReporterInputError::StarsOutOfRange));
        assert_eq!(check_stars(5), Ok(5));
        assert_eq!(check_comment(" "), Ok(None));
        assert_eq!(
            check_comment(&"x".repeat(501)),
            Err(ReporterInputError::TooLong)
        );
    }
}
