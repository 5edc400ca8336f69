//! Attachments over real HTTP against `lapor serve`: the answers of `POST /lampiran`
//! (type by bytes, size limit, rate limit, messages in the reader's language), and a
//! report with a photo sent without JavaScript whose served copy has lost its EXIF and
//! is shown to its reporter only.

mod common;

use common::{cookie, header_values, multipart, send, Scratch, Server};

/// 800 × 600 JPEG whose EXIF holds a GPS position and the camera "PenandaKamera".
const PHOTO_WITH_GPS: &[u8] = include_bytes!("../../end2end/fixtures/jalan-rusak.jpg");

/// The first bytes of a Windows program.
fn program() -> Vec<u8> {
    let mut bytes = vec![0u8; 4096];
    bytes[..2].copy_from_slice(b"MZ");
    bytes[0x3c] = 0x80;
    bytes[0x80..0x84].copy_from_slice(b"PE\0\0");
    bytes
}

fn upload(
    server: &Server,
    name: &str,
    bytes: &[u8],
    cookie: Option<&str>,
) -> (u16, String, String) {
    let (content_type, body) = multipart(&[], &[("berkas", name, bytes)]);
    let mut headers = vec![
        ("Content-Type", content_type.as_str()),
        ("Accept", "application/json"),
    ];
    if let Some(cookie) = cookie {
        headers.push(("Cookie", cookie));
    }
    let (status, head, body) = send(&server.addr, "POST", "/lampiran", &headers, &body);
    (status, head, String::from_utf8_lossy(&body).into_owned())
}

/// Sends the citizen form (`multipart/form-data`) as a browser without JavaScript does;
/// returns the compact tracking number and the reporter's session cookie.
fn send_report(server: &Server, content_type: &str, form: &[u8]) -> (String, String) {
    let (status, head, _) = send(
        &server.addr,
        "POST",
        "/lapor",
        &[("Content-Type", content_type)],
        form,
    );
    assert_eq!(status, 303, "{head}");
    let receipt = header_values(&head, "location").pop().expect("location");
    let compact = receipt.rsplit('/').next().expect("number").to_string();
    let session =
        cookie(&head, &format!("lapor_pelapor_{compact}=")).expect("the reporter's session cookie");
    (compact, session)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn uploads_are_judged_by_their_bytes_and_refused_in_the_readers_language() {
    let scratch = Scratch::new("uploads-http");
    let server = Server::start(&scratch.url);

    // A photo is stored and answered with a token.
    let (status, _, body) = upload(&server, "jalan.jpg", PHOTO_WITH_GPS, None);
    assert_eq!(status, 201, "{body}");
    let stored: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(stored["kind"], "photo");
    assert!(
        stored["token"].as_str().is_some_and(|t| t.len() >= 20),
        "{body}"
    );
    assert_eq!(
        (stored["width"].as_u64(), stored["height"].as_u64()),
        (Some(800), Some(600))
    );

    // A program named like a photo: 415 with a sentence, in Indonesian by default…
    let (status, head, body) = upload(&server, "foto.jpg", &program(), None);
    assert_eq!(status, 415, "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    assert!(
        body.contains("Berkas ini bukan foto (JPEG, PNG, WebP) atau PDF."),
        "{body}"
    );
    // …and in English for a reader who chose English.
    let (_, _, body) = upload(&server, "photo.jpg", &program(), Some("lapor_lang=en"));
    assert!(body.contains("not a photo"), "{body}");

    // Over 10 MB: 413, saying the limit.
    let big = vec![0xffu8; 10 * 1024 * 1024 + 1];
    let (status, _, body) = upload(&server, "besar.jpg", &big, None);
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("10 MB"), "{body}");

    // No file at all: 400 with a sentence, not a 500.
    let (content_type, form) = multipart(&[("judul", "tanpa berkas")], &[]);
    let (status, _, body) = send(
        &server.addr,
        "POST",
        "/lampiran",
        &[("Content-Type", content_type.as_str())],
        &form,
    );
    assert_eq!(status, 400, "{}", String::from_utf8_lossy(&body));
    assert!(String::from_utf8_lossy(&body).contains("Berkas tidak terbaca"));
}

#[test]
fn too_many_uploads_from_one_address_are_slowed_down_with_a_message() {
    let scratch = Scratch::new("uploads-rate");
    let server = Server::start(&scratch.url);
    let statuses: Vec<u16> = (0..25)
        .map(|_| upload(&server, "foto.jpg", &program(), None).0)
        .collect();
    // The burst of 20 is answered on its merits (415 here), then the address waits.
    assert!(statuses[..20].iter().all(|s| *s == 415), "{statuses:?}");
    assert!(statuses[20..].contains(&429), "{statuses:?}");
    let (status, head, body) = upload(&server, "foto.jpg", &program(), None);
    assert_eq!(status, 429, "{head}");
    assert!(!header_values(&head, "retry-after").is_empty(), "{head}");
    assert!(body.contains("Terlalu banyak unggahan"), "{body}");
}

#[test]
fn a_photo_sent_without_javascript_loses_its_exif_and_is_shown_to_its_reporter_only() {
    let scratch = Scratch::new("uploads-nojs");
    let server = Server::start(&scratch.url);
    let (content_type, form) = multipart(
        &[
            ("classification", "pengaduan"),
            ("title", "Jalan amblas dekat jembatan desa"),
            (
                "body",
                "Jalan di dekat jembatan desa amblas sejak hujan deras Senin malam, motor sudah jatuh.",
            ),
            ("region_code", "3517"),
            ("name", "Penanda Rahasia Qx7"),
            ("phone", "081234567890"),
            ("anonymous", "on"),
        ],
        &[("lampiran", "IMG_0001.jpg", PHOTO_WITH_GPS)],
    );
    let (compact, session) = send_report(&server, &content_type, &form);

    // The reporter's page lists the photo and links to it.
    let (status, _, page) = send(
        &server.addr,
        "GET",
        &format!("/lacak/{compact}"),
        &[("Cookie", session.as_str())],
        b"",
    );
    assert_eq!(status, 200);
    let page = String::from_utf8_lossy(&page);
    let prefix = format!("/lacak/{compact}/lampiran/");
    let at = page.find(&prefix).expect("a link to the photo");
    let link: String = page[at..].chars().take_while(|c| *c != '"').collect();

    let (status, head, photo) = send(
        &server.addr,
        "GET",
        &link,
        &[("Cookie", session.as_str())],
        b"",
    );
    assert_eq!(status, 200, "{head}");
    assert_eq!(header_values(&head, "content-type"), ["image/jpeg"]);
    assert_eq!(header_values(&head, "x-content-type-options"), ["nosniff"]);
    assert!(
        header_values(&head, "content-disposition")[0].starts_with("inline; filename=\"lampiran-")
    );
    assert_eq!(&photo[..2], &[0xff, 0xd8], "a JPEG");
    assert!(contains(PHOTO_WITH_GPS, b"PenandaKamera") && contains(PHOTO_WITH_GPS, b"Exif\0\0"));
    assert!(!contains(&photo, b"Exif\0\0"), "EXIF removed");
    assert!(!contains(&photo, b"PenandaKamera"), "camera removed");

    // Without the reporter's session: no such file, and no photo on the public page.
    let (status, _, _) = send(&server.addr, "GET", &link, &[], b"");
    assert_eq!(status, 404);
    let (_, _, public) = send(&server.addr, "GET", &format!("/lacak/{compact}"), &[], b"");
    assert!(!String::from_utf8_lossy(&public).contains(&prefix));
    // Nor does anything of the anonymous reporter's identity show there.
    assert!(!String::from_utf8_lossy(&public).contains("Penanda Rahasia Qx7"));
}

#[test]
fn a_reporter_asked_for_more_sends_photos_with_the_answer() {
    let scratch = Scratch::new("uploads-evidence");
    let server = Server::start(&scratch.url);
    let (content_type, form) = multipart(
        &[
            ("classification", "pengaduan"),
            ("title", "Jalan amblas dekat jembatan desa"),
            (
                "body",
                "Jalan di dekat jembatan desa amblas sejak hujan deras Senin malam, motor sudah jatuh.",
            ),
            ("region_code", "3517"),
            ("name", "Penanda Rahasia Qx8"),
            ("phone", "081234567890"),
        ],
        &[],
    );
    let (compact, session) = send_report(&server, &content_type, &form);
    let returned = common::lapor(
        &[
            "report",
            "act",
            &compact,
            "--role",
            "national_admin",
            "--action",
            "return",
            "--text",
            "Mohon lampirkan foto lokasi.",
        ],
        &scratch.url,
    );
    assert!(returned.status.success(), "{}", common::stderr(&returned));
    let answer = "Ini foto jalan yang amblas, diambil pagi ini.";

    // A program among the files: nothing is sent, the text typed comes back.
    let (content_type, body) =
        multipart(&[("teks", answer)], &[("lampiran", "foto.jpg", &program())]);
    let headers = [
        ("Content-Type", content_type.as_str()),
        ("Cookie", session.as_str()),
    ];
    let path = format!("/lacak/{compact}/balas");
    let (status, _, page) = send(&server.addr, "POST", &path, &headers, &body);
    assert_eq!(status, 415);
    let page = String::from_utf8_lossy(&page);
    assert!(
        page.contains("Berkas ini bukan foto (JPEG, PNG, WebP) atau PDF."),
        "{page}"
    );
    assert!(page.contains(answer), "the answer is kept");

    // The photo goes with the answer and joins the report's files.
    let (content_type, body) = multipart(
        &[("teks", answer)],
        &[("lampiran", "IMG_0002.jpg", PHOTO_WITH_GPS)],
    );
    let headers = [
        ("Content-Type", content_type.as_str()),
        ("Cookie", session.as_str()),
    ];
    let (status, head, _) = send(&server.addr, "POST", &path, &headers, &body);
    assert_eq!(status, 303, "{head}");
    assert!(
        header_values(&head, "location")[0].ends_with("selesai=lengkap"),
        "{head}"
    );
    let (_, _, page) = send(
        &server.addr,
        "GET",
        &format!("/lacak/{compact}"),
        &[("Cookie", session.as_str())],
        b"",
    );
    let page = String::from_utf8_lossy(&page);
    assert!(page.contains(&format!("/lacak/{compact}/lampiran/")));
    assert_eq!(
        page.matches("data-testid=\"report-attachment\"").count(),
        1,
        "{page}"
    );
    assert!(page.contains(answer));
}
