//! The reporter's secret and actions against real databases (SQLite always,
//! PostgreSQL when `LAPOR_TEST_POSTGRES_URL` is set).

mod common;

use app::model::reporter::{ReopenState, ReplyKind};
use app::model::validation::{validate, NewReport, ReportForm};
use app::model::{Action, EventKind, Role, Status, Timestamp, TrackingNumber};
use app::server::storage::{
    ActionArgs, Actor, PinKey, ReporterError, ReporterSecret, SignIn, StorageError, Store,
};
use common::{date, on_every_backend, wib};

fn form() -> ReportForm {
    ReportForm {
        classification: "pengaduan".into(),
        title: "Lampu jalan mati di depan pasar".into(),
        body: "Sudah tiga minggu lampu jalan di depan Pasar Legi mati sehingga jalan gelap.".into(),
        region_code: "3517".into(),
        name: "Budi Santoso".into(),
        phone: "0812-1111-2222".into(),
        confidential: Some("on".into()),
        ..Default::default()
    }
}

fn report() -> NewReport {
    validate(&form(), date("2026-01-08")).expect("a valid test form")
}

/// Thursday 8 January 2026, 10:00 WIB.
fn thursday() -> Timestamp {
    wib("2026-01-08", 10)
}

fn minutes_later(at: Timestamp, minutes: i64) -> Timestamp {
    Timestamp(at.0 + minutes * 60_000)
}

async fn submitted(store: &Store) -> (TrackingNumber, ReporterSecret) {
    let submission = store
        .submit_report(&report(), thursday())
        .await
        .expect("submit");
    let secret = submission.secret.expect("a first send has a PIN");
    (submission.tracking_number, secret)
}

async fn version(store: &Store, number: &TrackingNumber) -> i64 {
    store
        .report_version(number)
        .await
        .expect("version")
        .expect("report exists")
}

/// Staff steps, with the role each needs.
async fn staff_step(store: &Store, number: &TrackingNumber, action: Action, at: Timestamp) {
    let role = match action {
        Action::Verify | Action::Forward | Action::ReturnToReporter => Role::NationalAdmin,
        Action::Dispose | Action::Close => Role::AgencyAdmin,
        Action::DraftFollowUp => Role::UnitOperator,
        _ => Role::LiaisonOfficer,
    };
    let agency_id = if action == Action::Forward {
        Some(
            store
                .agency_by_sms_keyword("JOMBANGKAB")
                .await
                .expect("lookup")
                .expect("seeded agency")
                .id,
        )
    } else {
        None
    };
    let body = match action {
        Action::ReturnToReporter => Some("Mohon sebutkan nama jalannya.".to_string()),
        Action::DraftFollowUp => Some("Lampu sudah diganti oleh Dinas PU.".to_string()),
        _ => None,
    };
    let current = version(store, number).await;
    store
        .apply_action(
            number,
            Actor {
                role,
                staff_id: Some(1),
            },
            action,
            current,
            ActionArgs {
                body,
                agency_id,
                ..ActionArgs::default()
            },
            at,
        )
        .await
        .unwrap_or_else(|e| panic!("{action:?}: {e}"));
}

/// A report taken through to a published follow-up on `at`.
async fn followed_up(store: &Store, at: Timestamp) -> (TrackingNumber, ReporterSecret) {
    let (number, secret) = submitted(store).await;
    for action in [
        Action::Verify,
        Action::Forward,
        Action::Dispose,
        Action::DraftFollowUp,
        Action::ApproveAndPublish,
    ] {
        staff_step(store, &number, action, at).await;
    }
    (number, secret)
}

async fn status(store: &Store, number: &TrackingNumber) -> Status {
    store
        .public_report(number, date("2026-01-08"))
        .await
        .expect("read")
        .expect("exists")
        .status
}

#[tokio::test]
async fn the_pin_opens_a_session_and_wrong_pins_lock_after_five() {
    on_every_backend(|store| async move {
        let (number, secret) = submitted(&store).await;
        assert_eq!(secret.pin.len(), 6);
        assert!(secret.pin.chars().all(|c| c.is_ascii_digit()));
        let now = thursday();
        match store.sign_in_reporter(&number, &secret.pin, now).await {
            Ok(SignIn::Opened { session_token }) => assert!(store
                .reporter_session_valid(&number, &session_token, now)
                .await
                .expect("check")),
            other => panic!("the right PIN must open a session: {other:?}"),
        }
        let wrong = if secret.pin == "000000" {
            "111111"
        } else {
            "000000"
        };
        for tries_left in (1..=4).rev() {
            assert_eq!(
                store
                    .sign_in_reporter(&number, wrong, now)
                    .await
                    .expect("try"),
                SignIn::WrongPin { tries_left }
            );
        }
        let locked_until = minutes_later(now, 15);
        assert_eq!(
            store
                .sign_in_reporter(&number, wrong, now)
                .await
                .expect("try"),
            SignIn::Locked {
                until: locked_until
            }
        );
        // Locked: even the right PIN is refused until the lock ends.
        assert!(matches!(
            store
                .sign_in_reporter(&number, &secret.pin, minutes_later(now, 14))
                .await
                .expect("try"),
            SignIn::Locked { .. }
        ));
        assert!(matches!(
            store
                .sign_in_reporter(&number, &secret.pin, minutes_later(now, 16))
                .await
                .expect("try"),
            SignIn::Opened { .. }
        ));
    })
    .await;
}

/// The PIN is sealed with the server's key, which the database does not hold: the same
/// database with another key (a copy taken away, a server set up without the key) opens
/// no PIN, and still counts the tries against the lockout.
#[tokio::test]
async fn a_pin_opens_only_with_the_key_that_sealed_it() {
    on_every_backend(|store| async move {
        let (number, secret) = submitted(&store).await;
        let stranger = store.clone().with_pin_key(PinKey::random());
        let now = thursday();
        assert_eq!(
            stranger
                .sign_in_reporter(&number, &secret.pin, now)
                .await
                .expect("tried"),
            SignIn::WrongPin { tries_left: 4 }
        );
        assert!(matches!(
            store.sign_in_reporter(&number, &secret.pin, now).await,
            Ok(SignIn::Opened { .. })
        ));
    })
    .await;
}

#[tokio::test]
async fn a_session_is_valid_for_its_report_until_it_expires_or_ends() {
    on_every_backend(|store| async move {
        let (number, secret) = submitted(&store).await;
        let (other, _) = submitted(&store).await;
        let token = secret.session_token;
        let now = thursday();
        assert!(store
            .reporter_session_valid(&number, &token, now)
            .await
            .expect("check"));
        assert!(!store
            .reporter_session_valid(&other, &token, now)
            .await
            .expect("check"));
        assert!(!store
            .reporter_session_valid(&number, "not-a-token", now)
            .await
            .expect("check"));
        let after_91_days = Timestamp(now.0 + 91 * 86_400_000);
        assert!(!store
            .reporter_session_valid(&number, &token, after_91_days)
            .await
            .expect("check"));
        store.end_reporter_session(&token).await.expect("sign out");
        assert!(!store
            .reporter_session_valid(&number, &token, now)
            .await
            .expect("check"));
    })
    .await;
}

#[tokio::test]
async fn sending_the_same_draft_again_gives_the_number_and_no_new_pin() {
    on_every_backend(|store| async move {
        let mut with_key = report();
        with_key.idempotency_key = Some("draft-pin".into());
        let first = store
            .submit_report(&with_key, thursday())
            .await
            .expect("first");
        let again = store
            .submit_report(&with_key, thursday())
            .await
            .expect("again");
        assert!(!first.is_repeat());
        assert!(again.is_repeat());
        assert_eq!(first.tracking_number, again.tracking_number);
        assert!(
            again.secret.is_none(),
            "a replayed key must not hand out a PIN or session"
        );
        // The PIN the reporter wrote down still opens the report.
        let pin = first.secret.expect("first PIN").pin;
        assert!(matches!(
            store
                .sign_in_reporter(&again.tracking_number, &pin, thursday())
                .await
                .expect("try"),
            SignIn::Opened { .. }
        ));
    })
    .await;
}

#[tokio::test]
async fn the_reply_answers_completes_or_messages_as_the_status_decides() {
    on_every_backend(|store| async move {
        let now = thursday();
        // Forwarded: a message, no status change.
        let (number, _) = submitted(&store).await;
        staff_step(&store, &number, Action::Verify, now).await;
        staff_step(&store, &number, Action::Forward, now).await;
        let outcome = store
            .reporter_reply(&number, "Lampunya masih mati sampai hari ini.", now)
            .await
            .expect("message");
        assert_eq!(outcome.kind, ReplyKind::Message);
        assert_eq!(status(&store, &number).await, Status::Forwarded);

        // Returned to the reporter: completes, back to Submitted.
        let (returned, _) = submitted(&store).await;
        staff_step(&store, &returned, Action::ReturnToReporter, now).await;
        let outcome = store
            .reporter_reply(&returned, "Jalan Merdeka nomor 12, depan pasar.", now)
            .await
            .expect("complete");
        assert_eq!(outcome.kind, ReplyKind::Complete);
        assert_eq!(status(&store, &returned).await, Status::Submitted);

        // Followed up: the reporter replies.
        let (answered, _) = followed_up(&store, now).await;
        let error = store.reporter_reply(&answered, "pendek", now).await;
        assert!(matches!(error, Err(ReporterError::Input(_))));
        let outcome = store
            .reporter_reply(&answered, "Terima kasih, lampu sudah menyala lagi.", now)
            .await
            .expect("reply");
        assert_eq!(outcome.kind, ReplyKind::ReplyToFollowUp);
        assert_eq!(status(&store, &answered).await, Status::ReporterReplied);

        // The reporter reads the text and the follow-up; the public reads neither.
        let view = store
            .reporter_view(&answered, date("2026-01-08"))
            .await
            .expect("view");
        let texts: Vec<_> = view
            .timeline
            .iter()
            .filter_map(|e| e.body.clone())
            .collect();
        assert!(texts.contains(&"Terima kasih, lampu sudah menyala lagi.".to_string()));
        assert!(texts.contains(&"Lampu sudah diganti oleh Dinas PU.".to_string()));
        assert!(view
            .timeline
            .iter()
            .any(|e| e.kind == EventKind::Transition(Action::ReporterReply) && e.by_reporter));
    })
    .await;
}

#[tokio::test]
async fn reply_text_never_reaches_the_public_view() {
    on_every_backend(|store| async move {
        let now = thursday();
        let mut open = report();
        open.privacy.confidential = false;
        let number = store
            .submit_report(&open, now)
            .await
            .expect("submit")
            .tracking_number;
        for action in [
            Action::Verify,
            Action::Forward,
            Action::Dispose,
            Action::DraftFollowUp,
            Action::ApproveAndPublish,
        ] {
            staff_step(&store, &number, action, now).await;
        }
        let secret_text = "Rahasia pelapor: nomor rumah saya 17B.";
        store
            .reporter_reply(&number, secret_text, now)
            .await
            .expect("reply");
        store
            .reporter_reply(&number, "Pesan tambahan untuk petugas saja.", now)
            .await
            .expect("message");
        let public = store
            .public_report(&number, date("2026-01-08"))
            .await
            .expect("read")
            .expect("exists");
        let json = serde_json::to_string(&public).expect("json");
        assert!(!json.contains("17B"), "{json}");
        assert!(!json.contains("petugas saja"), "{json}");
        let content = public.content.expect("not confidential");
        assert!(content
            .timeline
            .iter()
            .any(|e| e.kind == EventKind::Transition(Action::ReporterReply)));
        assert!(content
            .timeline
            .iter()
            .all(|e| e.kind != EventKind::Message));
    })
    .await;
}

#[tokio::test]
async fn a_rating_needs_a_follow_up_takes_one_to_five_stars_and_can_change() {
    on_every_backend(|store| async move {
        let now = thursday();
        let (early, _) = submitted(&store).await;
        assert!(matches!(
            store.rate_report(&early, 4, "", now).await,
            Err(ReporterError::NotNow)
        ));
        let (number, _) = followed_up(&store, now).await;
        for stars in [0, 6, -1] {
            assert!(matches!(
                store.rate_report(&number, stars, "", now).await,
                Err(ReporterError::Input(_))
            ));
        }
        store
            .rate_report(&number, 2, "Lambat.", now)
            .await
            .expect("rate");
        store
            .rate_report(&number, 4, "", now)
            .await
            .expect("change");
        let view = store
            .reporter_view(&number, date("2026-01-08"))
            .await
            .expect("view");
        let rating = view.rating.expect("rated");
        assert_eq!(rating.stars, 4);
        assert_eq!(rating.comment, None);
        assert!(view.actions.rate);
        // Still possible after the reporter answered and after closing.
        store
            .reporter_reply(&number, "Sudah baik, terima kasih banyak.", now)
            .await
            .expect("reply");
        staff_step(&store, &number, Action::Close, now).await;
        store
            .rate_report(&number, 5, "", now)
            .await
            .expect("rate when closed");
    })
    .await;
}

#[tokio::test]
async fn a_report_reopens_once_and_only_within_ten_working_days() {
    on_every_backend(|store| async move {
        let now = thursday();
        let (number, _) = followed_up(&store, now).await;
        let view = store
            .reporter_view(&number, date("2026-01-08"))
            .await
            .expect("view");
        assert!(matches!(view.actions.reopen, ReopenState::Open { .. }));
        let status = store
            .reporter_reopen(&number, "Lampu mati lagi sehari setelahnya.", now)
            .await
            .expect("reopen");
        assert_eq!(status, Status::Forwarded);
        // Taken through to a follow-up again: reopening is used.
        for action in [
            Action::Dispose,
            Action::DraftFollowUp,
            Action::ApproveAndPublish,
        ] {
            staff_step(&store, &number, action, now).await;
        }
        assert!(matches!(
            store
                .reporter_reopen(&number, "Masih mati juga, mohon dicek.", now)
                .await,
            Err(ReporterError::AlreadyReopened)
        ));
        let view = store
            .reporter_view(&number, date("2026-01-08"))
            .await
            .expect("view");
        assert_eq!(view.actions.reopen, ReopenState::Used);

        // Another report, one month after its follow-up: the window has passed.
        let (late, _) = followed_up(&store, now).await;
        let month_later = wib("2026-02-09", 10);
        assert!(matches!(
            store
                .reporter_reopen(&late, "Lampu mati lagi sejak kemarin.", month_later)
                .await,
            Err(ReporterError::WindowPassed)
        ));
        // Not before a follow-up.
        let (early, _) = submitted(&store).await;
        assert!(matches!(
            store
                .reporter_reopen(&early, "Belum ada jawaban sama sekali.", now)
                .await,
            Err(ReporterError::NotNow)
        ));
        // An unknown report is not found.
        let unknown = TrackingNumber::from_random([9; 8]);
        assert!(matches!(
            store
                .reporter_reopen(&unknown, "Tidak ada laporan ini.", now)
                .await,
            Err(ReporterError::Storage(StorageError::NotFound))
        ));
    })
    .await;
}

#[tokio::test]
async fn the_reporter_sees_a_confidential_report_with_its_content() {
    on_every_backend(|store| async move {
        let (number, _) = submitted(&store).await;
        let public = store
            .public_report(&number, date("2026-01-08"))
            .await
            .expect("read")
            .expect("exists");
        assert!(public.content.is_none());
        let view = store
            .reporter_view(&number, date("2026-01-08"))
            .await
            .expect("view");
        assert!(view.confidential);
        assert_eq!(view.story.title, "Lampu jalan mati di depan pasar");
        assert_eq!(view.actions.reply, Some(ReplyKind::Message));
        assert!(!view.actions.rate);
        assert_eq!(view.actions.reopen, ReopenState::NotNow);
        let json = serde_json::to_string(&view).expect("json");
        assert!(
            !json.contains("Budi"),
            "no identity in the reporter view: {json}"
        );
    })
    .await;
}
