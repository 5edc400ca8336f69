//! The reporter's PIN and actions over real HTTP against a real `lapor serve`: the PIN
//! on the receipt, PIN sign-in, replying and rating with the session cookie, and the
//! refusals without it. Staff steps are taken through the `Store` on the same SQLite
//! file, as an operator's command would.

use std::time::{SystemTime, UNIX_EPOCH};

use app::model::{Action, Role, Timestamp, TrackingNumber};
use app::server::storage::{ActionArgs, Actor, PinKey, Store};

mod common;

use common::{cookie, header_values, request, Scratch, Server};

/// A `lapor serve` on a fresh database (the scratch folder goes when the test ends).
fn start() -> (Scratch, Server) {
    let scratch = Scratch::new("reporter");
    let server = Server::start(&scratch.url);
    (scratch, server)
}

/// The six digits in the element marked `data-testid="reporter-pin"`, if any.
fn shown_pin(body: &str) -> Option<String> {
    let at = body.find("data-testid=\"reporter-pin\"")?;
    let start = at + body[at..].find('>')? + 1;
    let pin: String = body[start..].chars().take_while(|c| *c != '<').collect();
    (pin.len() == 6 && pin.chars().all(|c| c.is_ascii_digit())).then_some(pin)
}

const GOOD_FORM: &str = "classification=pengaduan&title=Lampu+jalan+mati+di+depan+pasar\
    &body=Sudah+tiga+minggu+lampu+jalan+di+depan+Pasar+Legi+mati+sehingga+jalan+gelap\
    &region_code=3517&name=Penanda+Rahasia+Pq4&phone=081234567890";

fn now() -> Timestamp {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default();
    Timestamp(ms)
}

/// Verify, forward, dispose, draft and publish, as staff would.
fn publish_follow_up(server: &Server, number: &TrackingNumber) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let store = Store::connect(&server.database_url, PinKey::random())
            .await
            .expect("the server's database");
        let agency = store
            .agency_by_sms_keyword("JOMBANGKAB")
            .await
            .expect("lookup")
            .expect("seeded agency")
            .id;
        let steps = [
            (Action::Verify, Role::NationalAdmin, None, None),
            (Action::Forward, Role::NationalAdmin, Some(agency), None),
            (Action::Dispose, Role::AgencyAdmin, None, None),
            (
                Action::DraftFollowUp,
                Role::UnitOperator,
                None,
                Some("Lampu sudah diganti oleh Dinas PU."),
            ),
            (Action::ApproveAndPublish, Role::LiaisonOfficer, None, None),
        ];
        for (action, role, agency_id, body) in steps {
            let version = store
                .report_version(number)
                .await
                .expect("version")
                .expect("report");
            store
                .apply_action(
                    number,
                    Actor {
                        role,
                        staff_id: Some(1),
                    },
                    action,
                    version,
                    ActionArgs {
                        body: body.map(str::to_string),
                        agency_id,
                        ..ActionArgs::default()
                    },
                    now(),
                )
                .await
                .unwrap_or_else(|e| panic!("{action:?}: {e}"));
        }
        store.close().await;
    });
}

#[test]
fn the_reporter_gets_a_pin_once_signs_in_replies_and_rates() {
    let (_scratch, server) = start();

    // Sending: a redirect that carries the session and the one-shot PIN.
    let (status, head, _) = request(&server, "POST", "/lapor", &[], GOOD_FORM);
    assert_eq!(status, 303, "{head}");
    let receipt = header_values(&head, "location").pop().expect("location");
    let compact = receipt.rsplit('/').next().expect("number").to_string();
    let number = TrackingNumber::parse(&compact).expect("a tracking number");
    let session = cookie(&head, &format!("lapor_pelapor_{compact}=")).expect("session cookie");
    let one_time = cookie(&head, "lapor_pin_sekali=").expect("one-shot PIN cookie");
    let set_cookies = header_values(&head, "set-cookie").join("\n");
    assert!(set_cookies.contains("HttpOnly"), "{set_cookies}");
    assert!(set_cookies.contains("SameSite=Lax"), "{set_cookies}");
    assert!(
        set_cookies.contains("Path=/lapor/terkirim"),
        "{set_cookies}"
    );
    assert!(!set_cookies.contains("Secure"), "plain HTTP: {set_cookies}");

    // The receipt shows the PIN once and clears the one-shot cookie.
    let both = format!("{one_time}; {session}");
    let (status, head, body) = request(&server, "GET", &receipt, &[("Cookie", &both)], "");
    assert_eq!(status, 200);
    let pin = shown_pin(&body)
        .unwrap_or_else(|| panic!("the receipt shows a 6-digit PIN: {head}\n{body}"));
    assert!(body.contains("PIN hanya ditampilkan sekali"));
    let cleared = cookie(&head, "lapor_pin_sekali=").expect("the one-shot cookie is cleared");
    assert_eq!(cleared, "lapor_pin_sekali=");
    assert!(header_values(&head, "set-cookie")
        .iter()
        .any(|c| c.starts_with("lapor_pin_sekali=") && c.contains("Max-Age=0")));
    let (_, _, again) = request(&server, "GET", &receipt, &[("Cookie", &session)], "");
    assert_eq!(
        shown_pin(&again),
        None,
        "a second visit no longer shows the PIN"
    );

    // Without a session: the public page, with the PIN form, and refused actions.
    let page = format!("/lacak/{compact}");
    let (status, _, body) = request(&server, "GET", &page, &[], "");
    assert_eq!(status, 200);
    assert!(body.contains("Saya pelapor laporan ini"));
    assert!(
        !body.contains("Penanda"),
        "no reporter identity on the page"
    );
    for (path, form) in [
        ("balas", "teks=Balasan+tanpa+masuk+dulu"),
        ("nilai", "bintang=5"),
        ("buka-kembali", "alasan=Dibuka+tanpa+masuk+dulu"),
    ] {
        let (status, _, body) = request(&server, "POST", &format!("{page}/{path}"), &[], form);
        assert_eq!(status, 403, "{path} without a session");
        assert!(body.contains("Masuk dengan PIN pelapor"), "{path}: {body}");
    }

    // PIN sign-in: wrong, then right.
    let wrong = if pin == "000000" { "111111" } else { "000000" };
    let (status, _, body) = request(
        &server,
        "POST",
        &format!("{page}/masuk"),
        &[],
        &format!("pin={wrong}"),
    );
    assert_eq!(status, 422);
    assert!(body.contains("PIN salah. Sisa percobaan: 4."), "{body}");
    let (status, head, _) = request(
        &server,
        "POST",
        &format!("{page}/masuk"),
        &[],
        &format!("pin={pin}"),
    );
    assert_eq!(status, 303);
    assert_eq!(
        header_values(&head, "location").pop().as_deref(),
        Some(format!("{page}?selesai=masuk").as_str())
    );
    let signed_in = cookie(&head, &format!("lapor_pelapor_{compact}=")).expect("new session");
    let (_, head, body) = request(
        &server,
        "GET",
        &format!("{page}?selesai=masuk"),
        &[("Cookie", &signed_in)],
        "",
    );
    assert!(body.contains("Anda berhasil masuk sebagai pelapor."));
    assert!(body.contains("Anda masuk sebagai pelapor laporan ini"));
    assert!(head.to_ascii_lowercase().contains("no-store"), "{head}");
    // Before a follow-up: a message is possible, rating is not offered.
    assert!(body.contains("Kirim pesan kepada petugas"));
    assert!(!body.contains("Nilai tindak lanjut"));
    let (status, _, body) = request(
        &server,
        "POST",
        &format!("{page}/nilai"),
        &[("Cookie", &signed_in)],
        "bintang=5",
    );
    assert_eq!(status, 409, "no rating before a follow-up");
    assert!(body.contains("tidak dapat dilakukan pada status laporan saat ini"));

    // After the follow-up: reply and rate.
    publish_follow_up(&server, &number);
    let cookie_header = [("Cookie", signed_in.as_str())];
    let (status, _, body) = request(
        &server,
        "POST",
        &format!("{page}/balas"),
        &cookie_header,
        "teks=pendek",
    );
    assert_eq!(status, 422, "too short");
    assert!(body.contains("Tulis paling sedikit 10 karakter."));
    assert!(
        body.contains(">pendek</textarea>"),
        "the typed text is kept"
    );
    let reply = "Terima+kasih%2C+lampu+sudah+menyala+kembali+XR9.";
    let (status, head, _) = request(
        &server,
        "POST",
        &format!("{page}/balas"),
        &cookie_header,
        &format!("teks={reply}"),
    );
    assert_eq!(status, 303);
    assert!(header_values(&head, "location")
        .iter()
        .any(|l| l.ends_with("selesai=balas")));
    let (status, _, body) = request(
        &server,
        "POST",
        &format!("{page}/nilai"),
        &cookie_header,
        "bintang=9",
    );
    assert_eq!(status, 422);
    assert!(body.contains("Pilih nilai 1 sampai 5 bintang."));
    let (status, _, _) = request(
        &server,
        "POST",
        &format!("{page}/nilai"),
        &cookie_header,
        "bintang=4&komentar=Cepat+ditangani",
    );
    assert_eq!(status, 303);
    let (_, _, body) = request(&server, "GET", &page, &cookie_header, "");
    assert!(body.contains("Penilaian Anda: 4/5"), "{body}");
    assert!(body.contains("lampu sudah menyala kembali XR9."));
    assert!(body.contains("Lampu sudah diganti oleh Dinas PU."));

    // The public sees that the reporter replied, never what.
    let (_, _, public) = request(&server, "GET", &page, &[], "");
    assert!(public.contains("Pelapor menanggapi"));
    assert!(!public.contains("XR9"));
    assert!(!public.contains("Penilaian Anda"));

    // Signing out ends the session.
    let (status, head, _) = request(
        &server,
        "POST",
        &format!("{page}/keluar"),
        &cookie_header,
        "",
    );
    assert_eq!(status, 303);
    assert!(header_values(&head, "set-cookie")
        .iter()
        .any(|c| c.starts_with(&format!("lapor_pelapor_{compact}=;")) && c.contains("Max-Age=0")));
    let (status, _, _) = request(
        &server,
        "POST",
        &format!("{page}/nilai"),
        &cookie_header,
        "bintang=5",
    );
    assert_eq!(status, 403, "the old session no longer works");
}

#[test]
fn five_wrong_pins_lock_the_pin_with_a_message_saying_so() {
    let (_scratch, server) = start();
    let (status, head, _) = request(&server, "POST", "/lapor", &[], GOOD_FORM);
    assert_eq!(status, 303);
    let receipt = header_values(&head, "location").pop().expect("location");
    let compact = receipt.rsplit('/').next().expect("number").to_string();
    let sign_in = format!("/lacak/{compact}/masuk");
    // Neither six digits nor counted.
    let (status, _, body) = request(&server, "POST", &sign_in, &[], "pin=12ab");
    assert_eq!(status, 422);
    assert!(body.contains("PIN terdiri dari 6 angka"));
    // Six digits that are (almost surely) wrong, five times: a 1 in 10^6 chance per try
    // of hitting the real PIN is accepted.
    let mut last = (0, String::new());
    for _ in 0..5 {
        let (status, _, body) = request(&server, "POST", &sign_in, &[], "pin=999999");
        if status == 303 {
            return; // the random PIN was 999999
        }
        last = (status, body);
    }
    assert_eq!(last.0, 429);
    assert!(last.1.contains("dikunci selama 15 menit"), "{}", last.1);
}
