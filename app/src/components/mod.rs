//! Small shared widgets.

pub mod choice;
pub mod copy_button;
pub mod deadline;
pub mod draft;
pub mod fetch;
pub mod field;
pub mod file_input;
pub mod good_report;
pub mod layout;
pub mod live_refresh;
#[cfg(feature = "ssr")]
pub mod scripts;
pub mod text_area;
pub mod timeline;
