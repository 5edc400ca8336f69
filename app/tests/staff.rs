//! Staff accounts against real databases (SQLite always, PostgreSQL when
//! `LAPOR_TEST_POSTGRES_URL` is set): one account per email, the password kept only as
//! an Argon2id hash and checked on sign-in.

mod common;

use app::model::staff::check_new_staff;
use app::model::Role;
use common::{on_every_backend, wib};

#[tokio::test]
async fn an_account_signs_in_with_its_password_only() {
    on_every_backend(|store| async move {
        let agency = store
            .agency_id_by_code("kementerian-kesehatan")
            .await
            .expect("lookup")
            .expect("seeded agency");
        let new = check_new_staff(
            "Operator@Kemkes.go.id",
            "Operator Kemkes",
            "unit_operator",
            Some(agency),
            Some("Pelayanan Kesehatan"),
        )
        .expect("a valid account");
        let now = wib("2026-01-08", 9);
        let added = store
            .add_staff(&new, "kata-sandi-yang-panjang", now)
            .await
            .expect("stored")
            .expect("a new account");
        assert_eq!(added.email, "operator@kemkes.go.id");
        assert_eq!(added.role, Role::UnitOperator);
        assert_eq!(added.agency_id, Some(agency));

        // The same email again, in other letters: refused, nothing changes.
        let again = check_new_staff("OPERATOR@kemkes.go.id", "", "liaison", Some(agency), None)
            .expect("valid");
        assert_eq!(
            store
                .add_staff(&again, "lain-lagi-panjang-sekali", now)
                .await
                .expect("ran"),
            None
        );
        assert_eq!(store.staff_accounts().await.expect("list").len(), 1);

        let signed_in = store
            .check_staff_password(" operator@KEMKES.go.id ", "kata-sandi-yang-panjang")
            .await
            .expect("checked");
        assert_eq!(signed_in.map(|a| a.id), Some(added.id));
        for (email, password) in [
            ("operator@kemkes.go.id", "kata-sandi-yang-salah"),
            ("operator@kemkes.go.id", ""),
            ("tidak-ada@kemkes.go.id", "kata-sandi-yang-panjang"),
        ] {
            let refused = store
                .check_staff_password(email, password)
                .await
                .expect("checked");
            assert_eq!(refused, None, "{email} / {password}");
        }
    })
    .await;
}

const MARKERS: [&str; 3] = ["Penanda Rahasia Zq9", "99990001", "penanda.zq9@contoh.id"];

#[tokio::test]
async fn an_anonymous_reporter_reaches_no_agency_role_only_the_national_administrators() {
    use app::model::privacy::StaffReportView;
    use app::model::validation::{validate, ReportForm};
    use app::model::Action;
    use app::server::storage::{ActionArgs, Actor, StorageError};

    on_every_backend(|store| async move {
        let now = wib("2026-01-08", 10);
        let form = ReportForm {
            classification: "pengaduan".into(),
            title: "Pungutan liar di puskesmas".into(),
            body: "Petugas loket meminta uang tambahan lima puluh ribu rupiah untuk kartu berobat."
                .into(),
            region_code: "3517".into(),
            name: MARKERS[0].into(),
            phone: "0812-9999-0001".into(),
            email: MARKERS[2].into(),
            anonymous: Some("on".into()),
            ..Default::default()
        };
        let report = validate(&form, now.date_wib()).expect("valid");
        let number = store
            .submit_report(&report, now)
            .await
            .expect("stored")
            .tracking_number;
        let (health, other) = common::test_agencies(&store).await;
        for (action, agency_id) in [(Action::Verify, None), (Action::Forward, Some(health))] {
            let version = store
                .report_version(&number)
                .await
                .expect("version")
                .expect("report");
            store
                .apply_action(
                    &number,
                    Actor {
                        role: Role::NationalAdmin,
                        staff_id: None,
                    },
                    action,
                    version,
                    ActionArgs {
                        agency_id,
                        ..ActionArgs::default()
                    },
                    now,
                )
                .await
                .expect("step");
        }
        let mut accounts = Vec::new();
        for (email, role, agency, unit) in [
            ("nasional@lapor.go.id", "national_admin", None, None),
            ("admin@kemkes.go.id", "agency_admin", Some(health), None),
            ("penghubung@kemkes.go.id", "liaison", Some(health), None),
            (
                "operator@kemkes.go.id",
                "unit_operator",
                Some(health),
                Some("Pelayanan"),
            ),
            ("pengawas@ombudsman.go.id", "oversight", None, None),
            ("admin@jombangkab.go.id", "agency_admin", Some(other), None),
        ] {
            let new = check_new_staff(email, "", role, agency, unit).expect("valid");
            let account = store
                .add_staff(&new, "kata-sandi-yang-panjang", now)
                .await
                .expect("stored")
                .expect("new");
            accounts.push(account);
        }
        // Disposed to the operator's unit: every role of the agency may read it now.
        let version = store
            .report_version(&number)
            .await
            .expect("version")
            .expect("report");
        store
            .apply_action(
                &number,
                Actor {
                    role: Role::AgencyAdmin,
                    staff_id: None,
                },
                Action::Dispose,
                version,
                ActionArgs {
                    unit: Some("Pelayanan".into()),
                    ..ActionArgs::default()
                },
                now,
            )
            .await
            .expect("dispose");

        for account in &accounts {
            let seen = store.report_for_staff(&number, account).await;
            match (account.role, account.agency_id) {
                (Role::NationalAdmin, _) => {
                    let Ok(StaffReportView::Admin(view)) = seen else {
                        panic!("national administrators read the reporter: {seen:?}");
                    };
                    assert_eq!(view.reporter.name.as_deref(), Some(MARKERS[0]));
                    assert!(view.report.anonymous);
                }
                (_, Some(agency)) if agency == other => {
                    // Another agency's staff: as if the report did not exist.
                    assert!(matches!(seen, Err(StorageError::NotFound)), "{seen:?}");
                }
                _ => {
                    let view = seen.unwrap_or_else(|e| panic!("{}: {e}", account.email));
                    assert!(matches!(view, StaffReportView::Agency(_)), "{view:?}");
                    // Nothing the view holds names the reporter, in any form it can take.
                    let json = serde_json::to_string(&view).expect("JSON");
                    let debug = format!("{view:?}");
                    for marker in MARKERS {
                        assert!(
                            !json.contains(marker) && !debug.contains(marker),
                            "{}: {marker}",
                            account.email
                        );
                    }
                    assert!(json.contains("Pungutan liar di puskesmas"));
                }
            }
        }
    })
    .await;
}

/// A new national administrator's account with `password`.
async fn national_admin(
    store: &app::server::storage::Store,
    email: &str,
    password: &str,
    now: app::model::Timestamp,
) -> app::server::storage::StaffAccount {
    let new = check_new_staff(email, "", "national_admin", None, None).expect("valid");
    store
        .add_staff(&new, password, now)
        .await
        .expect("stored")
        .expect("new")
}

#[tokio::test]
async fn a_staff_member_changes_their_password_and_their_other_sessions_end() {
    use app::server::storage::{PasswordChange, StaffSignIn};

    on_every_backend(|store| async move {
        let now = wib("2026-01-08", 9);
        let ani = national_admin(&store, "ani@lapor.go.id", "kata-sandi-lama-ani", now).await;
        let open = |password: &'static str| {
            let store = store.clone();
            async move {
                match store
                    .sign_in_staff("ani@lapor.go.id", password, Some("10.0.0.1"), now)
                    .await
                    .expect("ran")
                {
                    StaffSignIn::Opened { session_token, .. } => Some(session_token),
                    _ => None,
                }
            }
        };
        let here = open("kata-sandi-lama-ani").await.expect("signed in");
        let phone = open("kata-sandi-lama-ani").await.expect("signed in");
        let laptop = open("kata-sandi-lama-ani").await.expect("signed in");
        assert_eq!(store.other_sessions(&ani, &here).await.expect("counted"), 2);

        // A wrong current password changes nothing and counts as a failed sign-in.
        let wrong = store
            .change_own_password(
                &ani,
                "bukan-sandinya",
                "kata-sandi-baru-ani",
                &here,
                None,
                now,
            )
            .await
            .expect("ran");
        assert_eq!(wrong, PasswordChange::WrongCurrent);
        assert!(store
            .check_staff_password("ani@lapor.go.id", "kata-sandi-lama-ani")
            .await
            .expect("checked")
            .is_some());

        let changed = store
            .change_own_password(
                &ani,
                "kata-sandi-lama-ani",
                "kata-sandi-baru-ani",
                &here,
                None,
                now,
            )
            .await
            .expect("ran");
        assert_eq!(changed, PasswordChange::Changed { ended_sessions: 2 });
        // The old password opens nothing, the new one does; this session lives on and
        // the phone's and laptop's are gone.
        assert_eq!(open("kata-sandi-lama-ani").await, None);
        let later = open("kata-sandi-baru-ani").await.expect("the new password");
        assert_eq!(
            store
                .staff_for_session(&here, now)
                .await
                .expect("ran")
                .map(|s| s.id),
            Some(ani.id)
        );
        for gone in [&phone, &laptop] {
            assert_eq!(store.staff_for_session(gone, now).await.expect("ran"), None);
        }
        // Signing out everywhere else ends the newer session, keeps this one.
        assert_eq!(
            store
                .end_other_sessions(&ani, &here, None, now)
                .await
                .expect("ran"),
            1
        );
        assert_eq!(
            store.staff_for_session(&later, now).await.expect("ran"),
            None
        );
        assert!(store
            .staff_for_session(&here, now)
            .await
            .expect("ran")
            .is_some());

        // The account page's sign-ins: newest first, the failures (a wrong current
        // password, a wrong sign-in) among them.
        let lines = store.recent_sign_ins(&ani, 10).await.expect("read");
        let failed = lines
            .iter()
            .filter(|l| l.action == "sign_in_failed")
            .count();
        let signed = lines.iter().filter(|l| l.action == "sign_in").count();
        assert_eq!((signed, failed), (4, 2), "{lines:?}");
        assert!(lines.windows(2).all(|w| w[0].at >= w[1].at));
    })
    .await;
}

#[tokio::test]
async fn guessing_the_current_password_from_a_stolen_session_is_throttled() {
    use app::server::storage::PasswordChange;

    on_every_backend(|store| async move {
        let now = wib("2026-01-08", 9);
        let budi = national_admin(&store, "budi@lapor.go.id", "kata-sandi-budi-benar", now).await;
        let mut outcomes = Vec::new();
        for guess in 0..12 {
            outcomes.push(
                store
                    .change_own_password(
                        &budi,
                        &format!("tebakan-{guess}"),
                        "kata-sandi-baru-budi",
                        "sesi-curian",
                        None,
                        now,
                    )
                    .await
                    .expect("ran"),
            );
        }
        assert_eq!(outcomes[0], PasswordChange::WrongCurrent);
        assert_eq!(outcomes.last(), Some(&PasswordChange::Throttled));
        // Even the right password is not checked while throttled.
        let right = store
            .change_own_password(
                &budi,
                "kata-sandi-budi-benar",
                "kata-sandi-baru-budi",
                "sesi-curian",
                None,
                now,
            )
            .await
            .expect("ran");
        assert_eq!(right, PasswordChange::Throttled);
    })
    .await;
}
