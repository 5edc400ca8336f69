//! Keeps an open tracking page current: `public/js/langsung.js` listens on
//! `GET /lacak/{number}/langsung` (server-sent events) and, on every update, fetches the
//! page again and swaps the parts marked `data-live="NAME"` (status, deadline, timeline,
//! the reporter's actions), leaving alone a part the reader is typing in.
//!
//! Plain JavaScript on the tracking page only, not part of the WASM the citizen form
//! downloads. Without JavaScript, or without `EventSource`, a reload shows the news.

use leptos::prelude::*;

use crate::paths::{self, ReporterAction};

/// Place once on a tracking page, outside the live parts. The script reads the page's
/// and the stream's addresses from the marker.
#[component]
pub fn LiveRefresh(number: String) -> impl IntoView {
    view! {
        <span
            hidden
            data-live-page=paths::track(&number)
            data-live-stream=paths::reporter(&number, ReporterAction::Live)
        ></span>
        <script type="module" src="/js/langsung.js"></script>
    }
}
