//! Working days and deadlines.
//!
//! Government deadlines count working days: not Saturdays, not Sundays, not national
//! holidays (libur nasional) and not joint leave (cuti bersama). The list of holidays
//! comes from storage so an administrator can change it without a release.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::Weekday;

use super::report::Classification;
use super::status::Status;

/// A calendar date (no time, no zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;

pub(crate) fn date_from_unix_days(days: i64) -> Date {
    let julian = (days + UNIX_EPOCH_JULIAN_DAY).clamp(
        time::Date::MIN.to_julian_day() as i64,
        time::Date::MAX.to_julian_day() as i64,
    );
    Date(time::Date::from_julian_day(julian as i32).unwrap_or(time::Date::MIN))
}

impl Date {
    /// A date from its parts, or `None` when no such day exists.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day_text = parts.next()?;
        if day_text.len() != 2 {
            return None;
        }
        Date::from_ymd(year, month, day_text.parse().ok()?)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }
    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// Days since 1970-01-01.
    pub fn unix_days(self) -> i64 {
        self.0.to_julian_day() as i64 - UNIX_EPOCH_JULIAN_DAY
    }

    pub fn next_day(self) -> Date {
        self.0.next_day().map(Date).unwrap_or(self)
    }

    pub fn previous_day(self) -> Date {
        self.0.previous_day().map(Date).unwrap_or(self)
    }

    pub fn is_weekend(self) -> bool {
        matches!(self.0.weekday(), Weekday::Saturday | Weekday::Sunday)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday_index(self) -> u8 {
        self.0.weekday().number_days_from_monday()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse_iso(&text).ok_or_else(|| serde::de::Error::custom("expected YYYY-MM-DD"))
    }
}

/// The working-day calendar: weekends plus a set of non-working days.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkingCalendar {
    days_off: BTreeSet<Date>,
}

impl WorkingCalendar {
    pub fn new(days_off: impl IntoIterator<Item = Date>) -> Self {
        WorkingCalendar {
            days_off: days_off.into_iter().collect(),
        }
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        !date.is_weekend() && !self.days_off.contains(&date)
    }

    /// The `n`-th working day after `start` (the start day itself never counts).
    /// With `n == 0` it is `start` itself when that is a working day, else the next one.
    pub fn add_working_days(&self, start: Date, n: u32) -> Date {
        let mut date = start;
        if n == 0 {
            while !self.is_working_day(date) {
                date = date.next_day();
            }
            return date;
        }
        let mut remaining = n;
        while remaining > 0 {
            date = date.next_day();
            if self.is_working_day(date) {
                remaining -= 1;
            }
        }
        date
    }

    /// Working days in the half-open range `(from, to]`; negative when `to < from`.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let (low, high, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0;
        let mut date = low;
        while date < high {
            date = date.next_day();
            if self.is_working_day(date) {
                count += 1;
            }
        }
        sign * count
    }

    /// Where `today` stands against a `due` date.
    pub fn deadline_state(&self, today: Date, due: Date) -> DeadlineState {
        match self.working_days_between(today, due) {
            0 if today <= due => DeadlineState::DueToday,
            n if n > 0 => DeadlineState::Remaining(n as u32),
            // Past the due day: count the working days since it (at least one day late).
            n => DeadlineState::Overdue((-n).max(1) as u32),
        }
    }
}

/// Which legal clock a deadline belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineKind {
    /// An administrator verifies a new report within 3 working days.
    Verification,
    /// The agency drafts a follow-up within 5 working days of forwarding.
    FollowUpDraft,
    /// The agency answers within 5, 14 or 60 working days by classification.
    Answer,
    /// A published follow-up with no reporter reply closes after 10 working days.
    AutoClose,
}

impl DeadlineKind {
    /// The legal length of this clock in working days.
    pub fn working_days(self, classification: Classification, needs_inspection: bool) -> u32 {
        match self {
            DeadlineKind::Verification => VERIFICATION_DAYS,
            DeadlineKind::FollowUpDraft => FOLLOW_UP_DRAFT_DAYS,
            DeadlineKind::AutoClose => AUTO_CLOSE_DAYS,
            DeadlineKind::Answer => answer_days(classification, needs_inspection),
        }
    }
}

pub const VERIFICATION_DAYS: u32 = 3;
pub const FOLLOW_UP_DRAFT_DAYS: u32 = 5;
pub const AUTO_CLOSE_DAYS: u32 = 10;

/// Working days an agency has to answer, counted from forwarding.
pub fn answer_days(classification: Classification, needs_inspection: bool) -> u32 {
    match classification {
        Classification::Complaint if needs_inspection => 60,
        Classification::Complaint => 14,
        Classification::Aspiration => 14,
        Classification::InformationRequest => 5,
    }
}

/// How a deadline stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineState {
    Remaining(u32),
    DueToday,
    Overdue(u32),
}

/// A running legal clock with its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: Date,
}

/// The dates a report's clocks started from, as far as they have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClockStarts {
    pub submitted: Option<Date>,
    pub forwarded: Option<Date>,
    pub followed_up: Option<Date>,
}

impl ClockStarts {
    /// The starts of a report's clocks from the stored instants (milliseconds), as
    /// dates in WIB.
    pub fn from_millis(submitted: i64, forwarded: Option<i64>, followed_up: Option<i64>) -> Self {
        let date = |ms: i64| crate::model::Timestamp(ms).date_wib();
        ClockStarts {
            submitted: Some(date(submitted)),
            forwarded: forwarded.map(date),
            followed_up: followed_up.map(date),
        }
    }
}

/// The legal clock that runs while a report is in `status`, if any: verification until it
/// is forwarded, the agency's answer until the follow-up, then the reporter's window
/// before it closes by itself.
pub fn running_clock(status: Status) -> Option<DeadlineKind> {
    match status {
        Status::Submitted | Status::Verified => Some(DeadlineKind::Verification),
        Status::Forwarded
        | Status::Disposed
        | Status::FollowUpDrafted
        | Status::ReporterReplied => Some(DeadlineKind::Answer),
        Status::FollowedUp => Some(DeadlineKind::AutoClose),
        Status::ReturnedToReporter | Status::Archived | Status::Closed => None,
    }
}

/// The deadline that matters now for a report in `status`, if any clock runs.
pub fn current_deadline(
    calendar: &WorkingCalendar,
    status: Status,
    classification: Classification,
    needs_inspection: bool,
    starts: ClockStarts,
) -> Option<Deadline> {
    let kind = running_clock(status)?;
    let start = match kind {
        DeadlineKind::Verification => starts.submitted?,
        DeadlineKind::Answer => starts.forwarded?,
        DeadlineKind::AutoClose => starts.followed_up?,
        DeadlineKind::FollowUpDraft => return None,
    };
    let days = kind.working_days(classification, needs_inspection);
    Some(Deadline {
        kind,
        due: calendar.add_working_days(start, days),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).expect("valid test date")
    }

    fn calendar_2026() -> WorkingCalendar {
        // New Year, and a made-up joint-leave day on a Friday.
        WorkingCalendar::new([d("2026-01-01"), d("2026-01-16")])
    }

    #[test]
    fn dates_parse_and_print_as_iso() {
        assert_eq!(d("2026-03-09").to_string(), "2026-03-09");
        assert_eq!(Date::parse_iso("2026-02-30"), None);
        assert_eq!(Date::parse_iso("2026-2-3"), None);
        assert_eq!(Date::parse_iso("nonsense"), None);
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        let cal = calendar_2026();
        assert!(!cal.is_working_day(d("2026-01-03"))); // Saturday
        assert!(!cal.is_working_day(d("2026-01-04"))); // Sunday
        assert!(!cal.is_working_day(d("2026-01-01"))); // holiday
        assert!(cal.is_working_day(d("2026-01-02"))); // Friday
    }

    #[test]
    fn three_working_days_from_a_thursday_skip_the_weekend() {
        let cal = WorkingCalendar::default();
        assert_eq!(cal.add_working_days(d("2026-01-08"), 3), d("2026-01-13"));
    }

    #[test]
    fn a_deadline_skips_holidays_inside_the_window() {
        let cal = calendar_2026();
        // From Wed 31 Dec 2025: 1 Jan is a holiday, so 3 working days end Tue 6 Jan.
        assert_eq!(cal.add_working_days(d("2025-12-31"), 3), d("2026-01-06"));
    }

    #[test]
    fn answer_deadlines_follow_the_classification() {
        assert_eq!(answer_days(Classification::InformationRequest, false), 5);
        assert_eq!(answer_days(Classification::Aspiration, false), 14);
        assert_eq!(answer_days(Classification::Complaint, false), 14);
        assert_eq!(answer_days(Classification::Complaint, true), 60);
    }

    #[test]
    fn deadline_state_counts_days_left_due_today_and_overdue() {
        let cal = WorkingCalendar::default();
        let due = d("2026-01-14"); // Wednesday
        assert_eq!(
            cal.deadline_state(d("2026-01-12"), due),
            DeadlineState::Remaining(2)
        );
        assert_eq!(cal.deadline_state(due, due), DeadlineState::DueToday);
        assert_eq!(
            cal.deadline_state(d("2026-01-16"), due),
            DeadlineState::Overdue(2)
        );
        // A weekend day after the due day is still at least one day late.
        let friday_due = d("2026-01-16");
        assert_eq!(
            cal.deadline_state(d("2026-01-17"), friday_due),
            DeadlineState::Overdue(1)
        );
    }

    #[test]
    fn a_submitted_report_shows_the_verification_deadline() {
        let cal = WorkingCalendar::default();
        let starts = ClockStarts {
            submitted: Some(d("2026-01-08")),
            ..Default::default()
        };
        let deadline = current_deadline(
            &cal,
            Status::Submitted,
            Classification::Complaint,
            false,
            starts,
        );
        assert_eq!(
            deadline,
            Some(Deadline {
                kind: DeadlineKind::Verification,
                due: d("2026-01-13")
            })
        );
    }

    #[test]
    fn a_forwarded_information_request_is_due_in_five_working_days() {
        let cal = WorkingCalendar::default();
        let starts = ClockStarts {
            submitted: Some(d("2026-01-05")),
            forwarded: Some(d("2026-01-06")),
            followed_up: None,
        };
        let deadline = current_deadline(
            &cal,
            Status::Forwarded,
            Classification::InformationRequest,
            false,
            starts,
        );
        assert_eq!(deadline.map(|x| x.due), Some(d("2026-01-13")));
        assert_eq!(
            current_deadline(
                &cal,
                Status::Closed,
                Classification::Complaint,
                false,
                starts
            ),
            None
        );
    }

    fn any_date() -> impl Strategy<Value = Date> {
        (0i64..4000).prop_map(|offset| date_from_unix_days(d("2020-01-01").unix_days() + offset))
    }

    proptest! {
        #[test]
        fn a_deadline_never_falls_on_a_non_working_day(
            start in any_date(),
            n in 0u32..80,
            holidays in proptest::collection::vec(any_date(), 0..60),
        ) {
            let cal = WorkingCalendar::new(holidays);
            let due = cal.add_working_days(start, n);
            prop_assert!(cal.is_working_day(due));
            prop_assert!(due >= start);
        }

        #[test]
        fn counting_back_the_working_days_gives_n(start in any_date(), n in 1u32..80) {
            let cal = calendar_2026();
            let due = cal.add_working_days(start, n);
            prop_assert_eq!(cal.working_days_between(start, due), n as i64);
        }
    }
}
