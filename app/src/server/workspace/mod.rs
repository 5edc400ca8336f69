//! The staff side of the server: the session and who is asking (`session`), what the
//! workspace pages show (`screens`), and the steps taken on reports (`steps`).

mod account;
pub mod import;
mod screens;
mod session;
mod steps;
mod views;

pub use account::{account_screen, change_password, sign_out_elsewhere};
pub use import::{import_post, ImportError};
pub(crate) use screens::{chosen_queue, tidy_filter};
pub use screens::{
    dashboard_screen, desk_screen, oversight_screen, queue_screen, report_screen, staff_audit,
};
pub(crate) use session::session_opened;
pub use session::{sign_in, sign_out, signed_in_staff, staff_from_headers, STAFF_COOKIE};
pub use steps::{spawn_auto_close, take_bulk_step, take_step, BulkForm, StepForm};
pub use views::{delete_view, save_view};
