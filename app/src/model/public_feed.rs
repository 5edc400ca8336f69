//! The public report feed (`/laporan`): which reports the public sees, how its filters
//! read from an address, and what a card shows. A card has no field for anyone's
//! identity, and only a verified, non-confidential report becomes one.

use serde::{Deserialize, Serialize};

use crate::model::calendar::{Date, DeadlineKind};
use crate::model::privacy::DeadlineView;
use crate::model::report::Classification;
use crate::model::status::Status;
use crate::model::tracking::TrackingNumber;
use crate::model::workspace::search_words;

/// The licence of the open data (`/data`).
pub const LICENCE: &str = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)";

/// Cards per page.
pub const FEED_PAGE_SIZE: i64 = 20;
/// A card's excerpt of the story, in characters.
pub const EXCERPT_CHARS: usize = 200;

/// The statuses of a report the public sees in the feed: verified, and on from there.
/// Not yet verified, returned for more detail or archived as incomplete: not shown.
pub const FEED_STATUSES: [Status; 7] = [
    Status::Verified,
    Status::Forwarded,
    Status::Disposed,
    Status::FollowUpDrafted,
    Status::FollowedUp,
    Status::ReporterReplied,
    Status::Closed,
];

/// The public reports still open: what a new report may be the same as
/// (`model::duplicates`), the feed's statuses but closed. The look-alike index of each
/// database lists exactly these (`migrations/*/20261204000001_open_public_search.sql`).
pub const OPEN_PUBLIC_STATUSES: [Status; 6] = {
    let mut open = [Status::Verified; 6];
    let (mut from, mut to) = (0, 0);
    while from < FEED_STATUSES.len() {
        if !matches!(FEED_STATUSES[from], Status::Closed) {
            open[to] = FEED_STATUSES[from];
            to += 1;
        }
        from += 1;
    }
    open
};

/// Whether a report in `status` (and not confidential) is on the public feed.
pub fn shown_in_feed(status: Status, confidential: bool) -> bool {
    !confidential && FEED_STATUSES.contains(&status)
}

/// The feed's filters, as its address carries them (each a plain GET parameter, so a
/// filtered feed is a link anyone can share).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FeedFilter {
    /// `instansi`: an agency's code.
    pub agency: Option<String>,
    /// `wilayah`: a region code; the regions inside it are included (`35` holds `3517`).
    pub region_code: Option<String>,
    /// `kategori`: a category id.
    pub category_id: Option<i64>,
    /// `jenis`: complaint, aspiration, information request.
    pub classification: Option<Classification>,
    /// `status`: one of [`FEED_STATUSES`].
    pub status: Option<Status>,
    /// `dari` / `sampai`: submitted on or after, on or before (ISO dates).
    pub from: Option<Date>,
    pub until: Option<Date>,
    /// `cari`: words that must all be in the title or story.
    pub search: Option<String>,
    /// `sebelum`: the cursor, the last card of the page before (a tracking number).
    pub before: Option<TrackingNumber>,
}

/// The parameter names, for the forms and links that write them.
pub mod param {
    pub const AGENCY: &str = "instansi";
    pub const REGION: &str = "wilayah";
    pub const CATEGORY: &str = "kategori";
    pub const CLASSIFICATION: &str = "jenis";
    pub const STATUS: &str = "status";
    pub const FROM: &str = "dari";
    pub const UNTIL: &str = "sampai";
    pub const SEARCH: &str = "cari";
    pub const BEFORE: &str = "sebelum";
    /// The ranking's order on `/statistik`.
    pub const ORDER: &str = "urut";
}

impl FeedFilter {
    /// Reads the filters from an address's query pairs. A value that cannot be read is
    /// left out (the feed shows what it can) and reported in the second value, so the
    /// page can say so.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (Self, bool) {
        let mut filter = FeedFilter::default();
        let mut ignored = false;
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let ok = match name {
                param::AGENCY => set(&mut filter.agency, agency_code(value)),
                param::REGION => set(&mut filter.region_code, region_code(value)),
                param::CATEGORY => set(
                    &mut filter.category_id,
                    value.parse().ok().filter(|n| *n > 0),
                ),
                param::CLASSIFICATION => {
                    set(&mut filter.classification, Classification::from_code(value))
                }
                param::STATUS => set(
                    &mut filter.status,
                    Status::from_code(value).filter(|s| FEED_STATUSES.contains(s)),
                ),
                param::FROM => set(&mut filter.from, Date::parse_iso(value)),
                param::UNTIL => set(&mut filter.until, Date::parse_iso(value)),
                param::SEARCH => set(
                    &mut filter.search,
                    (!search_words(value).is_empty()).then(|| value.chars().take(200).collect()),
                ),
                param::BEFORE => set(&mut filter.before, TrackingNumber::parse(value).ok()),
                // Other parameters (a language switch's, a campaign's) are not filters.
                _ => true,
            };
            ignored |= !ok;
        }
        (filter, ignored)
    }

    /// The filters as query pairs (the cursor left out unless `with_cursor`).
    pub fn pairs(&self, with_cursor: bool) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut add = |name: &'static str, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((name, value));
            }
        };
        add(param::SEARCH, self.search.clone());
        add(param::AGENCY, self.agency.clone());
        add(param::REGION, self.region_code.clone());
        add(param::CATEGORY, self.category_id.map(|n| n.to_string()));
        add(
            param::CLASSIFICATION,
            self.classification.map(|c| c.code().to_string()),
        );
        add(param::STATUS, self.status.map(|s| s.code().to_string()));
        add(param::FROM, self.from.map(|d| d.to_string()));
        add(param::UNTIL, self.until.map(|d| d.to_string()));
        if with_cursor {
            add(
                param::BEFORE,
                self.before.as_ref().map(|n| n.as_str().to_string()),
            );
        }
        pairs
    }

    /// Whether any filter narrows the feed (the cursor aside).
    pub fn narrows(&self) -> bool {
        !self.pairs(false).is_empty()
    }
}

/// Keeps `value` in `slot`; `false` when there was none to keep.
fn set<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    let ok = value.is_some();
    if ok {
        *slot = value;
    }
    ok
}

/// An agency code as agencies are coded: lower-case letters, digits and dashes.
fn agency_code(value: &str) -> Option<String> {
    let value = value.to_lowercase();
    (value.len() <= 80
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
    .then_some(value)
}

/// A region code as BPS writes them: 2, 4, 7 or 10 digits (`35`, `3517`).
fn region_code(value: &str) -> Option<String> {
    ([2, 4, 7, 10].contains(&value.len()) && value.chars().all(|c| c.is_ascii_digit()))
        .then(|| value.to_string())
}

/// One report on the feed: what the public may read of it, and nothing of who sent it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedCard {
    /// Grouped form (`K7Q-M3X-PAR`).
    pub tracking_number: String,
    /// Compact form, for links.
    pub compact: String,
    pub title: String,
    pub excerpt: String,
    pub classification: Classification,
    pub category_name: Option<String>,
    pub region_code: Option<String>,
    pub region_name: Option<String>,
    pub agency_name: Option<String>,
    pub agency_code: Option<String>,
    pub status: Status,
    pub submitted_on: Date,
    pub deadline: Option<DeadlineView>,
    /// How many people support it (Dukung).
    pub supporters: i64,
    /// Whether the reader's browser supports it already.
    pub supported: bool,
}

/// One page of the feed, newest first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FeedPage {
    pub cards: Vec<FeedCard>,
    /// The cursor of the next (older) page, when there is one.
    pub next: Option<String>,
}

/// An agency as the public sees it: who it is, how to reach it by SMS, and how many of
/// its public reports were followed up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyProfile {
    pub code: String,
    pub name: String,
    pub sms_keyword: Option<String>,
    pub region_name: Option<String>,
    /// Public reports it handles (or handled).
    pub public_reports: i64,
    /// Of those, followed up or closed.
    pub followed_up: i64,
}

/// The first `EXCERPT_CHARS` characters of a story, cut at a word, with an ellipsis when
/// cut.
pub fn excerpt(story: &str) -> String {
    let story = story.split_whitespace().collect::<Vec<_>>().join(" ");
    if story.chars().count() <= EXCERPT_CHARS {
        return story;
    }
    let cut: String = story.chars().take(EXCERPT_CHARS).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space > EXCERPT_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':']))
}

/// The legal clock a card shows for a report in `status` (see `calendar::running_clock`).
pub fn card_clock(status: Status) -> Option<DeadlineKind> {
    crate::model::calendar::running_clock(status)
}

/// The open-data columns of the feed (`/data/laporan.csv` and `.json`), in order. Stable:
/// a column may be added at the end, never renamed, reordered or removed.
pub const OPEN_DATA_COLUMNS: [&str; 15] = [
    "nomor",
    "judul",
    "ringkasan",
    "jenis",
    "status",
    "kategori",
    "wilayah_kode",
    "wilayah",
    "instansi_kode",
    "instansi",
    "tanggal_masuk",
    "tenggat_jenis",
    "tenggat_tanggal",
    "tenggat_lewat",
    "pendukung",
];

/// At most this many reports in one download: the newest that match its filters.
pub const OPEN_DATA_MAX_ROWS: i64 = 10_000;

/// A deadline kind's open-data code.
pub fn deadline_code(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Verification => "verifikasi",
        DeadlineKind::FollowUpDraft => "draf_tindak_lanjut",
        DeadlineKind::Answer => "jawaban",
        DeadlineKind::AutoClose => "tutup_otomatis",
    }
}

/// A card as an open-data row, in [`OPEN_DATA_COLUMNS`] order: codes, not labels (the
/// same in every language), dates as ISO, empty where there is nothing.
pub fn open_data_row(card: &FeedCard) -> [String; 15] {
    let deadline = card.deadline.as_ref();
    [
        card.tracking_number.clone(),
        card.title.clone(),
        card.excerpt.clone(),
        card.classification.code().to_string(),
        card.status.code().to_string(),
        card.category_name.clone().unwrap_or_default(),
        card.region_code.clone().unwrap_or_default(),
        card.region_name.clone().unwrap_or_default(),
        card.agency_code.clone().unwrap_or_default(),
        card.agency_name.clone().unwrap_or_default(),
        card.submitted_on.to_string(),
        deadline
            .map(|d| deadline_code(d.kind).to_string())
            .unwrap_or_default(),
        deadline.map(|d| d.due.to_string()).unwrap_or_default(),
        deadline
            .map(|d| {
                let late = matches!(d.state, crate::model::calendar::DeadlineState::Overdue(_));
                if late { "ya" } else { "tidak" }.to_string()
            })
            .unwrap_or_default(),
        card.supporters.to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_verified_non_confidential_reports_are_shown() {
        for status in Status::ALL {
            let verified = !matches!(
                status,
                Status::Submitted | Status::ReturnedToReporter | Status::Archived
            );
            assert_eq!(shown_in_feed(status, false), verified, "{status:?}");
            assert!(!shown_in_feed(status, true), "{status:?} confidential");
        }
    }

    #[test]
    fn filters_read_from_the_address_and_write_back_the_same() {
        let cursor = TrackingNumber::from_random([1, 2, 3, 4, 5, 6, 7, 8]);
        let (filter, ignored) = FeedFilter::from_pairs([
            ("cari", "jalan rusak"),
            ("instansi", "JombangKab"),
            ("wilayah", "3517"),
            ("kategori", "4"),
            ("jenis", "aspirasi"),
            ("status", "forwarded"),
            ("dari", "2026-01-01"),
            ("sampai", "2026-12-31"),
            ("sebelum", cursor.as_str()),
            ("bahasa", "en"),
        ]);
        assert!(!ignored, "{filter:?}");
        assert_eq!(filter.agency.as_deref(), Some("jombangkab"));
        assert_eq!(filter.before, Some(cursor));
        assert_eq!(filter.classification, Some(Classification::Aspiration));
        assert_eq!(filter.status, Some(Status::Forwarded));
        assert!(filter.narrows());
        let written: Vec<(&str, String)> = filter.pairs(true);
        let (again, _) = FeedFilter::from_pairs(written.iter().map(|(n, v)| (*n, v.as_str())));
        assert_eq!(again, filter);
    }

    #[test]
    fn what_cannot_be_read_is_left_out_and_said() {
        for (name, value) in [
            ("status", "submitted"),
            ("status", "archived"),
            ("jenis", "gosip"),
            ("kategori", "-1"),
            ("wilayah", "35'; DROP"),
            ("instansi", "<script>"),
            ("dari", "kemarin"),
            ("sebelum", "K7QM3XPAQ"),
            ("cari", "%%%"),
        ] {
            let (filter, ignored) = FeedFilter::from_pairs([(name, value)]);
            assert!(ignored, "{name}={value}");
            assert_eq!(filter, FeedFilter::default(), "{name}={value}");
        }
        let (filter, ignored) = FeedFilter::from_pairs([("cari", "  "), ("jenis", "")]);
        assert!(
            !ignored && filter == FeedFilter::default(),
            "empty is no filter"
        );
    }

    #[test]
    fn an_excerpt_is_cut_at_a_word() {
        assert_eq!(excerpt("Jalan  rusak\nparah."), "Jalan rusak parah.");
        let long = "kata ".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
        assert!(!cut.contains("ka…"), "cut at a word: {cut}");
    }
}
