//! The agency workspace against real databases (SQLite always, PostgreSQL when
//! `LAPOR_TEST_POSTGRES_URL` is set): staff sessions and slowed sign-ins, every role
//! against every step (allowed and refused), isolation between agencies, the
//! one-winner rule for simultaneous steps, the audit log, the queues and the
//! automatic closing with a controllable clock.

mod common;

use app::model::staff::check_new_staff;
use app::model::validation::{validate, ReportForm};
use app::model::workspace::{
    DeadlineFilter, Queue, QueueFilter, PAGE_SIZE, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS,
};
use app::model::{Action, Status, Timestamp, TrackingNumber};
use app::server::storage::{ActionArgs, StaffAccount, StaffSignIn, StaffStep, StorageError, Store};
use common::{on_every_backend, wib};

const PASSWORD: &str = "kata-sandi-demo-panjang";
const UNIT: &str = "Dinas Kesehatan";

/// One account per role at the Ministry of Health, and an administrator elsewhere.
struct Staff {
    national: StaffAccount,
    admin: StaffAccount,
    liaison: StaffAccount,
    operator: StaffAccount,
    oversight: StaffAccount,
    other_admin: StaffAccount,
    health: i64,
}

async fn add(
    store: &Store,
    email: &str,
    role: &str,
    agency: Option<i64>,
    unit: Option<&str>,
) -> StaffAccount {
    let new = check_new_staff(email, "", role, agency, unit).expect("valid account");
    store
        .add_staff(&new, PASSWORD, wib("2026-01-05", 8))
        .await
        .expect("stored")
        .expect("new account")
}

async fn staff(store: &Store) -> Staff {
    let (health, other_agency) = common::test_agencies(store).await;
    Staff {
        national: add(store, "nasional@lapor.go.id", "national_admin", None, None).await,
        admin: add(
            store,
            "admin@kemkes.go.id",
            "agency_admin",
            Some(health),
            None,
        )
        .await,
        liaison: add(
            store,
            "penghubung@kemkes.go.id",
            "liaison",
            Some(health),
            None,
        )
        .await,
        operator: add(
            store,
            "operator@kemkes.go.id",
            "unit_operator",
            Some(health),
            Some(UNIT),
        )
        .await,
        oversight: add(store, "pengawas@ombudsman.go.id", "oversight", None, None).await,
        other_admin: add(
            store,
            "admin@jombangkab.go.id",
            "agency_admin",
            Some(other_agency),
            None,
        )
        .await,
        health,
    }
}

/// Signs the Ministry of Health's administrator in; the new session's token.
async fn open_session(store: &Store, now: Timestamp) -> String {
    match store
        .sign_in_staff("admin@kemkes.go.id", PASSWORD, None, now)
        .await
        .expect("ran")
    {
        StaffSignIn::Opened { session_token, .. } => session_token,
        other => panic!("the right password opens a session: {other:?}"),
    }
}

async fn submit(store: &Store, title: &str, now: Timestamp) -> TrackingNumber {
    let form = ReportForm {
        classification: "pengaduan".into(),
        title: title.into(),
        body: format!("{title}: sudah berbulan-bulan begini dan warga sangat dirugikan."),
        region_code: "3517".into(),
        anonymous: Some("on".into()),
        ..Default::default()
    };
    let report = validate(&form, now.date_wib()).expect("valid");
    store
        .submit_report(&report, now)
        .await
        .expect("stored")
        .tracking_number
}

async fn version(store: &Store, number: &TrackingNumber) -> i64 {
    store
        .report_version(number)
        .await
        .expect("read")
        .expect("report")
}

async fn act(
    store: &Store,
    who: &StaffAccount,
    number: &TrackingNumber,
    action: Action,
    args: ActionArgs,
    now: Timestamp,
) -> Result<Status, StorageError> {
    let v = version(store, number).await;
    store
        .staff_act(who, number, step(action, v, args), Some("10.0.0.9"), now)
        .await
        .map(|outcome| outcome.status)
}

fn step(action: Action, expected_version: i64, args: ActionArgs) -> StaffStep {
    StaffStep {
        action,
        expected_version,
        args,
    }
}

fn text(body: &str) -> ActionArgs {
    ActionArgs {
        body: Some(body.into()),
        ..ActionArgs::default()
    }
}

/// Takes a report from submitted to a published follow-up through the workspace.
async fn to_followed_up(store: &Store, s: &Staff, number: &TrackingNumber, now: Timestamp) {
    let steps: [(&StaffAccount, Action, ActionArgs); 5] = [
        (&s.national, Action::Verify, ActionArgs::default()),
        (
            &s.national,
            Action::Forward,
            ActionArgs {
                agency_id: Some(s.health),
                ..ActionArgs::default()
            },
        ),
        (
            &s.admin,
            Action::Dispose,
            ActionArgs {
                unit: Some(UNIT.into()),
                ..ActionArgs::default()
            },
        ),
        (
            &s.operator,
            Action::DraftFollowUp,
            text("Loket kedua dibuka mulai Senin."),
        ),
        (&s.liaison, Action::ApproveAndPublish, ActionArgs::default()),
    ];
    for (who, action, args) in steps {
        act(store, who, number, action, args, now)
            .await
            .unwrap_or_else(|e| panic!("{action:?} by {:?}: {e}", who.role));
    }
}

#[tokio::test]
async fn staff_sessions_open_on_the_right_password_end_when_idle_old_or_signed_out() {
    on_every_backend(|store| async move {
        let s = staff(&store).await;
        let now = wib("2026-01-08", 9);
        let opened = store
            .sign_in_staff(" ADMIN@kemkes.go.id", PASSWORD, Some("10.0.0.1"), now)
            .await
            .expect("ran");
        let StaffSignIn::Opened {
            session_token,
            staff,
        } = opened
        else {
            panic!("the right password opens a session: {opened:?}");
        };
        assert_eq!(staff.id, s.admin.id);
        let at = |ms: i64| Timestamp(now.0 + ms);
        let found = store
            .staff_for_session(&session_token, at(60_000))
            .await
            .expect("ran");
        assert_eq!(found.map(|a| a.id), Some(s.admin.id));

        // Used every 20 minutes it lives on, until the absolute limit.
        let mut t = 0;
        while t + 20 * 60_000 < SESSION_ABSOLUTE_MS {
            t += 20 * 60_000;
            assert!(
                store
                    .staff_for_session(&session_token, at(t))
                    .await
                    .expect("ran")
                    .is_some(),
                "{t}"
            );
        }
        assert!(store
            .staff_for_session(&session_token, at(SESSION_ABSOLUTE_MS))
            .await
            .expect("ran")
            .is_none());

        // Idle for longer than the limit: gone.
        let session_token = open_session(&store, now).await;
        assert!(store
            .staff_for_session(&session_token, at(SESSION_IDLE_MS + 1))
            .await
            .expect("ran")
            .is_none());

        // Signed out: gone at once; every sign-in and sign-out is audited.
        let session_token = open_session(&store, now).await;
        store
            .sign_out_staff(&session_token, None, at(1000))
            .await
            .expect("signed out");
        assert!(store
            .staff_for_session(&session_token, at(2000))
            .await
            .expect("ran")
            .is_none());
        let audit = store
            .audit_for_staff(&s.national, "admin@kemkes.go.id")
            .await
            .expect("read");
        let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
        assert_eq!(actions, ["sign_out", "sign_in", "sign_in", "sign_in"]);
        assert_eq!(audit[3].address.as_deref(), Some("10.0.0.1"));
    })
    .await;
}

#[tokio::test]
async fn failed_sign_ins_are_slowed_per_account_and_per_address() {
    on_every_backend(|store| async move {
        staff(&store).await;
        let now = wib("2026-01-08", 9);
        for i in 0..5 {
            let result = store
                .sign_in_staff(
                    "admin@kemkes.go.id",
                    "salah-salah-salah",
                    Some(&format!("10.1.0.{i}")),
                    now,
                )
                .await
                .expect("ran");
            assert_eq!(result, StaffSignIn::Refused);
        }
        // The sixth try is refused even with the right password, from anywhere...
        let sixth = store
            .sign_in_staff("admin@kemkes.go.id", PASSWORD, Some("10.9.9.9"), now)
            .await
            .expect("ran");
        assert_eq!(sixth, StaffSignIn::Throttled);
        // ...until the window has passed.
        let later = Timestamp(now.0 + 16 * 60_000);
        let after = store
            .sign_in_staff("admin@kemkes.go.id", PASSWORD, Some("10.9.9.9"), later)
            .await
            .expect("ran");
        assert!(matches!(after, StaffSignIn::Opened { .. }), "{after:?}");

        // One address guessing many accounts is slowed too, for every account.
        for i in 0..20 {
            store
                .sign_in_staff(
                    &format!("tebak{i}@contoh.id"),
                    "apa-saja-panjang",
                    Some("10.6.6.6"),
                    later,
                )
                .await
                .expect("ran");
        }
        let from_guesser = store
            .sign_in_staff("penghubung@kemkes.go.id", PASSWORD, Some("10.6.6.6"), later)
            .await
            .expect("ran");
        assert_eq!(from_guesser, StaffSignIn::Throttled);
    })
    .await;
}

#[tokio::test]
async fn every_role_takes_exactly_the_steps_the_model_allows_and_only_in_its_agency() {
    on_every_backend(|store| async move {
        let s = staff(&store).await;
        let now = wib("2026-01-08", 9);
        let number = submit(&store, "Antrean puskesmas terlalu lama", now).await;

        // Agency roles cannot even see a report their agency does not handle.
        for who in [&s.admin, &s.liaison, &s.operator, &s.other_admin] {
            let refused = act(
                &store,
                who,
                &number,
                Action::Verify,
                ActionArgs::default(),
                now,
            )
            .await;
            assert!(
                matches!(refused, Err(StorageError::NotFound)),
                "{:?}: {refused:?}",
                who.role
            );
        }
        let refused = act(
            &store,
            &s.oversight,
            &number,
            Action::Verify,
            ActionArgs::default(),
            now,
        )
        .await;
        assert!(
            matches!(refused, Err(StorageError::Refused(_))),
            "{refused:?}"
        );

        to_followed_up(&store, &s, &number, now).await;
        assert_eq!(
            store.report_version(&number).await.expect("read"),
            Some(6),
            "five steps, one version each"
        );

        // The other agency's administrator can do nothing with it, whatever the step.
        for action in Action::ALL {
            let refused = act(&store, &s.other_admin, &number, action, text("x"), now).await;
            assert!(
                matches!(refused, Err(StorageError::NotFound)),
                "{action:?}: {refused:?}"
            );
            let refused_note = store
                .add_staff_note(&s.other_admin, &number, "catatan", None, now)
                .await;
            assert!(matches!(refused_note, Err(StorageError::NotFound)));
        }
        // Steps not for a role are refused by the state machine.
        for (who, action) in [
            (&s.operator, Action::ApproveAndPublish),
            (&s.liaison, Action::Dispose),
            (&s.admin, Action::Verify),
            (&s.oversight, Action::Close),
        ] {
            let refused = act(&store, who, &number, action, text("x"), now).await;
            assert!(
                matches!(refused, Err(StorageError::Refused(_))),
                "{:?} {action:?}: {refused:?}",
                who.role
            );
        }
        // Notes: every acting role, never oversight.
        store
            .add_staff_note(
                &s.liaison,
                &number,
                "Sudah dikonfirmasi ke kepala puskesmas.",
                None,
                now,
            )
            .await
            .expect("a note");
        assert!(store
            .add_staff_note(&s.oversight, &number, "catatan", None, now)
            .await
            .is_err());
        assert_eq!(
            act(
                &store,
                &s.liaison,
                &number,
                Action::Close,
                ActionArgs::default(),
                now
            )
            .await
            .expect("close"),
            Status::Closed
        );

        // The audit log has every step, by whom, in order; refused steps left no line.
        let audit = store
            .audit_for_report(&s.national, &number)
            .await
            .expect("read");
        let lines: Vec<(Option<&str>, &str)> = audit
            .iter()
            .rev()
            .map(|a| (a.staff_email.as_deref(), a.action.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (Some("nasional@lapor.go.id"), "transition:verify"),
                (Some("nasional@lapor.go.id"), "transition:forward"),
                (Some("admin@kemkes.go.id"), "transition:dispose"),
                (Some("operator@kemkes.go.id"), "transition:draft"),
                (Some("penghubung@kemkes.go.id"), "transition:publish"),
                (Some("penghubung@kemkes.go.id"), "note"),
                (Some("penghubung@kemkes.go.id"), "transition:close"),
            ]
        );
        // Only national administrators read it.
        assert!(store.audit_for_report(&s.admin, &number).await.is_err());
    })
    .await;
}

#[tokio::test]
async fn a_dispose_names_a_real_unit_and_the_unit_operator_sees_only_its_own() {
    on_every_backend(|store| async move {
        let s = staff(&store).await;
        let now = wib("2026-01-08", 9);
        let number = submit(&store, "Antrean puskesmas terlalu lama", now).await;
        act(
            &store,
            &s.national,
            &number,
            Action::Verify,
            ActionArgs::default(),
            now,
        )
        .await
        .expect("verify");
        let to_health = ActionArgs {
            agency_id: Some(s.health),
            ..ActionArgs::default()
        };
        act(
            &store,
            &s.national,
            &number,
            Action::Forward,
            to_health,
            now,
        )
        .await
        .expect("forward");
        for unit in [None, Some("Dinas Khayalan")] {
            let args = ActionArgs {
                unit: unit.map(str::to_string),
                ..ActionArgs::default()
            };
            let refused = act(&store, &s.admin, &number, Action::Dispose, args, now).await;
            assert!(
                matches!(refused, Err(StorageError::Invalid(_))),
                "{unit:?}: {refused:?}"
            );
        }
        // Not yet disposed: the operator does not see it.
        let queue = store
            .work_queue(&s.operator, Queue::All, &QueueFilter::default(), 0, now)
            .await
            .expect("queue");
        assert_eq!(queue.total, 0);
        let args = ActionArgs {
            unit: Some(UNIT.into()),
            ..ActionArgs::default()
        };
        act(&store, &s.admin, &number, Action::Dispose, args, now)
            .await
            .expect("dispose");
        let queue = store
            .work_queue(
                &s.operator,
                Queue::Disposed,
                &QueueFilter::default(),
                0,
                now,
            )
            .await
            .expect("queue");
        assert_eq!(queue.total, 1);
        assert_eq!(queue.rows[0].unit.as_deref(), Some(UNIT));
    })
    .await;
}

#[tokio::test]
async fn of_two_staff_acting_at_once_exactly_one_wins() {
    on_every_backend(|store| async move {
        let s = staff(&store).await;
        let now = wib("2026-01-08", 9);
        let number = submit(&store, "Antrean puskesmas terlalu lama", now).await;
        let seen = version(&store, &number).await;
        let archive = {
            let (store, who, number) = (store.clone(), s.national.clone(), number.clone());
            tokio::spawn(async move {
                store
                    .staff_act(
                        &who,
                        &number,
                        step(Action::Archive, seen, text("Bukan wewenang LAPOR!")),
                        None,
                        now,
                    )
                    .await
            })
        };
        let verify = {
            let (store, who, number) = (store.clone(), s.national.clone(), number.clone());
            tokio::spawn(async move {
                store
                    .staff_act(
                        &who,
                        &number,
                        step(Action::Verify, seen, ActionArgs::default()),
                        None,
                        now,
                    )
                    .await
            })
        };
        let results = [archive.await.expect("ran"), verify.await.expect("ran")];
        let wins = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(wins, 1, "{results:?}");
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(StorageError::Conflict))),
            "{results:?}"
        );
        assert_eq!(version(&store, &number).await, seen + 1);
        // One audit line: the loser wrote nothing.
        let audit = store
            .audit_for_report(&s.national, &number)
            .await
            .expect("read");
        assert_eq!(audit.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn queues_count_and_filter_what_each_role_works_on() {
    on_every_backend(|store| async move {
        let s = staff(&store).await;
        let now = wib("2026-01-08", 9);
        let road = submit(&store, "Jalan berlubang di depan sekolah", now).await;
        let clinic = submit(&store, "Antrean puskesmas terlalu lama", now).await;
        let count = |page: &app::model::workspace::QueuePage, queue: Queue| {
            page.counts
                .iter()
                .find(|(q, _)| *q == queue)
                .map(|(_, n)| *n)
        };
        let national = store
            .work_queue(
                &s.national,
                Queue::ToVerify,
                &QueueFilter::default(),
                0,
                now,
            )
            .await
            .expect("queue");
        assert_eq!(count(&national, Queue::ToVerify), Some(2));
        assert_eq!(national.total, 2);

        let search = QueueFilter {
            search: Some("PUSKESMAS antrean".into()),
            ..QueueFilter::default()
        };
        let found = store
            .work_queue(&s.national, Queue::All, &search, 0, now)
            .await
            .expect("search");
        let numbers: Vec<&str> = found
            .rows
            .iter()
            .map(|r| r.tracking_number.as_str())
            .collect();
        assert_eq!(numbers, [clinic.as_str()]);

        to_followed_up(&store, &s, &clinic, now).await;
        let admin = store
            .work_queue(&s.admin, Queue::All, &QueueFilter::default(), 0, now)
            .await
            .expect("queue");
        let numbers: Vec<&str> = admin
            .rows
            .iter()
            .map(|r| r.tracking_number.as_str())
            .collect();
        assert_eq!(
            numbers,
            [clinic.as_str()],
            "the road report is not the ministry's"
        );
        assert_eq!(count(&admin, Queue::WaitingForReporter), Some(1));
        let other = store
            .work_queue(&s.other_admin, Queue::All, &QueueFilter::default(), 0, now)
            .await
            .expect("queue");
        assert_eq!(other.total, 0);

        // The export holds what the queue holds, and is audited.
        let exported = store
            .export_queue(
                &s.admin,
                Queue::All,
                &QueueFilter::default(),
                Some("10.0.0.7"),
                now,
            )
            .await
            .expect("export");
        assert_eq!(exported, admin.rows);
        let outsider = store
            .export_queue(
                &s.other_admin,
                Queue::All,
                &QueueFilter::default(),
                None,
                now,
            )
            .await
            .expect("export");
        assert!(outsider.is_empty());
        let audit = store
            .audit_for_staff(&s.national, &s.admin.email)
            .await
            .expect("audit");
        assert!(
            audit.iter().any(|l| l.action == "export"
                && l.address.as_deref() == Some("10.0.0.7")
                && l.detail.as_deref() == Some("queue=semua rows=1")),
            "{audit:?}"
        );

        // The road report waits for verification: due in 3 working days (Tuesday 13th).
        let monday = wib("2026-01-12", 9);
        let due_soon = store
            .work_queue(
                &s.national,
                Queue::DueSoon,
                &QueueFilter::default(),
                0,
                monday,
            )
            .await
            .expect("queue");
        assert_eq!(
            due_soon.rows.first().map(|r| r.tracking_number.as_str()),
            Some(road.as_str())
        );
        let overdue = store
            .work_queue(
                &s.national,
                Queue::Overdue,
                &QueueFilter::default(),
                0,
                wib("2026-01-14", 9),
            )
            .await
            .expect("queue");
        assert_eq!(overdue.total, 1);
    })
    .await;
}

#[tokio::test]
async fn a_queue_pages_through_every_report_once_soonest_deadline_first() {
    on_every_backend(|store| async move {
        let s = staff(&store).await;
        // One report a day over five weeks: each has its own due date.
        let mut sent = Vec::new();
        let mut day = app::model::Date::from_ymd(2026, 1, 5).expect("date");
        while sent.len() < PAGE_SIZE as usize + 3 {
            let at = wib(&day.to_string(), 9);
            sent.push(
                submit(
                    &store,
                    &format!("Saluran air tersumbat nomor {}", sent.len()),
                    at,
                )
                .await,
            );
            day = day.next_day();
        }
        let now = wib(&day.to_string(), 9);
        let page = |n: i64| {
            let (store, national) = (store.clone(), s.national.clone());
            async move {
                store
                    .work_queue(&national, Queue::ToVerify, &QueueFilter::default(), n, now)
                    .await
                    .expect("queue")
            }
        };
        let (first, second, beyond) = (page(0).await, page(1).await, page(2).await);
        assert_eq!(first.rows.len(), PAGE_SIZE as usize);
        assert_eq!(second.rows.len(), 3);
        assert!(beyond.rows.is_empty());
        assert_eq!(first.total, sent.len() as i64);
        let listed: Vec<&str> = first
            .rows
            .iter()
            .chain(&second.rows)
            .map(|r| r.tracking_number.as_str())
            .collect();
        // Sent earlier, due earlier: the order they were sent in, each once.
        let expected: Vec<&str> = sent.iter().map(TrackingNumber::as_str).collect();
        assert_eq!(listed, expected);
        let due: Vec<_> = first
            .rows
            .iter()
            .chain(&second.rows)
            .map(|r| r.due_on)
            .collect();
        assert!(due.windows(2).all(|w| w[0] <= w[1]), "{due:?}");

        // The deadline filter splits the queue: every report in exactly one part.
        let mut parts = Vec::new();
        for deadline in DeadlineFilter::ALL {
            let filter = QueueFilter {
                deadline: Some(deadline),
                ..QueueFilter::default()
            };
            let part = store
                .work_queue(&s.national, Queue::ToVerify, &filter, 0, now)
                .await
                .expect("filtered");
            parts.push((deadline, part.total, part.rows));
        }
        let sum: i64 = parts.iter().map(|(_, total, _)| total).sum();
        assert_eq!(sum, sent.len() as i64, "{parts:?}");
        let today = now.date_wib();
        let (_, overdue, rows) = &parts[0];
        assert!(
            *overdue > 0,
            "the oldest reports are past their 3 working days"
        );
        assert!(rows.iter().all(|r| r.due_on.is_some_and(|d| d < today)));
        let (_, due_soon, rows) = &parts[1];
        assert!(
            *due_soon > 0,
            "the newest reports are due within two working days"
        );
        assert!(rows.iter().all(|r| r.due_on.is_some_and(|d| d >= today)));
    })
    .await;
}

#[tokio::test]
async fn verification_routes_and_corrects_and_search_follows_words_by_their_start() {
    on_every_backend(|store| async move {
        let s = staff(&store).await;
        let now = wib("2026-01-08", 9);
        let road = submit(&store, "Jalan berlubang di depan sekolah", now).await;
        let clinic = submit(&store, "Antrean puskesmas terlalu lama", now).await;
        let found = |text: &'static str| {
            let store = store.clone();
            let national = s.national.clone();
            async move {
                let filter = QueueFilter {
                    search: Some(text.into()),
                    ..QueueFilter::default()
                };
                let page = store
                    .work_queue(&national, Queue::All, &filter, 0, now)
                    .await
                    .unwrap_or_else(|e| panic!("search {text:?}: {e}"));
                assert_eq!(page.total, page.rows.len() as i64, "{text:?}");
                page.rows
                    .into_iter()
                    .map(|r| r.tracking_number)
                    .collect::<Vec<_>>()
            }
        };
        // The start of a word, any case, in the title or only in the story.
        assert_eq!(found("PUSKES").await, [clinic.as_str()]);
        assert_eq!(found("berlubang sekolah").await, [road.as_str()]);
        assert_eq!(found("dirugikan").await.len(), 2, "both stories say it");
        // Every word must be there; the middle of a word is not a word.
        assert!(found("puskesmas sekolah").await.is_empty());
        assert!(found("lubang").await.is_empty());
        // Query syntax typed by a person is only words.
        assert_eq!(found("\"jalan\" OR* (NEAR").await, Vec::<String>::new());
        assert_eq!(found("jalan\"*").await, [road.as_str()]);
        assert_eq!(found("%_*").await.len(), 2, "no words: no search");
        // A tracking number, typed as people type it, finds its report.
        let typed = road.as_str().to_lowercase();
        let filter = QueueFilter {
            search: Some(format!(" {} ", typed)),
            ..QueueFilter::default()
        };
        let by_number = store
            .work_queue(&s.national, Queue::All, &filter, 0, now)
            .await
            .expect("search by number");
        assert_eq!(by_number.rows.len(), 1);
        assert_eq!(by_number.rows[0].tracking_number, road.as_str());

        // An agency that does not exist is no route: the step is refused whole.
        let refused = act(
            &store,
            &s.national,
            &road,
            Action::Verify,
            ActionArgs {
                title: Some("Lubang besar di Jalan Merdeka".into()),
                agency_id: Some(987_654),
                ..ActionArgs::default()
            },
            now,
        )
        .await;
        assert!(
            matches!(refused, Err(StorageError::Invalid(_))),
            "{refused:?}"
        );
        // Verification corrects the title and routes the report to an agency.
        act(
            &store,
            &s.national,
            &road,
            Action::Verify,
            ActionArgs {
                title: Some("Lubang besar di Jalan Merdeka".into()),
                agency_id: Some(s.health),
                ..ActionArgs::default()
            },
            now,
        )
        .await
        .expect("verify with a corrected title and a route");
        let view = store
            .report_for_staff(&road, &s.national)
            .await
            .expect("read");
        let health = store.agency(s.health).await.expect("read").expect("agency");
        assert_eq!(view.report().target_agency_name, Some(health.name));
        assert_eq!(view.report().agency_name, None, "routed, not yet forwarded");
        assert_eq!(view.report().title, "Lubang besar di Jalan Merdeka");
        // The search follows the new title's words.
        assert_eq!(found("lubang merdeka").await, [road.as_str()]);
        // The story kept the old words; the report is still listed once.
        assert_eq!(found("berlubang").await, [road.as_str()]);
    })
    .await;
}

#[tokio::test]
async fn silent_follow_ups_close_once_after_ten_working_days() {
    on_every_backend(|store| async move {
        let s = staff(&store).await;
        // Published on Thursday 8 January 2026: due on the 10th working day after it
        // (by the seeded calendar, with its holidays).
        let published = wib("2026-01-08", 9);
        let silent = submit(&store, "Antrean puskesmas terlalu lama", published).await;
        to_followed_up(&store, &s, &silent, published).await;
        let calendar = store.calendar().await.expect("calendar");
        let due = calendar.add_working_days(published.date_wib(), 10);
        let at = |day: app::model::Date, hour: i64| wib(&day.to_string(), hour);

        assert_eq!(store.auto_close_due(at(due, 23)).await.expect("ran"), 0);
        // Two servers running the task at the same moment close it once.
        let friday = at(due.next_day(), 1);
        let (a, b) = tokio::join!(store.auto_close_due(friday), store.auto_close_due(friday));
        assert_eq!(a.expect("ran") + b.expect("ran"), 1);
        let record = store
            .report_record(&silent)
            .await
            .expect("read")
            .expect("report");
        assert_eq!(record.status, Status::Closed);
        let closes = record
            .timeline
            .iter()
            .filter(|e| e.kind == app::model::EventKind::Transition(Action::AutoClose))
            .count();
        assert_eq!(closes, 1);
        assert_eq!(store.auto_close_due(friday).await.expect("ran"), 0);
    })
    .await;
}

/// Random reports (anonymous or not, each with its own marker identity, forwarded to
/// one of two agencies, some disposed) against every staff role: whatever an agency
/// role or oversight can obtain (the report, every queue, a search for the marker, the
/// timeline) never holds a reporter's identity; the national administrator's view of
/// the report always does.
#[tokio::test]
async fn property_no_agency_role_ever_receives_a_reporter_identity() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::TestRunner;

    let strategy = proptest::collection::vec(
        (
            "[A-Z]{6}",
            proptest::bool::ANY,
            proptest::bool::ANY,
            proptest::bool::ANY,
        ),
        4..8,
    );
    let mut runner = TestRunner::deterministic();
    let cases: Vec<_> = (0..3)
        .map(|_| strategy.new_tree(&mut runner).expect("a case").current())
        .collect();
    on_every_backend(move |store| {
        let cases = cases.clone();
        async move {
            let s = staff(&store).await;
            let jombang = s.other_admin.agency_id.expect("an agency");
            let now = wib("2026-01-08", 9);
            for (round, reports) in cases.iter().enumerate() {
                let mut markers = Vec::new();
                for (i, (marker, anonymous, to_health, disposed)) in reports.iter().enumerate() {
                    let marker = format!("Mq{round}{i}{marker}");
                    let form = ReportForm {
                        classification: "aspirasi".into(),
                        title: format!("Usulan taman baca nomor {round}-{i}"),
                        body:
                            "Mohon dibangun taman baca di balai desa untuk anak-anak sekolah dasar."
                                .into(),
                        region_code: "3517".into(),
                        name: format!("Nama {marker}"),
                        phone: "081234567890".into(),
                        email: format!("{}@contoh.id", marker.to_lowercase()),
                        anonymous: anonymous.then(|| "on".to_string()),
                        ..Default::default()
                    };
                    let report = validate(&form, now.date_wib()).expect("valid");
                    let number = store
                        .submit_report(&report, now)
                        .await
                        .expect("stored")
                        .tracking_number;
                    let agency = if *to_health { s.health } else { jombang };
                    act(
                        &store,
                        &s.national,
                        &number,
                        Action::Verify,
                        ActionArgs::default(),
                        now,
                    )
                    .await
                    .expect("verify");
                    let forward = ActionArgs {
                        agency_id: Some(agency),
                        ..ActionArgs::default()
                    };
                    act(&store, &s.national, &number, Action::Forward, forward, now)
                        .await
                        .expect("forward");
                    if *disposed && *to_health {
                        let dispose = ActionArgs {
                            unit: Some(UNIT.into()),
                            ..ActionArgs::default()
                        };
                        act(&store, &s.admin, &number, Action::Dispose, dispose, now)
                            .await
                            .expect("dispose");
                    }
                    let national_view = store
                        .report_for_staff(&number, &s.national)
                        .await
                        .expect("read");
                    assert!(format!("{national_view:?}").contains(&marker));
                    markers.push((number, marker));
                }
                for who in [
                    &s.admin,
                    &s.liaison,
                    &s.operator,
                    &s.oversight,
                    &s.other_admin,
                ] {
                    let mut seen = String::new();
                    for (number, marker) in &markers {
                        if let Ok(view) = store.report_for_staff(number, who).await {
                            seen.push_str(&serde_json::to_string(&view).expect("json"));
                            let timeline = store.staff_timeline(number).await.expect("timeline");
                            seen.push_str(&format!("{timeline:?}"));
                        }
                        let search = QueueFilter {
                            search: Some(marker.clone()),
                            ..QueueFilter::default()
                        };
                        let found = store
                            .work_queue(who, Queue::All, &search, 0, now)
                            .await
                            .expect("search");
                        assert_eq!(
                            found.total, 0,
                            "a search for the reporter's name finds nothing"
                        );
                    }
                    for queue in app::model::workspace::queues_for(who.role) {
                        let page = store
                            .work_queue(who, *queue, &QueueFilter::default(), 0, now)
                            .await
                            .expect("queue");
                        seen.push_str(&format!("{page:?}"));
                    }
                    for (_, marker) in &markers {
                        assert!(
                            !seen.contains(marker.as_str()),
                            "{:?} obtained {marker}",
                            who.role
                        );
                        assert!(
                            !seen.contains(&marker.to_lowercase()),
                            "{:?} obtained an email",
                            who.role
                        );
                    }
                }
            }
        }
    })
    .await;
}

/// Every staff role × every staff step × every status a staff member meets: the step is
/// taken exactly when the report is in the role's scope and the model's table allows it
/// (ending in the table's status), refused by the state machine when the table does not,
/// and `NotFound` outside the scope.
#[tokio::test]
async fn every_role_times_every_step_in_every_status_follows_the_model() {
    use app::model::status::{transition, Guards};
    use app::model::workspace::scope_of;

    on_every_backend(|store| async move {
        let s = staff(&store).await;
        let jombang = s.other_admin.agency_id.expect("an agency");
        let now = wib("2026-01-08", 9);
        // The steps that bring a new report to each status a staff member meets.
        let path: [(Action, &StaffAccount); 5] = [
            (Action::Verify, &s.national),
            (Action::Forward, &s.national),
            (Action::Dispose, &s.admin),
            (Action::DraftFollowUp, &s.operator),
            (Action::ApproveAndPublish, &s.liaison),
        ];
        let args = |action: Action| ActionArgs {
            body: Some("Teks langkah untuk pengujian.".into()),
            agency_id: Some(if action == Action::Transfer {
                jombang
            } else {
                s.health
            }),
            unit: Some(UNIT.into()),
            ..ActionArgs::default()
        };
        let mut counter = 0;
        let mut at_status = |depth: usize| {
            counter += 1;
            let title = format!("Laporan matriks nomor {depth}-{counter}");
            let store = store.clone();
            async move {
                let number = submit(&store, &title, now).await;
                for (action, who) in &path[..depth] {
                    act(&store, who, &number, *action, args(*action), now)
                        .await
                        .unwrap_or_else(|e| panic!("{action:?}: {e}"));
                }
                number
            }
        };
        let steps = [
            Action::Verify,
            Action::ReturnToReporter,
            Action::Archive,
            Action::Forward,
            Action::Transfer,
            Action::Dispose,
            Action::DraftFollowUp,
            Action::SendBackDraft,
            Action::ApproveAndPublish,
            Action::Close,
        ];
        let people = [
            &s.national,
            &s.admin,
            &s.liaison,
            &s.operator,
            &s.oversight,
            &s.other_admin,
        ];
        let mut taken = 0;
        for depth in 0..=path.len() {
            let shared = at_status(depth).await;
            let record = store
                .report_record(&shared)
                .await
                .expect("read")
                .expect("report");
            let status = record.status;
            let in_health = depth >= 2;
            let disposed = depth >= 3;
            for who in people {
                let scope = scope_of(who.role, who.agency_id, who.unit.as_deref());
                let covered = scope.covers(in_health.then_some(s.health), disposed.then_some(UNIT));
                for action in steps {
                    let expected = transition(status, action, who.role, Guards::default());
                    let number = if covered && expected.is_ok() {
                        at_status(depth).await
                    } else {
                        shared.clone()
                    };
                    let result = act(&store, who, &number, action, args(action), now).await;
                    match (covered, expected) {
                        (false, _) => assert!(
                            matches!(result, Err(StorageError::NotFound)),
                            "{:?} {action:?} at {status:?}: {result:?}",
                            who.role
                        ),
                        (true, Ok(to)) => {
                            assert_eq!(
                                result.ok(),
                                Some(to),
                                "{:?} {action:?} at {status:?}",
                                who.role
                            );
                            taken += 1;
                        }
                        (true, Err(_)) => assert!(
                            matches!(result, Err(StorageError::Refused(_))),
                            "{:?} {action:?} at {status:?}: {result:?}",
                            who.role
                        ),
                    }
                }
            }
        }
        assert!(taken >= 15, "the matrix took real steps ({taken})");
    })
    .await;
}

/// The audit actions of `number`, oldest first.
async fn audit_actions(
    store: &Store,
    reader: &StaffAccount,
    number: &TrackingNumber,
) -> Vec<String> {
    let mut lines: Vec<String> = store
        .audit_for_report(reader, number)
        .await
        .expect("read")
        .into_iter()
        .map(|line| line.action)
        .collect();
    lines.reverse();
    lines
}

#[tokio::test]
async fn a_bulk_step_takes_each_report_on_its_own_and_says_which_were_refused() {
    on_every_backend(|store| async move {
        let s = staff(&store).await;
        let now = wib("2026-01-08", 9);
        let mut numbers = Vec::new();
        for title in [
            "Lampu jalan padam di desa satu",
            "Lampu jalan padam di desa dua",
            "Lampu jalan padam di desa tiga",
            "Lampu jalan padam di desa empat",
        ] {
            numbers.push(submit(&store, title, now).await);
        }
        // One changed since the queue was read: a colleague verified it.
        let verified_meanwhile = numbers[3].clone();
        act(
            &store,
            &s.national,
            &verified_meanwhile,
            Action::Verify,
            ActionArgs::default(),
            now,
        )
        .await
        .expect("verified");
        let mut chosen = Vec::new();
        for number in &numbers[..3] {
            chosen.push((number.clone(), version(&store, number).await));
        }
        chosen.push((verified_meanwhile.clone(), 0));
        let to_health = ActionArgs {
            agency_id: Some(s.health),
            ..ActionArgs::default()
        };
        let answers = store
            .staff_act_on_each(
                &s.national,
                &chosen,
                &[Action::Verify, Action::Forward],
                &to_health,
                Some("10.0.0.9"),
                now,
            )
            .await
            .expect("ran");
        assert_eq!(answers.len(), 4);
        for (number, answer) in &answers[..3] {
            assert_eq!(
                answer.as_ref().map(|o| o.status).ok(),
                Some(Status::Forwarded),
                "{number:?}"
            );
            // Each report has its own events and one audit line per step.
            assert_eq!(
                audit_actions(&store, &s.national, number).await,
                ["transition:verify", "transition:forward"]
            );
        }
        assert!(
            matches!(answers[3].1, Err(StorageError::Conflict)),
            "{:?}",
            answers[3].1
        );
        // The refused report took neither step: still verified, one audit line.
        assert_eq!(
            audit_actions(&store, &s.national, &verified_meanwhile).await,
            ["transition:verify"]
        );
        let page = store
            .work_queue(
                &s.admin,
                Queue::NewForAgency,
                &QueueFilter::default(),
                0,
                now,
            )
            .await
            .expect("queue");
        assert_eq!(page.total, 3);

        // Role and scope per report: the other agency's administrator may dispose in
        // bulk, but none of these are theirs; the unit operator may not at all.
        let to_unit = ActionArgs {
            unit: Some(UNIT.into()),
            ..ActionArgs::default()
        };
        let mut forwarded = Vec::new();
        for number in &numbers[..3] {
            forwarded.push((number.clone(), version(&store, number).await));
        }
        let theirs = store
            .staff_act_on_each(
                &s.other_admin,
                &forwarded,
                &[Action::Dispose],
                &to_unit,
                None,
                now,
            )
            .await
            .expect("ran");
        assert!(theirs
            .iter()
            .all(|(_, a)| matches!(a, Err(StorageError::NotFound))));
        let operator = store
            .staff_act_on_each(
                &s.operator,
                &forwarded,
                &[Action::Dispose],
                &to_unit,
                None,
                now,
            )
            .await
            .expect("ran");
        assert!(operator.iter().all(|(_, a)| a.is_err()));
        // The agency's administrator disposes two; a third named with a unit that is
        // not the agency's is refused for it alone.
        let mine = store
            .staff_act_on_each(
                &s.admin,
                &forwarded[..2],
                &[Action::Dispose],
                &to_unit,
                None,
                now,
            )
            .await
            .expect("ran");
        assert!(mine
            .iter()
            .all(|(_, a)| a.as_ref().map(|o| o.status).ok() == Some(Status::Disposed)));
        let nowhere = ActionArgs {
            unit: Some("Unit yang tidak ada".into()),
            ..ActionArgs::default()
        };
        let refused = store
            .staff_act_on_each(
                &s.admin,
                &forwarded[2..],
                &[Action::Dispose],
                &nowhere,
                None,
                now,
            )
            .await
            .expect("ran");
        assert!(
            matches!(refused[0].1, Err(StorageError::Invalid(_))),
            "{:?}",
            refused[0].1
        );
        assert_eq!(
            audit_actions(&store, &s.national, &forwarded[2].0).await,
            ["transition:verify", "transition:forward"]
        );
    })
    .await;
}

#[tokio::test]
async fn my_work_is_what_i_acted_on_last_or_what_is_disposed_to_my_unit() {
    on_every_backend(|store| async move {
        let s = staff(&store).await;
        let now = wib("2026-01-08", 9);
        let mine = submit(&store, "Jembatan desa retak parah", now).await;
        let theirs = submit(&store, "Jembatan kota retak parah", now).await;
        let to_health = ActionArgs {
            agency_id: Some(s.health),
            ..ActionArgs::default()
        };
        for number in [&mine, &theirs] {
            act(
                &store,
                &s.national,
                number,
                Action::Verify,
                to_health.clone(),
                now,
            )
            .await
            .expect("verified");
            act(
                &store,
                &s.national,
                number,
                Action::Forward,
                to_health.clone(),
                now,
            )
            .await
            .expect("forwarded");
        }
        let mine_total = |who: StaffAccount| {
            let store = store.clone();
            async move {
                store
                    .work_queue(&who, Queue::Mine, &QueueFilter::default(), 0, now)
                    .await
                    .expect("queue")
                    .rows
                    .into_iter()
                    .map(|r| r.tracking_number)
                    .collect::<Vec<_>>()
            }
        };
        // The national administrator's last step on both.
        assert_eq!(mine_total(s.national.clone()).await.len(), 2);
        assert!(mine_total(s.admin.clone()).await.is_empty());
        let to_unit = ActionArgs {
            unit: Some(UNIT.into()),
            ..ActionArgs::default()
        };
        act(&store, &s.admin, &mine, Action::Dispose, to_unit, now)
            .await
            .expect("disposed");
        // Now the administrator's, and the unit's; no longer the national one's.
        assert_eq!(
            mine_total(s.admin.clone()).await,
            [mine.as_str().to_string()]
        );
        assert_eq!(
            mine_total(s.operator.clone()).await,
            [mine.as_str().to_string()]
        );
        assert_eq!(
            mine_total(s.national.clone()).await,
            [theirs.as_str().to_string()]
        );
        // A note is a step too; the reporter's or the system's are not staff steps.
        store
            .add_staff_note(&s.national, &mine, "Dipantau dari pusat.", None, now)
            .await
            .expect("noted");
        assert_eq!(mine_total(s.national.clone()).await.len(), 2);
        assert!(mine_total(s.admin.clone()).await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn saved_views_belong_to_their_owner_are_replaced_by_name_and_bounded() {
    use app::model::validation::{Field, Problem};
    use app::model::workspace::SAVED_VIEWS_MAX;

    on_every_backend(|store| async move {
        let s = staff(&store).await;
        let now = wib("2026-01-08", 9);
        let first = store
            .save_view(
                s.admin.id,
                "Terlambat",
                "/ruang-kerja/antrean?antrean=terlambat",
                now,
            )
            .await
            .expect("saved");
        let again = store
            .save_view(
                s.admin.id,
                "Terlambat",
                "/ruang-kerja/antrean?antrean=segera",
                now,
            )
            .await
            .expect("replaced");
        assert_eq!(again.id, first.id);
        let views = store.saved_views(s.admin.id).await.expect("read");
        assert_eq!(views.len(), 1);
        assert_eq!(views[0].address, "/ruang-kerja/antrean?antrean=segera");
        // Nobody else sees or deletes it.
        assert!(store
            .saved_views(s.other_admin.id)
            .await
            .expect("read")
            .is_empty());
        assert!(matches!(
            store.delete_view(s.other_admin.id, first.id).await,
            Err(StorageError::NotFound)
        ));
        for n in 1..SAVED_VIEWS_MAX {
            store
                .save_view(
                    s.admin.id,
                    &format!("Tampilan {n:02}"),
                    "/ruang-kerja/antrean?antrean=semua",
                    now,
                )
                .await
                .expect("under the limit");
        }
        match store
            .save_view(
                s.admin.id,
                "Satu lagi",
                "/ruang-kerja/antrean?antrean=semua",
                now,
            )
            .await
        {
            Err(StorageError::Invalid(fields)) => {
                assert_eq!(fields[0].field, Field::ViewName);
                assert_eq!(
                    fields[0].problem,
                    Problem::TooMany {
                        max: SAVED_VIEWS_MAX
                    }
                );
            }
            other => panic!("the limit holds: {other:?}"),
        }
        // Replacing one by its name still works at the limit; deleting frees a place.
        store
            .save_view(
                s.admin.id,
                "Terlambat",
                "/ruang-kerja/antrean?antrean=terlambat",
                now,
            )
            .await
            .expect("replaced at the limit");
        store
            .delete_view(s.admin.id, first.id)
            .await
            .expect("deleted");
        store
            .save_view(
                s.admin.id,
                "Satu lagi",
                "/ruang-kerja/antrean?antrean=semua",
                now,
            )
            .await
            .expect("room again");
        let names: Vec<String> = store
            .saved_views(s.admin.id)
            .await
            .expect("read")
            .into_iter()
            .map(|v| v.name)
            .collect();
        assert_eq!(names.len(), SAVED_VIEWS_MAX);
        assert_eq!(names[0], "Satu lagi");
    })
    .await;
}
