//! The live feed: every committed timeline event reaches open pages within about a
//! second, whichever process wrote it (this server, `lapor report act`, or another
//! server on the same PostgreSQL database).
//!
//! One task per server tails the `events` table by id every [`TICK`], or at once when
//! the write path calls [`LiveFeed::poke`], and publishes what it finds on a broadcast
//! channel. Pages subscribe through `GET /lacak/{number}/langsung` (server-sent events,
//! [`live_updates`]); the staff workspace can subscribe to the same feed.
//!
//! Nothing about a report's content travels here: an event is a report number, an
//! event id and a visibility. Listeners fetch what changed through the usual views.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::Stream;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, watch, Notify};

use crate::model::{TrackingNumber, Visibility};
use crate::server::state::AppState;
use crate::server::storage::{CommittedEvent, StorageError, Store};

/// How often the feed looks for new events when nobody pokes it.
pub const TICK: Duration = Duration::from_millis(500);
/// Events read per query; a longer backlog is read in several queries at once.
const BATCH: i64 = 500;
/// Events kept for slow listeners; a listener further behind gets one catch-all update.
const CHANNEL_CAPACITY: usize = 1024;
/// How long an id skipped by the tail may still turn up (a PostgreSQL transaction that
/// took its id before a later one but committed after it). Rolled-back ids never do.
const GAP_PATIENCE: Duration = Duration::from_secs(10);
/// At most this many skipped ids are watched.
const MAX_GAPS: usize = 64;
/// SSE comment lines that keep proxies from closing an idle stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// A committed change to a report's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEvent {
    /// Compact tracking number (`K7QM3XPAR`), as in URLs.
    pub report_number: String,
    pub event_id: i64,
    pub visibility: Visibility,
    pub agency_id: Option<i64>,
}

impl From<CommittedEvent> for LiveEvent {
    fn from(event: CommittedEvent) -> LiveEvent {
        LiveEvent {
            report_number: event.report_number,
            event_id: event.id,
            visibility: event.visibility,
            agency_id: event.agency_id,
        }
    }
}

/// The handle to the feed; cheap to clone, all clones share one channel.
#[derive(Clone)]
pub struct LiveFeed {
    inner: Arc<Inner>,
}

struct Inner {
    sender: broadcast::Sender<LiveEvent>,
    wake: Notify,
    closed: watch::Sender<bool>,
}

impl Default for LiveFeed {
    fn default() -> LiveFeed {
        LiveFeed::new()
    }
}

impl LiveFeed {
    /// A feed that publishes nothing until [`LiveFeed::start`].
    pub fn new() -> LiveFeed {
        let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
        let (closed, _) = watch::channel(false);
        LiveFeed {
            inner: Arc::new(Inner {
                sender,
                wake: Notify::new(),
                closed,
            }),
        }
    }

    /// Starts tailing the timeline from its newest event: what is already there is
    /// already on the pages people have open.
    pub async fn start(&self, store: Store) -> Result<(), StorageError> {
        let cursor = Cursor::new(store.last_event_id().await?);
        tokio::spawn(tail(self.clone(), store, cursor));
        Ok(())
    }

    /// Every event committed from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.inner.sender.subscribe()
    }

    /// Looks for new events now instead of at the next tick. Call after a commit to
    /// save up to one tick; forgetting it only costs that delay.
    pub fn poke(&self) {
        self.inner.wake.notify_one();
    }

    /// Stops the tail and ends every open stream, so a graceful shutdown is not held
    /// up by pages that stay open.
    pub fn close(&self) {
        self.inner.closed.send_replace(true);
    }

    /// Resolves once [`LiveFeed::close`] was called.
    async fn closed(mut watcher: watch::Receiver<bool>) {
        // An error means the sender is gone, which also means closed.
        let _ = watcher.wait_for(|closed| *closed).await;
    }
}

async fn tail(feed: LiveFeed, store: Store, mut cursor: Cursor) {
    let closed = feed.inner.closed.subscribe();
    let stop = LiveFeed::closed(closed);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => return,
            _ = tokio::time::sleep(TICK) => {}
            _ = feed.inner.wake.notified() => {}
        }
        match cursor.read(&store).await {
            Ok(events) => {
                for event in events {
                    // No subscriber is not an error: nobody is looking.
                    let _ = feed.inner.sender.send(event);
                }
            }
            Err(error) => tracing::warn!(%error, "live feed: reading new events failed"),
        }
    }
}

/// Where the tail is: the newest id seen and the ids it skipped that may still come.
#[derive(Debug)]
struct Cursor {
    last: i64,
    gaps: BTreeMap<i64, Instant>,
}

impl Cursor {
    fn new(last: i64) -> Cursor {
        Cursor {
            last,
            gaps: BTreeMap::new(),
        }
    }

    /// Everything committed since the last read, oldest first.
    async fn read(&mut self, store: &Store) -> Result<Vec<LiveEvent>, StorageError> {
        let now = Instant::now();
        self.gaps
            .retain(|_, since| now.duration_since(*since) < GAP_PATIENCE);
        let gap_ids: Vec<i64> = self.gaps.keys().copied().collect();
        let mut events = self.take_late(store.events_with_ids(&gap_ids).await?);
        loop {
            let batch = store.events_after(self.last, BATCH).await?;
            let full = batch.len() as i64 == BATCH;
            events.extend(self.take_new(batch, now));
            if !full {
                return Ok(events);
            }
        }
    }

    /// Rows read after `last`, in id order; notes the ids they jump over.
    fn take_new(&mut self, rows: Vec<CommittedEvent>, now: Instant) -> Vec<LiveEvent> {
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            if row.id <= self.last {
                continue;
            }
            let first_missing = (self.last + 1).max(row.id - MAX_GAPS as i64);
            for missing in first_missing..row.id {
                self.gaps.insert(missing, now);
            }
            while self.gaps.len() > MAX_GAPS {
                self.gaps.pop_first();
            }
            self.last = row.id;
            events.push(row.into());
        }
        events
    }

    /// Rows that filled a gap; each is published once.
    fn take_late(&mut self, rows: Vec<CommittedEvent>) -> Vec<LiveEvent> {
        rows.into_iter()
            .filter(|row| self.gaps.remove(&row.id).is_some())
            .map(LiveEvent::from)
            .collect()
    }
}

/// `GET /lacak/{number}/langsung`: an `update` event (data: the event id) whenever the
/// report's timeline gets an entry this visitor may see. Unknown numbers are 404.
pub async fn live_updates(
    State(state): State<AppState>,
    Path(typed): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Ok(number) = TrackingNumber::parse(&typed) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.store.report_version(&number).await {
        Ok(Some(_)) => {}
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::warn!(%error, "live updates: report lookup failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    let widest = widest_visibility(&state, &headers, &number).await;
    let stream = updates(&state.live, one_report(number.as_str().to_string(), widest));
    sse_response(stream)
}

/// An `update` event for every committed timeline entry (data: its id), whatever the
/// report: for a page that shows many reports and fetches itself again (the demo's
/// projector). Only ids travel.
pub fn every_update(feed: &LiveFeed) -> Response {
    sse_response(updates(feed, |_| true))
}

/// An event stream that no cache or proxy holds back, with keep-alive comments.
fn sse_response(
    stream: impl Stream<Item = Result<Event, Infallible>> + Send + 'static,
) -> Response {
    let headers = [
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        // Reverse proxies (nginx) would otherwise hold events back in a buffer.
        (
            header::HeaderName::from_static("x-accel-buffering"),
            HeaderValue::from_static("no"),
        ),
    ];
    let sse = Sse::new(stream).keep_alive(KeepAlive::new().interval(KEEP_ALIVE));
    (headers, sse).into_response()
}

/// The reporter (signed in for this report) also hears of messages meant for them.
async fn widest_visibility(
    state: &AppState,
    headers: &HeaderMap,
    number: &TrackingNumber,
) -> Visibility {
    if crate::server::reporter::is_reporter(state, headers, number).await {
        Visibility::ReporterAndStaff
    } else {
        Visibility::Public
    }
}

/// The entries of report `number` (compact) a reader with `widest` may see.
fn one_report(number: String, widest: Visibility) -> impl Fn(&LiveEvent) -> bool + Send + Sync {
    move |event| event.report_number == number && event.visibility.seen_by(widest)
}

/// An `update` event for each committed entry `hears` accepts, ending when the feed closes.
fn updates(
    feed: &LiveFeed,
    hears: impl Fn(&LiveEvent) -> bool + Send + Sync + 'static,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let receiver = feed.subscribe();
    let closed = feed.inner.closed.subscribe();
    let hears = Arc::new(hears);
    futures::stream::unfold(
        (receiver, closed, hears),
        move |(mut receiver, closed, hears)| async move {
            let next = tokio::select! {
                _ = LiveFeed::closed(closed.clone()) => return None,
                next = next_update(&mut receiver, hears.as_ref()) => next?,
            };
            Some((Ok(next), (receiver, closed, hears)))
        },
    )
}

/// Waits for the next event `hears` accepts; `None` when the feed is gone.
async fn next_update(
    receiver: &mut broadcast::Receiver<LiveEvent>,
    hears: &(impl Fn(&LiveEvent) -> bool + ?Sized),
) -> Option<Event> {
    loop {
        match receiver.recv().await {
            Ok(event) if hears(&event) => return Some(update(event.event_id)),
            Ok(_) => continue,
            // Too far behind to know what was missed: one refresh covers it all.
            Err(RecvError::Lagged(_)) => return Some(update(0)),
            Err(RecvError::Closed) => return None,
        }
    }
}

/// `GET /ruang-kerja/langsung`: for a signed-in staff member, a `report` event (data:
/// the report's compact number) whenever a report in their agency (every report, for
/// national administrators and oversight) gets a timeline entry. Only the number
/// travels: the page fetches what changed through the staff member's own view.
pub async fn staff_live_updates(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(staff) = crate::server::workspace::staff_from_headers(&state, &headers).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let scope = crate::server::storage::staff_scope(&staff);
    let receiver = state.live.subscribe();
    let closed = state.live.inner.closed.subscribe();
    let stream = futures::stream::unfold(
        (receiver, closed, scope),
        move |(mut receiver, closed, scope)| async move {
            let next = tokio::select! {
                _ = LiveFeed::closed(closed.clone()) => return None,
                next = next_staff_update(&mut receiver, &scope) => next?,
            };
            Some((Ok::<_, Infallible>(next), (receiver, closed, scope)))
        },
    );
    sse_response(stream)
}

async fn next_staff_update(
    receiver: &mut broadcast::Receiver<LiveEvent>,
    scope: &crate::model::workspace::Scope,
) -> Option<Event> {
    use crate::model::workspace::Scope;
    loop {
        match receiver.recv().await {
            Ok(event) => {
                // The unit is not on the event: operators hear their agency's changes
                // and their page shows only what is theirs.
                let heard = match scope {
                    Scope::All => true,
                    Scope::Agency(agency)
                    | Scope::Unit {
                        agency_id: agency, ..
                    } => event.agency_id == Some(*agency),
                    Scope::Nothing => false,
                };
                if heard {
                    return Some(Event::default().event("report").data(event.report_number));
                }
            }
            Err(RecvError::Lagged(_)) => return Some(Event::default().event("report").data("")),
            Err(RecvError::Closed) => return None,
        }
    }
}

fn update(event_id: i64) -> Event {
    Event::default().event("update").data(event_id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64) -> CommittedEvent {
        CommittedEvent {
            id,
            report_number: "K7QM3XPAR".into(),
            visibility: Visibility::Public,
            agency_id: None,
        }
    }

    fn ids(events: &[LiveEvent]) -> Vec<i64> {
        events.iter().map(|e| e.event_id).collect()
    }

    #[test]
    fn new_events_are_published_once_in_order() {
        let mut cursor = Cursor::new(3);
        let now = Instant::now();
        assert_eq!(ids(&cursor.take_new(vec![row(4), row(5)], now)), [4, 5]);
        assert_eq!(ids(&cursor.take_new(vec![row(5)], now)), Vec::<i64>::new());
        assert!(cursor.gaps.is_empty());
    }

    #[test]
    fn an_event_committed_late_under_a_lower_id_is_still_published_once() {
        let mut cursor = Cursor::new(3);
        let now = Instant::now();
        assert_eq!(ids(&cursor.take_new(vec![row(5)], now)), [5]);
        assert_eq!(cursor.gaps.keys().copied().collect::<Vec<_>>(), [4]);
        assert_eq!(ids(&cursor.take_late(vec![row(4)])), [4]);
        assert_eq!(ids(&cursor.take_late(vec![row(4)])), Vec::<i64>::new());
    }

    #[test]
    fn a_huge_jump_in_ids_watches_only_the_newest_gaps() {
        let mut cursor = Cursor::new(1);
        cursor.take_new(vec![row(1_000_000)], Instant::now());
        assert_eq!(cursor.gaps.len(), MAX_GAPS);
        assert_eq!(cursor.gaps.keys().next_back(), Some(&999_999));
    }

    #[tokio::test]
    async fn streams_end_when_the_feed_closes() {
        use futures::StreamExt;
        let feed = LiveFeed::new();
        let stream = updates(&feed, one_report("K7QM3XPAR".into(), Visibility::Public));
        tokio::pin!(stream);
        feed.inner
            .sender
            .send(LiveEvent {
                report_number: "K7QM3XPAR".into(),
                event_id: 9,
                visibility: Visibility::Internal,
                agency_id: None,
            })
            .ok();
        feed.close();
        assert!(stream.next().await.is_none());
    }
}
