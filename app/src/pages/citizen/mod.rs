//! The citizen's face: the report form and the confirmation after sending.

mod form;
mod sent;

pub use form::{FormState, LocationLists, ReportForm, ReportPage};
pub use sent::SentPage;
