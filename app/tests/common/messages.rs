//! What the SMS and chat tests share: reading a first reply, a national administrator,
//! and a staff step taken on a report.

use app::model::staff::check_new_staff;
use app::model::{Action, TrackingNumber};
use app::server::storage::{ActionArgs, StaffAccount, StaffStep, Store};

/// The tracking number and PIN of a first reply.
pub fn number_and_pin(reply: &str) -> (TrackingNumber, String) {
    let words: Vec<&str> = reply
        .split(|c: char| c.is_whitespace() || c == '.' || c == '(')
        .collect();
    let after = |label: &str| {
        let at = words.iter().position(|w| *w == label).expect(label);
        words[at + 1..]
            .iter()
            .find(|w| !w.is_empty())
            .expect("a value")
            .to_string()
    };
    let number = TrackingNumber::parse(&after("No")).expect("a tracking number");
    (number, after("PIN"))
}

/// A national administrator's account.
pub async fn national_admin(store: &Store) -> StaffAccount {
    let new = check_new_staff("nasional@lapor.go.id", "", "national_admin", None, None)
        .expect("valid account");
    store
        .add_staff(&new, "kata-sandi-yang-panjang", super::wib("2026-01-05", 8))
        .await
        .expect("stored")
        .expect("new account")
}

/// `staff` takes `action` on report `number` now.
pub async fn staff_step(
    store: &Store,
    staff: &StaffAccount,
    number: &TrackingNumber,
    action: Action,
    args: ActionArgs,
) {
    let now = app::server::state::Clock::default().now();
    staff_step_at(store, staff, number, action, args, now).await;
}

/// `staff` takes `action` on report `number` at `at`.
pub async fn staff_step_at(
    store: &Store,
    staff: &StaffAccount,
    number: &TrackingNumber,
    action: Action,
    args: ActionArgs,
    at: app::model::Timestamp,
) {
    let version = store
        .report_version(number)
        .await
        .expect("read")
        .expect("report");
    let step = StaffStep {
        action,
        expected_version: version,
        args,
    };
    store
        .staff_act(staff, number, step, Some("10.0.0.9"), at)
        .await
        .expect("the step is allowed");
}
