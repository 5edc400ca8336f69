//! Responsiveness statistics on a fresh database of every backend, against a fixture
//! counted by hand: which reports count as forwarded, followed up and on time, with the
//! seeded holidays in the deadline, and the page that shows them.

mod common;

use app::model::staff::check_new_staff;
use app::model::validation::{validate, ReportForm};
use app::model::{Action, Timestamp, TrackingNumber};
use app::server::storage::{ActionArgs, StaffAccount, Store};
use common::messages::{national_admin, staff_step_at};
use common::on_every_backend;
use common::wib;

async fn submit(store: &Store, title: &str, at: Timestamp) -> TrackingNumber {
    let form = ReportForm {
        classification: "pengaduan".into(),
        title: title.into(),
        body: format!("{title}: sudah berbulan-bulan begini dan warga sangat dirugikan."),
        region_code: "3517".into(),
        name: "Penanda Statistik Kq2".into(),
        phone: "081299990042".into(),
        ..Default::default()
    };
    let report = validate(&form, at.date_wib()).expect("valid");
    store
        .submit_report(&report, at)
        .await
        .expect("stored")
        .tracking_number
}

async fn account(store: &Store, email: &str, role: &str, agency: i64) -> StaffAccount {
    let new = check_new_staff(email, "", role, Some(agency), None).expect("valid");
    store
        .add_staff(&new, "kata-sandi-yang-panjang", wib("2026-01-05", 8))
        .await
        .expect("stored")
        .expect("new")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn figures_match_a_hand_counted_fixture_with_holidays_in_the_deadline() {
    on_every_backend(|store| async move {
        let national = national_admin(&store).await;
        let (_, jombang) = common::test_agencies(&store).await;
        let admin = account(&store, "admin@jombang.test", "agency_admin", jombang).await;
        let liaison = account(&store, "penghubung@jombang.test", "liaison", jombang).await;
        let monday = wib("2026-03-02", 9);
        let before = submit(
            &store,
            "Laporan bulan lalu tentang jalan",
            wib("2026-02-27", 9),
        )
        .await;
        let mut numbers = Vec::new();
        for title in [
            "Jalan satu rusak",
            "Jalan dua rusak",
            "Jalan tiga rusak",
            "Jalan empat rusak",
        ] {
            numbers.push(submit(&store, title, monday).await);
        }
        let forward = ActionArgs {
            agency_id: Some(jombang),
            ..ActionArgs::default()
        };
        for number in numbers.iter().take(3).chain([&before]) {
            staff_step_at(
                &store,
                &national,
                number,
                Action::Verify,
                ActionArgs::default(),
                monday,
            )
            .await;
            staff_step_at(
                &store,
                &national,
                number,
                Action::Forward,
                forward.clone(),
                monday,
            )
            .await;
        }
        // A complaint's answer is due 14 working days after forwarding: from Monday
        // 2 March 2026, with Nyepi and Idul Fitri (18–24 March) off, that is Friday
        // 27 March (without the holidays it would be the 20th). The first is followed up
        // that day (on time), the second the next working day (late).
        let draft = ActionArgs {
            body: Some("Jalan sudah diperbaiki oleh dinas.".into()),
            ..ActionArgs::default()
        };
        for (number, day) in [(&numbers[0], "2026-03-27"), (&numbers[1], "2026-03-30")] {
            let at = wib(day, 10);
            staff_step_at(
                &store,
                &admin,
                number,
                Action::DraftFollowUp,
                draft.clone(),
                at,
            )
            .await;
            staff_step_at(
                &store,
                &liaison,
                number,
                Action::ApproveAndPublish,
                ActionArgs::default(),
                at,
            )
            .await;
        }

        let march = store
            .statistics(common::date("2026-03-01"), common::date("2026-03-31"))
            .await
            .expect("statistics");
        let n = &march.national;
        assert_eq!(
            (n.received, n.forwarded, n.followed_up, n.on_time),
            (4, 3, 2, 1)
        );
        assert_eq!((n.followed_up_percent(), n.on_time_percent()), (66, 33));
        assert_eq!(march.agencies.len(), 1);
        assert_eq!(march.agencies[0].name, "Kabupaten Jombang");
        assert_eq!(
            march.agencies[0].figures.tier(),
            None,
            "3 reports: too few for a tier"
        );
        assert_eq!(march.weeks.len(), 1);
        assert_eq!(
            (march.weeks[0].monday, march.weeks[0].received),
            (common::date("2026-03-02"), 4)
        );
        assert_eq!(
            march.by_classification[0],
            (app::model::Classification::Complaint, 4)
        );
        assert_eq!(march.by_channel, vec![(app::model::Channel::Web, 4)]);
        // February holds only the report sent before.
        let february = store
            .statistics(common::date("2026-02-01"), common::date("2026-02-28"))
            .await
            .expect("statistics");
        assert_eq!(february.national.received, 1);

        // The page: the figures, the chart with its table, the ranking; no reporter.
        let app = common::http::InProcess::new(store.clone());
        let page = app
            .get("/statistik?dari=2026-03-01&sampai=2026-03-31")
            .await;
        assert_eq!(page.status, 200);
        for expected in [
            "66 %",
            "33 %",
            "data-testid=\"chart\"",
            "data-testid=\"chart-table\"",
            "data-testid=\"by-channel\"",
            "Kabupaten Jombang",
            "Belum cukup data",
        ] {
            assert!(page.body.contains(expected), "{expected}: {}", page.body);
        }
        for marker in ["Penanda Statistik Kq2", "81299990042"] {
            assert!(!page.body.contains(marker), "{marker}");
        }
        let odd = app.get("/statistik?dari=kemarin").await;
        assert_eq!(odd.status, 200);
        assert!(odd.body.contains("tidak dapat dibaca"), "{}", odd.body);
    })
    .await;
}
