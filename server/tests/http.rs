//! Real HTTP against a real `lapor serve` on a fresh SQLite database: what a
//! citizen's browser (or anyone else) can do to the public surface.

mod common;

use common::{request, Scratch, Server};

/// A `lapor serve` on a fresh database (the scratch folder goes when the test ends).
fn start() -> (Scratch, Server) {
    let scratch = Scratch::new("http");
    let server = Server::start(&scratch.url);
    (scratch, server)
}

fn location(head: &str) -> Option<String> {
    head.lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .map(str::to_string)
}

const GOOD_FORM: &str = "classification=pengaduan&title=Jalan+berlubang+di+depan+sekolah\
    &body=Sejak+dua+minggu+jalan+di+depan+SDN+2+berlubang+besar+dan+berbahaya\
    &region_code=3517&name=Penanda+Rahasia+Xq7&phone=081234567890&email=penanda.xq7%40contoh.id";

#[test]
fn a_report_sent_twice_with_the_same_draft_key_is_filed_once() {
    let (_scratch, server) = start();
    let form = format!("{GOOD_FORM}&idempotency_key=draft-123");
    let (first, head1, _) = request(&server, "POST", "/lapor", &[], &form);
    let (second, head2, _) = request(&server, "POST", "/lapor", &[], &form);
    assert_eq!((first, second), (303, 303));
    let receipt = location(&head1).expect("a redirect to the receipt");
    assert!(receipt.starts_with("/lapor/terkirim/"), "{receipt}");
    assert_eq!(Some(receipt), location(&head2));
}

#[test]
fn mistakes_get_a_422_page_in_indonesian_that_keeps_what_was_typed() {
    let (_scratch, server) = start();
    let (status, _, body) = request(
        &server,
        "POST",
        "/lapor",
        &[],
        "title=Pendek&name=Budi+Santoso",
    );
    assert_eq!(status, 422);
    assert!(body.contains("Ada isian yang perlu diperbaiki"));
    assert!(body.contains("minimal 10 karakter"));
    assert!(body.contains("value=\"Pendek\""));
    assert!(body.contains("value=\"Budi Santoso\""));

    let (status, _, _) = request(&server, "POST", "/lapor", &[], "%ff%fe=%zz");
    assert!(
        status == 400 || status == 422,
        "garbage gets a client error, not {status}"
    );
    let (status, _, _) = request(&server, "GET", "/lacak/ZZZZZZZZZ", &[], "");
    assert_eq!(status, 400);
}

#[test]
fn a_post_from_another_site_is_refused() {
    let (_scratch, server) = start();
    let (status, _, body) = request(
        &server,
        "POST",
        "/lapor",
        &[("Origin", "https://evil.example")],
        GOOD_FORM,
    );
    assert_eq!(status, 403);
    assert!(body.contains("Permintaan ditolak"));
    let own_origin = format!("http://{}", server.addr);
    let (status, _, _) = request(
        &server,
        "POST",
        "/lapor",
        &[("Origin", &own_origin)],
        GOOD_FORM,
    );
    assert_eq!(status, 303);
}

#[test]
fn the_public_page_of_a_report_never_shows_who_sent_it() {
    let (_scratch, server) = start();
    for privacy in ["", "&anonymous=on", "&confidential=on"] {
        let (status, head, _) = request(
            &server,
            "POST",
            "/lapor",
            &[],
            &format!("{GOOD_FORM}{privacy}"),
        );
        assert_eq!(status, 303);
        let number = location(&head)
            .and_then(|l| l.rsplit('/').next().map(str::to_string))
            .expect("number");
        for path in [
            format!("/lacak/{number}"),
            format!("/lapor/terkirim/{number}"),
        ] {
            let (status, _, body) = request(&server, "GET", &path, &[], "");
            assert_eq!(status, 200, "{path}");
            for marker in ["Xq7", "penanda.xq7", "81234567890"] {
                assert!(!body.contains(marker), "{marker} leaked on {path}");
            }
            let shows_content = body.contains("Jalan berlubang di depan sekolah");
            assert_eq!(
                shows_content,
                path.starts_with("/lacak") && !privacy.contains("confidential"),
                "{path}{privacy}"
            );
        }
    }
}
