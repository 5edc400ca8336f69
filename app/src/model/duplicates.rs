//! Duplicate detection at submission: is a new report the same problem as an open public
//! report nearby? Then the citizen is offered to support that one instead ("Dukung")
//! or to send theirs anyway. The words and the score are decided here (pure); storage
//! finds the candidates (same kab/kota or within [`NEARBY_METRES`], same category,
//! sharing a word) and this module keeps the similar ones.

use std::collections::BTreeSet;

use crate::model::validation::NewReport;

/// What a report being written says, as far as finding look-alikes needs it: from a
/// complete report at submission, or from the form as the citizen types.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    pub title: String,
    pub body: String,
    /// A BPS region code at any level (only its kab/kota part is used).
    pub region_code: Option<String>,
    pub category_id: Option<i64>,
    pub coordinates: Option<(f64, f64)>,
}

impl From<&NewReport> for Draft {
    fn from(report: &NewReport) -> Draft {
        Draft {
            title: report.title.clone(),
            body: report.body.clone(),
            region_code: report.location.region_code.clone(),
            category_id: report.category_id,
            coordinates: report.location.coordinates,
        }
    }
}

/// At most this many reports are offered.
pub const MAX_SUGGESTIONS: usize = 3;
/// How close two reports with coordinates must be to count as nearby.
pub const NEARBY_METRES: f64 = 500.0;
/// The least share of words two reports must have in common, in percent of the
/// smaller report's words ...
pub const SIMILAR_MIN_PERCENT: usize = 50;
/// ... and the least number of words in common.
pub const SIMILAR_MIN_WORDS: usize = 2;
/// Candidates storage reads before scoring.
pub const CANDIDATES: i64 = 30;

/// Words too common in reports to say what a report is about.
const STOPWORDS: &[&str] = &[
    "ada", "adalah", "agar", "akan", "atau", "bagi", "bahwa", "banyak", "belum", "bisa", "bapak",
    "dalam", "dan", "dari", "dengan", "depan", "dekat", "desa", "ini", "itu", "juga", "kami",
    "karena", "kepada", "kita", "lagi", "lama", "laporan", "lapor", "masih", "mohon", "mereka",
    "oleh", "pada", "para", "saat", "sangat", "saya", "sejak", "sekitar", "sudah", "tapi", "telah",
    "tersebut", "tidak", "tolong", "untuk", "warga", "yang", "belakang", "hari", "bulan", "tahun",
    "minggu", "sehingga", "segera", "terima", "kasih",
];

/// The words that say what a text is about: lower case, letters and digits, at least
/// four characters, no stopword.
pub fn significant_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// How much of the smaller text's words the other shares, in percent, and how many.
pub fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> (usize, usize) {
    let shared = a.intersection(b).count();
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return (0, 0);
    }
    (shared * 100 / smaller, shared)
}

/// Whether two reports (title and story each) read as the same problem.
pub fn is_similar(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    let (percent, shared) = overlap(a, b);
    shared >= SIMILAR_MIN_WORDS && percent >= SIMILAR_MIN_PERCENT
}

/// The words to look candidates up by: the title's, or the story's when the title has
/// too few (at most 8, the longest first: they say the most).
pub fn lookup_words(title: &str, body: &str) -> Vec<String> {
    let mut words: Vec<String> = significant_words(title).into_iter().collect();
    if words.len() < SIMILAR_MIN_WORDS {
        words.extend(significant_words(body));
        words.sort();
        words.dedup();
    }
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.truncate(8);
    words
}

/// Metres between two points on the Earth (haversine).
pub fn metres_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_METRES: f64 = 6_371_000.0;
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let d_lat = lat2 - lat1;
    let d_lon = (b.1 - a.1).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lon / 2.0).sin().powi(2);
    2.0 * EARTH_METRES * h.sqrt().asin()
}

/// Degrees of latitude and longitude that hold [`NEARBY_METRES`] around `latitude`
/// (a box for an index; [`metres_between`] decides).
pub fn nearby_box(latitude: f64) -> (f64, f64) {
    let lat = NEARBY_METRES / 111_320.0;
    let lon = lat / latitude.to_radians().cos().abs().max(0.01);
    (lat, lon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> BTreeSet<String> {
        significant_words(text)
    }

    #[test]
    fn significant_words_leave_out_short_and_common_ones() {
        assert_eq!(
            words("Jalan di Desa Mojoagung rusak parah, sudah 3 bulan!"),
            ["jalan", "mojoagung", "parah", "rusak"]
                .map(String::from)
                .into()
        );
        assert!(words("yang dan di ke").is_empty());
    }

    #[test]
    fn the_same_problem_in_other_words_is_similar_and_another_problem_is_not() {
        let first =
            words("Jalan rusak parah di Jl. Merdeka. Lubang besar membahayakan pengendara motor.");
        let same = words("Lubang besar di jalan Merdeka, rusak dan membahayakan");
        let other = words("Lampu penerangan jalan mati di Jl. Merdeka");
        let unrelated = words("Pungutan liar di puskesmas kecamatan");
        assert!(is_similar(&first, &same), "{:?}", overlap(&first, &same));
        assert!(!is_similar(&first, &other), "{:?}", overlap(&first, &other));
        assert!(!is_similar(&first, &unrelated));
        assert!(!is_similar(&first, &BTreeSet::new()), "nothing to compare");
    }

    #[test]
    fn lookup_words_prefer_the_title_and_the_longest_words() {
        assert_eq!(
            lookup_words("Jembatan gantung putus", "apa saja"),
            ["jembatan", "gantung", "putus"]
        );
        let from_story = lookup_words("Tolong!", "Sampah menumpuk di pasar induk");
        assert!(
            from_story.contains(&"menumpuk".to_string()),
            "{from_story:?}"
        );
        assert!(lookup_words(&"kata ".repeat(40), &"panjang sekali ".repeat(40)).len() <= 8);
    }

    #[test]
    fn distances_and_the_nearby_box() {
        // Two points in Jombang about 300 m apart, and one 5 km away.
        let here = (-7.5460, 112.2330);
        let near = (-7.5487, 112.2330);
        let far = (-7.5910, 112.2330);
        let d = metres_between(here, near);
        assert!((290.0..310.0).contains(&d), "{d}");
        assert!(metres_between(here, far) > 4_900.0);
        let (lat, lon) = nearby_box(here.0);
        assert!((lat - 0.00449).abs() < 0.0001, "{lat}");
        assert!(
            lon >= lat,
            "a degree of longitude is never longer than one of latitude"
        );
    }
}
