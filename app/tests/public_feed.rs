//! The public feed and Dukung on a fresh database of every backend: which reports the
//! public sees, how filters, search and the cursor page through them, and support
//! counted once per supporter.

mod common;

use app::model::privacy::StaffReportView;
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
        email: "penanda.zx9@contoh.id".into(),
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

// ------------------------------------------------------------- over HTTP, in process

/// What must never reach a public page: the reporter's identity, and a confidential
/// report's content.
const MARKERS: [&str; 4] = [
    "Penanda Identitas Zx9",
    "81299990099",
    "penanda.zx9",
    "RahasiaPenandaQ7",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_and_agency_pages_never_show_a_reporter_or_a_confidential_report() {
    on_every_backend(|store| async move {
        let app = common::http::InProcess::new(store.clone());
        let national = national_admin(&store).await;
        let now = app.state.clock.now();
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
            "RahasiaPenandaQ7 pungutan liar",
            "pengaduan",
            "3517",
            true,
            now,
        )
        .await;
        let jombang = common::test_agencies(&store).await.1;
        for number in [&public, &secret] {
            verified(&store, &national, number).await;
            let forward = ActionArgs {
                agency_id: Some(jombang),
                ..ActionArgs::default()
            };
            staff_step(&store, &national, number, Action::Forward, forward).await;
        }
        let mut pages = Vec::new();
        for path in [
            "/laporan".to_string(),
            "/laporan?cari=pungutan".into(),
            "/laporan?cari=penanda".into(),
            "/laporan?instansi=kab-3517&wilayah=3517&jenis=pengaduan&status=forwarded".into(),
            "/instansi/kab-3517".into(),
            "/instansi/KAB-3517".into(),
            "/statistik".into(),
            "/statistik?wilayah=3517&urut=nama".into(),
            "/data/laporan.csv".into(),
            "/data/laporan.json?cari=pungutan".into(),
            "/data/statistik.csv".into(),
            "/data/statistik.json?wilayah=35".into(),
            // The suggestions as the citizen types: the confidential report is the most
            // like this draft, and is never offered.
            "/lapor/mirip?judul=RahasiaPenandaQ7+pungutan+liar&isi=pungutan+liar&wilayah=3517"
                .into(),
        ] {
            let page = app.get(&path).await;
            assert_eq!(page.status, 200, "{path}");
            pages.push((path, page.body));
        }
        assert!(
            pages[0].1.contains("Jalan berlubang di Sumberagung"),
            "the feed lists it"
        );
        assert!(
            pages[3].1.contains("Jalan berlubang di Sumberagung"),
            "filtered to it"
        );
        assert!(pages[4].1.contains("Kabupaten Jombang") && pages[4].1.contains("JOMBANGKAB"));
        assert!(
            pages[4].1.contains("0 dari 1 laporan publik"),
            "{}",
            pages[4].1
        );
        for (path, body) in &pages {
            for marker in MARKERS {
                assert!(!body.contains(marker), "{marker} on {path}");
            }
        }
        // A report sent about the same problem is not held back for the confidential one:
        // it is never offered.
        let sent = app
            .post_form(
                "/lapor",
                "classification=pengaduan&title=Pungutan+liar+di+kantor+desa\
                 &body=Ada+pungutan+liar+di+kantor+desa+setiap+mengurus+surat.\
                 &region_code=3517&name=Warga+Lain&phone=081234567890",
            )
            .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        // What cannot be read is said, and the feed still shows.
        let odd = app.get("/laporan?status=submitted&jenis=gosip").await;
        assert_eq!(odd.status, 200);
        assert!(odd.body.contains("tidak dikenali"), "{}", odd.body);
        assert_eq!(app.get("/instansi/tidak-ada").await.status, 404);
        // English readers get the page in English.
        let english = app
            .request("GET", "/laporan", &[("cookie", "lapor_lang=en")], "")
            .await;
        assert!(english.body.contains("Public reports"), "{}", english.body);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dukung_counts_once_per_browser_says_so_and_is_limited_per_address() {
    on_every_backend(|store| async move {
        let app = common::http::InProcess::new(store.clone());
        let national = national_admin(&store).await;
        let now = app.state.clock.now();
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
        verified(&store, &national, &public).await;
        verified(&store, &national, &secret).await;
        let support = format!("/laporan/{}/dukung", public.as_str());

        let first = app
            .post_form(&support, "ke=%2Flaporan%3Fjenis%3Dpengaduan")
            .await;
        assert_eq!(first.status, 303);
        assert_eq!(
            first.location(),
            Some(
                format!(
                    "/laporan?jenis=pengaduan&didukung=1#laporan-{}",
                    public.as_str()
                )
                .as_str()
            )
        );
        let cookie = first.cookie("lapor_pendukung").expect("a supporter cookie");
        let again = app
            .request("POST", &support, &[("cookie", &cookie)], "ke=%2Flaporan")
            .await;
        assert_eq!(
            again.location(),
            Some(format!("/laporan?didukung=0#laporan-{}", public.as_str()).as_str())
        );
        assert!(
            again.cookie("lapor_pendukung").is_none(),
            "the same supporter"
        );
        assert_eq!(store.supporters(&public).await.expect("count"), 1);
        let page = app.get_with_cookie("/laporan?didukung=0", &cookie).await;
        assert!(
            page.body.contains("Anda mendukung laporan ini"),
            "{}",
            page.body
        );
        assert!(
            page.body.contains("dukungan dihitung sekali"),
            "{}",
            page.body
        );
        // Another browser counts too; the staff see the count.
        app.post_form(&support, "").await;
        assert_eq!(store.supporters(&public).await.expect("count"), 2);
        let StaffReportView::Admin(admin) = store
            .report_for_staff(&public, &national)
            .await
            .expect("read")
        else {
            panic!("a national administrator's view");
        };
        assert_eq!(admin.report.supporters, 2);

        // A report the public cannot see, a mistyped number, a return address elsewhere.
        for path in [
            format!("/laporan/{}/dukung", secret.as_str()),
            "/laporan/AAAAAAAAA/dukung".into(),
        ] {
            assert_eq!(app.post_form(&path, "").await.status, 404, "{path}");
        }
        let elsewhere = app
            .post_form(&support, "ke=https%3A%2F%2Fevil.example%2F")
            .await;
        assert!(
            elsewhere
                .location()
                .is_some_and(|l| l.starts_with("/?didukung=")),
            "{:?}",
            elsewhere.location()
        );

        // One address supporting in a burst is slowed down, and told so.
        let mut limited = None;
        for _ in 0..30 {
            let answer = app.post_form(&support, "ke=%2Flaporan").await;
            if answer
                .location()
                .is_some_and(|l| l.contains("didukung=batas"))
            {
                limited = Some(answer);
                break;
            }
        }
        assert!(limited.is_some(), "the burst was limited");
        let page = app.get("/laporan?didukung=batas").await;
        assert!(
            page.body.contains("Terlalu banyak dukungan"),
            "{}",
            page.body
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_data_downloads_the_feed_as_csv_and_json_with_its_filters_and_nothing_private() {
    use app::model::public_feed::OPEN_DATA_COLUMNS;
    on_every_backend(|store| async move {
        let app = common::http::InProcess::new(store.clone());
        let national = national_admin(&store).await;
        let now = app.state.clock.now();
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
            "3578",
            false,
            now,
        )
        .await;
        let secret = submit(
            &store,
            "RahasiaPenandaQ7 pungutan liar",
            "pengaduan",
            "3517",
            true,
            now,
        )
        .await;
        for number in [&road, &park, &secret] {
            verified(&store, &national, number).await;
        }
        store.add_support(&road, "a", now).await.expect("support");

        let csv = app.get("/data/laporan.csv").await;
        assert_eq!(csv.status, 200);
        assert!(csv.headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv"));
        let mut lines = csv.body.lines();
        assert_eq!(lines.next(), Some(OPEN_DATA_COLUMNS.join(",").as_str()));
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), 2, "{}", csv.body);
        assert!(
            rows[0].starts_with(&park.display()),
            "newest first: {}",
            rows[0]
        );
        assert!(
            rows[1].contains(",pengaduan,verified,") && rows[1].ends_with(",1"),
            "{}",
            rows[1]
        );

        let json = app.get("/data/laporan.json?wilayah=3517").await;
        assert_eq!(json.status, 200);
        let data: serde_json::Value = serde_json::from_str(&json.body).expect("JSON");
        assert!(data["lisensi"]
            .as_str()
            .unwrap_or_default()
            .contains("CC BY 4.0"));
        assert_eq!(data["jumlah"], 1);
        let report = &data["laporan"][0];
        assert_eq!(report["nomor"], road.display());
        assert_eq!(report["wilayah_kode"], "3517");
        assert_eq!(report["pendukung"], 1);
        assert_eq!(report["tenggat_jenis"], "verifikasi");

        for body in [&csv.body, &json.body] {
            for marker in MARKERS {
                assert!(!body.contains(marker), "{marker} in open data");
            }
        }
        // A filter a program did not mean is an error, not a wider file.
        assert_eq!(
            app.get("/data/laporan.csv?status=submitted").await.status,
            400
        );
        let page = app.get("/data").await;
        assert_eq!(page.status, 200);
        for name in OPEN_DATA_COLUMNS {
            assert!(
                page.body.contains(&format!("<code>{name}</code>")),
                "{name} documented"
            );
        }
        assert!(page.body.contains("CC BY 4.0"));
    })
    .await;
}

/// A report like an open public one nearby is held back once: the form page offers the
/// public one with Dukung, and sending anyway files it. Confidential, unverified,
/// closed, far-away and other-category reports are never offered.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_like_an_open_public_one_nearby_is_offered_before_it_is_filed() {
    on_every_backend(|store| async move {
        let national = national_admin(&store).await;
        let now = common::wib("2026-03-02", 9);
        let public = submit(
            &store,
            "Jembatan gantung Sumberagung putus",
            "pengaduan",
            "3517",
            false,
            now,
        )
        .await;
        let confidential = submit(
            &store,
            "Jembatan gantung Sumberagung putus lagi",
            "pengaduan",
            "3517",
            true,
            now,
        )
        .await;
        let elsewhere = submit(
            &store,
            "Jembatan gantung Sumberagung putus juga",
            "pengaduan",
            "3578",
            false,
            now,
        )
        .await;
        let _unverified = submit(
            &store,
            "Jembatan gantung Sumberagung putus sekali",
            "pengaduan",
            "3517",
            false,
            now,
        )
        .await;
        for number in [&public, &confidential, &elsewhere] {
            verified(&store, &national, number).await;
        }
        let draft = |title: &str| {
            let form = ReportForm {
                classification: "pengaduan".into(),
                title: title.into(),
                body: "Jembatan gantung di Sumberagung putus, anak sekolah harus memutar jauh."
                    .into(),
                region_code: "3517".into(),
                name: "Penanda Identitas Zx9".into(),
                phone: "081299990099".into(),
                ..Default::default()
            };
            validate(&form, now.date_wib()).expect("valid")
        };
        let similar = store
            .similar_reports(&(&draft("Jembatan gantung putus")).into(), now)
            .await
            .expect("read");
        let numbers: Vec<String> = similar.iter().map(|c| c.compact.clone()).collect();
        assert_eq!(
            numbers,
            vec![public.as_str().to_string()],
            "only the open public one nearby"
        );
        let unlike = ReportForm {
            classification: "aspirasi".into(),
            title: "Usulan pelatihan komputer untuk pemuda".into(),
            body: "Kami mengusulkan pelatihan komputer gratis di balai kecamatan bagi pemuda."
                .into(),
            region_code: "3517".into(),
            name: "Penanda Identitas Zx9".into(),
            phone: "081299990099".into(),
            ..Default::default()
        };
        let unlike = validate(&unlike, now.date_wib()).expect("valid");
        assert!(store
            .similar_reports(&(&unlike).into(), now)
            .await
            .expect("read")
            .is_empty());

        // Over HTTP: held back once with the public report and its Dukung, no identity.
        let app = common::http::InProcess::new(store.clone());
        let form = "classification=pengaduan&title=Jembatan+gantung+putus\
            &body=Jembatan+gantung+di+Sumberagung+putus%2C+anak+sekolah+harus+memutar+jauh.\
            &region_code=3517&name=Penanda+Baru+Qw3&phone=081299990042&idempotency_key=dup-1";
        let before = store.table_counts().await.expect("counted").reports;
        let held = app.post_form("/lapor", form).await;
        assert_eq!(held.status, 200, "{}", held.body);
        assert_eq!(
            store.table_counts().await.expect("counted").reports,
            before,
            "nothing filed yet"
        );
        for expected in [
            "data-testid=\"similar\"",
            "Mungkin masalah ini sudah dilaporkan",
            &paths_support(&public),
            "name=\"new_report\"",
            "form=\"laporan-form\"",
            "Jembatan gantung Sumberagung putus",
        ] {
            assert!(held.body.contains(expected), "{expected}: {}", held.body);
        }
        assert!(
            !held.body.contains("Penanda Identitas Zx9"),
            "no reporter on the panel"
        );
        let sent = app
            .post_form("/lapor", &format!("{form}&new_report=1"))
            .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        assert!(sent
            .location()
            .expect("receipt")
            .starts_with("/lapor/terkirim/"));
        // As the citizen types: the same reports as JSON; what cannot be read is a 400.
        let live = app
            .get("/lapor/mirip?judul=Jembatan+gantung+putus&isi=Jembatan+gantung+di+Sumberagung+putus&wilayah=3517010")
            .await;
        assert_eq!(live.status, 200, "{}", live.body);
        let found: serde_json::Value = serde_json::from_str(&live.body).expect("json");
        assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
        assert_eq!(found[0]["kode"], public.as_str());
        assert_eq!(found[0]["status"], "Terverifikasi");
        assert!(!live.body.contains("Penanda"), "no reporter");
        let nothing = app.get("/lapor/mirip?judul=Jembatan+gantung+putus").await;
        assert_eq!((nothing.status, nothing.body.as_str()), (200, "[]"), "no place: no suggestion");
        for odd in ["wilayah=jawa", "wilayah=35%27", "kategori=satu", "lat=91&lon=112", "lat=nan&lon=0"] {
            let refused = app.get(&format!("/lapor/mirip?judul=Jembatan+gantung+putus&{odd}")).await;
            assert_eq!(refused.status, 400, "{odd}");
        }
        // Supporting instead counts on the public report.
        let supported = app
            .post_form(
                &paths_support(&public),
                &format!("ke=%2Flaporan%3Fcari%3D{}", public.as_str()),
            )
            .await;
        assert_eq!(supported.status, 303);
        assert!(supported
            .location()
            .expect("back")
            .starts_with("/laporan?cari="));
    })
    .await;
}

fn paths_support(number: &TrackingNumber) -> String {
    app::paths::support(number.as_str())
}

/// `MarkDuplicate` on report `number` by `staff`, pointing at `original` (raw text).
async fn mark_duplicate(
    store: &Store,
    staff: &StaffAccount,
    number: &TrackingNumber,
    original: &str,
) -> Result<Status, app::server::storage::StorageError> {
    let version = store
        .report_version(number)
        .await
        .expect("read")
        .expect("report");
    let step = app::server::storage::StaffStep {
        action: Action::MarkDuplicate,
        expected_version: version,
        args: ActionArgs {
            duplicate_of: Some(original.to_string()),
            ..ActionArgs::default()
        },
    };
    store
        .staff_act(
            staff,
            number,
            step,
            Some("10.0.0.9"),
            Timestamp(1_780_000_000_000),
        )
        .await
        .map(|outcome| outcome.status)
}

/// Staff mark a report as the same as another: it is archived and linked, its reporter
/// is told the other's number, its supporters and itself count on the original, and a
/// link that would make a chain, a loop or point at something unusable is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_marked_as_a_duplicate_counts_on_the_original() {
    on_every_backend(|store| async move {
        let national = national_admin(&store).await;
        let now = common::wib("2026-03-02", 9);
        let original = submit(
            &store,
            "Pasar induk banjir setiap hujan",
            "pengaduan",
            "3517",
            false,
            now,
        )
        .await;
        let copy = submit(
            &store,
            "Pasar induk kebanjiran lagi",
            "pengaduan",
            "3517",
            false,
            now,
        )
        .await;
        let earlier_copy = submit(
            &store,
            "Banjir di pasar induk",
            "pengaduan",
            "3517",
            false,
            now,
        )
        .await;
        let secret = submit(
            &store,
            "Pasar induk banjir, rahasia",
            "pengaduan",
            "3517",
            true,
            now,
        )
        .await;
        for number in [&original, &copy, &earlier_copy, &secret] {
            verified(&store, &national, number).await;
        }
        for (number, who) in [
            (&original, "pendukung-1"),
            (&copy, "pendukung-1"),
            (&copy, "pendukung-2"),
        ] {
            assert_eq!(
                store
                    .add_support(number, who, now)
                    .await
                    .expect("supported"),
                Support::Added
            );
        }

        // Refused: no number, not a number, unknown, itself, a confidential original.
        let refused = |result: Result<Status, app::server::storage::StorageError>| {
            matches!(result, Err(app::server::storage::StorageError::Invalid(_)))
        };
        assert!(refused(mark_duplicate(&store, &national, &copy, "").await));
        assert!(refused(
            mark_duplicate(&store, &national, &copy, "bukan-nomor").await
        ));
        assert!(refused(
            mark_duplicate(&store, &national, &copy, "AAAAAAAAA").await
        ));
        assert!(refused(
            mark_duplicate(&store, &national, &copy, copy.as_str()).await
        ));
        assert!(refused(
            mark_duplicate(&store, &national, &copy, secret.as_str()).await
        ));

        // The earlier copy first points at the copy; when the copy joins the original,
        // the earlier copy follows it there.
        assert_eq!(
            mark_duplicate(&store, &national, &earlier_copy, copy.as_str())
                .await
                .expect("marked"),
            Status::Archived
        );
        assert_eq!(
            mark_duplicate(&store, &national, &copy, &original.display())
                .await
                .expect("marked"),
            Status::Archived
        );
        // A report already merged cannot be the original of another.
        assert!(refused(
            mark_duplicate(&store, &national, &secret, copy.as_str()).await
        ));

        let staff_view = |number: TrackingNumber| {
            let store = store.clone();
            let national = national.clone();
            async move {
                store
                    .report_for_staff(&number, &national)
                    .await
                    .expect("read")
                    .report()
                    .clone()
            }
        };
        let merged = staff_view(copy.clone()).await;
        assert_eq!(merged.status, Status::Archived);
        assert_eq!(merged.duplicate_of, Some(original.display()));
        let kept = staff_view(original.clone()).await;
        assert_eq!(kept.duplicates, 2, "the copy and the earlier copy");
        // Two distinct supporters (one supported both) and the two merged reports.
        assert_eq!(kept.supporters, 4);
        let card = store
            .public_feed(&filter(&[("cari", original.as_str())]), None, now)
            .await
            .expect("feed");
        assert_eq!(card.cards.len(), 1);
        assert_eq!(card.cards[0].supporters, 4);
        // The copy's reporter reads the original's number in their timeline.
        let theirs = store
            .reporter_view(&copy, now.date_wib())
            .await
            .expect("read");
        assert!(
            theirs.timeline.iter().any(|e| e.kind
                == app::model::EventKind::Transition(Action::MarkDuplicate)
                && e.body.as_deref() == Some(original.display().as_str())),
            "{:?}",
            theirs.timeline
        );
        // The statistics count both copies as archived.
        assert!(store.statistics_match_reports().await.expect("checked"));
    })
    .await;
}
