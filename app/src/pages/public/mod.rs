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
