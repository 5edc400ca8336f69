//! The product tried as an attacker and as a careless client would, over real HTTP
//! against a real `lapor serve`: typed markup in every field of every form comes back
//! only escaped, a client's mistake never gets a 5xx, return addresses stay on this
//! site, signed-out staff are sent to sign in, oversized bodies are refused before
//! they are read, and a replayed draft key hands out nothing.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use app::server::seed::demo::DEMO_PASSWORD;

mod common;

use common::{
    cookie, header_values, lapor, page_version, post_json, request, send, sign_in, Scratch, Server,
};

/// What a hostile visitor types into every field.
const PAYLOAD: &str = "\"'><script>alert(1)</script></textarea><b id=xss>";
/// [`PAYLOAD`] urlencoded, for form bodies and query strings.
const PAYLOAD_ENCODED: &str =
    "%22%27%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%3C%2Ftextarea%3E%3Cb+id%3Dxss%3E";

const GOOD_FORM: &str = "classification=pengaduan&title=Jalan+berlubang+di+depan+sekolah\
    &body=Sejak+dua+minggu+jalan+di+depan+SDN+2+berlubang+besar+dan+berbahaya\
    &region_code=3517&name=Budi+Santoso&phone=081234567890&email=budi%40contoh.id";

/// The demo staff around Kabupaten Jombang, then the server.
fn start() -> (Scratch, Server) {
    let scratch = Scratch::new("hostile");
    let seeded = lapor(&["seed", "--essentials", "--demo"], &scratch.url);
    assert!(seeded.status.success(), "{}", common::stderr(&seeded));
    let server = Server::start(&scratch.url);
    (scratch, server)
}

/// The page holds no live markup from [`PAYLOAD`].
fn assert_no_live_markup(page: &str, context: &str) {
    for raw in ["<script>alert(1)", "<b id=xss"] {
        assert!(!page.contains(raw), "{raw:?} unescaped in {context}");
    }
}

/// The page shows [`PAYLOAD`] back, and only escaped.
fn assert_shown_escaped(page: &str, context: &str) {
    assert_no_live_markup(page, context);
    assert!(
        page.contains("&lt;b id=xss&gt;"),
        "the typed text is not shown at all in {context}"
    );
}

fn location(head: &str) -> String {
    header_values(head, "location")
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// Sends a good report; returns its compact number and the reporter's session cookie.
fn send_report(server: &Server, form: &str) -> (String, String) {
    let (status, head, _) = request(server, "POST", "/lapor", &[], form);
    assert_eq!(status, 303, "{head}");
    let number = location(&head)
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let session = cookie(&head, "lapor_pelapor_").expect("a reporter session");
    (number, session)
}

// ------------------------------------------------------------------ escaping

/// Every field the citizen form has, each posted alone with the payload: the form
/// comes back (422) with no live markup, and every text field shows what was typed.
#[test]
fn markup_typed_in_any_field_of_the_report_form_comes_back_escaped() {
    let (_scratch, server) = start();
    // Fields written back as text (inputs and the story's textarea).
    let shown = [
        "title",
        "body",
        "name",
        "phone",
        "email",
        "address",
        "agency_query",
        "event_date",
    ];
    // Fields written back as choices, hidden values or coordinates.
    let others = [
        "classification",
        "province_code",
        "region_code",
        "district_code",
        "village_code",
        "category_id",
        "target_agency_id",
        "latitude",
        "longitude",
        "idempotency_key",
        "lampiran_token",
        "needs_inspection",
        "anonymous",
        "confidential",
    ];
    for field in shown.iter().chain(others.iter()) {
        // A title (or, for the title, a story) too short keeps the form from being
        // sent whatever the field.
        let too_short = if *field == "title" {
            "body=Pendek"
        } else {
            "title=Pendek"
        };
        let form = format!("{too_short}&{field}={PAYLOAD_ENCODED}");
        let (status, _, page) = request(&server, "POST", "/lapor", &[], &form);
        assert!(
            (400..500).contains(&status),
            "{field}: a mistake is a client error, not {status}"
        );
        if shown.contains(field) {
            assert_shown_escaped(&page, &format!("/lapor, field {field}"));
        } else {
            assert_no_live_markup(&page, &format!("/lapor, field {field}"));
        }
    }
    // The same with JavaScript's multipart post.
    let (content_type, body) = common::multipart(&[("title", "Pendek"), ("body", PAYLOAD)], &[]);
    let (status, _, page) = send(
        &server.addr,
        "POST",
        "/lapor",
        &[("Content-Type", &content_type), ("Accept", "text/html")],
        &body,
    );
    assert_eq!(status, 422);
    assert_shown_escaped(&String::from_utf8_lossy(&page), "/lapor multipart body");
}

/// The reporter's forms (PIN, reply, rating, reopening), the lookup form and the
/// staff sign-in form, each shown again after a mistake with the payload in it.
#[test]
fn markup_typed_in_the_tracking_and_sign_in_forms_comes_back_escaped() {
    let (_scratch, server) = start();
    let (number, session) = send_report(&server, GOOD_FORM);
    let too_long = format!("{PAYLOAD_ENCODED}{}", "x".repeat(6000));
    let reporter_posts = [
        ("balas", format!("teks={too_long}"), true),
        ("balas", format!("teks={PAYLOAD_ENCODED}"), false),
        (
            "nilai",
            format!("bintang={PAYLOAD_ENCODED}&komentar={too_long}"),
            false,
        ),
        ("buka-kembali", format!("alasan={too_long}"), false),
        ("masuk", format!("pin={PAYLOAD_ENCODED}"), false),
    ];
    for (action, form, echoed) in reporter_posts {
        let path = format!("/lacak/{number}/{action}");
        let (status, head, page) = request(&server, "POST", &path, &[("Cookie", &session)], &form);
        assert!(status < 500, "{path}: {status}");
        let page = if (300..400).contains(&status) {
            request(
                &server,
                "GET",
                &location(&head),
                &[("Cookie", &session)],
                "",
            )
            .2
        } else {
            page
        };
        if echoed {
            assert_shown_escaped(&page, &path);
        } else {
            assert_no_live_markup(&page, &path);
        }
    }
    let (status, _, page) = request(
        &server,
        "GET",
        &format!("/lacak?nomor={PAYLOAD_ENCODED}"),
        &[],
        "",
    );
    assert_eq!(status, 400);
    assert_shown_escaped(&page, "/lacak?nomor=");

    let (status, _, page) = request(
        &server,
        "POST",
        "/masuk",
        &[],
        &format!("email={PAYLOAD_ENCODED}&kata_sandi=x&ke={PAYLOAD_ENCODED}"),
    );
    assert_eq!(status, 401);
    assert_shown_escaped(&page, "/masuk");
}

/// What a citizen stored (story, address, name) and what staff typed (a note, a
/// corrected title, filters, the audit search) on every page that shows it.
#[test]
fn stored_markup_is_shown_escaped_on_every_face() {
    let (_scratch, server) = start();
    let form = format!(
        "classification=pengaduan&title=Jalan+berlubang+di+depan+sekolah\
         &body=Sejak+dua+minggu+jalan+rusak+{PAYLOAD_ENCODED}&address={PAYLOAD_ENCODED}\
         &region_code=3517&name=Budi+{PAYLOAD_ENCODED}&phone=081234567890"
    );
    let (number, reporter) = send_report(&server, &form);
    let (_, _, page) = request(
        &server,
        "GET",
        &format!("/lacak/{number}"),
        &[("Cookie", &reporter)],
        "",
    );
    assert_shown_escaped(&page, "the reporter's tracking page");

    let admin = sign_in(&server, "nasional@demo.lapor.id");
    let report_path = format!("/ruang-kerja/laporan/{number}");
    let (_, _, page) = request(&server, "GET", &report_path, &[("Cookie", &admin)], "");
    assert_shown_escaped(&page, "the workspace report page");
    let note = format!(
        "nomor={number}&langkah=note&versi={}&teks={PAYLOAD_ENCODED}",
        page_version(&page)
    );
    let (status, body) = post_json(&server, &admin, "/api/ruang-kerja/langkah", &note);
    assert_eq!(status, 200, "{body}");
    let (_, _, page) = request(&server, "GET", &report_path, &[("Cookie", &admin)], "");
    let verify = format!(
        "nomor={number}&langkah=verify&versi={}&judul=Judul+{PAYLOAD_ENCODED}&jenis=pengaduan",
        page_version(&page)
    );
    let (status, body) = post_json(&server, &admin, "/api/ruang-kerja/langkah", &verify);
    assert_eq!(status, 200, "{body}");
    // A saved view's name: in the navigation of every page, and on its queue.
    let (status, body) = post_json(
        &server,
        &admin,
        "/api/ruang-kerja/tampilan",
        &format!("nama={PAYLOAD_ENCODED}&alamat=antrean%3Dsemua%26cari%3Djalan"),
    );
    assert_eq!(status, 200, "{body}");

    let filters = [
        "cari", "wilayah", "jenis", "kategori", "saluran", "status", "tenggat", "antrean",
        "halaman",
    ]
    .map(|name| format!("{name}={PAYLOAD_ENCODED}"))
    .join("&");
    let pages = [
        (report_path.clone(), admin.clone(), true),
        (
            "/ruang-kerja/antrean?antrean=semua".to_string(),
            admin.clone(),
            true,
        ),
        (
            format!("/ruang-kerja/antrean?{filters}"),
            admin.clone(),
            true,
        ),
        (
            format!("/ruang-kerja/audit?email={PAYLOAD_ENCODED}"),
            admin.clone(),
            true,
        ),
        ("/ruang-kerja".to_string(), admin.clone(), true),
        (
            "/ruang-kerja/antrean?antrean=semua&cari=jalan".to_string(),
            admin.clone(),
            true,
        ),
        (format!("/lacak/{number}"), String::new(), true),
        (format!("/lacak/{number}"), reporter.clone(), true),
    ];
    for (path, cookies, shown) in pages {
        let (status, _, page) = request(&server, "GET", &path, &[("Cookie", &cookies)], "");
        assert!(status < 500, "{path}: {status}");
        if shown {
            assert_shown_escaped(&page, &path);
        }
    }
}

// ------------------------------------------------------------------ statuses

fn assert_client_error(status: u16, body: &str, context: &str, expected: &[u16]) {
    assert!(
        expected.contains(&status),
        "{context}: {status} (expected one of {expected:?}): {body}"
    );
    let json: serde_json::Value =
        serde_json::from_str(body).unwrap_or_else(|e| panic!("{context}: not JSON ({e}): {body}"));
    let message = json["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "{context}: no message: {body}");
}

/// Every server function, called the wrong way: without arguments, with mistyped
/// ones, with a malformed or unknown number, without a session, by a role that may
/// not, out of the caller's scope. Each answers a 4xx with a sentence, never a 5xx.
#[test]
fn server_functions_answer_a_clients_mistake_with_a_4xx_and_a_message() {
    let (_scratch, server) = start();
    let (number, _) = send_report(&server, GOOD_FORM);
    let unknown = "AAAAAAAAA";
    let public = [
        ("/api/lacak", String::new(), vec![400]),
        ("/api/lacak", "number=AAAAAAAAA".into(), vec![400]),
        ("/api/lacak", "number=K7QM3XPA".into(), vec![400]),
        (
            "/api/lacak",
            format!("number={}", valid_unknown(&number)),
            vec![404],
        ),
        ("/api/lacak", "nomor=x&number[]=1".into(), vec![400]),
        ("/api/tanda-terima", String::new(), vec![400]),
        ("/api/tanda-terima", format!("number={unknown}"), vec![400]),
        (
            "/api/tanda-terima",
            format!("number={}", valid_unknown(&number)),
            vec![404],
        ),
        ("/api/pin-sekali", String::new(), vec![400]),
        ("/api/pin-sekali", format!("number={unknown}"), vec![400]),
        ("/api/pilihan-formulir", String::new(), vec![400]),
        ("/api/pilihan-formulir", "locale=klingon".into(), vec![400]),
        ("/api/tidak-ada", String::new(), vec![400, 404]),
    ];
    for (path, form, expected) in public {
        let (status, body) = post_json(&server, "", path, &form);
        if path == "/api/tidak-ada" {
            assert!(expected.contains(&status), "{path}: {status}");
            continue;
        }
        assert_client_error(status, &body, &format!("{path} {form}"), &expected);
    }

    let staff_calls = |number: &str| {
        [
            ("/api/ruang-kerja/laporan", format!("nomor={number}")),
            (
                "/api/ruang-kerja/audit",
                "email=nasional@demo.lapor.id".to_string(),
            ),
            (
                "/api/ruang-kerja/antrean",
                "antrean=semua&filter[search]=jalan".to_string(),
            ),
            (
                "/api/ruang-kerja/langkah",
                format!("nomor={number}&langkah=verify&versi=1"),
            ),
            ("/api/ruang-kerja/meja", String::new()),
            ("/api/ruang-kerja/dasbor", String::new()),
            ("/api/ruang-kerja/akun", String::new()),
            (
                "/api/ruang-kerja/kata-sandi",
                "sandi_lama=a&sandi_baru=bbbbbbbbbbbbbb&sandi_ulang=bbbbbbbbbbbbbb".to_string(),
            ),
            ("/api/ruang-kerja/keluar-lainnya", String::new()),
            (
                "/api/ruang-kerja/massal",
                format!("langkah=arsip&laporan[]={number}:1&teks=Spam"),
            ),
            (
                "/api/ruang-kerja/tampilan",
                "nama=Saya&alamat=antrean%3Dsemua".to_string(),
            ),
            ("/api/ruang-kerja/tampilan-hapus", "id=1".to_string()),
        ]
    };
    for (path, form) in staff_calls(&number) {
        let (status, body) = post_json(&server, "", path, &form);
        assert_client_error(status, &body, &format!("{path} without a session"), &[401]);
    }
    let unit = sign_in(&server, "pu@jombangkab.demo.lapor.id");
    let national = sign_in(&server, "nasional@demo.lapor.id");
    let cases = [
        (
            &unit,
            "/api/ruang-kerja/audit",
            "email=x@y.id".to_string(),
            vec![403],
        ),
        (
            &unit,
            "/api/ruang-kerja/laporan",
            format!("nomor={number}"),
            vec![404],
        ),
        (
            &unit,
            "/api/ruang-kerja/langkah",
            format!("nomor={number}&langkah=verify&versi=1"),
            vec![404],
        ),
        (
            &national,
            "/api/ruang-kerja/laporan",
            format!("nomor={unknown}"),
            vec![400],
        ),
        (
            &national,
            "/api/ruang-kerja/laporan",
            format!("nomor={}", valid_unknown(&number)),
            vec![404],
        ),
        (
            &national,
            "/api/ruang-kerja/laporan",
            String::new(),
            vec![400],
        ),
        // A password change: missing fields (400), a short new one, a wrong current
        // one, a huge one (422, each with its reason), never a 500.
        (
            &national,
            "/api/ruang-kerja/kata-sandi",
            String::new(),
            vec![400],
        ),
        (
            &national,
            "/api/ruang-kerja/kata-sandi",
            "sandi_lama=x&sandi_baru=pendek&sandi_ulang=pendek".to_string(),
            vec![422],
        ),
        (
            &national,
            "/api/ruang-kerja/kata-sandi",
            "sandi_lama=bukan-sandinya&sandi_baru=baru-dan-panjang&sandi_ulang=baru-dan-panjang"
                .to_string(),
            vec![422],
        ),
        (
            &national,
            "/api/ruang-kerja/kata-sandi",
            format!(
                "sandi_lama=x&sandi_baru={0}&sandi_ulang={0}",
                "y".repeat(5000)
            ),
            vec![422],
        ),
        (
            &national,
            "/api/ruang-kerja/langkah",
            format!("nomor={number}&langkah=verify&versi=satu"),
            vec![400],
        ),
        // Bulk steps: nothing chosen, a garbled choice, too many, a step the role may
        // not take, an unknown agency, an archive without its reason (each with its
        // reason, never a 500).
        (
            &national,
            "/api/ruang-kerja/massal",
            "langkah=arsip&teks=Spam".to_string(),
            vec![422],
        ),
        (
            &national,
            "/api/ruang-kerja/massal",
            "langkah=arsip&teks=Spam&laporan[]=%ff%00:x".to_string(),
            vec![422],
        ),
        (
            &national,
            "/api/ruang-kerja/massal",
            format!(
                "langkah=arsip&teks=Spam{}",
                (0..101u8)
                    .map(|i| {
                        // Each byte counts modulo 31: two of them make 101 numbers.
                        let mut data = [0; app::model::tracking::DATA_LEN];
                        data[0] = i % 31;
                        data[1] = i / 31;
                        let other = app::model::TrackingNumber::from_random(data);
                        format!("&laporan[]={}:1", other.as_str())
                    })
                    .collect::<String>()
            ),
            vec![422],
        ),
        (
            &unit,
            "/api/ruang-kerja/massal",
            format!("langkah=disposisi&unit=Dinas+PUPR&laporan[]={number}:1"),
            vec![403],
        ),
        (
            &national,
            "/api/ruang-kerja/massal",
            format!("langkah=terbang&laporan[]={number}:1"),
            vec![403],
        ),
        (
            &national,
            "/api/ruang-kerja/massal",
            format!("langkah=verifikasi-teruskan&instansi=Tidak+Ada&laporan[]={number}:1"),
            vec![422],
        ),
        (
            &national,
            "/api/ruang-kerja/massal",
            format!("langkah=arsip&teks=+&laporan[]={number}:1"),
            vec![422],
        ),
        // Saved views: no name, a huge name, an address that names no queue of the
        // role, someone else's view (or none).
        (
            &national,
            "/api/ruang-kerja/tampilan",
            "nama=+&alamat=antrean%3Dsemua".to_string(),
            vec![422],
        ),
        (
            &national,
            "/api/ruang-kerja/tampilan",
            format!("nama={}&alamat=antrean%3Dsemua", "n".repeat(10_000)),
            vec![422],
        ),
        (
            &national,
            "/api/ruang-kerja/tampilan",
            "nama=Aneh&alamat=antrean%3Ddraf".to_string(),
            vec![400],
        ),
        (
            &national,
            "/api/ruang-kerja/tampilan",
            "nama=Aneh&alamat=%ff%fe".to_string(),
            vec![400],
        ),
        (
            &national,
            "/api/ruang-kerja/tampilan-hapus",
            "id=999999".to_string(),
            vec![404],
        ),
        (
            &national,
            "/api/ruang-kerja/tampilan-hapus",
            "id=satu".to_string(),
            vec![400],
        ),
        (
            &national,
            "/api/ruang-kerja/langkah",
            format!("nomor={number}&langkah=terbang&versi=1"),
            vec![403],
        ),
        (
            &national,
            "/api/ruang-kerja/langkah",
            format!("nomor={number}&langkah=publish&versi=1"),
            vec![403, 409],
        ),
        (
            &national,
            "/api/ruang-kerja/langkah",
            format!("nomor={number}&langkah=verify&versi=99"),
            vec![409],
        ),
        (
            &national,
            "/api/ruang-kerja/antrean",
            "halaman=banyak".to_string(),
            vec![400],
        ),
        (
            &national,
            "/api/ruang-kerja/langkah",
            format!("nomor={number}&langkah=duplicate&versi=1&sama_dengan=%27%3B--"),
            vec![400, 409, 422],
        ),
        (
            &national,
            "/api/ruang-kerja/langkah",
            format!("nomor={number}&langkah=duplicate&versi=1&sama_dengan={number}"),
            vec![400, 409, 422],
        ),
        (
            &national,
            "/api/ruang-kerja/langkah",
            format!("nomor={number}&langkah=duplicate&versi=1"),
            vec![400, 409, 422],
        ),
    ];
    for (session, path, form, expected) in cases {
        let (status, body) = post_json(&server, session, path, &form);
        assert_client_error(status, &body, &format!("{path} {form}"), &expected);
    }

    // The sentence is in the reader's language.
    let (status, body) = post_json(&server, "lapor_lang=en", "/api/lacak", "number=AAAAAAAAA");
    assert_eq!(status, 400);
    let id = post_json(&server, "", "/api/lacak", "number=AAAAAAAAA").1;
    assert_ne!(body, id, "English and Indonesian messages differ");
}

/// A well-formed tracking number that is not `number`: the model makes its check
/// character.
fn valid_unknown(number: &str) -> String {
    use app::model::tracking::DATA_LEN;
    use app::model::TrackingNumber;
    (0..31u8)
        .map(|v| TrackingNumber::from_random([v; DATA_LEN]))
        .map(|n| n.as_str().to_string())
        .find(|n| n != number)
        .expect("another number")
}

/// Every route, sent garbage the way a careless or hostile client would: never a 5xx.
#[test]
fn no_route_answers_garbage_with_a_server_error() {
    let (_scratch, server) = start();
    let (number, reporter) = send_report(&server, GOOD_FORM);
    let staff = sign_in(&server, "pu@jombangkab.demo.lapor.id");
    let gets = [
        "/".to_string(),
        "/lapor".into(),
        "/lapor/terkirim/AAAAAAAAA".into(),
        "/lapor/terkirim/%ff%fe".into(),
        "/lacak".into(),
        "/lacak?nomor=%ff".into(),
        "/lacak/%00".into(),
        "/lacak/AAAAAAAAA/lampiran/1".into(),
        format!("/lacak/{number}/lampiran/abc"),
        "/ruang-kerja/laporan/AAAAAAAAA".into(),
        "/ruang-kerja/antrean?halaman=-1&antrean=%ff".into(),
        "/ruang-kerja/audit".into(),
        "/ruang-kerja/ekspor?halaman=x".into(),
        "/ruang-kerja/cari?cari=%ff%fe&antrean=%00".into(),
        "/ruang-kerja/akun?__err=%ff".into(),
        "/ruang-kerja/antrean?antrean=verifikasi&massal=%ff%fe".into(),
        "/ruang-kerja/antrean?antrean=milik-saya&massal=e30".into(),
        "/wilayah/%27%3B".into(),
        "/instansi?q=%ff%fe".into(),
        "/bahasa/en?ke=/%0d%0a".into(),
        "/bahasa/en?ke=/%09".into(),
        "/bahasa/xx".into(),
        "/lampiran/..%2f..%2fetc%2fpasswd".into(),
        "/pkg/tidak-ada.wasm".into(),
        "/pkg-staff/tidak-ada.wasm".into(),
        "/pkg-staff/..%2f..%2fCargo.toml".into(),
        "/tidak/ada".into(),
        "/kanal/sms/generic?from=%ff&text=%fe&id=%00".into(),
        format!(
            "/kanal/sms/generic?token={}&from=%ff&text=%fe&id=%00",
            common::SMS_TOKEN
        ),
        format!(
            "/kanal/sms/generic?token={}&from=081234567890&id=1&parts=x&part=%ff",
            common::SMS_TOKEN
        ),
        format!(
            "/kanal/sms/kannel?token={}&from=&keyword=%ff",
            common::SMS_TOKEN
        ),
        "/kanal/sms/kannel?token=%ff".into(),
        "/kanal/sms/twilio".into(),
        "/kanal/telegram".into(),
        "/kanal/whatsapp?hub.mode=%ff&hub.verify_token=%fe&hub.challenge=%00".into(),
        "/laporan?status=%ff&dari=x&sampai=2026-02-31&sebelum=%00&kategori=-1".into(),
        "/laporan?wilayah=%27%3B&instansi=%3Cscript%3E&cari=%22%2A%3A%26".into(),
        format!("/laporan?sebelum={number}&didukung=%ff"),
        "/instansi/%ff%fe".into(),
        "/instansi/..%2f..".into(),
        "/laporan/AAAAAAAAA/dukung".into(),
        "/data/laporan.csv?jenis=%ff&sebelum=%00".into(),
        "/data/laporan.json?wilayah=%27%3B&cari=%22%2A".into(),
        "/data/tidak-ada.csv".into(),
        "/lapor/mirip?judul=%ff%fe&isi=%00&wilayah=%27&lat=nan&lon=inf".into(),
        format!(
            "/lapor/mirip?judul={}&isi={}&wilayah=3517",
            "jalan+".repeat(2000),
            "x".repeat(9000)
        ),
        "/statistik?dari=%ff&sampai=0000-00-00".into(),
        "/statistik?dari=1900-01-01&sampai=2999-12-31".into(),
        "/statistik?wilayah=%27%3B--&urut=%ff".into(),
        "/data/statistik.csv?wilayah=35%25&dari=%ff".into(),
        "/data/statistik.json?urut=%3Cscript%3E".into(),
        "/simulator/sms?nomor=%ff%fe".into(),
        "/ruang-kerja/impor".into(),
        "/ruang-kerja/pengawasan".into(),
        "/ruang-kerja/antrean?antrean=terlambat&instansi=%27%3B--&wilayah=%ff".into(),
        "/laporan-saya?%ff=%fe".into(),
        "/manifest.webmanifest?x=%00".into(),
        // Socialization mode is off here: every address of it is a 404.
        "/demo?kabar=%ff".into(),
        "/demo/panduan".into(),
        "/demo/qr.svg".into(),
        "/demo/langsung".into(),
    ];
    for path in &gets {
        for cookies in ["", reporter.as_str(), staff.as_str()] {
            let (status, _, _) = request(&server, "GET", path, &[("Cookie", cookies)], "");
            assert!(status != 0 && status < 500, "GET {path}: {status}");
        }
    }
    let posts = [
        "/lapor",
        "/lampiran",
        "/masuk",
        "/keluar",
        "/lacak/AAAAAAAAA/masuk",
        "/lacak/AAAAAAAAA/balas",
        "/lacak/AAAAAAAAA/nilai",
        "/lacak/AAAAAAAAA/buka-kembali",
        "/lacak/AAAAAAAAA/keluar",
        "/api/ruang-kerja/langkah",
        "/kanal/sms/generic",
        "/kanal/sms/kannel",
        "/kanal/sms/twilio",
        "/kanal/telegram",
        "/kanal/whatsapp",
        "/laporan/AAAAAAAAA/dukung",
        "/laporan/%ff/dukung",
        "/simulator/sms",
        "/ruang-kerja/impor",
        "/demo/peran",
        "/demo/waktu",
        "/demo/atur-ulang",
    ];
    let bodies = [
        "",
        "%ff%fe=%zz&&&=",
        "a=1&a=2&a[]=3",
        "{\"json\": true}",
        "from=%ff%fe&text=%00&id=1&part=2&parts=1&ref=",
        "from=081234567890&id=x&text=BALAS%20AAAAAAAAA%20%ff",
    ];
    let gateway = format!("Bearer {}", common::SMS_TOKEN);
    for path in posts {
        for body in bodies {
            for cookies in ["", reporter.as_str(), staff.as_str()] {
                let (status, _, _) = request(&server, "POST", path, &[("Cookie", cookies)], body);
                assert!(
                    status != 0 && status < 500,
                    "POST {path} {body:?}: {status}"
                );
            }
            // The gateways' secrets get past the door: the content must be refused too.
            for secret in [
                ("Authorization", gateway.as_str()),
                ("X-Telegram-Bot-Api-Secret-Token", common::TELEGRAM_SECRET),
            ] {
                let (status, _, _) = request(&server, "POST", path, &[secret], body);
                assert!(
                    status != 0 && status < 500,
                    "POST {path} {body:?} with the secret: {status}"
                );
            }
        }
    }
}

// ------------------------------------------------------------------ addresses

#[test]
fn the_language_switch_never_fails_and_never_leaves_the_site() {
    let (_scratch, server) = start();
    let cases = [
        ("/%0d%0a", "/"),
        ("/%09", "/"),
        ("/%0d%0aSet-Cookie:%20x=1", "/"),
        ("//evil.example", "/"),
        ("https://evil.example", "/"),
        ("/%5cevil.example", "/"),
        ("/lacak/ABC", "/lacak/ABC"),
    ];
    for (back, expected) in cases {
        let (status, head, _) = request(&server, "GET", &format!("/bahasa/en?ke={back}"), &[], "");
        assert_eq!(status, 303, "{back}: {head}");
        assert_eq!(location(&head), expected, "{back}");
        assert!(cookie(&head, "lapor_lang=en").is_some());
    }
}

#[test]
fn signed_out_staff_are_sent_to_sign_in_and_brought_back() {
    let (_scratch, server) = start();
    let (number, _) = send_report(&server, GOOD_FORM);
    let pages = [
        "/ruang-kerja".to_string(),
        "/ruang-kerja/antrean?antrean=semua&halaman=2".into(),
        "/ruang-kerja/cari".into(),
        "/ruang-kerja/akun".into(),
        format!("/ruang-kerja/laporan/{number}"),
        "/ruang-kerja/audit?email=a@b.id".into(),
        "/ruang-kerja/ekspor?antrean=semua".into(),
    ];
    for page in &pages {
        // Whatever the client accepts: a browser, a script, curl.
        for accept in ["text/html", "*/*", "application/json"] {
            let (status, head, _) = request(&server, "GET", page, &[("Accept", accept)], "");
            assert_eq!(status, 303, "{page} ({accept}): {head}");
            let to = location(&head);
            let encoded: String = form_urlencoded_encode(page);
            assert_eq!(to, format!("/masuk?ke={encoded}"), "{page}");
        }
        let (status, _, form) = request(
            &server,
            "GET",
            &format!("/masuk?ke={}", form_urlencoded_encode(page)),
            &[],
            "",
        );
        assert_eq!(status, 200);
        assert!(
            form.contains("name=\"ke\""),
            "the sign-in form carries the way back"
        );
        let body = format!(
            "email=nasional@demo.lapor.id&kata_sandi={DEMO_PASSWORD}&ke={}",
            form_urlencoded_encode(page)
        );
        let (status, head, _) = request(&server, "POST", "/masuk", &[], &body);
        assert_eq!(status, 303);
        assert_eq!(
            &location(&head),
            page,
            "signed in, back to the page asked for"
        );
    }
    // A way back off the workspace is not followed.
    for back in [
        "https://evil.example",
        "//evil.example",
        "/lacak/ABC",
        "/%0d%0a",
    ] {
        let body = format!("email=nasional@demo.lapor.id&kata_sandi={DEMO_PASSWORD}&ke={back}");
        let (status, head, _) = request(&server, "POST", "/masuk", &[], &body);
        assert_eq!(status, 303);
        assert_eq!(location(&head), "/ruang-kerja", "{back}");
    }
}

fn form_urlencoded_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[test]
fn the_audit_page_tells_other_roles_it_is_for_national_administrators() {
    let (_scratch, server) = start();
    for email in [
        "admin@jombangkab.demo.lapor.id",
        "penghubung@jombangkab.demo.lapor.id",
        "pu@jombangkab.demo.lapor.id",
        "pengawas@demo.lapor.id",
    ] {
        let session = sign_in(&server, email);
        let (status, _, page) = request(
            &server,
            "GET",
            "/ruang-kerja/audit?email=nasional@demo.lapor.id",
            &[("Cookie", &session)],
            "",
        );
        assert_eq!(status, 403, "{email}");
        assert!(
            page.contains("hanya untuk administrator nasional"),
            "{email}: {page}"
        );
    }
    let national = sign_in(&server, "nasional@demo.lapor.id");
    let (status, _, _) = request(
        &server,
        "GET",
        "/ruang-kerja/audit?email=pu@jombangkab.demo.lapor.id",
        &[("Cookie", &national)],
        "",
    );
    assert_eq!(status, 200);
}

// ------------------------------------------------------------------ bodies

/// Sends only a request head declaring `length` bytes and reads the answer: a server
/// that waits for the body answers nothing before the timeout (status 0).
fn declare_length(server: &Server, path: &str, length: u64, content_type: &str) -> (u16, String) {
    let Ok(mut stream) = TcpStream::connect(&server.addr) else {
        return (0, String::new());
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {length}\r\nConnection: close\r\n\r\n",
        server.addr
    );
    if stream.write_all(head.as_bytes()).is_err() {
        return (0, String::new());
    }
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// Every POST route, with a declared body far above its limit: 413 at once, in words.
#[test]
fn a_body_declared_far_above_the_limit_is_refused_before_it_is_read() {
    let (_scratch, server) = start();
    let posts = [
        ("/lapor", "multipart/form-data; boundary=x"),
        ("/lampiran", "multipart/form-data; boundary=x"),
        ("/lacak/AAAAAAAAA/balas", "multipart/form-data; boundary=x"),
        (
            "/lacak/AAAAAAAAA/masuk",
            "application/x-www-form-urlencoded",
        ),
        (
            "/lacak/AAAAAAAAA/nilai",
            "application/x-www-form-urlencoded",
        ),
        (
            "/lacak/AAAAAAAAA/buka-kembali",
            "application/x-www-form-urlencoded",
        ),
        (
            "/lacak/AAAAAAAAA/keluar",
            "application/x-www-form-urlencoded",
        ),
        ("/masuk", "application/x-www-form-urlencoded"),
        ("/keluar", "application/x-www-form-urlencoded"),
        ("/api/lacak", "application/x-www-form-urlencoded"),
        ("/kanal/sms/generic", "application/x-www-form-urlencoded"),
        ("/kanal/sms/kannel", "application/json"),
        ("/kanal/sms/twilio", "application/x-www-form-urlencoded"),
        ("/kanal/telegram", "application/json"),
        ("/kanal/whatsapp", "application/json"),
        (
            "/laporan/AAAAAAAAA/dukung",
            "application/x-www-form-urlencoded",
        ),
        ("/simulator/sms", "application/x-www-form-urlencoded"),
        ("/ruang-kerja/impor", "application/x-www-form-urlencoded"),
        (
            "/api/ruang-kerja/langkah",
            "application/x-www-form-urlencoded",
        ),
    ];
    for (path, content_type) in posts {
        let (status, answer) = declare_length(&server, path, 10_000_000_000, content_type);
        assert_eq!(status, 413, "{path}: {answer}");
        assert!(answer.contains("terlalu besar"), "{path}: {answer}");
    }
    // A text route's limit is far below a file route's.
    let (status, _) = declare_length(
        &server,
        "/masuk",
        2_000_000,
        "application/x-www-form-urlencoded",
    );
    assert_eq!(status, 413);
}

// ------------------------------------------------------------------ replays

/// A repeated send of a draft answers with the number only: another device that
/// replays the key gets no session and no PIN, and the reporter's PIN still works.
#[test]
fn a_replayed_draft_key_hands_out_neither_a_session_nor_a_pin() {
    let (_scratch, server) = start();
    let form = format!("{GOOD_FORM}&confidential=on&idempotency_key=replayed-key-1");
    let (status, first, _) = request(&server, "POST", "/lapor", &[], &form);
    assert_eq!(status, 303);
    let pin = cookie(&first, "lapor_pin_sekali=")
        .and_then(|c| c.rsplit('.').next().map(str::to_string))
        .expect("the PIN of the first send");
    let receipt = location(&first);

    let (status, again, _) = request(&server, "POST", "/lapor", &[], &form);
    assert_eq!(status, 303);
    assert_eq!(location(&again), receipt, "the same report number");
    assert!(
        header_values(&again, "set-cookie").is_empty(),
        "a replay got cookies: {again}"
    );
    let number = receipt.rsplit('/').next().unwrap_or_default().to_string();
    let (_, _, page) = request(&server, "GET", &format!("/lacak/{number}"), &[], "");
    assert!(
        !page.contains("Jalan berlubang di depan sekolah"),
        "confidential content shown"
    );

    let (status, head, _) = request(
        &server,
        "POST",
        &format!("/lacak/{number}/masuk"),
        &[],
        &format!("pin={pin}"),
    );
    assert_eq!(status, 303, "the reporter's PIN still opens the report");
    let session = cookie(&head, "lapor_pelapor_").expect("a session");
    let (_, _, page) = request(
        &server,
        "GET",
        &format!("/lacak/{number}"),
        &[("Cookie", &session)],
        "",
    );
    assert!(page.contains("Jalan berlubang di depan sekolah"));
}

// ------------------------------------------------------------------ descriptions

/// Every public page describes itself, from the locale files, in the reader's language.
#[test]
fn every_public_page_has_a_description_in_the_readers_language() {
    let (_scratch, server) = start();
    let (number, _) = send_report(&server, GOOD_FORM);
    let pages = [
        "/".to_string(),
        "/lapor".into(),
        format!("/lapor/terkirim/{number}"),
        "/lacak".into(),
        format!("/lacak/{number}"),
        "/masuk".into(),
        "/tidak/ada".into(),
        "/laporan".into(),
        "/instansi/kab-3517".into(),
        "/data".into(),
        "/statistik".into(),
        "/laporan-saya".into(),
    ];
    for page in &pages {
        let mut seen = Vec::new();
        for cookies in ["", "lapor_lang=en"] {
            let (_, _, html) = request(&server, "GET", page, &[("Cookie", cookies)], "");
            let descriptions: Vec<&str> = html
                .match_indices("<meta name=\"description\" content=\"")
                .map(|(at, m)| {
                    let rest = &html[at + m.len()..];
                    &rest[..rest.find('"').unwrap_or(0)]
                })
                .collect();
            assert_eq!(descriptions.len(), 1, "{page} {cookies}: {descriptions:?}");
            assert!(descriptions[0].len() > 40, "{page}: {descriptions:?}");
            seen.push(descriptions[0].to_string());
        }
        assert_ne!(seen[0], seen[1], "{page}: the same text in both languages");
        assert!(seen[0].contains("LAPOR!"), "{page}: {}", seen[0]);
    }
}
