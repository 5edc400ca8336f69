//! The public surface over HTTP, in process: the library's whole router (every layer,
//! the pages rendered by Leptos) on a fresh database of every backend. What a citizen's
//! browser, or anyone else, can do to it.

mod common;

use common::http::{InProcess, HOST};
use common::on_every_backend;

const GOOD_FORM: &str = "classification=pengaduan&title=Jalan+berlubang+di+depan+sekolah\
    &body=Sejak+dua+minggu+jalan+di+depan+SDN+2+berlubang+besar+dan+berbahaya\
    &region_code=3517&name=Penanda+Rahasia+Xq7&phone=081234567890&email=penanda.xq7%40contoh.id";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_sent_twice_with_the_same_draft_key_is_filed_once() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store);
        let form = format!("{GOOD_FORM}&idempotency_key=draft-123");
        let first = app.post_form("/lapor", &form).await;
        let second = app.post_form("/lapor", &form).await;
        assert_eq!((first.status, second.status), (303, 303));
        let receipt = first.location().expect("a redirect to the receipt");
        assert!(receipt.starts_with("/lapor/terkirim/"), "{receipt}");
        assert_eq!(Some(receipt), second.location());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mistakes_get_a_422_page_in_indonesian_that_keeps_what_was_typed() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store);
        let answer = app
            .post_form("/lapor", "title=Pendek&name=Budi+Santoso")
            .await;
        assert_eq!(answer.status, 422);
        assert!(answer.body.contains("Ada isian yang perlu diperbaiki"));
        assert!(answer.body.contains("minimal 10 karakter"));
        assert!(answer.body.contains("value=\"Pendek\""));
        assert!(answer.body.contains("value=\"Budi Santoso\""));

        let garbage = app.post_form("/lapor", "%ff%fe=%zz").await;
        assert!(
            garbage.status == 400 || garbage.status == 422,
            "garbage gets a client error, not {}",
            garbage.status
        );
        assert_eq!(app.get("/lacak/ZZZZZZZZZ").await.status, 400);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_from_another_site_is_refused() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store);
        let evil = app
            .request(
                "POST",
                "/lapor",
                &[("origin", "https://evil.example")],
                GOOD_FORM,
            )
            .await;
        assert_eq!(evil.status, 403);
        assert!(evil.body.contains("Permintaan ditolak"));
        let own_origin = format!("http://{HOST}");
        let own = app
            .request("POST", "/lapor", &[("origin", &own_origin)], GOOD_FORM)
            .await;
        assert_eq!(own.status, 303);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_page_of_a_report_never_shows_who_sent_it() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store);
        for privacy in ["", "&anonymous=on", "&confidential=on"] {
            let sent = app
                .post_form("/lapor", &format!("{GOOD_FORM}{privacy}"))
                .await;
            assert_eq!(sent.status, 303);
            let number = sent.receipt_number();
            for path in [
                format!("/lacak/{number}"),
                format!("/lapor/terkirim/{number}"),
            ] {
                let page = app.get(&path).await;
                assert_eq!(page.status, 200, "{path}");
                for marker in ["Rahasia Xq7", "penanda.xq7", "81234567890"] {
                    assert!(!page.body.contains(marker), "{marker} leaked on {path}");
                }
                let shows_content = page.body.contains("Jalan berlubang di depan sekolah");
                assert_eq!(
                    shows_content,
                    path.starts_with("/lacak") && !privacy.contains("confidential"),
                    "{path}{privacy}"
                );
            }
        }
    })
    .await;
}

/// The public tracking page is kept rendered (issue 12), but only the public page: a
/// reporter signed in to the report always gets their own view, which is never kept, and
/// a committed step shows at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_kept_public_page_never_serves_a_reporters_own_view_and_follows_each_step() {
    on_every_backend(|store| async move {
        use app::model::{Action, Role};
        use app::server::storage::{ActionArgs, Actor};

        let app = InProcess::new(store.clone());
        let sent = app.post_form("/lapor", GOOD_FORM).await;
        assert_eq!(sent.status, 303);
        let number = sent.receipt_number();
        let session = sent
            .cookie(&format!("lapor_pelapor_{number}"))
            .expect("the reporter's session cookie");
        let page = format!("/lacak/{number}");
        let sign_out = format!("/lacak/{number}/keluar");

        // The public page, rendered once and then kept.
        let first = app.get(&page).await;
        assert_eq!(first.status, 200);
        assert!(
            !first.body.contains(&sign_out),
            "the public page is not the reporter's"
        );
        assert_eq!(app.state.pages.len(), 1, "the public page is kept");
        let again = app.get(&page).await;
        assert_eq!(again.body, first.body, "the kept page is served");
        let compressed = app
            .request("GET", &page, &[("accept-encoding", "gzip, br")], "")
            .await;
        assert_eq!(
            compressed
                .headers
                .get("content-encoding")
                .map(|v| v.as_bytes()),
            Some(&b"br"[..]),
            "a kept page goes out compressed as the browser asks"
        );

        // The reporter, signed in on this device, gets their own page, never the kept one.
        let own = app.get_with_cookie(&page, &session).await;
        assert_eq!(own.status, 200);
        assert!(own.body.contains(&sign_out), "the reporter's own view");
        // ...and what was rendered for them was not kept for anyone else.
        let public = app.get(&page).await;
        assert!(
            !public.body.contains(&sign_out),
            "no one else gets the reporter's view"
        );
        assert_eq!(app.state.pages.len(), 1);

        // A committed step changes the public page at once.
        assert!(
            public.body.contains("Belum terverifikasi"),
            "status before the step"
        );
        let parsed = app::model::TrackingNumber::parse(&number).expect("a number");
        let version = store
            .report_version(&parsed)
            .await
            .expect("version")
            .expect("report");
        store
            .apply_action(
                &parsed,
                Actor {
                    role: Role::NationalAdmin,
                    staff_id: None,
                },
                Action::Verify,
                version,
                ActionArgs::default(),
                app.state.clock.now(),
            )
            .await
            .expect("verified");
        let after = app.get(&page).await;
        assert!(
            after.body.contains("Terverifikasi"),
            "the step shows at once"
        );
        assert!(!after.body.contains("Belum terverifikasi"));

        // Another language is another page.
        let english = app.get_with_cookie(&page, "lapor_lang=en").await;
        assert!(english.body.contains("lang=\"en\""));
        assert_eq!(app.state.pages.len(), 2);
    })
    .await;
}
