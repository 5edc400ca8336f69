//! The public tracking face: look a report up by its number and follow it.

mod lookup;
mod report;
mod reporter;

pub use lookup::LookupPage;
pub use report::TrackPage;
