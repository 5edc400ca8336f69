//! The citizen's face: the report form and the confirmation after sending.

mod agency_picker;
mod attachments;
mod form;
mod my_location;
mod sent;

pub use form::{ReportForm, ReportPage};
pub use sent::SentPage;
