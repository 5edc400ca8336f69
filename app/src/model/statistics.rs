//! Responsiveness statistics (`/statistik`, the agency pages, open data): how many reports
//! came in, in which state they are (the buckets KemenPAN-RB publishes), how many the
//! agencies followed up and how many within the legal deadline, how long each milestone
//! took, how satisfied reporters were, and the tier that follows.
//!
//! Two halves, both pure: [`Milestones`] decides, at the step that reaches a milestone,
//! the working days it took and whether the answer was on time (with the working
//! calendar of that day); [`compute`] folds the counted aggregates storage keeps
//! (one [`Tally`] per agency, region, kind, door and status; one [`DurationTally`] per
//! milestone and number of days) into the figures of every agency and region level.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::calendar::{answer_days, date_from_unix_days, Date, WorkingCalendar};
use crate::model::codes::codes;
use crate::model::report::{Channel, Classification};
use crate::model::status::{Action, Status};

/// A tier is given only to an agency with at least this many forwarded reports in the
/// period: a percentage over two reports says nothing.
pub const TIER_MIN_REPORTS: i64 = 10;
/// Weeks the chart shows at most (the period's last ones).
pub const CHART_WEEKS: usize = 26;

codes! {
    /// The states KemenPAN-RB counts reports in (its published progress figures).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Bucket {
        /// Diselesaikan: closed.
        Finished => "selesai",
        /// Dalam proses: a follow-up is being drafted, was published, or was answered.
        InProgress => "dalam_proses",
        /// Diverifikasi & didisposisi: verified, with the agency or one of its units.
        VerifiedForwarded => "diteruskan",
        /// Belum diproses: waiting for verification.
        NotYetHandled => "belum_diproses",
        /// Dipending: back with the reporter for more detail.
        OnHold => "ditunda",
        /// Dihapus: archived (incomplete, out of scope, spam).
        Archived => "diarsipkan",
    }
}

impl Bucket {
    /// The bucket a report in `status` is counted in.
    pub fn of(status: Status) -> Bucket {
        match status {
            Status::Closed => Bucket::Finished,
            Status::FollowUpDrafted | Status::FollowedUp | Status::ReporterReplied => {
                Bucket::InProgress
            }
            Status::Verified | Status::Forwarded | Status::Disposed => Bucket::VerifiedForwarded,
            Status::Submitted => Bucket::NotYetHandled,
            Status::ReturnedToReporter => Bucket::OnHold,
            Status::Archived => Bucket::Archived,
        }
    }
}

codes! {
    /// A milestone whose time is measured, in working days from submission.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Measure {
        /// To the first verification.
        Verify => "verify",
        /// To the first published follow-up.
        FollowUp => "follow_up",
        /// To the first close.
        Finish => "finish",
    }
}

/// What a step fixes for statistics, once (storage keeps the first value of each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Milestones {
    pub days_to_verify: Option<i64>,
    /// Working days to the follow-up, and whether it came within the answer deadline
    /// counted from the day the handling agency received the report.
    pub follow_up: Option<(i64, bool)>,
    pub days_to_finish: Option<i64>,
}

/// A report as [`Milestones::of_step`] needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepContext {
    pub submitted: Date,
    /// When the handling agency received it (the answer clock's start).
    pub forwarded: Option<Date>,
    pub classification: Classification,
    pub needs_inspection: bool,
}

impl Milestones {
    /// The milestones `action`, taken `today`, reaches.
    pub fn of_step(
        action: Action,
        report: StepContext,
        today: Date,
        calendar: &WorkingCalendar,
    ) -> Milestones {
        let days = calendar
            .working_days_between(report.submitted, today)
            .max(0);
        match action {
            Action::Verify => Milestones {
                days_to_verify: Some(days),
                ..Milestones::default()
            },
            Action::ApproveAndPublish => {
                let start = report.forwarded.unwrap_or(report.submitted);
                let due = calendar.add_working_days(
                    start,
                    answer_days(report.classification, report.needs_inspection),
                );
                Milestones {
                    follow_up: Some((days, today <= due)),
                    ..Milestones::default()
                }
            }
            Action::Close | Action::AutoClose => Milestones {
                days_to_finish: Some(days),
                ..Milestones::default()
            },
            _ => Milestones::default(),
        }
    }
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

    /// A stable code (open data).
    pub fn code(self) -> &'static str {
        match self {
            Tier::VeryResponsive => "sangat_responsif",
            Tier::Responsive => "responsif",
            Tier::FairlyResponsive => "cukup_responsif",
            Tier::NotResponsive => "kurang_responsif",
        }
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

/// Counters of a group of reports, as storage keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub reports: i64,
    /// Ever forwarded to an agency.
    pub forwarded: i64,
    /// With a published follow-up.
    pub followed_up: i64,
    /// Whose first follow-up came within the answer deadline.
    pub on_time: i64,
    /// Rated by their reporter, and the stars given in all.
    pub rated: i64,
    pub stars: i64,
    /// Reopened by their reporter.
    pub reopened: i64,
}

/// Reports sharing an agency, a region, a kind, a door and a status, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// The handling agency's id (0: not forwarded).
    pub agency: i64,
    /// The kab/kota code (4 digits), a province code (2) when the report named no
    /// kab/kota, or empty.
    pub region: String,
    pub classification: Classification,
    pub channel: Channel,
    pub status: Status,
    pub counts: Counts,
}

/// Reports that reached `measure` after `days` working days, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationTally {
    pub agency: i64,
    pub region: String,
    pub measure: Measure,
    pub days: i64,
    pub reports: i64,
}

/// The figures of one agency, one region or of everyone over a period.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Figures {
    pub received: i64,
    pub forwarded: i64,
    pub followed_up: i64,
    /// Followed up on or before the answer deadline.
    pub on_time: i64,
    pub rated: i64,
    pub stars: i64,
    pub reopened: i64,
    /// Received per bucket, in [`Bucket::ALL`] order.
    pub buckets: Vec<(Bucket, i64)>,
    /// Received per kind, in [`Classification::ALL`] order.
    pub by_classification: Vec<(Classification, i64)>,
    /// Received per door, in [`Channel::ALL`] order (doors nobody used left out).
    pub by_channel: Vec<(Channel, i64)>,
    /// Per milestone, how many reports took how many working days (fewest days first).
    pub durations: Vec<(Measure, Vec<(i64, i64)>)>,
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

    /// Reports in `bucket`.
    pub fn bucket(&self, bucket: Bucket) -> i64 {
        count_of(&self.buckets, bucket)
    }

    /// The share of received reports that are finished, in whole percent.
    pub fn finished_percent(&self) -> i64 {
        percent(self.bucket(Bucket::Finished), self.received)
    }

    /// The share of followed-up reports their reporter reopened, in whole percent.
    pub fn reopen_percent(&self) -> i64 {
        percent(self.reopened, self.followed_up)
    }

    /// The mean rating in tenths of a star (43 = 4.3), when anyone rated.
    pub fn mean_rating_tenths(&self) -> Option<i64> {
        (self.rated > 0).then(|| (self.stars * 10 + self.rated / 2) / self.rated)
    }

    /// How many reports reached `measure`, by working days.
    pub fn histogram(&self, measure: Measure) -> &[(i64, i64)] {
        self.durations
            .iter()
            .find(|(m, _)| *m == measure)
            .map_or(&[], |(_, h)| h.as_slice())
    }

    /// The median working days to `measure` (the lower median), when any report got there.
    pub fn median_days(&self, measure: Measure) -> Option<i64> {
        median(self.histogram(measure))
    }

    fn add(&mut self, tally: &Tally) {
        let c = tally.counts;
        self.received += c.reports;
        self.forwarded += c.forwarded;
        self.followed_up += c.followed_up;
        self.on_time += c.on_time;
        self.rated += c.rated;
        self.stars += c.stars;
        self.reopened += c.reopened;
        add_to(&mut self.buckets, Bucket::of(tally.status), c.reports);
        add_to(&mut self.by_classification, tally.classification, c.reports);
        add_to(&mut self.by_channel, tally.channel, c.reports);
    }

    fn add_duration(&mut self, tally: &DurationTally) {
        let at = match self.durations.iter().position(|(m, _)| *m == tally.measure) {
            Some(at) => at,
            None => {
                self.durations.push((tally.measure, Vec::new()));
                self.durations.len() - 1
            }
        };
        add_to(&mut self.durations[at].1, tally.days, tally.reports);
    }

    /// Puts every list in its documented order, with the zero rows a reader expects.
    fn finish(&mut self) {
        self.buckets = Bucket::ALL.map(|b| (b, self.bucket(b))).to_vec();
        let kinds = &self.by_classification;
        self.by_classification = Classification::ALL
            .map(|c| (c, count_of(kinds, c)))
            .to_vec();
        self.by_channel.retain(|(_, n)| *n > 0);
        self.by_channel
            .sort_by_key(|(c, _)| Channel::ALL.iter().position(|x| x == c));
        self.durations
            .sort_by_key(|(m, _)| Measure::ALL.iter().position(|x| x == m));
        for (_, histogram) in &mut self.durations {
            histogram.retain(|(_, n)| *n > 0);
            histogram.sort();
        }
        self.durations.retain(|(_, h)| !h.is_empty());
    }
}

/// The count kept for `key` (0 when there is none).
fn count_of<K: PartialEq>(list: &[(K, i64)], key: K) -> i64 {
    list.iter().find(|(k, _)| *k == key).map_or(0, |(_, n)| *n)
}

fn add_to<K: PartialEq>(list: &mut Vec<(K, i64)>, key: K, n: i64) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, count)) => *count += n,
        None => list.push((key, n)),
    }
}

/// The lower median of a histogram of (value, count), sorted by value.
pub fn median(histogram: &[(i64, i64)]) -> Option<i64> {
    let total: i64 = histogram.iter().map(|(_, n)| n).sum();
    if total <= 0 {
        return None;
    }
    let rank = (total + 1) / 2;
    let mut seen = 0;
    histogram.iter().find_map(|&(value, n)| {
        seen += n;
        (seen >= rank).then_some(value)
    })
}

/// The ranges of working days the follow-up distribution chart groups reports in
/// (inclusive; the last is open).
pub const FOLLOW_UP_RANGES: [(i64, Option<i64>); 5] = [
    (0, Some(3)),
    (4, Some(7)),
    (8, Some(14)),
    (15, Some(30)),
    (31, None),
];

/// Reports per [`FOLLOW_UP_RANGES`] range.
pub fn follow_up_distribution(figures: &Figures) -> Vec<((i64, Option<i64>), i64)> {
    let histogram = figures.histogram(Measure::FollowUp);
    FOLLOW_UP_RANGES
        .iter()
        .map(|&(low, high)| {
            let n = histogram
                .iter()
                .filter(|(days, _)| *days >= low && high.is_none_or(|h| *days <= h))
                .map(|(_, n)| n)
                .sum();
            ((low, high), n)
        })
        .collect()
}

/// An agency's or a region's figures, with what names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedFigures {
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
    /// Agencies with forwarded reports, in [`Ranking::Tier`] order.
    pub agencies: Vec<NamedFigures>,
    /// Provinces with reports, by name.
    pub provinces: Vec<NamedFigures>,
    /// Kabupaten and kota with reports, by name.
    pub regencies: Vec<NamedFigures>,
    /// Received per week, oldest first, at most [`CHART_WEEKS`].
    pub weeks: Vec<WeekCount>,
}

/// The names of what the tallies count by id or code.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Agency id → (code, name).
    pub agencies: BTreeMap<i64, (String, String)>,
    /// Region code → name.
    pub regions: BTreeMap<String, String>,
}

/// The statistics of a period from its tallies and the reports received per day.
pub fn compute(
    tallies: &[Tally],
    durations: &[DurationTally],
    days: &[(Date, i64)],
    names: &Names,
) -> Statistics {
    let mut national = Figures::default();
    let mut agencies: BTreeMap<i64, Figures> = BTreeMap::new();
    let mut provinces: BTreeMap<&str, Figures> = BTreeMap::new();
    let mut regencies: BTreeMap<&str, Figures> = BTreeMap::new();
    for tally in tallies {
        national.add(tally);
        if tally.agency != 0 {
            agencies.entry(tally.agency).or_default().add(tally);
        }
        if let Some(province) = tally.region.get(..2) {
            provinces.entry(province).or_default().add(tally);
        }
        if tally.region.len() == 4 {
            regencies.entry(&tally.region).or_default().add(tally);
        }
    }
    for tally in durations {
        national.add_duration(tally);
        if tally.agency != 0 {
            agencies
                .entry(tally.agency)
                .or_default()
                .add_duration(tally);
        }
        if let Some(province) = tally.region.get(..2) {
            provinces.entry(province).or_default().add_duration(tally);
        }
        if tally.region.len() == 4 {
            regencies
                .entry(&tally.region)
                .or_default()
                .add_duration(tally);
        }
    }
    national.finish();
    let agencies = agencies
        .into_iter()
        .filter_map(|(id, figures)| {
            let (code, name) = names.agencies.get(&id)?.clone();
            Some(NamedFigures {
                code,
                name,
                figures,
            })
        })
        .collect();
    let regions = |map: BTreeMap<&str, Figures>| -> Vec<NamedFigures> {
        let mut list: Vec<NamedFigures> = map
            .into_iter()
            .map(|(code, figures)| NamedFigures {
                code: code.to_string(),
                name: names
                    .regions
                    .get(code)
                    .cloned()
                    .unwrap_or_else(|| code.to_string()),
                figures,
            })
            .collect();
        list.sort_by(|a, b| a.name.cmp(&b.name));
        list
    };
    let mut stats = Statistics {
        national,
        agencies,
        provinces: regions(provinces),
        regencies: regions(regencies),
        weeks: weeks(days),
    };
    for entry in stats
        .agencies
        .iter_mut()
        .chain(&mut stats.provinces)
        .chain(&mut stats.regencies)
    {
        entry.figures.finish();
    }
    Ranking::Tier.sort(&mut stats.agencies);
    stats
}

/// Received per week from received per day, the last [`CHART_WEEKS`].
fn weeks(days: &[(Date, i64)]) -> Vec<WeekCount> {
    let mut weeks: BTreeMap<Date, i64> = BTreeMap::new();
    for &(day, n) in days {
        *weeks.entry(monday_of(day)).or_default() += n;
    }
    let weeks: Vec<WeekCount> = weeks
        .into_iter()
        .map(|(monday, received)| WeekCount { monday, received })
        .collect();
    let skip = weeks.len().saturating_sub(CHART_WEEKS);
    weeks[skip..].to_vec()
}

codes! {
    /// The orders the ranking table can be read in (`?urut=`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
    pub enum Ranking {
        /// By tier and on-time share (agencies with a tier first): the default.
        #[default]
        Tier => "tepat-waktu",
        /// By the share followed up.
        FollowedUp => "ditindaklanjuti",
        /// By reports received.
        Received => "diterima",
        /// By the median days to a follow-up, fastest first (none last).
        Speed => "kecepatan",
        /// By name.
        Name => "nama",
    }
}

impl Ranking {
    /// Sorts `list` in this order (ties by name).
    pub fn sort(self, list: &mut [NamedFigures]) {
        list.sort_by(|a, b| {
            let (fa, fb) = (&a.figures, &b.figures);
            let order = match self {
                Ranking::Tier => {
                    let rank = |f: &Figures| (f.tier().is_some(), f.on_time_percent(), f.forwarded);
                    rank(fb).cmp(&rank(fa))
                }
                Ranking::FollowedUp => (fb.followed_up_percent(), fb.forwarded)
                    .cmp(&(fa.followed_up_percent(), fa.forwarded)),
                Ranking::Received => fb.received.cmp(&fa.received),
                Ranking::Speed => {
                    let days = |f: &Figures| f.median_days(Measure::FollowUp).unwrap_or(i64::MAX);
                    days(fa).cmp(&days(fb))
                }
                Ranking::Name => std::cmp::Ordering::Equal,
            };
            order.then(a.name.cmp(&b.name))
        });
    }
}

/// The default period: the last 90 days.
pub const DEFAULT_PERIOD_DAYS: i64 = 90;
/// The longest period one request may ask for (a few years).
pub const MAX_PERIOD_DAYS: i64 = 3 * 366;

/// What `/statistik` (and its open data) is asked for: a period, optionally one region,
/// and the ranking's order; every part a plain GET parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatisticsQuery {
    pub from: Date,
    pub until: Date,
    /// A province (2 digits) or kab/kota (4 digits) code.
    pub region: Option<String>,
    pub order: Ranking,
}

impl StatisticsQuery {
    /// The default query on `today`: the last 90 days, everyone, by tier.
    pub fn default_on(today: Date) -> StatisticsQuery {
        StatisticsQuery {
            from: date_from_unix_days(today.unix_days() - DEFAULT_PERIOD_DAYS + 1),
            until: today,
            region: None,
            order: Ranking::Tier,
        }
    }

    /// Reads an address's query pairs; a part that cannot be read falls back to its
    /// default and is reported in the second value (the page says so; a download
    /// refuses).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        today: Date,
    ) -> (StatisticsQuery, bool) {
        use crate::model::public_feed::param;
        let mut query = StatisticsQuery::default_on(today);
        let (mut from, mut until) = (None, None);
        let mut ignored = false;
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match name {
                param::FROM => from = Some(Date::parse_iso(value)),
                param::UNTIL => until = Some(Date::parse_iso(value)),
                param::REGION => {
                    let code_like =
                        matches!(value.len(), 2 | 4) && value.bytes().all(|b| b.is_ascii_digit());
                    if code_like {
                        query.region = Some(value.to_string());
                    } else {
                        ignored = true;
                    }
                }
                param::ORDER => match Ranking::from_code(value) {
                    Some(order) => query.order = order,
                    None => ignored = true,
                },
                _ => {}
            }
        }
        match (from, until) {
            (Some(None), _) | (_, Some(None)) => ignored = true,
            (from, until) => {
                let until = until.flatten().unwrap_or(today);
                let from = from.flatten().unwrap_or(query.from);
                if (0..MAX_PERIOD_DAYS).contains(&(until.unix_days() - from.unix_days())) {
                    (query.from, query.until) = (from, until);
                } else {
                    ignored = true;
                }
            }
        }
        (query, ignored)
    }

    /// The query's parameters (for links and downloads), with `order` instead of its own.
    pub fn pairs(&self, order: Ranking) -> Vec<(&'static str, String)> {
        use crate::model::public_feed::param;
        let mut pairs = vec![
            (param::FROM, self.from.to_string()),
            (param::UNTIL, self.until.to_string()),
        ];
        if let Some(region) = &self.region {
            pairs.push((param::REGION, region.clone()));
        }
        if order != Ranking::Tier {
            pairs.push((param::ORDER, order.code().to_string()));
        }
        pairs
    }
}

/// The statistics' open-data columns (`/data/statistik.csv|json`), stable names; the
/// bucket columns are [`Bucket`]'s codes. Their meaning: the `/data` page.
pub const STATISTICS_COLUMNS: [&str; 31] = [
    "tingkat",
    "kode",
    "nama",
    "masuk",
    "diteruskan",
    "ditindaklanjuti",
    "tepat_waktu",
    "persen_ditindaklanjuti",
    "persen_tepat_waktu",
    "selesai",
    "dalam_proses",
    "diteruskan_belum_ditindaklanjuti",
    "belum_diproses",
    "ditunda",
    "diarsipkan",
    "median_hari_verifikasi",
    "median_hari_tindak_lanjut",
    "median_hari_selesai",
    "jumlah_penilaian",
    "rata_rata_penilaian",
    "dibuka_kembali",
    "predikat",
    "masuk_pengaduan",
    "masuk_aspirasi",
    "masuk_permintaan_informasi",
    "masuk_web",
    "masuk_sms",
    "masuk_media_sosial",
    "masuk_api",
    "masuk_telegram",
    "masuk_whatsapp",
];

/// One value of an open-data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenValue {
    Text(String),
    Number(i64),
    /// A number with one decimal, in tenths (45 = 4.5).
    Tenths(i64),
    /// Nothing to say (no median yet, no tier).
    Empty,
}

/// The rows of the statistics' open data, in [`STATISTICS_COLUMNS`] order: the whole
/// (`nasional`, or the region asked for: `wilayah`), then every province, kab/kota and
/// agency.
pub fn statistics_rows(stats: &Statistics, region: Option<&str>) -> Vec<Vec<OpenValue>> {
    let whole = match region {
        Some(code) => ("wilayah", code.to_string(), String::new()),
        None => ("nasional", String::new(), String::new()),
    };
    let mut rows = vec![open_row(whole.0, whole.1, whole.2, &stats.national)];
    for (level, list) in [
        ("provinsi", &stats.provinces),
        ("kabkota", &stats.regencies),
        ("instansi", &stats.agencies),
    ] {
        for entry in list {
            rows.push(open_row(
                level,
                entry.code.clone(),
                entry.name.clone(),
                &entry.figures,
            ));
        }
    }
    rows
}

fn open_row(level: &str, code: String, name: String, f: &Figures) -> Vec<OpenValue> {
    use OpenValue::{Empty, Number, Tenths, Text};
    let optional = |value: Option<i64>| value.map_or(Empty, Number);
    let mut row = vec![
        Text(level.to_string()),
        Text(code),
        Text(name),
        Number(f.received),
        Number(f.forwarded),
        Number(f.followed_up),
        Number(f.on_time),
        Number(f.followed_up_percent()),
        Number(f.on_time_percent()),
    ];
    row.extend(Bucket::ALL.map(|b| Number(f.bucket(b))));
    row.extend([
        optional(f.median_days(Measure::Verify)),
        optional(f.median_days(Measure::FollowUp)),
        optional(f.median_days(Measure::Finish)),
        Number(f.rated),
        f.mean_rating_tenths().map_or(Empty, Tenths),
        Number(f.reopened),
        f.tier().map_or(Empty, |tier| Text(tier.code().to_string())),
    ]);
    row.extend(Classification::ALL.map(|c| Number(count_of(&f.by_classification, c))));
    row.extend(Channel::ALL.map(|c| Number(count_of(&f.by_channel, c))));
    row
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

    #[test]
    fn every_status_falls_in_one_bucket_and_every_bucket_is_reached() {
        let reached: Vec<Bucket> = Status::ALL.iter().map(|&s| Bucket::of(s)).collect();
        for bucket in Bucket::ALL {
            assert!(reached.contains(&bucket), "{bucket:?} is never reached");
        }
        assert_eq!(Bucket::of(Status::Closed), Bucket::Finished);
        assert_eq!(Bucket::of(Status::ReturnedToReporter), Bucket::OnHold);
        assert_eq!(Bucket::of(Status::Disposed), Bucket::VerifiedForwarded);
        assert_eq!(Bucket::of(Status::ReporterReplied), Bucket::InProgress);
    }

    /// A complaint forwarded on Monday 2 March 2026 is due 14 working days later: the
    /// 20th, or the 27th with 18–24 March off (Nyepi and Idul Fitri).
    #[test]
    fn milestones_count_working_days_and_the_deadline_with_holidays() {
        let holidays = WorkingCalendar::new(
            [
                "2026-03-18",
                "2026-03-19",
                "2026-03-20",
                "2026-03-23",
                "2026-03-24",
            ]
            .map(d),
        );
        let plain = WorkingCalendar::default();
        let report = StepContext {
            submitted: d("2026-02-27"),
            forwarded: Some(d("2026-03-02")),
            classification: Classification::Complaint,
            needs_inspection: false,
        };
        let publish = |day: &str, calendar: &WorkingCalendar| {
            Milestones::of_step(Action::ApproveAndPublish, report, d(day), calendar).follow_up
        };
        // Friday 27 Feb → Friday 27 March: 20 working days, 15 without the holidays.
        assert_eq!(publish("2026-03-27", &holidays), Some((15, true)));
        assert_eq!(publish("2026-03-30", &holidays), Some((16, false)));
        assert_eq!(publish("2026-03-27", &plain), Some((20, false)));
        assert_eq!(publish("2026-03-20", &plain), Some((15, true)));
        assert_eq!(
            Milestones::of_step(Action::Verify, report, d("2026-03-02"), &plain).days_to_verify,
            Some(1),
            "verified the next working day"
        );
        assert_eq!(
            Milestones::of_step(Action::Verify, report, d("2026-02-28"), &plain).days_to_verify,
            Some(0),
            "verified on the weekend"
        );
        assert_eq!(
            Milestones::of_step(Action::AutoClose, report, d("2026-03-06"), &plain).days_to_finish,
            Some(5)
        );
        assert_eq!(
            Milestones::of_step(Action::Dispose, report, d("2026-03-06"), &plain),
            Milestones::default(),
            "a step without a milestone fixes nothing"
        );
    }

    #[test]
    fn the_median_is_the_lower_middle_of_the_histogram() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[(4, 1)]), Some(4));
        assert_eq!(median(&[(1, 1), (2, 1), (5, 2)]), Some(2));
        assert_eq!(median(&[(1, 1), (2, 1), (5, 3)]), Some(5));
        assert_eq!(median(&[(0, 10), (9, 1)]), Some(0));
    }

    fn tally(agency: i64, region: &str, status: Status, counts: Counts) -> Tally {
        Tally {
            agency,
            region: region.into(),
            classification: Classification::Complaint,
            channel: if agency == 2 {
                Channel::Sms
            } else {
                Channel::Web
            },
            status,
            counts,
        }
    }

    fn n(reports: i64) -> Counts {
        Counts {
            reports,
            ..Counts::default()
        }
    }

    /// A hand-counted fixture: agency 1 (Jombang, region 3517) and agency 2 (Surabaya,
    /// 3578), both in province 35, and reports not yet forwarded in 3517 and in 31.
    #[test]
    fn figures_fold_per_agency_and_region_level() {
        let closed = Counts {
            reports: 4,
            forwarded: 4,
            followed_up: 4,
            on_time: 3,
            rated: 2,
            stars: 9,
            reopened: 1,
        };
        let in_progress = Counts {
            reports: 2,
            forwarded: 2,
            followed_up: 1,
            on_time: 1,
            ..Counts::default()
        };
        let tallies = [
            tally(1, "3517", Status::Closed, closed),
            tally(1, "3517", Status::Disposed, in_progress),
            tally(
                2,
                "3578",
                Status::FollowedUp,
                Counts {
                    forwarded: 1,
                    followed_up: 1,
                    ..n(1)
                },
            ),
            tally(0, "3517", Status::Submitted, n(3)),
            tally(0, "31", Status::Archived, n(2)),
        ];
        let durations = [
            DurationTally {
                agency: 1,
                region: "3517".into(),
                measure: Measure::FollowUp,
                days: 3,
                reports: 2,
            },
            DurationTally {
                agency: 1,
                region: "3517".into(),
                measure: Measure::FollowUp,
                days: 10,
                reports: 3,
            },
            DurationTally {
                agency: 2,
                region: "3578".into(),
                measure: Measure::FollowUp,
                days: 1,
                reports: 1,
            },
            DurationTally {
                agency: 0,
                region: "3517".into(),
                measure: Measure::Verify,
                days: 2,
                reports: 3,
            },
        ];
        let mut names = Names::default();
        names
            .agencies
            .insert(1, ("kab-3517".into(), "Kabupaten Jombang".into()));
        names
            .agencies
            .insert(2, ("kota-3578".into(), "Kota Surabaya".into()));
        for (code, name) in [
            ("35", "Jawa Timur"),
            ("31", "DKI Jakarta"),
            ("3517", "Kab. Jombang"),
            ("3578", "Kota Surabaya"),
        ] {
            names.regions.insert(code.into(), name.into());
        }
        let days = [
            (d("2026-03-02"), 5),
            (d("2026-03-04"), 4),
            (d("2026-03-10"), 3),
        ];
        let stats = compute(&tallies, &durations, &days, &names);

        let all = &stats.national;
        assert_eq!(
            (all.received, all.forwarded, all.followed_up, all.on_time),
            (12, 7, 6, 4)
        );
        assert_eq!(
            all.buckets,
            vec![
                (Bucket::Finished, 4),
                (Bucket::InProgress, 1),
                (Bucket::VerifiedForwarded, 2),
                (Bucket::NotYetHandled, 3),
                (Bucket::OnHold, 0),
                (Bucket::Archived, 2),
            ]
        );
        assert_eq!(all.finished_percent(), 33);
        assert_eq!(all.mean_rating_tenths(), Some(45), "9 stars over 2 ratings");
        assert_eq!(all.reopen_percent(), 16, "1 of 6 followed up");
        assert_eq!(
            all.median_days(Measure::FollowUp),
            Some(3),
            "1, 3, 3, 10, 10, 10"
        );
        assert_eq!(all.median_days(Measure::Verify), Some(2));
        assert_eq!(all.median_days(Measure::Finish), None);
        assert_eq!(all.by_channel, vec![(Channel::Web, 11), (Channel::Sms, 1)]);
        assert_eq!(all.by_classification[0], (Classification::Complaint, 12));
        assert_eq!(
            follow_up_distribution(all)
                .iter()
                .map(|(_, n)| *n)
                .collect::<Vec<_>>(),
            vec![3, 0, 3, 0, 0]
        );

        let names_of =
            |list: &[NamedFigures]| list.iter().map(|e| e.name.clone()).collect::<Vec<_>>();
        assert_eq!(names_of(&stats.provinces), ["DKI Jakarta", "Jawa Timur"]);
        assert_eq!(
            names_of(&stats.regencies),
            ["Kab. Jombang", "Kota Surabaya"]
        );
        let east_java = &stats.provinces[1].figures;
        assert_eq!((east_java.received, east_java.forwarded), (10, 7));
        let jombang = &stats.regencies[0].figures;
        assert_eq!((jombang.received, jombang.on_time), (9, 4));
        assert_eq!(
            jombang.median_days(Measure::FollowUp),
            Some(10),
            "3, 3, 10, 10, 10"
        );

        // Jombang: 66 % on time over 6 reports; Surabaya: 0 % over 1 — neither has a tier.
        assert_eq!(
            names_of(&stats.agencies),
            ["Kabupaten Jombang", "Kota Surabaya"]
        );
        assert!(stats.agencies.iter().all(|a| a.figures.tier().is_none()));
        let mut by_received = stats.agencies.clone();
        Ranking::Received.sort(&mut by_received);
        assert_eq!(
            names_of(&by_received),
            ["Kabupaten Jombang", "Kota Surabaya"]
        );
        Ranking::Speed.sort(&mut by_received);
        assert_eq!(
            names_of(&by_received),
            ["Kota Surabaya", "Kabupaten Jombang"]
        );

        assert_eq!(
            stats.weeks,
            vec![
                WeekCount {
                    monday: d("2026-03-02"),
                    received: 9
                },
                WeekCount {
                    monday: d("2026-03-09"),
                    received: 3
                },
            ]
        );
    }

    #[test]
    fn a_statistics_address_is_read_part_by_part() {
        let today = d("2026-06-30");
        let read =
            |pairs: &[(&str, &str)]| StatisticsQuery::from_pairs(pairs.iter().copied(), today);
        let (query, ignored) = read(&[]);
        assert!(!ignored);
        assert_eq!(
            (query.from, query.until),
            (d("2026-04-02"), today),
            "the last 90 days"
        );
        let (query, ignored) = read(&[
            ("dari", "2026-01-01"),
            ("sampai", "2026-01-31"),
            ("wilayah", "3517"),
            ("urut", "nama"),
        ]);
        assert!(!ignored);
        assert_eq!(query.region.as_deref(), Some("3517"));
        assert_eq!(query.order, Ranking::Name);
        assert_eq!(
            query.pairs(Ranking::Tier),
            vec![
                ("dari", "2026-01-01".to_string()),
                ("sampai", "2026-01-31".to_string()),
                ("wilayah", "3517".to_string())
            ]
        );
        for odd in [
            &[("dari", "kemarin")][..],
            &[("sampai", "2026-13-01")],
            &[("wilayah", "35' OR 1=1")],
            &[("wilayah", "351")],
            &[("urut", "acak")],
            &[("dari", "2026-02-01"), ("sampai", "2026-01-01")],
            &[("dari", "2020-01-01")],
        ] {
            let (query, ignored) = read(odd);
            assert!(ignored, "{odd:?}");
            assert!(query
                .region
                .as_deref()
                .is_none_or(|r| r.bytes().all(|b| b.is_ascii_digit())));
        }
    }

    #[test]
    fn open_data_rows_follow_the_columns() {
        let mut stats = Statistics::default();
        stats.national.received = 3;
        stats.national.rated = 2;
        stats.national.stars = 7;
        stats.national.finish();
        stats.regencies.push(NamedFigures {
            code: "3517".into(),
            name: "Kab. Jombang".into(),
            figures: stats.national.clone(),
        });
        let rows = statistics_rows(&stats, None);
        assert_eq!(rows.len(), 2);
        for row in &rows {
            assert_eq!(row.len(), STATISTICS_COLUMNS.len());
        }
        let at = |name: &str| {
            STATISTICS_COLUMNS
                .iter()
                .position(|c| *c == name)
                .expect(name)
        };
        assert_eq!(rows[0][at("tingkat")], OpenValue::Text("nasional".into()));
        assert_eq!(rows[1][at("kode")], OpenValue::Text("3517".into()));
        assert_eq!(rows[0][at("masuk")], OpenValue::Number(3));
        assert_eq!(rows[0][at("rata_rata_penilaian")], OpenValue::Tenths(35));
        assert_eq!(rows[0][at("median_hari_selesai")], OpenValue::Empty);
        assert_eq!(
            rows[0][at("predikat")],
            OpenValue::Empty,
            "no tier without reports"
        );
        // The bucket columns sit where their names say.
        for (i, bucket) in Bucket::ALL.iter().enumerate() {
            assert_eq!(
                at("selesai") + i,
                at(match bucket {
                    Bucket::Finished => "selesai",
                    Bucket::InProgress => "dalam_proses",
                    Bucket::VerifiedForwarded => "diteruskan_belum_ditindaklanjuti",
                    Bucket::NotYetHandled => "belum_diproses",
                    Bucket::OnHold => "ditunda",
                    Bucket::Archived => "diarsipkan",
                })
            );
        }
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(monday_of(d("2026-03-08")), d("2026-03-02"));
        assert_eq!(monday_of(d("2026-03-02")), d("2026-03-02"));
    }
}
