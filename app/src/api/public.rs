//! What the public face's pages (the feed, an agency's page) are rendered from. No
//! server functions: the pages are plain GET pages (`server::public` renders them with
//! these in context), and Dukung is a plain form post.

use serde::{Deserialize, Serialize};

use crate::model::public_feed::{AgencyProfile, FeedFilter, FeedPage};

/// A choice of a filter's select: its value and its label.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FilterOption {
    pub value: String,
    pub label: String,
}

/// `/laporan`: the filters as read, one page of cards, and the choices of the selects.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FeedScreen {
    pub filter: FeedFilter,
    pub page: FeedPage,
    /// Some of the address's filters could not be read and were left out.
    pub ignored: bool,
    /// The agency filter's name, when the feed is narrowed to one.
    pub agency_name: Option<String>,
    pub categories: Vec<FilterOption>,
    pub regions: Vec<FilterOption>,
    /// How a Dukung just went.
    pub supported: Option<SupportNotice>,
    /// Where this page is (with its filters), for Dukung to come back to.
    pub here: String,
}

crate::model::codes::codes! {
    /// How a Dukung went, as the page it comes back to says.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SupportNotice {
        Counted => "1",
        /// This browser supported it before: counted once.
        Already => "0",
        /// Too many from this address in a short time.
        Limited => "batas",
    }
}

/// `/statistik`: what was asked for and its statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatisticsScreen {
    pub query: crate::model::statistics::StatisticsQuery,
    pub stats: crate::model::statistics::Statistics,
    /// A part of the address could not be read; its default is shown.
    pub ignored: bool,
}

/// `/instansi/{code}`: the agency and its latest public reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyScreen {
    pub profile: AgencyProfile,
    /// The agency's figures over the default period (`StatisticsQuery::default_on`).
    pub figures: crate::model::statistics::Figures,
    pub period: crate::model::statistics::StatisticsQuery,
    pub page: FeedPage,
    pub here: String,
    pub supported: Option<SupportNotice>,
}
