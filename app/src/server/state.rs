//! The state every request shares, put in context for pages and server functions.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::FromRef;
use leptos::prelude::*;
use tokio::sync::OnceCell;

use crate::api::ApiError;
use crate::components::choice::FormOptions;
use crate::model::Timestamp;
use crate::server::channels::{ChannelSettings, Channels};
use crate::server::live::LiveFeed;
use crate::server::page_cache::PageCache;
use crate::server::storage::Store;

/// The time source. Tests and demos may shift it; production uses the system clock.
/// Clones share one offset: the demo's time machine moves every clone at once.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    /// A clock `days` days ahead of the system clock (negative: behind).
    pub fn shifted_by_days(days: i64) -> Clock {
        Clock {
            offset_ms: Arc::new(AtomicI64::new(days * 86_400_000)),
        }
    }

    pub fn now(&self) -> Timestamp {
        let since_epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp(since_epoch.as_millis() as i64 + self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves this clock and all its clones `days` days further.
    pub fn advance_days(&self, days: i64) {
        self.offset_ms
            .fetch_add(days * 86_400_000, Ordering::Relaxed);
    }

    /// Whole days this clock runs ahead of the system clock.
    pub fn days_ahead(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed) / 86_400_000
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub leptos_options: LeptosOptions,
    pub clock: Clock,
    /// Committed timeline events, for live pages. Idle until `live.start(…)`.
    pub live: LiveFeed,
    /// Where attachment bytes live (`LAPOR_UPLOAD_DIR` by default; see `with_blobs`).
    pub blobs: Arc<dyn crate::server::uploads::BlobStore>,
    /// Form choices per locale (Indonesian, English), loaded once.
    pub(crate) form_options: Arc<[OnceCell<FormOptions>; 2]>,
    /// Rendered public pages (`server::page_cache`).
    pub pages: PageCache,
    /// The SMS gateways' settings and what they share (`server::channels`).
    pub channels: Channels,
    /// The public face's shared state (Dukung's per-address limit).
    pub public: crate::server::public::PublicState,
    /// Socialization mode (`lapor demo`): `None` on a real server.
    pub demo: Option<Arc<crate::server::demo::DemoMode>>,
}

impl AppState {
    pub fn new(store: Store, leptos_options: LeptosOptions, clock: Clock) -> AppState {
        AppState {
            store,
            leptos_options,
            clock,
            blobs: Arc::new(crate::server::uploads::LocalDirStore::from_env()),
            live: LiveFeed::new(),
            form_options: Arc::new([OnceCell::new(), OnceCell::new()]),
            pages: PageCache::default(),
            channels: Channels::new(ChannelSettings::from_env()),
            public: crate::server::public::PublicState::default(),
            demo: None,
        }
    }
}

impl AppState {
    /// The same state as a demo server (`lapor demo`).
    pub fn with_demo(mut self, demo: crate::server::demo::DemoMode) -> AppState {
        self.demo = Some(Arc::new(demo));
        self
    }

    /// The same state with attachment bytes kept in `blobs`.
    pub fn with_blobs(mut self, blobs: Arc<dyn crate::server::uploads::BlobStore>) -> AppState {
        self.blobs = blobs;
        self
    }

    /// The same state with the channels configured by `settings` (instead of the
    /// environment).
    pub fn with_channels(mut self, settings: ChannelSettings) -> AppState {
        self.channels = Channels::new(settings);
        self
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The app state from the request's context.
pub fn app_state() -> Result<AppState, ApiError> {
    use_context::<AppState>().ok_or(ApiError::Unavailable)
}
