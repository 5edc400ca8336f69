//! The agency workspace over real HTTP against a real `lapor serve` with the demo
//! staff (`lapor seed --demo`): the session cookie, sign-in and sign-out, the step
//! server function, isolation between agencies and units, and an anonymous
//! reporter's identity, which no agency role can obtain through any page or function.

use app::model::staff::check_new_staff;
use app::server::seed::demo::DEMO_PASSWORD;
use app::server::storage::{PinKey, Store};

mod common;

use common::{
    cookie, header_values, lapor, page_version, post_json, request, sign_in, Scratch, Server,
};

const MARKERS: [&str; 3] = [
    "Penanda Rahasia Wq7",
    "081299990007",
    "penanda.wq7@contoh.id",
];

const ANONYMOUS_FORM: &str = "classification=pengaduan&title=Jalan+berlubang+di+depan+SDN+2\
    &body=Lubang+besar+di+jalan+depan+SDN+2+sudah+membuat+tiga+pengendara+motor+jatuh+minggu+ini\
    &region_code=3517&anonymous=on&name=Penanda+Rahasia+Wq7&phone=081299990007\
    &email=penanda.wq7%40contoh.id";

fn start() -> (Scratch, Server) {
    start_with(|url, _| Server::start(url))
}

/// Seeds the demo staff and another agency's administrator, then starts the server
/// with `serve(database_url, scratch folder)`.
fn start_with(serve: impl Fn(&str, &std::path::Path) -> Server) -> (Scratch, Server) {
    let scratch = Scratch::new("workspace");
    let seeded = lapor(&["seed", "--essentials", "--demo"], &scratch.url);
    assert!(seeded.status.success(), "{}", common::stderr(&seeded));
    // An administrator of another agency, to prove the isolation.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let store = Store::connect(&scratch.url, PinKey::random())
            .await
            .expect("connect");
        let health = store
            .agency_id_by_code("kementerian-kesehatan")
            .await
            .expect("lookup")
            .expect("seeded");
        let new = check_new_staff("admin@kemkes.go.id", "", "agency_admin", Some(health), None)
            .expect("valid");
        store
            .add_staff(
                &new,
                DEMO_PASSWORD,
                app::server::state::Clock::default().now(),
            )
            .await
            .expect("stored");
        store.close().await;
    });
    let server = serve(&scratch.url, &scratch.dir);
    (scratch, server)
}

fn get(server: &Server, path: &str, session: &str) -> (u16, String, String) {
    request(server, "GET", path, &[("Cookie", session)], "")
}

/// Takes a step through the step server function.
fn step(server: &Server, session: &str, form: &str) -> (u16, String) {
    post_json(server, session, "/api/ruang-kerja/langkah", form)
}

/// The report's version as its workspace page shows it.
fn version(server: &Server, session: &str, number: &str) -> String {
    let (_, _, page) = get(server, &format!("/ruang-kerja/laporan/{number}"), session);
    page_version(&page)
}

#[test]
fn staff_sign_in_uses_a_strict_http_only_cookie_that_rotates_and_ends_at_sign_out() {
    let (_scratch, server) = start();
    let (status, head, _) = request(&server, "GET", "/ruang-kerja", &[], "");
    assert_eq!(status, 303, "{head}");
    assert_eq!(
        header_values(&head, "location"),
        ["/masuk?ke=%2Fruang-kerja"]
    );

    let wrong = format!("email=admin@jombangkab.demo.lapor.id&kata_sandi=salah-{DEMO_PASSWORD}");
    let (status, _, page) = request(&server, "POST", "/masuk", &[], &wrong);
    assert_eq!(status, 401);
    assert!(page.contains("Email atau kata sandi salah."), "{page}");
    let unknown = format!("email=tidak.ada@demo.lapor.id&kata_sandi={DEMO_PASSWORD}");
    let (status, _, page) = request(&server, "POST", "/masuk", &[], &unknown);
    assert_eq!(
        status, 401,
        "an unknown email reads the same as a wrong password"
    );
    assert!(page.contains("Email atau kata sandi salah."));

    let body = format!("email=admin@jombangkab.demo.lapor.id&kata_sandi={DEMO_PASSWORD}");
    let (status, head, _) = request(&server, "POST", "/masuk", &[], &body);
    assert_eq!(status, 303);
    let set = header_values(&head, "set-cookie").join("\n");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    assert!(!set.contains("Secure"), "plain HTTP: {set}");
    let first = cookie(&head, "lapor_petugas=").expect("cookie");
    let (status, _, page) = get(&server, "/ruang-kerja", &first);
    assert_eq!(status, 200);
    assert!(page.contains("Admin instansi"), "the role is shown");
    // The workspace's own styles and bundle come with workspace pages only, and the
    // citizens' bundle (nor its islands router) never does.
    assert!(page.contains("/css/ruang-kerja.css") && page.contains("/pkg-staff/lapor-staff"));
    assert!(page.contains("<leptos-island"));
    assert!(
        citizen_scripts(&page).is_empty(),
        "{:?}",
        citizen_scripts(&page)
    );
    let (_, _, citizen) = request(&server, "GET", "/lapor", &[], "");
    assert!(!citizen.contains("ruang-kerja.css") && !citizen.contains("lapor-staff"));
    assert!(!citizen_scripts(&citizen).is_empty());

    // Signing in again (over HTTPS, as a proxy says) gives a new id and ends the old one.
    let (_, head, _) = request(
        &server,
        "POST",
        "/masuk",
        &[("Cookie", &first), ("X-Forwarded-Proto", "https")],
        &body,
    );
    assert!(header_values(&head, "set-cookie")
        .join("")
        .contains("Secure"));
    let second = cookie(&head, "lapor_petugas=").expect("cookie");
    assert_ne!(first, second);
    let (status, _, _) = get(&server, "/ruang-kerja", &first);
    assert!((300..400).contains(&status), "the old session is over");

    let (status, head, _) = request(&server, "POST", "/keluar", &[("Cookie", &second)], "");
    assert_eq!(status, 303);
    assert!(header_values(&head, "set-cookie")
        .join("")
        .contains("Max-Age=0"));
    let (status, _, _) = get(&server, "/ruang-kerja", &second);
    assert!((300..400).contains(&status), "signed out");

    // The national administrator reads what that account did; the account itself cannot.
    let national = sign_in(&server, "nasional@demo.lapor.id");
    let audit_path = "/ruang-kerja/audit?email=admin%40jombangkab.demo.lapor.id";
    let (status, _, page) = get(&server, audit_path, &national);
    assert_eq!(status, 200);
    for action in ["sign_in_failed", "sign_in", "sign_out"] {
        assert!(
            page.contains(&format!("<code>{action}</code>")),
            "{action}: {page}"
        );
    }
    let admin = sign_in(&server, "admin@jombangkab.demo.lapor.id");
    let (_, _, page) = get(&server, audit_path, &admin);
    assert!(
        !page.contains("<code>sign_out</code>"),
        "only national administrators read it"
    );
}

#[test]
fn an_anonymous_reporter_reaches_no_agency_role_through_any_page_function_export_or_log() {
    no_agency_role_learns_who_sent("web", &MARKERS, true, |server| {
        let (status, head, _) = request(server, "POST", "/lapor", &[], ANONYMOUS_FORM);
        assert_eq!(status, 303, "{head}");
        let location = header_values(&head, "location").join("");
        location.rsplit('/').next().expect("a number").to_string()
    });
}

/// The same for a report sent by SMS with `ANONIM`: the phone number is the identity.
#[test]
fn an_anonymous_sms_reporter_reaches_no_agency_role_through_any_page_function_export_or_log() {
    // Every way the number could be written.
    let markers = ["81299990008", "0812 9999 0008", "0812-9999-0008"];
    no_agency_role_learns_who_sent("sms", &markers, true, |server| {
        let text = "ANONIM JOMBANGKAB Jalan berlubang di depan SDN 2 sudah membuat tiga \
                    pengendara motor jatuh minggu ini";
        let body = format!(
            "from=0812-9999-0008&id=anonim-1&text={}",
            text.replace(' ', "+")
        );
        let auth = format!("Bearer {}", common::SMS_TOKEN);
        let (status, head, reply) = request(
            server,
            "POST",
            "/kanal/sms/generic",
            &[("Authorization", &auth)],
            &body,
        );
        assert_eq!(status, 200, "{head}");
        let number = reply
            .split("No. ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_else(|| panic!("a number in the reply: {reply}"));
        number.replace('-', "")
    });
}

/// The same for a report sent to the Telegram bot with `ANONIM`: the chat id is the
/// identity, which no one is shown (it is an address for answers only).
#[test]
fn an_anonymous_telegram_reporter_reaches_no_agency_role_through_any_page_function_export_or_log() {
    let chat = "987650004321";
    no_agency_role_learns_who_sent("telegram", &[chat], false, |server| {
        let update = format!(
            "{{\"update_id\": 5001, \"message\": {{\"message_id\": 1, \"date\": 1767000000, \
             \"chat\": {{\"id\": {chat}, \"type\": \"private\"}}, \
             \"from\": {{\"id\": {chat}, \"is_bot\": false, \"first_name\": \"Penanda\"}}, \
             \"text\": \"ANONIM JOMBANGKAB Jalan berlubang di depan SDN 2 sudah membuat tiga \
             pengendara motor jatuh minggu ini\"}}}}"
        );
        let (status, head, reply) = request(
            server,
            "POST",
            "/kanal/telegram",
            &[
                ("Content-Type", "application/json"),
                ("X-Telegram-Bot-Api-Secret-Token", common::TELEGRAM_SECRET),
            ],
            &update,
        );
        assert_eq!(status, 200, "{head}");
        let number = reply
            .split("No. ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_else(|| panic!("a number in the reply: {reply}"));
        number.replace('-', "")
    });
}

/// Files an anonymous report with `file`, takes it through verification, forwarding and
/// disposition, and reads it as every agency role through every page, function, export
/// and log line: none holds any of `markers` (the reporter's identity). National
/// administrators see the identity when `national_sees` (a name, a phone), and not when
/// it is only an address for answers (a chat).
fn no_agency_role_learns_who_sent(
    door: &str,
    markers: &[&str],
    national_sees: bool,
    file: impl Fn(&Server) -> String,
) {
    // Everything the server logs, at its most talkative for our own code.
    let log =
        std::env::temp_dir().join(format!("lapor-anonymity-{door}-{}.log", std::process::id()));
    let (_scratch, server) = start_with(|url, _| {
        Server::start_logging_to(url, "info,app=trace,lapor=trace,tower_http=trace", &log)
    });
    let number = file(&server);

    let national = sign_in(&server, "nasional@demo.lapor.id");
    let (_, _, page) = get(
        &server,
        &format!("/ruang-kerja/laporan/{number}"),
        &national,
    );
    assert_eq!(
        page.contains(markers[0]),
        national_sees,
        "national administrators see the reporter's name or phone, not a chat"
    );
    assert!(page.contains("Jalan berlubang"), "a real page");
    for (form_step, extra) in [("verify", ""), ("forward", "&instansi=Kabupaten+Jombang")] {
        let v = version(&server, &national, &number);
        let (status, body) = step(
            &server,
            &national,
            &format!("nomor={number}&langkah={form_step}&versi={v}{extra}"),
        );
        assert_eq!(status, 200, "{form_step}: {body}");
    }
    let admin = sign_in(&server, "admin@jombangkab.demo.lapor.id");
    let v = version(&server, &admin, &number);
    let (status, body) = step(
        &server,
        &admin,
        &format!("nomor={number}&langkah=dispose&versi={v}&unit=Dinas+PUPR"),
    );
    assert_eq!(status, 200, "{body}");

    // A stale version is a conflict (409), and the step is not taken twice.
    let (status, body) = step(
        &server,
        &admin,
        &format!("nomor={number}&langkah=dispose&versi={v}&unit=Dinas+PUPR"),
    );
    assert_eq!(status, 409, "{body}");

    let liaison = sign_in(&server, "penghubung@jombangkab.demo.lapor.id");
    let operator = sign_in(&server, "pu@jombangkab.demo.lapor.id");
    let oversight = sign_in(&server, "pengawas@demo.lapor.id");
    let mut seen = 0;
    for session in [&admin, &liaison, &operator, &oversight] {
        let mut responses = vec![
            get(&server, &format!("/ruang-kerja/laporan/{number}"), session).2,
            post_json(
                &server,
                session,
                "/api/ruang-kerja/laporan",
                &format!("nomor={number}"),
            )
            .1,
        ];
        // The dashboard and the search page list reports too (a real page: the report or
        // the empty-state sentence).
        responses.push(get(&server, "/ruang-kerja", session).2);
        responses.push(get(&server, "/ruang-kerja/cari?cari=berlubang", session).2);
        // A saved view of a search for the reporter's name, the frame that lists it, the
        // view's page, and "my work": no identity either.
        let (status, saved) = post_json(
            &server,
            session,
            "/api/ruang-kerja/tampilan",
            "nama=Cari+penanda&alamat=antrean%3Dsemua%26cari%3DPenanda",
        );
        assert_eq!(status, 200, "{saved}");
        responses.push(
            get(
                &server,
                "/ruang-kerja/antrean?antrean=semua&cari=Penanda",
                session,
            )
            .2,
        );
        responses.push(get(&server, "/ruang-kerja/antrean?antrean=milik-saya", session).2);
        // The frame, the dashboard's data and the account page: no identity either.
        for body in [
            saved,
            post_json(&server, session, "/api/ruang-kerja/dasbor", "").1,
            post_json(&server, session, "/api/ruang-kerja/meja", "").1,
            get(&server, "/ruang-kerja/akun", session).2,
        ] {
            assert!(body.len() > 50, "a real answer: {body}");
            for marker in markers {
                assert!(!body.contains(marker), "{marker} leaked to agency staff");
            }
        }
        for queue in ["semua", "disposisi", "segera", "terlambat"] {
            let search = format!("/ruang-kerja/antrean?antrean={queue}&cari=Penanda");
            responses.push(
                get(
                    &server,
                    &format!("/ruang-kerja/antrean?antrean={queue}"),
                    session,
                )
                .2,
            );
            responses.push(get(&server, &search, session).2);
        }
        let mut exports = Vec::new();
        for queue in ["semua", "disposisi", "segera", "terlambat"] {
            for query in [
                String::new(),
                "&cari=Penanda".into(),
                "&cari=berlubang".into(),
            ] {
                let path = format!("/ruang-kerja/ekspor?antrean={queue}{query}");
                let (status, head, csv) = get(&server, &path, session);
                assert_eq!(status, 200, "{path}: {head}");
                assert!(head.to_lowercase().contains("text/csv"), "{head}");
                assert!(csv.contains("Nomor,Judul"), "a real export: {csv}");
                exports.push(csv);
            }
        }
        seen += exports
            .iter()
            .filter(|csv| csv.contains("Jalan berlubang"))
            .count();
        for csv in exports {
            for marker in markers {
                assert!(!csv.contains(marker), "{marker} leaked into an export");
            }
        }
        for body in responses {
            assert!(
                body.contains("Jalan berlubang") || body.contains("Tidak ada laporan"),
                "a real page"
            );
            seen += usize::from(body.contains("Jalan berlubang"));
            for marker in markers {
                assert!(!body.contains(marker), "{marker} leaked to agency staff");
            }
        }
    }
    assert!(
        seen >= 16,
        "agency staff did read the report ({seen} responses and exports)"
    );
    // The national administrator's export of the same queue holds no identity either.
    let (_, _, csv) = get(&server, "/ruang-kerja/ekspor?antrean=semua", &national);
    assert!(csv.contains("Jalan berlubang") && !csv.contains(markers[0]));

    // Another agency, and another unit of the same agency: as if it did not exist.
    let outsider = sign_in(&server, "admin@kemkes.go.id");
    let other_unit = sign_in(&server, "kesehatan@jombangkab.demo.lapor.id");
    for session in [&outsider, &other_unit] {
        let (status, _, page) = get(&server, &format!("/ruang-kerja/laporan/{number}"), session);
        assert_eq!(status, 404);
        assert!(!page.contains("Jalan berlubang"));
        let (status, _) = step(
            &server,
            session,
            &format!("nomor={number}&langkah=note&versi=1&teks=Coba+lihat"),
        );
        assert_eq!(status, 404);
        let (_, _, queue) = get(&server, "/ruang-kerja/antrean?antrean=semua", session);
        assert!(!queue.contains("Jalan berlubang"));
        let (_, _, csv) = get(&server, "/ruang-kerja/ekspor?antrean=semua", session);
        assert!(!csv.contains("Jalan berlubang"));
    }

    // No log line names the reporter, though the server logged every request.
    drop(server);
    let lines = std::fs::read_to_string(&log).expect("the server's log");
    let _ = std::fs::remove_file(&log);
    assert!(
        lines.contains(&number),
        "the log is real and names the report"
    );
    for marker in markers {
        assert!(!lines.contains(marker), "{marker} in a log line");
    }
}

#[test]
fn a_bulk_step_without_javascript_comes_back_to_the_queue_with_each_reports_answer() {
    let (_scratch, server) = start();
    let numbers: Vec<String> = (0..3)
        .map(|_| {
            let (_, head, _) = request(&server, "POST", "/lapor", &[], ANONYMOUS_FORM);
            let location = header_values(&head, "location").join("");
            location.rsplit('/').next().expect("a number").to_string()
        })
        .collect();
    let national = sign_in(&server, "nasional@demo.lapor.id");
    // Two as the queue showed them, one with a version that is no longer true.
    let mut form = "langkah=verifikasi-teruskan&instansi=Kabupaten+Jombang".to_string();
    for number in &numbers[..2] {
        let v = version(&server, &national, number);
        form.push_str(&format!("&laporan%5B%5D={number}%3A{v}"));
    }
    form.push_str(&format!("&laporan%5B%5D={}%3A999", numbers[2]));
    let queue = "/ruang-kerja/antrean?antrean=verifikasi";
    let referer = format!("http://{}{queue}", server.addr);
    let (status, head, _) = request(
        &server,
        "POST",
        "/api/ruang-kerja/massal",
        &[("Cookie", &national), ("Referer", &referer)],
        &form,
    );
    assert_eq!(status, 302, "{head}");
    let back = header_values(&head, "location").join("");
    assert!(back.starts_with(&format!("{queue}&massal=")), "{back}");
    let (_, _, page) = get(&server, &back, &national);
    assert!(page.contains("2 laporan selesai diproses."), "{page}");
    let refused = app::model::TrackingNumber::parse(&numbers[2])
        .expect("number")
        .display();
    let at = page
        .find("data-testid=\"bulk-refused\"")
        .expect("the refused list");
    assert!(page[at..].contains(&refused), "the refused report is named");
    assert!(
        page[at..].contains("diubah"),
        "with the reason in words: {}",
        &page[at..]
    );

    // The agency's administrator finds the two in their new reports; the third waits.
    let admin = sign_in(&server, "admin@jombangkab.demo.lapor.id");
    let (_, _, new) = get(&server, "/ruang-kerja/antrean?antrean=baru", &admin);
    for number in &numbers[..2] {
        let display = app::model::TrackingNumber::parse(number)
            .expect("n")
            .display();
        assert!(new.contains(&display), "{display} forwarded");
    }
    assert!(!new.contains(&refused));
    // Each report is in the audit log with its own two steps.
    for number in &numbers[..2] {
        let (_, body) = post_json(
            &server,
            &national,
            "/api/ruang-kerja/laporan",
            &format!("nomor={number}"),
        );
        assert_eq!(body.matches("transition:verify").count(), 1, "{body}");
        assert_eq!(body.matches("transition:forward").count(), 1, "{body}");
    }
}

#[test]
fn a_plain_form_step_comes_back_to_the_report_with_the_error_in_words() {
    let (_scratch, server) = start();
    let (_, head, _) = request(&server, "POST", "/lapor", &[], ANONYMOUS_FORM);
    let location = header_values(&head, "location").join("");
    let number = location.rsplit('/').next().expect("a number").to_string();
    let national = sign_in(&server, "nasional@demo.lapor.id");
    let page_path = format!("/ruang-kerja/laporan/{number}");
    let referer = format!("http://{}{page_path}", server.addr);
    // Returning to the reporter needs a reason: without one, the page says so.
    let (status, head, _) = request(
        &server,
        "POST",
        "/api/ruang-kerja/langkah",
        &[("Cookie", &national), ("Referer", &referer)],
        &format!("nomor={number}&langkah=return&versi=1&teks="),
    );
    assert_eq!(status, 302, "{head}");
    let back = header_values(&head, "location").join("");
    assert!(
        back.starts_with(&referer) && back.contains("__err="),
        "{back}"
    );
    let path = back.trim_start_matches(&format!("http://{}", server.addr));
    let (_, _, page) = get(&server, path, &national);
    assert!(page.contains("data-testid=\"step-error\""), "{page}");
    assert!(
        page.contains("wajib diisi"),
        "the reason is required, in Indonesian"
    );
}

/// The citizens' bundle files a page names (`/pkg/lapor….js` or `.wasm`; the stylesheet
/// in `/pkg` is shared by every page).
fn citizen_scripts(page: &str) -> Vec<String> {
    page.match_indices("/pkg/lapor")
        .map(|(at, _)| {
            page[at..]
                .split(['"', '\'', '\\', ')', ' ', '`'])
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .filter(|name| name.ends_with(".js") || name.ends_with(".wasm"))
        .collect()
}
