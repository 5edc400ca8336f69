//! Responsiveness statistics (`/statistik`): how many reports came in, how many the
//! agencies followed up, how many within the legal deadline, and the tier that follows
//! from it. Computed here from each report's dates (pure, tested against hand-counted
//! fixtures); storage only reads the dates.

use serde::{Deserialize, Serialize};

use crate::model::calendar::{Date, DeadlineKind, WorkingCalendar};
use crate::model::report::{Channel, Classification};

/// A tier is given only to an agency with at least this many forwarded reports in the
/// period: a percentage over two reports says nothing.
pub const TIER_MIN_REPORTS: i64 = 10;
/// Weeks the chart shows at most (the period's last ones).
pub const CHART_WEEKS: usize = 26;

/// One report's dates, as statistics need them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDates {
    /// The handling agency (code, name), once forwarded.
    pub agency: Option<(String, String)>,
    pub classification: Classification,
    pub channel: Channel,
    pub needs_inspection: bool,
    pub submitted: Date,
    pub forwarded: Option<Date>,
    /// The first published follow-up.
    pub followed_up: Option<Date>,
}

/// How responsive an agency was, by its share of reports followed up within the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tier {
    /// ≥ 95 %.
    VeryResponsive,
    /// ≥ 80 %.
    Responsive,
    /// ≥ 60 %.
    FairlyResponsive,
    /// Below 60 %.
    NotResponsive,
}

impl Tier {
    /// The one rule: the share of forwarded reports followed up within the answer
    /// deadline, in whole percent; `None` below [`TIER_MIN_REPORTS`] reports.
    pub fn of(forwarded: i64, on_time: i64) -> Option<Tier> {
        if forwarded < TIER_MIN_REPORTS {
            return None;
        }
        Some(match percent(on_time, forwarded) {
            95.. => Tier::VeryResponsive,
            80..=94 => Tier::Responsive,
            60..=79 => Tier::FairlyResponsive,
            _ => Tier::NotResponsive,
        })
    }
}

/// `part` of `whole` in whole percent, rounded down (0 when there is no whole).
pub fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        part * 100 / whole
    }
}

/// The figures of one agency (or of everyone) over a period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Figures {
    pub received: i64,
    pub forwarded: i64,
    pub followed_up: i64,
    /// Followed up on or before the answer deadline.
    pub on_time: i64,
}

impl Figures {
    pub fn followed_up_percent(&self) -> i64 {
        percent(self.followed_up, self.forwarded)
    }

    pub fn on_time_percent(&self) -> i64 {
        percent(self.on_time, self.forwarded)
    }

    pub fn tier(&self) -> Option<Tier> {
        Tier::of(self.forwarded, self.on_time)
    }

    fn add(&mut self, report: &ReportDates, calendar: &WorkingCalendar) {
        self.received += 1;
        let Some(forwarded) = report.forwarded else {
            return;
        };
        self.forwarded += 1;
        let Some(followed_up) = report.followed_up else {
            return;
        };
        self.followed_up += 1;
        let days =
            DeadlineKind::Answer.working_days(report.classification, report.needs_inspection);
        if followed_up <= calendar.add_working_days(forwarded, days) {
            self.on_time += 1;
        }
    }
}

/// An agency's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyFigures {
    pub code: String,
    pub name: String,
    pub figures: Figures,
}

/// Reports received in one week (Monday to Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekCount {
    /// The week's Monday.
    pub monday: Date,
    pub received: i64,
}

/// Everything `/statistik` shows for a period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Statistics {
    pub national: Figures,
    /// Agencies with forwarded reports, the most responsive first (those with a tier
    /// before those without).
    pub agencies: Vec<AgencyFigures>,
    /// Received per week, oldest first, at most [`CHART_WEEKS`].
    pub weeks: Vec<WeekCount>,
    /// Received per classification, in [`Classification::ALL`] order.
    pub by_classification: Vec<(Classification, i64)>,
    /// Received per door, in [`Channel::ALL`] order (doors nobody used left out).
    pub by_channel: Vec<(Channel, i64)>,
}

/// The statistics of `reports` (those submitted in the period).
pub fn compute(reports: &[ReportDates], calendar: &WorkingCalendar) -> Statistics {
    let mut national = Figures::default();
    let mut agencies: Vec<AgencyFigures> = Vec::new();
    let mut weeks: std::collections::BTreeMap<Date, i64> = std::collections::BTreeMap::new();
    for report in reports {
        national.add(report, calendar);
        let monday = monday_of(report.submitted);
        *weeks.entry(monday).or_default() += 1;
        if let Some((code, name)) = &report.agency {
            let at = match agencies.iter().position(|a| &a.code == code) {
                Some(at) => at,
                None => {
                    agencies.push(AgencyFigures {
                        code: code.clone(),
                        name: name.clone(),
                        figures: Figures::default(),
                    });
                    agencies.len() - 1
                }
            };
            agencies[at].figures.add(report, calendar);
        }
    }
    agencies.sort_by(|a, b| {
        let rank = |f: &Figures| (f.tier().is_some(), f.on_time_percent(), f.forwarded);
        rank(&b.figures)
            .cmp(&rank(&a.figures))
            .then(a.name.cmp(&b.name))
    });
    let weeks: Vec<WeekCount> = weeks
        .into_iter()
        .map(|(monday, received)| WeekCount { monday, received })
        .collect();
    let skip = weeks.len().saturating_sub(CHART_WEEKS);
    let count =
        |keep: &dyn Fn(&ReportDates) -> bool| reports.iter().filter(|r| keep(r)).count() as i64;
    Statistics {
        national,
        agencies,
        weeks: weeks[skip..].to_vec(),
        by_classification: Classification::ALL
            .iter()
            .map(|&c| (c, count(&|r| r.classification == c)))
            .collect(),
        by_channel: Channel::ALL
            .iter()
            .map(|&c| (c, count(&|r| r.channel == c)))
            .filter(|(_, n)| *n > 0)
            .collect(),
    }
}

/// The Monday of `date`'s week.
pub fn monday_of(date: Date) -> Date {
    let mut day = date;
    for _ in 0..date.weekday_index() {
        day = day.previous_day();
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).expect("a date")
    }

    fn report(agency: &str, forwarded: Option<&str>, followed_up: Option<&str>) -> ReportDates {
        ReportDates {
            agency: forwarded.map(|_| (agency.to_string(), agency.to_uppercase())),
            classification: Classification::Complaint,
            channel: if agency == "b" {
                Channel::Sms
            } else {
                Channel::Web
            },
            needs_inspection: false,
            submitted: d("2026-03-02"),
            forwarded: forwarded.map(d),
            followed_up: followed_up.map(d),
        }
    }

    #[test]
    fn the_tier_rule_and_its_minimum() {
        assert_eq!(Tier::of(9, 9), None, "too few reports for a tier");
        assert_eq!(Tier::of(10, 10), Some(Tier::VeryResponsive));
        assert_eq!(Tier::of(20, 19), Some(Tier::VeryResponsive));
        assert_eq!(Tier::of(20, 18), Some(Tier::Responsive));
        assert_eq!(Tier::of(10, 8), Some(Tier::Responsive));
        assert_eq!(Tier::of(10, 7), Some(Tier::FairlyResponsive));
        assert_eq!(Tier::of(10, 6), Some(Tier::FairlyResponsive));
        assert_eq!(Tier::of(10, 5), Some(Tier::NotResponsive));
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(5, 0), 0);
    }

    /// A hand-counted fixture: a complaint's answer is due 14 working days after it is
    /// forwarded (2026-03-02, a Monday → 2026-03-20 with no holiday in between).
    #[test]
    fn figures_count_forwarded_followed_up_and_on_time_reports() {
        let calendar = WorkingCalendar::default();
        assert_eq!(
            calendar.add_working_days(d("2026-03-02"), 14),
            d("2026-03-20"),
            "the fixture's deadline"
        );
        let reports = [
            report("a", Some("2026-03-02"), Some("2026-03-20")), // on the last day: on time
            report("a", Some("2026-03-02"), Some("2026-03-23")), // a working day late
            report("a", Some("2026-03-02"), None),               // not followed up
            report("b", Some("2026-03-02"), Some("2026-03-03")), // on time
            report("-", None, None),                             // not forwarded yet
        ];
        let stats = compute(&reports, &calendar);
        assert_eq!(
            stats.national,
            Figures {
                received: 5,
                forwarded: 4,
                followed_up: 3,
                on_time: 2
            }
        );
        assert_eq!(stats.national.followed_up_percent(), 75);
        assert_eq!(stats.national.on_time_percent(), 50);
        let a = stats.agencies.iter().find(|f| f.code == "a").expect("a");
        assert_eq!(
            (
                a.figures.forwarded,
                a.figures.followed_up,
                a.figures.on_time
            ),
            (3, 2, 1)
        );
        assert_eq!(a.figures.tier(), None, "three reports are too few");
        // b (100 % on time) ranks above a (33 %).
        assert_eq!(stats.agencies[0].code, "b");
        assert_eq!(
            stats.weeks,
            vec![WeekCount {
                monday: d("2026-03-02"),
                received: 5
            }]
        );
        assert_eq!(
            stats.by_classification,
            vec![
                (Classification::Complaint, 5),
                (Classification::Aspiration, 0),
                (Classification::InformationRequest, 0)
            ]
        );
        assert_eq!(stats.by_channel, vec![(Channel::Web, 4), (Channel::Sms, 1)]);
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(monday_of(d("2026-03-08")), d("2026-03-02"));
        assert_eq!(monday_of(d("2026-03-02")), d("2026-03-02"));
    }
}
