//! The citizen's face: the report form and the confirmation after sending.

mod agency_picker;
mod attachments;
mod form;
mod mine;
mod my_location;
mod sent;

pub use form::{ReportForm, ReportPage};
pub use mine::MyReportsPage;
pub use sent::SentPage;
