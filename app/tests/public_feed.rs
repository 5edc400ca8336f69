//! The public feed and Dukung on a fresh database of every backend: which reports the
//! public sees, how filters, search and the cursor page through them, and support
//! counted once per supporter.

mod common;

use app::model::public_feed::{FeedFilter, FEED_PAGE_SIZE};
use app::model::validation::{validate, ReportForm};
use app::model::{Action, Status, Timestamp, TrackingNumber};
use app::server::storage::{ActionArgs, StaffAccount, Store, Support};
use common::messages::{national_admin, staff_step};
use common::on_every_backend;

/// Files a report (`region` a BPS code; confidential when asked) and returns its number.
async fn submit(
    store: &Store,
    title: &str,
    classification: &str,
    region: &str,
    confidential: bool,
    now: Timestamp,
) -> TrackingNumber {
    let form = ReportForm {
        classification: classification.into(),
        title: title.into(),
        body: format!("{title}: sudah berbulan-bulan begini dan warga sangat dirugikan."),
        region_code: region.into(),
        name: "Penanda Identitas Zx9".into(),
        phone: "081299990099".into(),
        confidential: confidential.then(|| "on".to_string()),
        ..Default::default()
    };
    let report = validate(&form, now.date_wib()).expect("valid");
    store
        .submit_report(&report, now)
        .await
        .expect("stored")
        .tracking_number
}

async fn verified(store: &Store, staff: &StaffAccount, number: &TrackingNumber) {
    staff_step(store, staff, number, Action::Verify, ActionArgs::default()).await;
}

fn filter(pairs: &[(&str, &str)]) -> FeedFilter {
    let (filter, ignored) = FeedFilter::from_pairs(pairs.iter().copied());
    assert!(!ignored, "{pairs:?}");
    filter
}

fn titles(page: &app::model::public_feed::FeedPage) -> Vec<String> {
    page.cards.iter().map(|c| c.title.clone()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_shows_verified_public_reports_newest_first_and_filters_them() {
    on_every_backend(|store| async move {
        let national = national_admin(&store).await;
        let now = common::wib("2026-03-02", 9);
        let road = submit(
            &store,
            "Jalan berlubang di Sumberagung",
            "pengaduan",
            "3517",
            false,
            now,
        )
        .await;
        let park = submit(
            &store,
            "Usulan taman baca di balai desa",
            "aspirasi",
            "3517",
            false,
            now,
        )
        .await;
        let secret = submit(
            &store,
            "Pungutan liar di kantor desa",
            "pengaduan",
            "3517",
            true,
            now,
        )
        .await;
        let fresh = submit(
            &store,
            "Lampu jalan mati di pasar",
            "pengaduan",
            "3517",
            false,
            now,
        )
        .await;
        let elsewhere = submit(
            &store,
            "Jalan rusak di Surabaya",
            "pengaduan",
            "3578",
            false,
            now,
        )
        .await;
        for number in [&road, &park, &secret, &elsewhere] {
            verified(&store, &national, number).await;
        }
        let jombang = common::test_agencies(&store).await.1;
        staff_step(
            &store,
            &national,
            &road,
            Action::Forward,
            ActionArgs {
                agency_id: Some(jombang),
                ..ActionArgs::default()
            },
        )
        .await;

        let all = store
            .public_feed(&FeedFilter::default(), None, now)
            .await
            .expect("feed");
        // Newest first; the confidential one and the one not yet verified are not there.
        assert_eq!(
            titles(&all),
            vec![
                "Jalan rusak di Surabaya",
                "Usulan taman baca di balai desa",
                "Jalan berlubang di Sumberagung"
            ]
        );
        assert!(all.next.is_none());
        let card = &all.cards[2];
        assert_eq!(card.status, Status::Forwarded);
        assert_eq!(card.agency_name.as_deref(), Some("Kabupaten Jombang"));
        assert!(card.deadline.is_some(), "the agency's clock runs");
        assert!(card
            .excerpt
            .starts_with("Jalan berlubang di Sumberagung: sudah"));
        assert!(!fresh.as_str().is_empty());

        for (pairs, expected) in [
            (
                vec![("jenis", "aspirasi")],
                vec!["Usulan taman baca di balai desa"],
            ),
            (vec![("wilayah", "3578")], vec!["Jalan rusak di Surabaya"]),
            (
                vec![("wilayah", "35")],
                vec![
                    "Jalan rusak di Surabaya",
                    "Usulan taman baca di balai desa",
                    "Jalan berlubang di Sumberagung",
                ],
            ),
            (
                vec![("instansi", "kab-3517")],
                vec!["Jalan berlubang di Sumberagung"],
            ),
            (
                vec![("status", "forwarded")],
                vec!["Jalan berlubang di Sumberagung"],
            ),
            (
                vec![("cari", "jalan")],
                vec!["Jalan rusak di Surabaya", "Jalan berlubang di Sumberagung"],
            ),
            (vec![("cari", "pungutan")], vec![]),
            (vec![("dari", "2026-03-03")], vec![]),
            (
                vec![
                    ("dari", "2026-03-02"),
                    ("sampai", "2026-03-02"),
                    ("cari", "taman"),
                ],
                vec!["Usulan taman baca di balai desa"],
            ),
        ] {
            let page = store
                .public_feed(&filter(&pairs), None, now)
                .await
                .expect("feed");
            assert_eq!(titles(&page), expected, "{pairs:?}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cursor_pages_through_every_public_report_once() {
    on_every_backend(|store| async move {
        let national = national_admin(&store).await;
        let now = common::wib("2026-03-02", 9);
        let total = FEED_PAGE_SIZE as usize * 2 + 3;
        for i in 0..total {
            let number = submit(
                &store,
                &format!("Laporan nomor {i:02} tentang jalan"),
                "pengaduan",
                "3517",
                false,
                now,
            )
            .await;
            verified(&store, &national, &number).await;
        }
        let mut seen = Vec::new();
        let mut filter = FeedFilter::default();
        loop {
            let page = store.public_feed(&filter, None, now).await.expect("feed");
            seen.extend(titles(&page));
            match page.next {
                Some(next) => filter.before = Some(TrackingNumber::parse(&next).expect("a number")),
                None => break,
            }
        }
        let expected: Vec<String> = (0..total)
            .rev()
            .map(|i| format!("Laporan nomor {i:02} tentang jalan"))
            .collect();
        assert_eq!(seen, expected);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn support_counts_once_per_supporter_and_only_for_public_reports() {
    on_every_backend(|store| async move {
        let national = national_admin(&store).await;
        let now = common::wib("2026-03-02", 9);
        let public = submit(
            &store,
            "Jalan berlubang di Sumberagung",
            "pengaduan",
            "3517",
            false,
            now,
        )
        .await;
        let secret = submit(
            &store,
            "Pungutan liar di kantor desa",
            "pengaduan",
            "3517",
            true,
            now,
        )
        .await;
        let unverified = submit(
            &store,
            "Lampu jalan mati di pasar",
            "pengaduan",
            "3517",
            false,
            now,
        )
        .await;
        verified(&store, &national, &public).await;
        verified(&store, &national, &secret).await;

        assert_eq!(
            store.add_support(&public, "a", now).await.expect("support"),
            Support::Added
        );
        assert_eq!(
            store.add_support(&public, "a", now).await.expect("support"),
            Support::Already
        );
        assert_eq!(
            store.add_support(&public, "b", now).await.expect("support"),
            Support::Added
        );
        for number in [&secret, &unverified] {
            assert_eq!(
                store.add_support(number, "a", now).await.expect("support"),
                Support::NotPublic
            );
        }
        assert_eq!(store.supporters(&public).await.expect("count"), 2);
        assert_eq!(store.supporters(&secret).await.expect("count"), 0);

        let page = store
            .public_feed(&FeedFilter::default(), Some("a"), now)
            .await
            .expect("feed");
        assert_eq!(
            (page.cards[0].supporters, page.cards[0].supported),
            (2, true)
        );
        let page = store
            .public_feed(&FeedFilter::default(), Some("c"), now)
            .await
            .expect("feed");
        assert_eq!(
            (page.cards[0].supporters, page.cards[0].supported),
            (2, false)
        );
    })
    .await;
}
