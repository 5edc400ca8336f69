//! The reporter's side of a report: the session cookie that proves "I sent this
//! report" (`cookies`), reading their posts (`form`), PIN sign-in and sign-out and the
//! reporter's steps (reply, rate, reopen: `actions`).

mod actions;
mod cookies;
mod form;

pub use actions::{sign_in, sign_out, step, Step};
pub use cookies::{
    add_submission_cookies, clear_one_time_pin, is_reporter, one_time_pin, session_cookie_name,
    session_token, ONE_TIME_PIN_COOKIE, ONE_TIME_PIN_PATH,
};
