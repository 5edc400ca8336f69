//! The storage boundary against real databases: every scenario runs on SQLite and,
//! when `LAPOR_TEST_POSTGRES_URL` is set, on PostgreSQL.

mod common;

use std::time::Instant;

use app::model::agency::AgencyKind;
use app::model::calendar::{DeadlineKind, DeadlineState};
use app::model::validation::{validate, Field, FieldError, NewReport, Problem, ReportForm};
use app::model::{Action, EventKind, Role, Status, TrackingNumber, TransitionError};
use app::server::seed::{seed, SeedScope};
use app::server::storage::{ActionArgs, Actor, DayOffKind, PinKey, StorageError, Store};
use common::{date, on_every_backend, on_every_empty_backend, wib};

/// Villages in `villages.csv`: 80,534 lines, but two codes appear twice
/// (9107182005 and 9109070015), and a code is a key, so the first of each is kept.
const VILLAGES: i64 = 80_532;
const DISTRICTS: i64 = 7_215;

fn form() -> ReportForm {
    ReportForm {
        classification: "pengaduan".into(),
        title: "Jalan berlubang di depan sekolah".into(),
        body: "Sejak dua minggu jalan di depan SDN 2 berlubang besar dan membahayakan anak-anak."
            .into(),
        region_code: "3517".into(),
        name: "Siti Aminah".into(),
        phone: "0812-3456-7890".into(),
        ..Default::default()
    }
}

fn report_from(form: ReportForm) -> NewReport {
    validate(&form, date("2026-01-08")).expect("a valid test form")
}

fn report() -> NewReport {
    report_from(form())
}

/// Thursday 8 January 2026, 10:00 in Jakarta: no holiday in the next week but 16 Jan.
fn thursday() -> app::model::Timestamp {
    wib("2026-01-08", 10)
}

fn admin() -> Actor {
    Actor {
        role: Role::NationalAdmin,
        staff_id: Some(1),
    }
}

async fn agency_id(store: &Store, keyword: &str) -> i64 {
    store
        .agency_by_sms_keyword(keyword)
        .await
        .expect("lookup")
        .expect("seeded agency")
        .id
}

async fn submitted(store: &Store) -> TrackingNumber {
    store
        .submit_report(&report(), thursday())
        .await
        .expect("submit")
        .tracking_number
}

/// Verifies and forwards a new report to `keyword`'s agency; returns the version.
async fn forwarded_to(store: &Store, number: &TrackingNumber, keyword: &str) -> i64 {
    let agency = agency_id(store, keyword).await;
    let step = |action, version, agency_id| {
        store.apply_action(
            number,
            admin(),
            action,
            version,
            ActionArgs {
                body: None,
                agency_id,
                ..ActionArgs::default()
            },
            thursday(),
        )
    };
    let verified = step(Action::Verify, 1, None).await.expect("verify");
    step(Action::Forward, verified.version, Some(agency))
        .await
        .expect("forward")
        .version
}

#[tokio::test]
async fn migrating_twice_is_harmless() {
    on_every_empty_backend(|store| async move {
        store.migrate().await.expect("second migration run");
        assert_eq!(store.table_counts().await.expect("counts").reports, 0);
    })
    .await;
}

#[tokio::test]
async fn seeding_twice_inserts_nothing_the_second_time() {
    on_every_empty_backend(|store| async move {
        let first = seed(&store, SeedScope::Essentials)
            .await
            .expect("first seed");
        assert!(!first.already_seeded);
        let counts = store.table_counts().await.expect("counts");
        let second = seed(&store, SeedScope::Essentials)
            .await
            .expect("second seed");
        assert!(second.already_seeded);
        assert_eq!(second.inserted(), 0);
        assert_eq!(store.table_counts().await.expect("counts"), counts);

        assert_eq!(counts.provinces, 34);
        assert_eq!(counts.regencies, 514);
        assert_eq!(counts.agencies as u64, first.agencies);
        let kinds = counts.agencies_by_kind;
        assert!(kinds.contains(&(AgencyKind::Province, 34)));
        assert!(kinds.contains(&(AgencyKind::Regency, 416)));
        assert!(kinds.contains(&(AgencyKind::City, 98)));
        assert!(kinds.contains(&(AgencyKind::Ministry, 34)));
        assert!(counts.days_off > 200 && counts.categories > 30);

        let jombang = store
            .agency_by_sms_keyword("jombangkab")
            .await
            .expect("lookup")
            .expect("Jombang");
        assert_eq!(
            (jombang.name.as_str(), jombang.kind),
            ("Kabupaten Jombang", AgencyKind::Regency)
        );
        let cirebon = store
            .agency_by_sms_keyword("KOTACIREBON")
            .await
            .expect("lookup")
            .expect("Cirebon");
        assert_eq!(
            (cirebon.name.as_str(), cirebon.kind),
            ("Kota Cirebon", AgencyKind::City)
        );
    })
    .await;
}

#[tokio::test]
async fn a_submitted_report_gets_a_number_and_a_public_view_with_its_verification_deadline() {
    on_every_backend(|store| async move {
        let categories = store.categories().await.expect("categories");
        let road = categories
            .iter()
            .find(|c| c.name_id == "Jalan Rusak")
            .expect("a road category");
        let new = report_from(ReportForm {
            category_id: road.id.to_string(),
            ..form()
        });
        let submission = store.submit_report(&new, thursday()).await.expect("submit");
        assert!(!submission.is_repeat());
        let number = &submission.tracking_number;
        assert_eq!(
            TrackingNumber::parse(&number.display()).as_ref(),
            Ok(number)
        );

        let view = store
            .public_report(number, date("2026-01-08"))
            .await
            .expect("read")
            .expect("found");
        assert_eq!(view.status, Status::Submitted);
        assert_eq!(view.tracking_number, number.display());
        let content = view.content.expect("a public report has content");
        assert_eq!(content.story.category_name.as_deref(), Some("Jalan Rusak"));
        assert_eq!(
            content.story.region_name.as_deref(),
            Some("Kabupaten Jombang, Jawa Timur")
        );
        assert_eq!(content.story.submitted_on, date("2026-01-08"));
        let deadline = content.story.deadline.expect("the verification clock runs");
        assert_eq!(deadline.kind, DeadlineKind::Verification);
        assert_eq!(deadline.due, date("2026-01-13"));
        assert_eq!(deadline.state, DeadlineState::Remaining(3));
        assert_eq!(content.timeline.len(), 1);
        assert_eq!(content.timeline[0].kind, EventKind::Submitted);
        assert_eq!(content.timeline[0].at, thursday());
    })
    .await;
}

#[tokio::test]
async fn an_unknown_number_has_no_public_view() {
    on_every_backend(|store| async move {
        let nobody = TrackingNumber::from_random([0; 8]);
        assert_eq!(
            store
                .public_report(&nobody, date("2026-01-08"))
                .await
                .expect("read"),
            None
        );
        assert_eq!(store.report_version(&nobody).await.expect("read"), None);
    })
    .await;
}

#[tokio::test]
async fn a_confidential_report_shows_the_public_its_status_only() {
    on_every_backend(|store| async move {
        let new = report_from(ReportForm {
            confidential: Some("on".into()),
            ..form()
        });
        let number = store
            .submit_report(&new, thursday())
            .await
            .expect("submit")
            .tracking_number;
        let view = store
            .public_report(&number, date("2026-01-08"))
            .await
            .expect("read")
            .expect("found");
        assert_eq!(view.status, Status::Submitted);
        assert_eq!(view.content, None);
    })
    .await;
}

#[tokio::test]
async fn the_public_view_never_contains_the_reporters_identity() {
    on_every_backend(|store| async move {
        let new = report_from(ReportForm {
            name: "Penanda Qwzx".into(),
            phone: "0812-9988-7766".into(),
            email: "penanda.qwzx@contoh.id".into(),
            ..form()
        });
        let number = store
            .submit_report(&new, thursday())
            .await
            .expect("submit")
            .tracking_number;
        forwarded_to(&store, &number, "JOMBANGKAB").await;
        let view = store
            .public_report(&number, date("2026-01-09"))
            .await
            .expect("read")
            .expect("found");
        let json = serde_json::to_string(&view).expect("serialize");
        for marker in ["Qwzx", "qwzx", "99887766", "Penanda", "contoh.id"] {
            assert!(
                !json.contains(marker),
                "the public view leaks {marker}: {json}"
            );
        }
        assert!(json.contains("Kabupaten Jombang"));
    })
    .await;
}

#[tokio::test]
async fn an_unknown_category_region_or_agency_is_refused_as_unknown() {
    on_every_backend(|store| async move {
        let new = report_from(ReportForm {
            category_id: "999999".into(),
            region_code: "9999".into(),
            target_agency_id: "999999".into(),
            ..form()
        });
        let error = store
            .submit_report(&new, thursday())
            .await
            .expect_err("refused");
        let StorageError::Invalid(errors) = error else {
            panic!("expected Invalid, got {error:?}");
        };
        for field in [Field::Category, Field::RegionCode, Field::TargetAgency] {
            assert!(
                errors.contains(&FieldError {
                    field,
                    problem: Problem::Unknown
                }),
                "{field:?} in {errors:?}"
            );
        }
        assert_eq!(store.table_counts().await.expect("counts").reports, 0);
    })
    .await;
}

#[tokio::test]
async fn the_same_idempotency_key_twice_stores_one_report() {
    on_every_backend(|store| async move {
        let new = report_from(ReportForm {
            idempotency_key: "draft-7f3a".into(),
            ..form()
        });
        let first = store
            .submit_report(&new, thursday())
            .await
            .expect("first send");
        let again = store
            .submit_report(&new, wib("2026-01-08", 11))
            .await
            .expect("second send");
        assert!(!first.is_repeat());
        assert!(again.is_repeat());
        assert_eq!(again.tracking_number, first.tracking_number);
        assert_eq!(again.submitted_at, first.submitted_at);
        let counts = store.table_counts().await.expect("counts");
        assert_eq!((counts.reports, counts.events), (1, 1));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_submissions_all_succeed() {
    on_every_backend(|store| async move {
        let sends: Vec<_> = (0..20)
            .map(|i| {
                let store = store.clone();
                let new = report_from(ReportForm {
                    idempotency_key: format!("draft-{i}"),
                    ..form()
                });
                tokio::spawn(async move { store.submit_report(&new, thursday()).await })
            })
            .collect();
        let mut numbers = Vec::new();
        for send in sends {
            let submission = send
                .await
                .expect("task")
                .expect("every submission succeeds");
            numbers.push(submission.tracking_number);
        }
        numbers.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        numbers.dedup();
        assert_eq!(numbers.len(), 20);
        assert_eq!(store.table_counts().await.expect("counts").reports, 20);
    })
    .await;
}

/// Reports arriving together are written together on SQLite (group commit): one bad
/// report among them fails alone with its own reason, a draft sent twice is stored once,
/// and every other report is stored with a PIN that opens it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn reports_arriving_together_are_each_answered_for_themselves() {
    on_every_backend(|store| async move {
        let sends: Vec<_> = (0..40)
            .map(|i| {
                let store = store.clone();
                let new = report_from(ReportForm {
                    idempotency_key: match i {
                        11 | 12 => "draft-sent-twice".into(),
                        _ => format!("draft-{i}"),
                    },
                    region_code: if i == 7 { "9999".into() } else { "3517".into() },
                    ..form()
                });
                tokio::spawn(async move { store.submit_report(&new, thursday()).await })
            })
            .collect();
        let mut answers = Vec::new();
        for send in sends {
            answers.push(send.await.expect("task"));
        }
        match &answers[7] {
            Err(StorageError::Invalid(errors)) => assert_eq!(
                errors,
                &vec![FieldError {
                    field: Field::RegionCode,
                    problem: Problem::Unknown
                }]
            ),
            other => panic!("the unknown region is refused alone, got {other:?}"),
        }
        let twice: Vec<_> = [11, 12]
            .iter()
            .map(|&i| answers[i].as_ref().expect("the repeated draft is answered"))
            .collect();
        assert_eq!(twice[0].tracking_number, twice[1].tracking_number);
        assert_eq!(twice.iter().filter(|s| s.is_repeat()).count(), 1);
        let mut stored = 0;
        for (i, answer) in answers.iter().enumerate() {
            if i == 7 {
                continue;
            }
            let submission = answer.as_ref().expect("every good report is stored");
            let Some(secret) = &submission.secret else {
                continue;
            };
            stored += 1;
            let opened = store
                .sign_in_reporter(&submission.tracking_number, &secret.pin, thursday())
                .await
                .expect("sign in");
            assert!(
                matches!(opened, app::server::storage::SignIn::Opened { .. }),
                "report {i}'s PIN opens it: {opened:?}"
            );
        }
        assert_eq!(stored, 38);
        let counts = store.table_counts().await.expect("counts");
        assert_eq!((counts.reports, counts.events), (38, 38));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_concurrent_steps_on_the_same_version_let_exactly_one_through() {
    on_every_backend(|store| async move {
        let number = submitted(&store).await;
        let steps: Vec<_> = [Action::Verify, Action::ReturnToReporter]
            .into_iter()
            .map(|action| {
                let (store, number) = (store.clone(), number.clone());
                let args = ActionArgs {
                    body: Some("Mohon lengkapi lokasi".into()),
                    agency_id: None,
                    ..ActionArgs::default()
                };
                tokio::spawn(async move {
                    store
                        .apply_action(&number, admin(), action, 1, args, thursday())
                        .await
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for step in steps {
            outcomes.push(step.await.expect("task"));
        }
        assert_eq!(
            outcomes.iter().filter(|o| o.is_ok()).count(),
            1,
            "{outcomes:?}"
        );
        assert!(
            outcomes
                .iter()
                .any(|o| matches!(o, Err(StorageError::Conflict))),
            "{outcomes:?}"
        );
        assert_eq!(store.report_version(&number).await.expect("read"), Some(2));
        assert_eq!(store.table_counts().await.expect("counts").events, 2);
    })
    .await;
}

#[tokio::test]
async fn a_step_not_in_the_table_is_refused_and_writes_no_event() {
    on_every_backend(|store| async move {
        let number = submitted(&store).await;
        let dispose = Actor {
            role: Role::AgencyAdmin,
            staff_id: Some(2),
        };
        let error = store
            .apply_action(
                &number,
                dispose,
                Action::Dispose,
                1,
                ActionArgs::default(),
                thursday(),
            )
            .await
            .expect_err("a new report cannot be disposed");
        assert!(
            matches!(
                error,
                StorageError::Refused(TransitionError::NotFromThisStatus)
            ),
            "{error:?}"
        );
        let wrong_role = Actor {
            role: Role::AgencyAdmin,
            staff_id: Some(2),
        };
        let error = store
            .apply_action(
                &number,
                wrong_role,
                Action::Verify,
                1,
                ActionArgs::default(),
                thursday(),
            )
            .await
            .expect_err("an agency admin cannot verify");
        assert!(
            matches!(
                error,
                StorageError::Refused(TransitionError::RoleNotAllowed)
            ),
            "{error:?}"
        );

        assert_eq!(store.report_version(&number).await.expect("read"), Some(1));
        assert_eq!(store.table_counts().await.expect("counts").events, 1);
    })
    .await;
}

#[tokio::test]
async fn a_step_that_needs_a_reason_is_invalid_without_one() {
    on_every_backend(|store| async move {
        let number = submitted(&store).await;
        let blank = ActionArgs {
            body: Some("   ".into()),
            agency_id: None,
            ..ActionArgs::default()
        };
        let error = store
            .apply_action(&number, admin(), Action::Archive, 1, blank, thursday())
            .await
            .expect_err("archiving needs a reason");
        assert!(matches!(error, StorageError::Invalid(_)), "{error:?}");
        let stale = store
            .apply_action(
                &number,
                admin(),
                Action::Verify,
                7,
                ActionArgs::default(),
                thursday(),
            )
            .await;
        assert!(matches!(stale, Err(StorageError::Conflict)), "{stale:?}");
        assert_eq!(store.report_version(&number).await.expect("read"), Some(1));
    })
    .await;
}

#[tokio::test]
async fn a_transfer_keeps_the_agency_trail_and_restarts_the_answer_clock() {
    on_every_backend(|store| async move {
        let number = submitted(&store).await;
        let version = forwarded_to(&store, &number, "JOMBANGKAB").await;
        let agency_admin = Actor {
            role: Role::AgencyAdmin,
            staff_id: Some(3),
        };
        let to_ministry = |agency_id, body: Option<&str>| ActionArgs {
            body: body.map(str::to_string),
            agency_id,
            ..ActionArgs::default()
        };

        let unknown = store
            .apply_action(
                &number,
                agency_admin,
                Action::Transfer,
                version,
                to_ministry(Some(999_999), Some("x")),
                thursday(),
            )
            .await;
        assert!(
            matches!(unknown, Err(StorageError::Invalid(_))),
            "{unknown:?}"
        );

        let pupr = agency_id(&store, "KEMENPUPR").await;
        let reason = Some("Jalan nasional, bukan wewenang kabupaten");
        let outcome = store
            .apply_action(
                &number,
                agency_admin,
                Action::Transfer,
                version,
                to_ministry(Some(pupr), reason),
                wib("2026-01-12", 9),
            )
            .await
            .expect("transfer");
        assert_eq!(outcome.status, Status::Forwarded);
        assert_eq!(outcome.version, version + 1);

        let view = store
            .public_report(&number, date("2026-01-12"))
            .await
            .expect("read")
            .expect("found");
        let content = view.content.expect("content");
        assert_eq!(
            content.story.agency_name.as_deref(),
            Some("Kementerian Pekerjaan Umum dan Perumahan Rakyat")
        );
        assert_eq!(
            content.story.agency_trail,
            vec!["Kabupaten Jombang".to_string()]
        );
        let kinds: Vec<_> = content.timeline.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [
                EventKind::Submitted,
                EventKind::Transition(Action::Verify),
                EventKind::Transition(Action::Forward),
                EventKind::Transition(Action::Transfer),
            ]
        );
        // 14 working days for a complaint, counted from the transfer on Monday 12 Jan;
        // Friday 16 Jan is a holiday (Isra Mikraj).
        let deadline = content.story.deadline.expect("the answer clock runs");
        assert_eq!(deadline.kind, DeadlineKind::Answer);
        assert_eq!(deadline.due, date("2026-02-02"));
    })
    .await;
}

#[tokio::test]
async fn a_day_off_added_at_run_time_moves_a_deadline() {
    on_every_backend(|store| async move {
        let number = submitted(&store).await;
        let due = |store: Store, number: TrackingNumber| async move {
            let view = store
                .public_report(&number, date("2026-01-08"))
                .await
                .expect("read")
                .expect("found");
            view.content.and_then(|c| c.story.deadline).map(|d| d.due)
        };
        assert_eq!(
            due(store.clone(), number.clone()).await,
            Some(date("2026-01-13"))
        );

        store
            .add_day_off(
                date("2026-01-12"),
                DayOffKind::JointLeave,
                "Cuti bersama uji",
                "Test joint leave",
            )
            .await
            .expect("add");
        assert_eq!(
            due(store.clone(), number.clone()).await,
            Some(date("2026-01-14"))
        );
        let january: Vec<_> = store
            .days_off(2026)
            .await
            .expect("list")
            .into_iter()
            .map(|d| d.date)
            .collect();
        assert!(january.contains(&date("2026-01-12")) && january.contains(&date("2026-01-16")));

        assert!(store
            .remove_day_off(date("2026-01-12"))
            .await
            .expect("remove"));
        assert!(!store
            .remove_day_off(date("2026-01-12"))
            .await
            .expect("remove again"));
        assert_eq!(
            due(store.clone(), number.clone()).await,
            Some(date("2026-01-13"))
        );
    })
    .await;
}

#[tokio::test]
async fn the_form_reads_regions_categories_and_agencies() {
    on_every_backend(|store| async move {
        let provinces = store.regions_under(None).await.expect("provinces");
        assert_eq!(provinces.len(), 34);
        assert!(provinces
            .iter()
            .any(|p| p.code == "31" && p.name == "DKI Jakarta"));
        let east_java = store.regions_under(Some("35")).await.expect("regencies");
        assert_eq!(east_java.len(), 38);
        assert_eq!(
            store.region_name("3517").await.expect("name").as_deref(),
            Some("Kabupaten Jombang")
        );

        let categories = store.categories().await.expect("categories");
        let tops = categories.iter().filter(|c| c.parent_id.is_none()).count();
        assert!((10..=12).contains(&tops));
        assert!(categories.iter().all(|c| c
            .parent_id
            .is_none_or(|p| categories.iter().any(|t| t.id == p))));

        let found = store.search_agencies("JOMBANG", 10).await.expect("search");
        assert_eq!(
            found.first().map(|a| a.name.as_str()),
            Some("Kabupaten Jombang")
        );
        let found = store.search_agencies("kemenkes", 10).await.expect("search");
        assert_eq!(
            found.first().map(|a| a.name.as_str()),
            Some("Kementerian Kesehatan")
        );
        assert_eq!(
            store
                .search_agencies("bpjs", 10)
                .await
                .expect("search")
                .len(),
            2
        );
        assert!(store
            .search_agencies("100%_", 10)
            .await
            .expect("search")
            .is_empty());
        assert_eq!(
            store
                .search_agencies("kabupaten", 5)
                .await
                .expect("search")
                .len(),
            5
        );
    })
    .await;
}

#[tokio::test]
async fn a_bad_database_url_is_a_clear_error() {
    let error = Store::connect("mysql://localhost/lapor", PinKey::random())
        .await
        .expect_err("unsupported");
    assert!(matches!(error, StorageError::Config(_)), "{error:?}");
    let error = Store::connect("sqlite://", PinKey::random())
        .await
        .expect_err("no file");
    assert!(matches!(error, StorageError::Config(_)), "{error:?}");
    let error = Store::connect("postgres://nobody@127.0.0.1:1/none", PinKey::random())
        .await
        .expect_err("unreachable");
    assert!(matches!(error, StorageError::Unavailable(_)), "{error:?}");
}

#[tokio::test]
async fn an_in_memory_sqlite_store_works_for_quick_runs() {
    // One connection only: a read that needed a second one would hang here.
    let store = Store::connect("sqlite::memory:", PinKey::random())
        .await
        .expect("memory");
    store.migrate().await.expect("migrate");
    seed(&store, SeedScope::Essentials).await.expect("seed");
    let number = submitted(&store).await;
    let view = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        store.public_report(&number, date("2026-01-08")),
    )
    .await
    .expect("no pool starvation")
    .expect("read");
    assert!(view.is_some_and(|v| v.content.is_some()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_seed_loads_every_village_once() {
    on_every_empty_backend(|store| async move {
        let started = Instant::now();
        let first = seed(&store, SeedScope::Full).await.expect("full seed");
        eprintln!(
            "full seed on {:?}: {:?}",
            store.backend(),
            started.elapsed()
        );
        assert!(!first.already_seeded);
        let counts = store.table_counts().await.expect("counts");
        assert_eq!((counts.provinces, counts.regencies), (34, 514));
        assert_eq!((counts.districts, counts.villages), (DISTRICTS, VILLAGES));

        let started = Instant::now();
        let second = seed(&store, SeedScope::Full)
            .await
            .expect("second full seed");
        eprintln!(
            "second full seed on {:?}: {:?}",
            store.backend(),
            started.elapsed()
        );
        assert!(second.already_seeded);
        assert_eq!(second.inserted(), 0);
        assert_eq!(store.table_counts().await.expect("counts"), counts);
        let villages = store
            .regions_under(Some("3517010"))
            .await
            .expect("villages");
        assert!(!villages.is_empty());
        assert_eq!(
            store
                .region_path(&villages[0].code)
                .await
                .expect("path")
                .map(|p| p.ends_with("Kabupaten Jombang, Jawa Timur")),
            Some(true)
        );
    })
    .await;
}
