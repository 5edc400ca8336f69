//! `lapor demo` as a trainer runs it: the real binary on its own database.

mod common;

use std::time::{Duration, Instant};

use common::{header_values, lapor, request, stderr, submit, Scratch, Server};

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

#[test]
fn the_demo_never_runs_on_a_database_holding_real_reports() {
    let scratch = Scratch::new("demo-real");
    let seeded = lapor(&["seed", "--essentials"], &scratch.url);
    assert!(seeded.status.success(), "{}", stderr(&seeded));
    let number = submit(&scratch.url, false);
    let refused = lapor(
        &[
            "demo",
            "--demo-database-url",
            &scratch.url,
            "--addr",
            "127.0.0.1:0",
        ],
        &scratch.url,
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("not demo reports"),
        "{}",
        stderr(&refused)
    );
    // Nor is it reset: `--reset` deletes the demo's own database only.
    let reset = lapor(
        &[
            "demo",
            "--reset",
            "--demo-database-url",
            &scratch.url,
            "--addr",
            "127.0.0.1:0",
        ],
        &scratch.url,
    );
    assert!(!reset.status.success());
    assert!(
        stderr(&reset).contains("not demo reports"),
        "{}",
        stderr(&reset)
    );
    // Untouched: the real report is still there, and no demo account was added.
    let shown = lapor(&["report", "show", &number], &scratch.url);
    assert!(shown.status.success(), "{}", stderr(&shown));
    let staff = lapor(&["staff", "list"], &scratch.url);
    assert!(!common::stdout(&staff).contains("demo.lapor.id"));
    // Nor on a shared database.
    let shared = lapor(
        &[
            "demo",
            "--demo-database-url",
            "postgres://postgres@127.0.0.1/lapor",
            "--addr",
            "127.0.0.1:0",
        ],
        &scratch.url,
    );
    assert!(!shared.status.success());
    assert!(
        stderr(&shared).contains("own SQLite file"),
        "{}",
        stderr(&shared)
    );
}

#[test]
fn a_reset_starts_the_demo_over_on_a_fresh_database() {
    let scratch = Scratch::new("demo-reset");
    let server = Server::start_demo(&scratch.url, "http://10.20.30.40:8080");
    let (_, _, page) = request(&server, "GET", "/demo", &[], "");
    assert!(
        page.contains("http://10.20.30.40:8080/lapor"),
        "the join address"
    );
    assert!(
        page.contains("data-testid=\"demo-banner\""),
        "the DEMO banner"
    );
    assert_eq!(projector_count(&page), 0);
    // A phone in the hall sends a report.
    let form = "classification=pengaduan&title=Pohon+tumbang+menutup+akses+pasar+hewan\
        &body=Sejak+kemarin+sore+pohon+besar+tumbang+menutup+akses+pasar+hewan+dan+belum+dipotong\
        &region_code=3517&name=Peserta+Sosialisasi&phone=081299990000&new_report=1";
    let (status, head, _) = request(&server, "POST", "/lapor", &[], form);
    assert_eq!(status, 303, "{head}");
    let number = header_values(&head, "location").join("");
    let number = number.rsplit('/').next().expect("a number").to_string();
    let (_, _, page) = request(&server, "GET", "/demo", &[], "");
    assert_eq!(projector_count(&page), 1);
    assert!(page.contains("Pohon tumbang menutup akses pasar hewan"));
    assert!(!page.contains("Peserta Sosialisasi"), "never the reporter");
    assert_eq!(server.status_of(&format!("/lacak/{number}")), 200);

    let (status, head, _) = request(&server, "POST", "/demo/atur-ulang", &[], "");
    assert_eq!(status, 303, "{head}");
    // The socket stays open while the demo starts over: requests wait, then the fresh
    // demo answers.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        assert!(Instant::now() < deadline, "the demo did not come back");
        if server.status_of(&format!("/lacak/{number}")) == 404 {
            break;
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let (status, _, page) = request(&server, "GET", "/demo", &[], "");
    assert_eq!(status, 200);
    assert_eq!(projector_count(&page), 0);
    // The scenario is back: the statistics count its 200 reports in the demo regency.
    let (_, _, stats) = request(&server, "GET", "/statistik", &[], "");
    assert!(
        stats.contains("Kabupaten Jombang</a></th><td>200</td>"),
        "the scenario's 200 reports"
    );
}

#[test]
fn the_presenters_tools_answer_garbage_with_a_clear_refusal_and_describe_themselves() {
    let scratch = Scratch::new("demo-hostile");
    let server = Server::start_demo(&scratch.url, "http://10.20.30.40:8080");
    for path in [
        "/demo?kabar=%ff%fe",
        "/demo?kabar=waktu&kabar=atur-ulang",
        "/demo/panduan?x=%00",
        "/demo/qr.svg?%ff",
    ] {
        let (status, _, _) = request(&server, "GET", path, &[], "");
        assert_eq!(status, 200, "GET {path}");
    }
    for (path, body) in [
        ("/demo/peran", ""),
        ("/demo/peran", "peran=%ff%fe"),
        ("/demo/peran", "peran=national_admin&peran=oversight"),
        ("/demo/peran", "{\"json\": true}"),
        ("/demo/waktu", "hari=-1"),
        ("/demo/waktu", "hari=99999999999999999999"),
        ("/demo/waktu", "hari=%ff"),
        ("/demo/waktu", "a=1&a=2&a[]=3"),
    ] {
        let (status, head, _) = request(&server, "POST", path, &[], body);
        assert_eq!(status, 303, "POST {path} {body:?}: {head}");
        assert!(
            !head
                .to_ascii_lowercase()
                .contains("set-cookie: lapor_petugas"),
            "POST {path} {body:?} signed someone in"
        );
    }
    // A cross-site form cannot reset the trainer's demo.
    let (status, _, _) = request(
        &server,
        "POST",
        "/demo/atur-ulang",
        &[("Origin", "https://jahat.example")],
        "",
    );
    assert_eq!(status, 403);
    // Both pages describe themselves, in both languages, from the locale files.
    for page in ["/demo", "/demo/panduan"] {
        let mut seen = Vec::new();
        for cookies in ["", "lapor_lang=en"] {
            let (_, _, html) = request(&server, "GET", page, &[("Cookie", cookies)], "");
            let marker = "<meta name=\"description\" content=\"";
            let at = html.find(marker).expect("a description") + marker.len();
            seen.push(html[at..].split('"').next().unwrap_or_default().to_string());
        }
        assert_ne!(seen[0], seen[1], "{page}");
        assert!(seen[0].contains("LAPOR!"), "{page}: {}", seen[0]);
    }
}
