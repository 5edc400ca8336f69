//! Small shared widgets.

pub mod choice;
pub mod copy_button;
pub mod deadline;
pub mod draft;
pub mod layout;
pub mod timeline;
