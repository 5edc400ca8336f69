//! Responsiveness statistics on a fresh database of every backend, against a fixture
//! counted by hand: which reports count as forwarded, followed up and on time, with the
//! seeded holidays in the deadline, and the page that shows them.

mod common;

use app::model::staff::check_new_staff;
use app::model::statistics::Measure;
use app::model::validation::{validate, ReportForm};
use app::model::{Action, Timestamp, TrackingNumber};
use app::server::storage::{ActionArgs, Scope, StaffAccount, Store};
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
            march.national.by_classification[0],
            (app::model::Classification::Complaint, 4)
        );
        assert_eq!(
            march.national.by_channel,
            vec![(app::model::Channel::Web, 4)]
        );
        // February holds only the report sent before.
        let february = store
            .statistics(common::date("2026-02-01"), common::date("2026-02-28"))
            .await
            .expect("statistics");
        assert_eq!(february.national.received, 1);

        // The reporter of the first rates it (4 stars) and it closes on Tuesday 31 March.
        store
            .rate_report(&numbers[0], 4, "Cepat, terima kasih.", wib("2026-03-30", 8))
            .await
            .expect("rated");
        staff_step_at(
            &store,
            &liaison,
            &numbers[0],
            Action::Close,
            ActionArgs::default(),
            wib("2026-03-31", 9),
        )
        .await;
        let march = store
            .statistics(common::date("2026-03-01"), common::date("2026-03-31"))
            .await
            .expect("statistics");
        let n = &march.national;
        // One report in each bucket but "on hold" and "archived".
        let buckets: Vec<i64> = n.buckets.iter().map(|(_, count)| *count).collect();
        assert_eq!(buckets, vec![1, 1, 1, 1, 0, 0], "{:?}", n.buckets);
        // Verified on the day they came: 0 working days. Follow-ups after 14 and 15
        // working days (Monday 2 → Friday 27 and Monday 30 March, five holidays between),
        // the lower median is 14; finished after 16.
        assert_eq!(n.median_days(Measure::Verify), Some(0));
        assert_eq!(n.median_days(Measure::FollowUp), Some(14));
        assert_eq!(n.median_days(Measure::Finish), Some(16));
        assert_eq!((n.rated, n.mean_rating_tenths()), (1, Some(40)));
        assert_eq!(n.reopened, 0);
        assert_eq!(n.finished_percent(), 25);
        // Every report came from Jombang (3517) in East Java (35).
        let codes = |list: &[app::model::statistics::NamedFigures]| {
            list.iter().map(|e| e.code.clone()).collect::<Vec<_>>()
        };
        assert_eq!(codes(&march.provinces), ["35"]);
        assert_eq!(codes(&march.regencies), ["3517"]);
        assert_eq!(march.regencies[0].figures.received, 4);
        // One agency's or one region's statistics; another region has none.
        let march_of = |scope| {
            let store = store.clone();
            async move {
                store
                    .statistics_of(
                        scope,
                        common::date("2026-03-01"),
                        common::date("2026-03-31"),
                    )
                    .await
                    .expect("statistics")
            }
        };
        let agency = march_of(Scope::Agency("kab-3517")).await;
        assert_eq!(
            (agency.national.received, agency.national.forwarded),
            (3, 3)
        );
        let east_java = march_of(Scope::Region("35")).await;
        assert_eq!(east_java.national.received, 4);
        let jakarta = march_of(Scope::Region("31")).await;
        assert_eq!(jakarta.national.received, 0);
        // The counted aggregates the triggers keep equal a recount of the reports, and a
        // rebuild changes nothing.
        assert!(store.statistics_match_reports().await.expect("checked"));
        store.rebuild_statistics().await.expect("rebuilt");
        assert_eq!(march_of(Scope::All).await, march);

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
        for expected in [
            "data-testid=\"buckets\"",
            "data-testid=\"distribution\"",
            "14 hari kerja",
            "4,0 dari 5 (1 penilaian)",
            "data-testid=\"regencies\"",
        ] {
            assert!(page.body.contains(expected), "{expected}: {}", page.body);
        }
        let region = app
            .get("/statistik?dari=2026-03-01&sampai=2026-03-31&wilayah=3517&urut=nama")
            .await;
        assert_eq!(region.status, 200);
        assert!(
            region.body.contains("data-testid=\"region-scope\""),
            "{}",
            region.body
        );

        // Open data: the same figures, one line per level; an unreadable address is a 400.
        let csv = app
            .get("/data/statistik.csv?dari=2026-03-01&sampai=2026-03-31")
            .await;
        assert_eq!(csv.status, 200);
        let mut lines = csv.body.lines();
        assert!(lines
            .next()
            .expect("header")
            .starts_with("tingkat,kode,nama,masuk,"));
        let national_line = lines.next().expect("national");
        assert!(
            national_line.starts_with("nasional,,,4,3,2,1,66,33,1,1,1,1,0,0,0,14,16,1,4.0,0,"),
            "{national_line}"
        );
        assert!(csv.body.contains("\nkabkota,3517,"), "{}", csv.body);
        assert!(
            csv.body
                .contains("\ninstansi,kab-3517,Kabupaten Jombang,3,"),
            "{}",
            csv.body
        );
        let json = app
            .get("/data/statistik.json?dari=2026-03-01&sampai=2026-03-31&wilayah=35")
            .await;
        assert_eq!(json.status, 200);
        let value: serde_json::Value = serde_json::from_str(&json.body).expect("json");
        assert_eq!(value["baris"][0]["tingkat"], "wilayah");
        assert_eq!(value["baris"][0]["masuk"], 4);
        assert_eq!(value["baris"][0]["rata_rata_penilaian"], 4.0);
        assert!(value["lisensi"]
            .as_str()
            .expect("licence")
            .contains("CC BY 4.0"));
        for odd in ["?dari=kemarin", "?wilayah=jawa", "?urut=acak"] {
            let refused = app.get(&format!("/data/statistik.csv{odd}")).await;
            assert_eq!(refused.status, 400, "{odd}");
        }
        for marker in ["Penanda Statistik Kq2", "81299990042"] {
            assert!(
                !csv.body.contains(marker) && !json.body.contains(marker),
                "{marker}"
            );
        }
    })
    .await;
}
