//! Socialization mode in process: the demo database guard, the scenario, the time
//! machine, the QR code the hall scans, what the projector may show, the role switcher,
//! and that none of it exists on a server that is not a demo. (`server/tests/demo.rs`
//! runs the `lapor demo` binary: the refusal of a real database, the reset.)

mod common;

use app::model::demo::{PlannedReport, Progress};
use app::model::{DeadlineState, EventKind, Status, TrackingNumber};
use app::server::demo::scenario::seed_scenario;
use app::server::demo::{claim_demo_database, DemoRefusal};
use app::server::seed::demo::seed_demo_staff;
use app::server::seed::{seed, SeedScope};
use app::server::state::Clock;
use app::server::storage::{DemoDatabase, Scope, Store};
use common::http::InProcess;
use common::{on_every_backend, on_every_empty_backend};

const PUBLIC_URL: &str = "http://192.168.43.1:3000";

/// A database as `lapor demo` prepares it.
async fn demo_database(store: &Store) -> Vec<(TrackingNumber, PlannedReport)> {
    seed(store, SeedScope::Full).await.expect("seed");
    claim_demo_database(store)
        .await
        .expect("an empty database is the demo's");
    let now = Clock::default().now();
    seed_demo_staff(store, now).await.expect("demo staff");
    seed_scenario(store, now).await.expect("the scenario")
}

async fn status_of(store: &Store, number: &TrackingNumber) -> Status {
    store
        .report_record(number)
        .await
        .expect("read")
        .expect("stored")
        .status
}

/// The count on the presenter's projector.
fn projector_count(page: &str) -> i64 {
    let start = page
        .find("data-testid=\"demo-count\"")
        .expect("the count is on the page");
    page[start..]
        .split_once('>')
        .and_then(|(_, rest)| rest.split('<').next())
        .and_then(|n| n.trim().parse().ok())
        .expect("a number")
}

/// The QR code in an SVG of ours, read back as a phone camera would.
fn decode_qr(svg: &str) -> String {
    let view_box = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("a square viewBox");
    let path = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("one path of dark modules");
    let mut dark = vec![false; view_box * view_box];
    for run in path.split('M').filter(|run| !run.is_empty()) {
        // `x yhNv1h-Nz`
        let (x, rest) = run.split_once(' ').expect("x");
        let (y, rest) = rest.split_once('h').expect("y");
        let n = rest.split('v').next().expect("run");
        let (x, y, n): (usize, usize, usize) = (
            x.parse().expect("x"),
            y.parse().expect("y"),
            n.parse().expect("n"),
        );
        for dx in 0..n {
            dark[y * view_box + x + dx] = true;
        }
    }
    const SCALE: usize = 6;
    let size = view_box * SCALE;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
        if dark[(y / SCALE) * view_box + x / SCALE] {
            0
        } else {
            255
        }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("a readable QR code").1
}

#[tokio::test]
async fn the_demo_never_takes_a_database_holding_real_reports() {
    on_every_backend(|store| async move {
        assert_eq!(
            store.demo_database().await.expect("read"),
            DemoDatabase::Empty
        );
        let report = app::model::validation::validate(
            &app::model::validation::ReportForm {
                classification: "pengaduan".into(),
                title: "Jalan berlubang di depan sekolah".into(),
                body: "Sejak dua minggu jalan di depan SDN 2 berlubang besar dan membahayakan."
                    .into(),
                region_code: "3517".into(),
                name: "Siti Aminah".into(),
                phone: "081234567890".into(),
                ..Default::default()
            },
            Clock::default().now().date_wib(),
        )
        .expect("valid");
        store
            .submit_report(&report, Clock::default().now())
            .await
            .expect("a real report");
        assert!(matches!(
            claim_demo_database(&store).await,
            Err(DemoRefusal::RealDatabase)
        ));
        assert_eq!(
            store.demo_database().await.expect("read"),
            DemoDatabase::Real,
            "not marked"
        );
        assert_eq!(store.table_counts().await.expect("counts").reports, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_runs_a_living_scenario_with_a_time_machine_qr_projector_and_roles() {
    on_every_empty_backend(|store| async move {
        let plan = demo_database(&store).await;
        assert_eq!(plan.len(), 200);
        assert_eq!(
            store.demo_database().await.expect("read"),
            DemoDatabase::Demo,
            "marked, so the next start takes it again"
        );
        claim_demo_database(&store).await.expect("the demo's own database");

        // Every status has reports; deadlines were met and missed.
        let mut seen = Vec::new();
        for (number, _) in &plan {
            seen.push(status_of(&store, number).await);
        }
        for status in [
            Status::Submitted,
            Status::ReturnedToReporter,
            Status::Archived,
            Status::Verified,
            Status::Forwarded,
            Status::Disposed,
            Status::FollowUpDrafted,
            Status::FollowedUp,
            Status::Closed,
        ] {
            assert!(seen.contains(&status), "{status:?} has reports");
        }
        assert!(store.statistics_match_reports().await.expect("check"));
        let today = Clock::default().now().date_wib();
        let since = app::model::Date::from_ymd(today.year() - 1, today.month(), 1).expect("date");
        let figures = store
            .statistics_of(Scope::All, since, today)
            .await
            .expect("statistics")
            .national;
        assert_eq!(figures.received, 200);
        assert!(
            0 < figures.on_time && figures.on_time < figures.followed_up,
            "some answered in time, some late: {} of {}",
            figures.on_time,
            figures.followed_up
        );

        let app = InProcess::demo(store.clone(), PUBLIC_URL);

        // Join by QR: the code holds the form's address on the laptop's network.
        let qr = app.get("/demo/qr.svg").await;
        assert_eq!(qr.status, 200);
        assert_eq!(
            qr.headers.get("content-type").and_then(|v| v.to_str().ok()),
            Some("image/svg+xml; charset=utf-8")
        );
        assert_eq!(decode_qr(&qr.body), format!("{PUBLIC_URL}/lapor"));
        let presenter = app.get("/demo").await;
        assert_eq!(presenter.status, 200);
        assert!(presenter.body.contains(&format!("{PUBLIC_URL}/lapor")));
        assert_eq!(decode_qr(&presenter.body), format!("{PUBLIC_URL}/lapor"));
        assert!(presenter.body.contains("data-testid=\"demo-banner\""));
        let guide = app.get("/demo/panduan").await;
        assert_eq!(guide.status, 200);
        assert!(guide.body.contains("JOMBANGKAB"), "the regency's SMS keyword");
        assert_eq!(decode_qr(&guide.body), format!("{PUBLIC_URL}/lapor"));

        // The projector: titles of what arrives, never a reporter, never a confidential
        // report's content.
        for (title, confidential, name) in [
            ("Pungutan liar saat mengurus surat pindah", true, "Wahyu Penanda Satu"),
            ("Sampah menumpuk di tepi sungai Brantas", false, "Lestari Penanda Dua"),
        ] {
            let form = format!(
                "classification=pengaduan&title={}&body={}&region_code=3517&name={}&phone=081277770000&new_report=1{}",
                title.replace(' ', "+"),
                "Kejadian+ini+sudah+berlangsung+dua+minggu+dan+warga+sangat+dirugikan+olehnya",
                name.replace(' ', "+"),
                if confidential { "&confidential=on" } else { "" }
            );
            let sent = app.post_form("/lapor", &form).await;
            assert_eq!(sent.status, 303, "{}", sent.body);
        }
        let projector = app.get("/demo").await.body;
        assert_eq!(projector_count(&projector), 2, "two arrived");
        assert!(projector.contains("Sampah menumpuk di tepi sungai Brantas"));
        assert!(projector.contains("Laporan rahasia diterima"));
        for secret in [
            "Pungutan liar saat mengurus surat pindah",
            "Penanda",
            "081277770000",
        ] {
            assert!(!projector.contains(secret), "{secret} on the projector");
        }

        // The role switcher: one click into the workspace as that role.
        let switched = app.post_form("/demo/peran", "peran=agency_admin").await;
        assert_eq!(switched.status, 303);
        assert_eq!(
            switched.headers.get("location").and_then(|v| v.to_str().ok()),
            Some("/ruang-kerja")
        );
        let cookie = switched.cookie("lapor_petugas").expect("a staff session");
        let desk = app.get_with_cookie("/ruang-kerja", &cookie).await;
        assert_eq!(desk.status, 200);
        assert!(desk.body.contains("data-testid=\"staff-name\""), "signed in");
        assert!(desk.body.contains("Admin instansi"), "as the agency administrator");
        for role in ["reporter", "system", "nobody"] {
            let refused = app.post_form("/demo/peran", &format!("peran={role}")).await;
            assert_eq!(refused.status, 303);
            assert!(refused.cookie("lapor_petugas").is_none(), "{role}");
        }

        // The time machine: a waiting report's verification clock runs out, and the
        // follow-ups published 9 working days ago close by themselves once 10 have passed.
        let (waiting, planned) = plan
            .iter()
            .filter(|(_, p)| p.progress == Progress::Waiting && !p.confidential)
            .min_by_key(|(_, p)| p.working_days_ago)
            .expect("a waiting report");
        let deadline = |today| {
            let store = store.clone();
            let waiting = waiting.clone();
            async move {
                store
                    .public_report(&waiting, today)
                    .await
                    .expect("read")
                    .expect("found")
                    .content
                    .expect("public")
                    .story
                    .deadline
                    .expect("the verification clock")
                    .state
            }
        };
        let ago = planned.working_days_ago;
        assert_eq!(
            deadline(app.state.clock.now().date_wib()).await,
            DeadlineState::Remaining(3 - ago)
        );
        let closing: Vec<&TrackingNumber> = plan
            .iter()
            .filter(|(_, p)| {
                p.progress == Progress::FollowedUp
                    && p.working_days_ago - p.working_days_needed() >= 9
            })
            .map(|(number, _)| number)
            .collect();
        assert!(!closing.is_empty(), "the scenario has follow-ups about to close");
        for number in &closing {
            assert_eq!(status_of(&store, number).await, Status::FollowedUp);
        }
        for refused in ["hari=0", "hari=abc", "hari=31", ""] {
            let answer = app.post_form("/demo/waktu", refused).await;
            assert_eq!(answer.status, 303, "{refused}");
            assert_eq!(app.state.clock.days_ahead(), 0, "{refused} moved nothing");
        }
        let moved = app.post_form("/demo/waktu", "hari=2").await;
        assert_eq!(moved.status, 303);
        assert_eq!(
            moved.headers.get("location").and_then(|v| v.to_str().ok()),
            Some("/demo?kabar=waktu")
        );
        let ahead = app.state.clock.days_ahead();
        assert!(ahead >= 2, "two working days are at least two days");
        for number in &closing {
            assert_eq!(status_of(&store, number).await, Status::Closed);
            let timeline = store.report_record(number).await.expect("read").expect("found").timeline;
            assert_eq!(
                timeline.last().map(|event| event.kind),
                Some(EventKind::Transition(app::model::Action::AutoClose)),
                "closed by the automatic round"
            );
        }
        app.post_form("/demo/waktu", "hari=2").await;
        assert_eq!(
            deadline(app.state.clock.now().date_wib()).await,
            DeadlineState::Overdue(ago + 4 - 3)
        );
        let page = app.get("/demo?kabar=waktu").await.body;
        assert!(page.contains(&format!("dimajukan {} hari", app.state.clock.days_ahead())));
        assert!(page.contains("Jam demo dimajukan"));
        assert!(store.statistics_match_reports().await.expect("check"));
    })
    .await;
}

#[tokio::test]
async fn a_server_that_is_not_a_demo_has_no_demo() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store);
        for path in ["/demo", "/demo/panduan", "/demo/qr.svg", "/demo/langsung"] {
            assert_eq!(app.get(path).await.status, 404, "GET {path}");
        }
        for (path, form) in [
            ("/demo/waktu", "hari=5"),
            ("/demo/peran", "peran=national_admin"),
            ("/demo/atur-ulang", ""),
        ] {
            let answer = app.post_form(path, form).await;
            assert_eq!(answer.status, 404, "POST {path}");
            assert!(answer.cookie("lapor_petugas").is_none());
        }
        assert_eq!(app.state.clock.days_ahead(), 0);
        assert!(!app.get("/").await.body.contains("demo-banner"));
    })
    .await;
}
