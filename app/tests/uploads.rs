//! Attachments made safe: what a citizen's file looks like after the server took it
//! (no location, no author, upright), which files are refused and why, and pending
//! uploads linked to reports or purged, on real databases.

mod common;

use app::model::validation::{validate, Field, FieldError, Problem, ReportForm};
use app::model::Timestamp;
use app::server::state::{AppState, Clock};
use app::server::storage::{NewAttachment, StorageError, Store};
use app::server::uploads::{
    accept_file, purge_pending, read_report_post, sanitize, BlobStore, Kind, LocalDirStore,
    UploadError, MAX_ATTACHMENTS, MAX_FILE_BYTES, MAX_LONG_SIDE, MAX_PIXELS, PENDING_TTL_MS,
};
use axum::body::Body;
use axum::http::Request;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::ImageFormat;
use lopdf::{dictionary, Document, Object, Stream};

use common::images::{exif_tiff, jpeg, picture, with_exif, GPS_MARKER};
use common::on_every_backend;

// ---------------------------------------------------------------- test files

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    picture(width, height)
        .write_with_encoder(PngEncoder::new(&mut out))
        .expect("encode png");
    out
}

fn webp(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    picture(width, height)
        .write_with_encoder(WebPEncoder::new_lossless(&mut out))
        .expect("encode webp");
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `png` with extra chunks inserted before IEND.
fn with_png_chunks(png: &[u8], chunks: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
    let iend = png.len() - 12;
    let mut out = png[..iend].to_vec();
    for (kind, data) in chunks {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut typed = kind.to_vec();
        typed.extend_from_slice(data);
        out.extend_from_slice(&typed);
        out.extend_from_slice(&crc32(&typed).to_be_bytes());
    }
    out.extend_from_slice(&png[iend..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A one-page PDF whose info names its author, with XMP and a script run on opening.
fn pdf_with_author() -> Vec<u8> {
    common::pdf::pdf_with(|doc, parts| {
        let xmp = doc.add_object(Stream::new(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            b"<x:xmpmeta><dc:creator>Budi XMP-SECRET</dc:creator></x:xmpmeta>".to_vec(),
        ));
        let script = doc.add_object(dictionary! {
            "S" => "JavaScript",
            "JS" => Object::string_literal("app.alert('SCRIPT-SECRET')"),
        });
        let catalog = doc.get_dictionary_mut(parts.catalog).expect("the catalog");
        catalog.set("Metadata", xmp);
        catalog.set("OpenAction", script);
        let info = doc.add_object(dictionary! {
            "Author" => Object::string_literal("Budi Santoso AUTHOR-SECRET"),
            "Producer" => Object::string_literal("Scanner PRODUCER-SECRET"),
        });
        doc.trailer.set("Info", info);
    })
}

// ---------------------------------------------------------------- cleaning

#[test]
fn a_photo_loses_its_exif_and_location_but_keeps_its_look() {
    let original = with_exif(&jpeg(64, 48), 1);
    assert!(
        contains(&original, GPS_MARKER),
        "the test photo carries GPS"
    );
    let clean = sanitize(&original).expect("a JPEG is accepted");
    assert_eq!(clean.kind, Kind::Photo);
    assert_eq!(clean.media_type, "image/jpeg");
    assert_eq!((clean.width, clean.height), (Some(64), Some(48)));
    assert!(!contains(&clean.bytes, b"Exif"), "no Exif segment left");
    assert!(
        !contains(&clean.bytes, &[0xFF, 0xE1]),
        "no APP1 segment left"
    );
    assert!(!contains(&clean.bytes, GPS_MARKER), "no GPS bytes left");
    let decoded = image::load_from_memory(&clean.bytes).expect("still a picture");
    assert_eq!((decoded.width(), decoded.height()), (64, 48));
}

#[test]
fn a_sideways_photo_is_turned_upright() {
    // Orientation 6: the camera was turned; viewers rotate 90° clockwise.
    let clean = sanitize(&with_exif(&jpeg(60, 20), 6)).expect("accepted");
    assert_eq!((clean.width, clean.height), (Some(20), Some(60)));
    let decoded = image::load_from_memory(&clean.bytes).expect("a picture");
    assert_eq!((decoded.width(), decoded.height()), (20, 60));
    assert!(!contains(&clean.bytes, b"Exif"));
}

#[test]
fn a_png_loses_its_text_and_exif_chunks() {
    let original = with_png_chunks(
        &png(30, 30),
        &[
            (b"tEXt", b"Author\x00Budi PNG-TEXT-SECRET".to_vec()),
            (b"eXIf", exif_tiff(1)),
        ],
    );
    assert!(contains(&original, b"PNG-TEXT-SECRET") && contains(&original, GPS_MARKER));
    let clean = sanitize(&original).expect("a PNG is accepted");
    assert_eq!(clean.media_type, "image/png");
    for secret in [&b"tEXt"[..], b"eXIf", b"PNG-TEXT-SECRET", GPS_MARKER] {
        assert!(
            !contains(&clean.bytes, secret),
            "{:?} left",
            String::from_utf8_lossy(secret)
        );
    }
    assert_eq!(
        image::guess_format(&clean.bytes).ok(),
        Some(ImageFormat::Png)
    );
}

#[test]
fn a_webp_is_re_encoded_as_jpeg() {
    let clean = sanitize(&webp(40, 30)).expect("a WebP is accepted");
    assert_eq!(clean.kind, Kind::Photo);
    assert_eq!(clean.media_type, "image/jpeg");
    assert_eq!(
        image::guess_format(&clean.bytes).ok(),
        Some(ImageFormat::Jpeg)
    );
    assert_eq!((clean.width, clean.height), (Some(40), Some(30)));
}

#[test]
fn a_large_photo_is_shrunk_to_the_long_side_limit() {
    let clean = sanitize(&jpeg(3000, 1500)).expect("accepted");
    assert_eq!(clean.width, Some(MAX_LONG_SIDE));
    assert_eq!(clean.height, Some(MAX_LONG_SIDE / 2));
}

#[test]
fn a_program_named_like_a_photo_is_refused_by_its_bytes() {
    // What `foto.jpg` holds when it is really a Windows program.
    let mut exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    exe.resize(4096, 0);
    exe[0x3c] = 0x80;
    exe.splice(0x80..0x84, *b"PE\x00\x00");
    assert!(matches!(sanitize(&exe), Err(UploadError::WrongType)));
    assert!(matches!(
        sanitize(b"just some text"),
        Err(UploadError::WrongType)
    ));
    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec();
    assert!(matches!(sanitize(&gif), Err(UploadError::WrongType)));
}

#[test]
fn a_damaged_photo_is_refused() {
    // A JPEG cut off before its frame header (a file half copied from a broken card).
    // One cut inside the pixel data still decodes, grey at the bottom, as in a browser.
    let whole = jpeg(200, 200);
    let truncated = &whole[..30];
    let refused = sanitize(truncated);
    assert!(
        matches!(refused, Err(UploadError::Unreadable(_))),
        "{refused:?}"
    );
}

#[test]
fn a_picture_of_too_many_pixels_is_refused_before_decoding() {
    // A PNG header announcing 8000 × 6000 (48 megapixels) with no pixel data.
    let mut header = png(1, 1);
    header[16..20].copy_from_slice(&8000u32.to_be_bytes());
    header[20..24].copy_from_slice(&6000u32.to_be_bytes());
    let crc = crc32(&header[12..29]);
    header[29..33].copy_from_slice(&crc.to_be_bytes());
    const { assert!(8000 * 6000 > MAX_PIXELS) };
    assert!(matches!(sanitize(&header), Err(UploadError::TooManyPixels)));
}

#[test]
fn a_pdf_loses_its_author_metadata_and_scripts() {
    let original = pdf_with_author();
    assert!(contains(&original, b"AUTHOR-SECRET"));
    let clean = sanitize(&original).expect("a PDF is accepted");
    assert_eq!(clean.kind, Kind::Pdf);
    assert_eq!(clean.media_type, "application/pdf");
    assert_eq!((clean.width, clean.height), (None, None));
    for secret in [
        &b"AUTHOR-SECRET"[..],
        b"PRODUCER-SECRET",
        b"XMP-SECRET",
        b"SCRIPT-SECRET",
        b"/Author",
        b"/OpenAction",
    ] {
        assert!(
            !contains(&clean.bytes, secret),
            "{:?} left",
            String::from_utf8_lossy(secret)
        );
    }
    let reopened = Document::load_mem(&clean.bytes).expect("still a PDF");
    assert_eq!(reopened.get_pages().len(), 1);
}

#[test]
fn an_encrypted_or_broken_pdf_is_refused() {
    let encrypted = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
        2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n\
        3 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> \
        /U <ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100> /P -4 >>\nendobj\n\
        trailer\n<< /Root 1 0 R /Encrypt 3 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\n%%EOF\n";
    let refused = sanitize(encrypted);
    assert!(
        matches!(refused, Err(UploadError::Encrypted)),
        "{refused:?}"
    );
    let garbage = b"%PDF-1.7\n this is not really a pdf at all \x00\x01\x02";
    let refused = sanitize(garbage);
    assert!(
        matches!(refused, Err(UploadError::Unreadable(_))),
        "{refused:?}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let mut big = jpeg(8, 8);
    big.resize(MAX_FILE_BYTES + 1, 0);
    assert!(matches!(sanitize(&big), Err(UploadError::TooLarge)));
}

#[test]
fn refusals_say_what_is_wrong_in_indonesian() {
    use app::i18n::Locale;
    let message = |e: UploadError| {
        app::labels::problem(
            Field::Attachments,
            e.problem().expect("a file problem"),
            Locale::Id,
        )
    };
    assert_eq!(
        message(UploadError::WrongType),
        "Berkas ini bukan foto (JPEG, PNG, WebP) atau PDF."
    );
    assert!(message(UploadError::TooLarge).contains("10 MB"));
    assert!(message(UploadError::TooManyPixels).contains("40 megapiksel"));
    assert!(message(UploadError::Encrypted).contains("kata sandi"));
}

// ---------------------------------------------------------------- storing

fn test_state(store: Store, dir: &std::path::Path) -> AppState {
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("lapor")
        .build();
    AppState::new(store, options, Clock::default())
        .with_blobs(std::sync::Arc::new(LocalDirStore::new(dir)))
}

fn scratch_dir() -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "lapor-uploads-{}-{:08x}",
        std::process::id(),
        rand::random::<u32>()
    ))
}

fn form() -> ReportForm {
    ReportForm {
        classification: "pengaduan".into(),
        title: "Jalan berlubang di depan sekolah".into(),
        body: "Sejak dua minggu jalan di depan SDN 2 berlubang besar dan membahayakan anak-anak."
            .into(),
        region_code: "3517".into(),
        name: "Siti Aminah".into(),
        phone: "0812-3456-7890".into(),
        ..Default::default()
    }
}

/// A `multipart/form-data` post of `text` fields and `lampiran` files.
fn multipart_post(text: &[(&str, &str)], files: &[Vec<u8>]) -> (axum::http::request::Parts, Body) {
    let boundary = "lapor-test-boundary";
    let mut body = Vec::new();
    for (name, value) in text {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    for (i, file) in files.iter().enumerate() {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"lampiran\"; filename=\"IMG_{i}.jpg\"\r\n\
                 Content-Type: image/jpeg\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(file);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let request = Request::post("/lapor")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .expect("request");
    request.into_parts()
}

#[tokio::test]
async fn pending_uploads_are_linked_once_and_listed_with_their_report() {
    on_every_backend(|store| async move {
        let dir = scratch_dir();
        let state = test_state(store.clone(), &dir);
        let photo = accept_file(&state, with_exif(&jpeg(64, 48), 6)).await.expect("photo");
        let pdf = accept_file(&state, pdf_with_author()).await.expect("pdf");
        assert!(photo.file.token.len() * 4 >= 128, "tokens carry at least 128 bits");
        assert_ne!(photo.file.token, pdf.file.token);
        let stored = state.blobs.get(&photo.file.blob_key).await.expect("read").expect("bytes");
        assert!(!contains(&stored, GPS_MARKER), "only the cleaned bytes are stored");
        assert!(
            !std::fs::read_dir(&dir)
                .expect("upload folder")
                .flatten()
                .any(|e| e.file_name().to_string_lossy().contains("IMG")),
            "no citizen file name on disk"
        );

        let report = validate(&form(), state.clock.now().date_wib()).expect("valid");
        let report = app::model::validation::NewReport {
            idempotency_key: Some("draft-attachments-1".into()),
            ..report
        };
        let tokens = vec![photo.file.token.clone(), pdf.file.token.clone()];
        let now = state.clock.now();
        let sent = store
            .submit_report_with_attachments(&report, &tokens, now)
            .await
            .expect("submitted");
        let listed = store.report_attachments(&sent.tracking_number).await.expect("list");
        assert_eq!(listed.len(), 2);
        assert_eq!((listed[0].kind, listed[0].width, listed[0].height), (Kind::Photo, Some(48), Some(64)));
        assert_eq!((listed[1].kind, listed[1].width), (Kind::Pdf, None));
        assert_eq!(listed.iter().map(|a| a.position).collect::<Vec<_>>(), vec![0, 1]);
        assert!(store.pending_attachment(&photo.file.token).await.expect("read").is_none(), "no longer pending");

        // The same draft sent again: same report, nothing linked twice.
        let again = store
            .submit_report_with_attachments(&report, &tokens, now)
            .await
            .expect("repeat");
        assert!(again.is_repeat());
        assert_eq!(store.report_attachments(&sent.tracking_number).await.expect("list").len(), 2);

        // A token that is already used (or unknown) is a field error, and stores nothing.
        let other = validate(
            &ReportForm { title: "Lampu jalan mati di gang tiga".into(), ..form() },
            now.date_wib(),
        )
        .expect("valid");
        let refused = store
            .submit_report_with_attachments(&other, std::slice::from_ref(&photo.file.token), now)
            .await;
        assert!(
            matches!(&refused, Err(StorageError::Invalid(errors)) if errors == &vec![FieldError { field: Field::Attachments, problem: Problem::FileExpired }]),
            "{refused:?}"
        );
        let first_id = listed[0].id;
        assert!(store.report_attachment(&sent.tracking_number, first_id).await.expect("read").is_some());
        assert!(store.report_attachment(&sent.tracking_number, first_id + 1000).await.expect("read").is_none());
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}

#[tokio::test]
async fn a_sixth_attachment_is_refused_and_the_first_five_are_kept() {
    on_every_backend(|store| async move {
        let dir = scratch_dir();
        let state = test_state(store.clone(), &dir);
        let files: Vec<Vec<u8>> = (0..6).map(|i| jpeg(20 + i, 20)).collect();
        let (parts, body) = multipart_post(&[("title", "Judul laporan yang cukup")], &files);
        let (form, posted) = read_report_post(&state, &parts, body)
            .await
            .expect("readable");
        assert_eq!(form.title, "Judul laporan yang cukup");
        assert_eq!(posted.accepted.len(), MAX_ATTACHMENTS);
        assert_eq!(
            posted.errors(),
            vec![FieldError {
                field: Field::Attachments,
                problem: Problem::TooManyFiles { max: 5 }
            }]
        );
        assert_eq!(posted.kept().len(), 5, "the form shown again keeps five");

        // A kept token sent back with a sixth file: still five at most.
        let kept: Vec<String> = posted.tokens();
        let mut text: Vec<(&str, &str)> = kept
            .iter()
            .map(|t| ("lampiran_token", t.as_str()))
            .collect();
        text.push(("title", "x"));
        let (parts, body) = multipart_post(&text, &[jpeg(10, 10)]);
        let (_, posted) = read_report_post(&state, &parts, body)
            .await
            .expect("readable");
        assert_eq!(posted.accepted.len(), MAX_ATTACHMENTS);
        assert_eq!(posted.tokens(), kept, "the kept ones come first");
        assert!(posted.problems.contains(&Problem::TooManyFiles { max: 5 }));

        // A wrong file and an unknown token: field problems, not failures.
        let (parts, body) = multipart_post(
            &[("lampiran_token", "deadbeef")],
            &[b"MZ not a photo".to_vec()],
        );
        let (_, posted) = read_report_post(&state, &parts, body)
            .await
            .expect("readable");
        assert!(posted.accepted.is_empty());
        assert!(posted.problems.contains(&Problem::FileType));
        assert!(posted.problems.contains(&Problem::FileExpired));
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}

#[tokio::test]
async fn pending_uploads_older_than_a_day_are_purged_with_their_bytes() {
    on_every_backend(|store| async move {
        let dir = scratch_dir();
        let blobs = LocalDirStore::new(&dir);
        let now = Timestamp(1_780_000_000_000);
        let mut keys = Vec::new();
        for (name, age) in [("old", PENDING_TTL_MS + 60_000), ("new", 60_000)] {
            let key = format!("{:0>32}", if name == "old" { "a1" } else { "b2" });
            blobs.put(&key, b"bytes".to_vec()).await.expect("put");
            let new = NewAttachment {
                token: format!("{:0>40}", if name == "old" { "1" } else { "2" }),
                blob_key: key.clone(),
                media_type: "image/jpeg".into(),
                byte_size: 5,
                width: Some(1),
                height: Some(1),
            };
            store
                .insert_pending_attachment(&new, Timestamp(now.0 - age))
                .await
                .expect("insert");
            keys.push((key, new.token));
        }
        let purged = purge_pending(&store, &blobs, now).await.expect("purge");
        assert_eq!(purged, 1);
        let (old_key, old_token) = &keys[0];
        let (new_key, new_token) = &keys[1];
        assert!(store
            .pending_attachment(old_token)
            .await
            .expect("read")
            .is_none());
        assert!(
            blobs.get(old_key).await.expect("read").is_none(),
            "old bytes deleted"
        );
        assert!(store
            .pending_attachment(new_token)
            .await
            .expect("read")
            .is_some());
        assert!(
            blobs.get(new_key).await.expect("read").is_some(),
            "recent bytes kept"
        );
        let _ = std::fs::remove_dir_all(&dir);
    })
    .await;
}

#[tokio::test]
async fn blob_keys_not_made_by_the_server_are_refused() {
    let dir = scratch_dir();
    let blobs = LocalDirStore::new(&dir);
    for key in ["../etc/passwd", "", "ABC", "a/b"] {
        assert!(blobs.put(key, b"x".to_vec()).await.is_err(), "{key:?}");
    }
    blobs.put("abc123", b"x".to_vec()).await.expect("put");
    assert_eq!(blobs.get("abc123").await.expect("get"), Some(b"x".to_vec()));
    blobs.delete("abc123").await.expect("delete");
    blobs
        .delete("abc123")
        .await
        .expect("deleting twice is fine");
    let leftovers: Vec<_> = std::fs::read_dir(&dir).expect("dir").flatten().collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
