//! Public pages many people read, kept rendered in memory: the public tracking page now,
//! the public feed and statistics later.
//!
//! An entry is keyed by what the page shows: the address, the reader's language, whether
//! the islands router asked (it gets the page written for its diff), and a stamp of the
//! data read from the database on every request (for a report: its version and its newest
//! event, so a committed event makes the entry stale at once), plus the day (deadlines are
//! counted from today). Entries older than [`MAX_AGE`] are rendered again: a backstop for
//! reference data that changes without an event (a day off added, an agency renamed).
//!
//! Only public answers go in: the caller decides a request is public (no reporter session
//! for the report, no query) before asking, and never stores a private page.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue};
use axum::response::Response;

use crate::i18n::Locale;
use crate::model::Date;
use crate::server::http::COMPRESSION_LEVEL;

/// How long an entry may be served at most.
pub const MAX_AGE: Duration = Duration::from_secs(60);
/// Entries kept at most; a full cache forgets its oldest half. A tracking page is ~18 KB
/// plain and ~5 KB compressed: well under 100 MB.
const CAPACITY: usize = 2_000;

/// Which page, as whom.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    pub path: String,
    pub locale: Locale,
    pub islands_router: bool,
}

/// What the page was rendered from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// From the database, e.g. a report's version and newest event id.
    pub data: (i64, i64),
    pub day: Date,
}

/// A rendered page, with its compressed forms made once, on first demand (compressing a
/// page costs more than everything else a kept page needs: measured 1,980 tracking
/// pages/s with brotli per request against 19,700 compressed once).
#[derive(Debug, Clone)]
pub struct CachedPage {
    pub content_type: HeaderValue,
    pub body: Bytes,
    encoded: Arc<Encoded>,
}

#[derive(Debug, Default)]
struct Encoded {
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
}

impl CachedPage {
    pub fn new(content_type: HeaderValue, body: Bytes) -> CachedPage {
        CachedPage {
            content_type,
            body,
            encoded: Arc::default(),
        }
    }

    /// The page as the request's `Accept-Encoding` takes it: brotli, gzip or plain.
    pub fn response(&self, accept_encoding: Option<&str>) -> Response {
        let accepts = |name: &str| {
            accept_encoding.is_some_and(|header| {
                header.split(',').any(|part| {
                    let mut pieces = part.split(';');
                    let coding = pieces.next().unwrap_or_default().trim();
                    let refused = pieces.any(|p| {
                        p.trim()
                            .strip_prefix("q=")
                            .and_then(|q| q.trim().parse::<f32>().ok())
                            == Some(0.0)
                    });
                    coding.eq_ignore_ascii_case(name) && !refused
                })
            })
        };
        let (body, encoding) = if accepts("br") {
            let body = self.encoded.brotli.get_or_init(|| brotli(&self.body));
            (body.clone(), Some("br"))
        } else if accepts("gzip") {
            let body = self.encoded.gzip.get_or_init(|| gzip(&self.body));
            (body.clone(), Some("gzip"))
        } else {
            (self.body.clone(), None)
        };
        let mut response = Response::new(Body::from(body));
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, self.content_type.clone());
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response
    }
}

fn brotli(plain: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(plain.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, COMPRESSION_LEVEL, 22);
        // Writing into a Vec cannot fail.
        let _ = writer.write_all(plain);
    }
    Bytes::from(out)
}

fn gzip(plain: &[u8]) -> Bytes {
    let mut writer = flate2::write::GzEncoder::new(
        Vec::with_capacity(plain.len() / 3),
        flate2::Compression::new(COMPRESSION_LEVEL),
    );
    let _ = writer.write_all(plain);
    Bytes::from(writer.finish().unwrap_or_default())
}

#[derive(Debug)]
struct Entry {
    stamp: Stamp,
    made: Instant,
    page: CachedPage,
}

/// The rendered public pages, shared by every request.
#[derive(Debug, Clone, Default)]
pub struct PageCache {
    entries: Arc<Mutex<HashMap<PageKey, Entry>>>,
}

impl PageCache {
    /// The page rendered for `key` from exactly `stamp`, if it is fresh.
    pub fn get(&self, key: &PageKey, stamp: Stamp) -> Option<CachedPage> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|e| e.stamp == stamp && e.made.elapsed() < MAX_AGE)
            .map(|e| e.page.clone())
    }

    /// Keeps `page` as rendered for `key` from `stamp` (replacing an older rendering).
    pub fn put(&self, key: PageKey, stamp: Stamp, page: CachedPage) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.len() >= CAPACITY && !entries.contains_key(&key) {
            let mut ages: Vec<Instant> = entries.values().map(|e| e.made).collect();
            ages.sort_unstable();
            let cut = ages[ages.len() / 2];
            entries.retain(|_, e| e.made > cut);
        }
        entries.insert(
            key,
            Entry {
                stamp,
                made: Instant::now(),
                page,
            },
        );
    }

    /// How many pages are kept.
    pub fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &str, locale: Locale) -> PageKey {
        PageKey {
            path: path.into(),
            locale,
            islands_router: false,
        }
    }

    fn page(text: &'static str) -> CachedPage {
        CachedPage::new(
            HeaderValue::from_static("text/html"),
            Bytes::from_static(text.as_bytes()),
        )
    }

    #[tokio::test]
    async fn a_kept_page_is_sent_compressed_as_the_browser_asks() {
        let text = "<p>Laporan diterima.</p>".repeat(200);
        let page = CachedPage::new(
            HeaderValue::from_static("text/html"),
            Bytes::from(text.clone()),
        );
        let body = |response: Response| async move {
            let encoding = response
                .headers()
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap_or_default().to_string());
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("a body");
            (encoding, bytes)
        };
        let (encoding, bytes) = body(page.response(Some("gzip, deflate, br, zstd"))).await;
        assert_eq!(encoding.as_deref(), Some("br"));
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &bytes[..], &mut plain).expect("brotli");
        assert_eq!(plain, text.as_bytes());
        assert!(bytes.len() < text.len() / 4);

        let (encoding, bytes) = body(page.response(Some("gzip;q=1.0, br;q=0"))).await;
        assert_eq!(encoding.as_deref(), Some("gzip"));
        let mut plain = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut plain)
            .expect("gzip");
        assert_eq!(plain, text);

        let (encoding, bytes) = body(page.response(None)).await;
        assert_eq!(encoding, None);
        assert_eq!(bytes, text.as_bytes());
    }

    fn stamp(version: i64, event: i64) -> Stamp {
        Stamp {
            data: (version, event),
            day: Date::from_ymd(2026, 11, 30).expect("a date"),
        }
    }

    #[test]
    fn a_page_is_served_only_for_the_data_and_language_it_was_rendered_from() {
        let cache = PageCache::default();
        cache.put(key("/lacak/A", Locale::Id), stamp(1, 10), page("v1"));
        let hit = cache.get(&key("/lacak/A", Locale::Id), stamp(1, 10));
        assert_eq!(hit.map(|p| p.body), Some(Bytes::from_static(b"v1")));
        // A new event (or version) makes it stale; so does another language or day.
        assert!(cache
            .get(&key("/lacak/A", Locale::Id), stamp(1, 11))
            .is_none());
        assert!(cache
            .get(&key("/lacak/A", Locale::Id), stamp(2, 10))
            .is_none());
        assert!(cache
            .get(&key("/lacak/A", Locale::En), stamp(1, 10))
            .is_none());
        let tomorrow = Stamp {
            day: Date::from_ymd(2026, 12, 1).expect("a date"),
            ..stamp(1, 10)
        };
        assert!(cache.get(&key("/lacak/A", Locale::Id), tomorrow).is_none());
        // The newer rendering replaces the older.
        cache.put(key("/lacak/A", Locale::Id), stamp(1, 11), page("v2"));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_full_cache_forgets_its_oldest_half() {
        let cache = PageCache::default();
        for n in 0..CAPACITY {
            cache.put(
                key(&format!("/lacak/{n}"), Locale::Id),
                stamp(1, 1),
                page("x"),
            );
        }
        cache.put(key("/lacak/new", Locale::Id), stamp(1, 1), page("x"));
        assert!(cache.len() <= CAPACITY / 2 + 1, "{}", cache.len());
        assert!(cache
            .get(&key("/lacak/new", Locale::Id), stamp(1, 1))
            .is_some());
    }
}
