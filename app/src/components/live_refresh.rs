//! Keeps an open tracking page current: `public/js/langsung.js` listens on
//! `GET /lacak/{number}/langsung` (server-sent events) and, on every update, fetches the
//! page again and swaps the parts marked `data-live="NAME"` (status, deadline, timeline,
//! the reporter's actions), leaving alone a part the reader is typing in.
//!
//! Plain JavaScript on the tracking page only, not part of the WASM the citizen form
//! downloads. Without JavaScript, or without `EventSource`, a reload shows the news.

use leptos::prelude::*;

/// Place once on a tracking page, outside the live parts.
#[component]
pub fn LiveRefresh(number: String) -> impl IntoView {
    view! {
        <span hidden data-live-number=number></span>
        <script type="module" src="/js/langsung.js"></script>
    }
}
