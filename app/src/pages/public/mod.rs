//! The public face: the report feed with its filters and Dukung, and agencies' pages.
//! Rendered from what `server::public` read (`api::public`); plain links and forms.

mod agency;
pub(crate) mod card;
mod data;
mod feed;
mod statistics;

pub use agency::AgencyPage;
pub use data::DataPage;
pub use feed::FeedPage;
pub use statistics::StatisticsPage;

use leptos::prelude::*;

/// The public pages' stylesheet, linked in the body rather than through `leptos_meta`:
/// the islands router diffs the old and the new document node by node, and a page with
/// one more element in `<head>` than the page it comes from throws the whole walk out of
/// step (the URL changed, the old page stayed). In the body the link is part of the
/// route's branch, which the router swaps as a whole.
#[component]
pub fn PublicStyles() -> impl IntoView {
    view! { <link rel="stylesheet" href="/css/laporan.css"/> }
}
