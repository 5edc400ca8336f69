//! SMS to 1708 through every gateway door, in process, on a fresh database of every
//! backend: what a citizen with a basic phone gets back, and what the gateways may not do.

mod common;

use std::collections::HashMap;

use app::model::privacy::StaffReportView;
use app::model::sms::{septets, SMS_SEPTETS};
use app::model::staff::check_new_staff;
use app::model::{EventKind, TrackingNumber};
use app::server::channels::gateways::twilio_signature;
use app::server::storage::{SignIn, Store};
use common::http::{Answer, InProcess, PUBLIC_URL, SMS_TOKEN, TWILIO_TOKEN};
use common::messages::{national_admin, number_and_pin, staff_step};
use common::on_every_backend;

/// A request to a gateway door: method, address, headers, body.
type Attempt<'a> = (&'a str, String, Vec<(&'a str, &'a str)>, String);

const STORY: &str = "jalan di desa Sumberagung rusak parah sejak musim hujan";
const BEARER: (&str, &str) = ("authorization", "Bearer uji-token-gerbang-sms");

fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The generic webhook, as a gateway posts a form.
async fn sms(app: &InProcess, from: &str, text: &str, id: &str) -> Answer {
    let body = format!(
        "from={}&text={}&id={}",
        encode(from),
        encode(text),
        encode(id)
    );
    app.request("POST", "/kanal/sms/generic", &[BEARER], &body)
        .await
}

fn assert_one_sms(answer: &Answer) {
    assert_eq!(answer.status, 200, "{}", answer.body);
    let content_type = answer
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok());
    assert_eq!(content_type, Some("text/plain; charset=utf-8"));
    let used = septets(&answer.body).expect("a GSM-7 reply");
    assert!(used <= SMS_SEPTETS, "{used} characters: {}", answer.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sms_with_a_keyword_files_a_report_for_that_agency_and_answers_number_and_pin() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let national = national_admin(&store).await;
        let answer = sms(
            &app,
            "0812-3456-7890",
            &format!("jombangkab {STORY}"),
            "m-1",
        )
        .await;
        assert_one_sms(&answer);
        assert!(
            answer.body.starts_with("LAPOR! Laporan diterima."),
            "{}",
            answer.body
        );
        let (number, pin) = number_and_pin(&answer.body);

        let view = store
            .report_for_staff(&number, &national)
            .await
            .expect("the report was filed");
        let StaffReportView::Admin(admin) = view else {
            panic!("a national administrator reads the reporter");
        };
        assert_eq!(admin.report.body, STORY);
        assert_eq!(admin.report.title, STORY);
        assert_eq!(
            admin.report.target_agency_name.as_deref(),
            Some("Kabupaten Jombang")
        );
        assert!(!admin.report.anonymous);
        assert_eq!(admin.reporter.phone.as_deref(), Some("+6281234567890"));

        // The PIN in the SMS opens the report's page on the web.
        let opened = store
            .sign_in_reporter(&number, &pin, common::wib("2026-01-05", 9))
            .await
            .expect("sign-in");
        assert!(matches!(opened, SignIn::Opened { .. }), "{opened:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_gateway_message_twice_files_one_report_and_never_repeats_the_pin() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let text = format!("JOMBANGKAB {STORY}");
        let first = sms(&app, "081234567890", &text, "dup-7").await;
        let again = sms(&app, "081234567890", &text, "dup-7").await;
        assert_one_sms(&again);
        let (number, pin) = number_and_pin(&first.body);
        assert!(again.body.contains(&number.display()), "{}", again.body);
        assert!(!again.body.contains(&pin), "{}", again.body);
        // The same text under another id is another message: a second report.
        let other = sms(&app, "081234567890", &text, "dup-8").await;
        let (second, _) = number_and_pin(&other.body);
        assert_ne!(second, number);
        // The same id through another gateway door is another message too.
        let kannel = app
            .get(&format!(
                "/kanal/sms/kannel?token={SMS_TOKEN}&from=081234567890&keyword=JOMBANGKAB&text={}&id=dup-7",
                encode(STORY)
            ))
            .await;
        let (third, _) = number_and_pin(&kannel.body);
        assert!(third != number && third != second);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sms_without_a_known_keyword_goes_to_the_national_administrators() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let national = national_admin(&store).await;
        let answer = sms(&app, "+6281234567890", STORY, "n-1").await;
        assert_one_sms(&answer);
        assert!(
            answer.body.contains("admin meneruskannya"),
            "{}",
            answer.body
        );
        let (number, _) = number_and_pin(&answer.body);
        let view = store
            .report_for_staff(&number, &national)
            .await
            .expect("filed");
        assert_eq!(view.report().target_agency_name, None);
        assert_eq!(view.report().body, STORY);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn info_aspirasi_and_anonim_choose_the_kind_and_hide_the_sender() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let national = national_admin(&store).await;
        let cases = [
            ("INFO JOMBANGKAB", "informasi", false),
            ("ASPIRASI JOMBANGKAB", "aspirasi", false),
            ("ANONIM JOMBANGKAB", "pengaduan", true),
            ("anonim#info jombangkab", "informasi", true),
        ];
        for (i, (prefix, code, anonymous)) in cases.into_iter().enumerate() {
            let answer = sms(
                &app,
                "081234567890",
                &format!("{prefix} {STORY}"),
                &format!("k-{i}"),
            )
            .await;
            let (number, _) = number_and_pin(&answer.body);
            let view = store
                .report_for_staff(&number, &national)
                .await
                .expect("filed");
            assert_eq!(view.report().classification.code(), code, "{prefix}");
            assert_eq!(view.report().anonymous, anonymous, "{prefix}");
            assert_eq!(view.report().body, STORY, "{prefix}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cek_answers_only_the_phone_that_sent_the_report() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let first = sms(&app, "081234567890", &format!("JOMBANGKAB {STORY}"), "c-1").await;
        let (number, _) = number_and_pin(&first.body);
        let own = sms(
            &app,
            "081234567890",
            &format!("cek {}", number.display()),
            "c-2",
        )
        .await;
        assert_one_sms(&own);
        assert!(own.body.contains("Belum terverifikasi"), "{}", own.body);
        assert!(own.body.contains("Batas verifikasi:"), "{}", own.body);

        // Another phone learns nothing: the same answer as for a number nobody has.
        let stranger = sms(
            &app,
            "085600001111",
            &format!("CEK {}", number.as_str()),
            "c-3",
        )
        .await;
        let nobody = sms(&app, "085600001111", "CEK 222-222-222", "c-4").await;
        let mistyped = sms(&app, "081234567890", "CEK ABC", "c-5").await;
        assert_one_sms(&stranger);
        assert!(
            !stranger.body.contains("terverifikasi"),
            "{}",
            stranger.body
        );
        assert_eq!(stranger.body, nobody.body);
        assert!(
            mistyped.body.starts_with("LAPOR! 1708"),
            "a malformed CEK gets the help text: {}",
            mistyped.body
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn balas_threads_the_reply_onto_the_report_once() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let first = sms(&app, "081234567890", &format!("JOMBANGKAB {STORY}"), "b-1").await;
        let (number, _) = number_and_pin(&first.body);
        let text = format!("BALAS {} lubangnya di depan SD Negeri 2", number.display());
        let saved = sms(&app, "081234567890", &text, "b-2").await;
        assert_one_sms(&saved);
        assert!(saved.body.contains("sudah diterima"), "{}", saved.body);
        // Delivered twice by the gateway: threaded once.
        let again = sms(&app, "081234567890", &text, "b-2").await;
        assert_eq!(again.body, saved.body);
        let record = store
            .report_record(&number)
            .await
            .expect("read")
            .expect("report");
        let messages: Vec<_> = record
            .timeline
            .iter()
            .filter(|e| e.kind == EventKind::Message)
            .collect();
        assert_eq!(messages.len(), 1, "{:?}", record.timeline);
        assert_eq!(
            messages[0].body.as_deref(),
            Some("lubangnya di depan SD Negeri 2")
        );

        // From another phone: refused like an unknown number, nothing threaded.
        let stranger = sms(&app, "085600001111", &text.replace("SD", "SMP"), "b-3").await;
        assert!(
            !stranger.body.contains("sudah diterima"),
            "{}",
            stranger.body
        );
        let short = sms(
            &app,
            "081234567890",
            &format!("BALAS {} ok", number.as_str()),
            "b-4",
        )
        .await;
        assert!(
            short.body.contains("sampai"),
            "too short a reply is explained: {}",
            short.body
        );
        let record = store
            .report_record(&number)
            .await
            .expect("read")
            .expect("report");
        let count = record
            .timeline
            .iter()
            .filter(|e| e.kind == EventKind::Message)
            .count();
        assert_eq!(count, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_and_too_short_messages_are_answered_without_filing() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        for (i, text) in ["BANTUAN", "help", "", "JOMBANGKAB", "???"]
            .iter()
            .enumerate()
        {
            let answer = sms(&app, "081234567890", text, &format!("h-{i}")).await;
            assert_one_sms(&answer);
            assert!(
                answer.body.starts_with("LAPOR! 1708"),
                "{text:?}: {}",
                answer.body
            );
        }
        let short = sms(&app, "081234567890", "JOMBANGKAB jalan rusak", "h-9").await;
        assert_one_sms(&short);
        assert!(short.body.contains("terlalu singkat"), "{}", short.body);
        assert!(!short.body.contains("PIN"));
        // A sender name instead of a number cannot be answered: an empty 200.
        let named = sms(&app, "TELKOMSEL", &format!("JOMBANGKAB {STORY}"), "h-10").await;
        assert_eq!((named.status, named.body.as_str()), (200, ""));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_from_one_number_is_refused_with_a_reply_and_other_numbers_go_on() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let mut filed = 0;
        let mut refused = 0;
        for i in 0..14 {
            let answer = sms(
                &app,
                "081200000001",
                &format!("JOMBANGKAB {STORY} {i}"),
                &format!("f-{i}"),
            )
            .await;
            assert_one_sms(&answer);
            if answer.body.contains("PIN") {
                filed += 1;
            } else {
                assert!(
                    answer.body.contains("Terlalu banyak pesan"),
                    "{}",
                    answer.body
                );
                refused += 1;
            }
        }
        assert_eq!((filed, refused), (10, 4));
        let other = sms(
            &app,
            "081200000002",
            &format!("JOMBANGKAB {STORY}"),
            "f-other",
        )
        .await;
        assert!(other.body.contains("PIN"), "{}", other.body);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_generic_webhook_takes_json_and_a_get_and_refuses_what_is_incomplete() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let json = serde_json::json!({
            "from": "081234567890", "to": "1708", "text": format!("JOMBANGKAB {STORY}"),
            "id": 991, "received_at": "2026-11-30T08:00:00+07:00"
        });
        let answer = app
            .request(
                "POST",
                "/kanal/sms/generic",
                &[BEARER, ("content-type", "application/json")],
                &json.to_string(),
            )
            .await;
        assert_one_sms(&answer);
        number_and_pin(&answer.body);
        let get = app
            .get(&format!(
                "/kanal/sms/generic?token={SMS_TOKEN}&from=081234567890&text={}&id=g-2",
                encode(&format!("JOMBANGKAB {STORY}"))
            ))
            .await;
        assert_one_sms(&get);
        number_and_pin(&get.body);

        for body in [
            "text=halo&id=1",
            "from=081234567890&text=halo",
            "from=&text=halo&id=2",
        ] {
            let answer = app
                .request("POST", "/kanal/sms/generic", &[BEARER], body)
                .await;
            assert_eq!(answer.status, 400, "{body}");
            assert!(answer.body.contains("wajib diisi"), "{}", answer.body);
        }
        let garbage = app
            .request(
                "POST",
                "/kanal/sms/generic",
                &[BEARER, ("content-type", "application/json")],
                "{\"from\": ",
            )
            .await;
        assert_eq!(garbage.status, 400);
        let huge = format!("from=081234567890&id=9&text={}", "a".repeat(100_000));
        let answer = app
            .request("POST", "/kanal/sms/generic", &[BEARER], &huge)
            .await;
        assert_eq!(answer.status, 413);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_gateway_door_refuses_a_missing_or_wrong_secret_and_files_nothing() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let text = encode(&format!("JOMBANGKAB {STORY}"));
        let form = format!("from=081234567890&text={text}&id=x-1");
        let twilio_form = format!("From=%2B6281234567890&Body={text}&MessageSid=SM1&To=1708");
        let attempts: Vec<Attempt> = vec![
            ("POST", "/kanal/sms/generic".into(), vec![], form.clone()),
            (
                "POST",
                "/kanal/sms/generic".into(),
                vec![("authorization", "Bearer salah")],
                form.clone(),
            ),
            (
                "POST",
                "/kanal/sms/generic".into(),
                vec![("authorization", "Basic dWppOnVqaQ==")],
                form.clone(),
            ),
            (
                "POST",
                "/kanal/sms/generic".into(),
                vec![],
                format!("{form}&token=salah"),
            ),
            (
                "GET",
                format!("/kanal/sms/generic?{form}"),
                vec![],
                String::new(),
            ),
            (
                "GET",
                format!("/kanal/sms/generic?{form}&token=uji-token-gerbang-smz"),
                vec![],
                String::new(),
            ),
            (
                "GET",
                format!("/kanal/sms/kannel?{form}"),
                vec![],
                String::new(),
            ),
            (
                "POST",
                "/kanal/sms/kannel".into(),
                vec![],
                format!("{form}&token="),
            ),
            (
                "POST",
                "/kanal/sms/twilio".into(),
                vec![],
                twilio_form.clone(),
            ),
            (
                "POST",
                "/kanal/sms/twilio".into(),
                vec![("x-twilio-signature", "AAAA")],
                twilio_form.clone(),
            ),
        ];
        for (method, path, headers, body) in &attempts {
            let answer = app.request(method, path, headers, body).await;
            assert_eq!(answer.status, 401, "{method} {path} {headers:?} {body}");
            assert!(!answer.body.contains("PIN"));
        }
        let counts = store.table_counts().await.expect("counts");
        assert_eq!(counts.reports, 0, "no report was filed");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kannel_splits_keyword_and_text_and_gets_the_reply_as_plain_text() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let national = national_admin(&store).await;
        let path = format!(
            "/kanal/sms/kannel?token={SMS_TOKEN}&from=%2B6281234567890&keyword=jombangkab&text={}&id=kannel-1",
            encode(STORY)
        );
        let answer = app.get(&path).await;
        assert_one_sms(&answer);
        let (number, _) = number_and_pin(&answer.body);
        let view = store.report_for_staff(&number, &national).await.expect("filed");
        assert_eq!(view.report().target_agency_name.as_deref(), Some("Kabupaten Jombang"));
        let posted = app
            .post_form(
                "/kanal/sms/kannel",
                &format!("token={SMS_TOKEN}&from=081234567890&text={}&id=kannel-2", encode(&format!("CEK {}", number.as_str()))),
            )
            .await;
        assert!(posted.body.contains("Belum terverifikasi"), "{}", posted.body);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twilio_posts_are_checked_by_signature_and_answered_in_twiml() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let fields: HashMap<String, String> = [
            ("From", "+6281234567890"),
            ("To", "+621708"),
            (
                "Body",
                "JOMBANGKAB jalan di desa Sumberagung rusak parah & licin",
            ),
            ("MessageSid", "SM0123456789abcdef"),
            ("AccountSid", "AC0123"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let signature = twilio_signature(
            TWILIO_TOKEN,
            &format!("{PUBLIC_URL}/kanal/sms/twilio"),
            &fields,
        );
        let answer = app
            .request(
                "POST",
                "/kanal/sms/twilio",
                &[("x-twilio-signature", &signature)],
                &body,
            )
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        let content_type = answer
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok());
        assert_eq!(content_type, Some("text/xml; charset=utf-8"));
        assert!(answer.body.starts_with("<?xml"), "{}", answer.body);
        let message = answer
            .body
            .split("<Message>")
            .nth(1)
            .and_then(|m| m.split("</Message>").next())
            .expect("a TwiML message");
        number_and_pin(message);

        // A signature over other parameters (a changed body) is refused.
        let tampered = body.replace("licin", "kering");
        let refused = app
            .request(
                "POST",
                "/kanal/sms/twilio",
                &[("x-twilio-signature", &signature)],
                &tampered,
            )
            .await;
        assert_eq!(refused.status, 401);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_sms_delivered_in_parts_is_joined_before_it_is_read() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let national = national_admin(&store).await;
        let whole = format!("JOMBANGKAB {STORY}, sudah tiga motor jatuh di lubang yang sama");
        let chunks: Vec<String> = whole
            .chars()
            .collect::<Vec<_>>()
            .chunks(30)
            .map(|c| c.iter().collect())
            .collect();
        assert_eq!(chunks.len(), 4);
        let send = |i: usize| {
            format!(
                "from=081234567890&id=part-{i}&ref=77&parts=4&part={}&text={}",
                i + 1,
                encode(&chunks[i])
            )
        };
        // Parts arrive in any order, one of them twice; nothing is said until the last.
        for i in [2, 0, 2, 3] {
            let answer = app
                .request("POST", "/kanal/sms/generic", &[BEARER], &send(i))
                .await;
            assert_eq!((answer.status, answer.body.as_str()), (200, ""), "part {i}");
        }
        let last = app
            .request("POST", "/kanal/sms/generic", &[BEARER], &send(1))
            .await;
        assert_one_sms(&last);
        let (number, _) = number_and_pin(&last.body);
        let view = store
            .report_for_staff(&number, &national)
            .await
            .expect("filed");
        assert_eq!(
            view.report().body,
            format!("{STORY}, sudah tiga motor jatuh di lubang yang sama")
        );
        assert_eq!(
            view.report().target_agency_name.as_deref(),
            Some("Kabupaten Jombang")
        );

        for wrong in [
            "from=081234567890&id=w1&ref=8&parts=3&part=4&text=x",
            "from=081234567890&id=w2&ref=8&parts=99&part=1&text=x",
            "from=081234567890&id=w3&parts=2&part=1&text=x",
            "from=081234567890&id=w4&ref=8&parts=dua&part=1&text=x",
        ] {
            let answer = app
                .request("POST", "/kanal/sms/generic", &[BEARER], wrong)
                .await;
            assert_eq!(answer.status, 400, "{wrong}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sms_simulator_does_not_exist_unless_configured() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        assert_eq!(app.get("/simulator/sms").await.status, 404);
        let form = format!(
            "nomor=081234567890&pesan={}",
            encode(&format!("JOMBANGKAB {STORY}"))
        );
        let sent = app.post_form("/simulator/sms", &form).await;
        assert_eq!(sent.status, 404);
        let counts = store.table_counts().await.expect("counts");
        assert_eq!(counts.reports, 0, "nothing was filed");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sms_simulator_sends_as_a_phone_and_shows_the_conversation() {
    on_every_backend(|store| async move {
        let settings = app::server::channels::ChannelSettings {
            simulator: true,
            ..common::http::channel_settings()
        };
        let app = InProcess::with_channels(store.clone(), settings);
        let empty = app.get("/simulator/sms").await;
        assert_eq!(empty.status, 200);
        assert!(empty.body.contains("Simulator SMS 1708"), "{}", empty.body);
        assert!(empty.body.contains("value=\"081234567890\""));

        let form = format!(
            "nomor=0812-3456-7890&pesan={}",
            encode(&format!("JOMBANGKAB {STORY}"))
        );
        let sent = app.post_form("/simulator/sms", &form).await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        assert_eq!(
            sent.location(),
            Some("/simulator/sms?nomor=%2B6281234567890")
        );
        let page = app.get("/simulator/sms?nomor=%2B6281234567890").await;
        assert!(
            page.body.contains(&format!("JOMBANGKAB {STORY}")),
            "{}",
            page.body
        );
        let reply = page
            .body
            .split("LAPOR! Laporan diterima.")
            .nth(1)
            .expect("the reply on the phone");
        assert!(reply.contains("PIN"), "{reply}");
        assert!(page.body.contains("/160 karakter"));

        // The report went through the one pipeline, from that number.
        let national = national_admin(&store).await;
        let number = reply
            .split("No. ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .expect("number");
        let number = TrackingNumber::parse(number).expect("a number");
        let StaffReportView::Admin(admin) = store
            .report_for_staff(&number, &national)
            .await
            .expect("filed")
        else {
            panic!("national administrators read the reporter");
        };
        assert_eq!(admin.reporter.phone.as_deref(), Some("+6281234567890"));

        // Markup typed on the phone is shown as text, in the message and in the answer.
        let markup = "JOMBANGKAB <script>alert(1)</script> jalan rusak parah di desa <b>kami</b>";
        let sent = app
            .post_form(
                "/simulator/sms",
                &format!("nomor=081234567890&pesan={}", encode(markup)),
            )
            .await;
        assert_eq!(sent.status, 303);
        let page = app.get("/simulator/sms?nomor=%2B6281234567890").await;
        assert!(!page.body.contains("<script>alert(1)"), "{}", page.body);
        assert!(
            page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            page.body
        );

        // A wrong number is explained, and the message is kept to send again.
        let wrong = app
            .post_form("/simulator/sms", "nomor=12ab&pesan=CEK+ABC")
            .await;
        assert_eq!(wrong.status, 422);
        assert!(
            wrong.body.contains("Nomor HP tidak valid"),
            "{}",
            wrong.body
        );
        assert!(wrong.body.contains("CEK ABC"));
    })
    .await;
}

fn simulator_app(store: Store) -> InProcess {
    let settings = app::server::channels::ChannelSettings {
        simulator: true,
        ..common::http::channel_settings()
    };
    InProcess::with_channels(store, settings)
}

/// The texts 1708 sent to `phone` on the simulator, oldest first.
async fn phone_screen(app: &InProcess, phone: &str) -> String {
    app.get(&format!("/simulator/sms?nomor={}", encode(phone)))
        .await
        .body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_steps_that_concern_an_sms_reporter_reach_their_phone_once() {
    use app::model::Action;
    use app::server::channels::outbox::deliver_due;
    use app::server::storage::ActionArgs;
    on_every_backend(|store| async move {
        let app = simulator_app(store.clone());
        let national = national_admin(&store).await;
        let first = sms(&app, "081234567890", &format!("JOMBANGKAB {STORY}"), "o-1").await;
        let (number, _) = number_and_pin(&first.body);
        // A web report with a phone number is not an SMS reporter's: no SMS for it.
        let web = app
            .post_form(
                "/lapor",
                "classification=pengaduan&title=Jalan+berlubang+di+depan+sekolah\
                 &body=Sejak+dua+minggu+jalan+di+depan+SDN+2+berlubang+besar+dan+berbahaya\
                 &region_code=3517&name=Budi&phone=081234567891",
            )
            .await;
        let web_number = TrackingNumber::parse(&web.receipt_number()).expect("a number");

        staff_step(
            &store,
            &national,
            &number,
            Action::Verify,
            ActionArgs::default(),
        )
        .await;
        staff_step(
            &store,
            &national,
            &web_number,
            Action::Verify,
            ActionArgs::default(),
        )
        .await;
        let jombang = common::test_agencies(&store).await.1;
        staff_step(
            &store,
            &national,
            &number,
            Action::Forward,
            ActionArgs {
                agency_id: Some(jombang),
                ..ActionArgs::default()
            },
        )
        .await;
        assert_eq!(store.outbox_counts().await.expect("counts").pending, 2);

        assert_eq!(deliver_due(&app.state).await.expect("delivered"), 2);
        assert_eq!(deliver_due(&app.state).await.expect("nothing left"), 0);
        let screen = phone_screen(&app, "081234567890").await;
        let shown = number.display();
        assert!(
            screen.contains(&format!("LAPOR! Laporan {shown} sudah diverifikasi")),
            "{screen}"
        );
        assert!(
            screen.contains(&format!(
                "LAPOR! Laporan {shown} diteruskan ke Kabupaten Jombang"
            )),
            "{screen}"
        );
        assert_eq!(screen.matches("sudah diverifikasi").count(), 1, "told once");
        let counts = store.outbox_counts().await.expect("counts");
        assert_eq!((counts.pending, counts.sent), (0, 2));
        assert!(!phone_screen(&app, "081234567891")
            .await
            .contains("LAPOR! Laporan"));

        // STOP: a notice already queued is skipped, and none is queued any more.
        staff_step(
            &store,
            &national,
            &number,
            Action::Transfer,
            ActionArgs {
                agency_id: Some(common::test_agencies(&store).await.0),
                body: Some("Bukan wewenang kabupaten".into()),
                ..ActionArgs::default()
            },
        )
        .await;
        let stop = sms(
            &app,
            "081234567890",
            &format!("STOP {}", number.as_str()),
            "o-2",
        )
        .await;
        assert!(stop.body.contains("dihentikan"), "{}", stop.body);
        assert_eq!(deliver_due(&app.state).await.expect("delivered"), 0);
        let counts = store.outbox_counts().await.expect("counts");
        assert_eq!((counts.pending, counts.sent, counts.skipped), (0, 2, 1));
        // Another phone cannot stop it for the reporter.
        let other = sms(
            &app,
            "085600001111",
            &format!("STOP {}", number.as_str()),
            "o-3",
        )
        .await;
        assert!(!other.body.contains("dihentikan"), "{}", other.body);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_that_stops_mid_delivery_loses_nothing_and_a_failing_gateway_is_retried_then_given_up(
) {
    use app::model::Action;
    use app::server::channels::outbox::deliver_due;
    use app::server::state::Clock;
    use app::server::storage::ActionArgs;
    on_every_backend(|store| async move {
        let app = simulator_app(store.clone());
        let national = national_admin(&store).await;
        let first = sms(&app, "081234567890", &format!("JOMBANGKAB {STORY}"), "r-1").await;
        let (number, _) = number_and_pin(&first.body);
        staff_step(
            &store,
            &national,
            &number,
            Action::Verify,
            ActionArgs::default(),
        )
        .await;

        // A worker took the message and stopped before it was sent (it crashed): the
        // message waits out the lease, then goes, once.
        let now = Clock::default().now();
        let due = store.due_messages(now, 10, &["sms"]).await.expect("due");
        assert_eq!(due.len(), 1);
        assert!(store
            .lease_message(due[0].id, now, app::model::Timestamp(now.0 + 60_000))
            .await
            .expect("leased"));
        assert_eq!(
            deliver_due(&app.state).await.expect("round"),
            0,
            "held by the other worker"
        );
        let mut later = app.state.clone();
        later.clock = Clock::shifted_by_days(1);
        assert_eq!(deliver_due(&later).await.expect("round"), 1);
        assert_eq!(deliver_due(&later).await.expect("round"), 0);
        assert_eq!(
            phone_screen(&app, "081234567890")
                .await
                .matches("sudah diverifikasi")
                .count(),
            1
        );

        // A gateway that does not answer: tried again with a growing wait, then given up.
        let broken = app::server::channels::ChannelSettings {
            sms_send_url: Some("http://127.0.0.1:9/kirim?to={to}&text={text}&id={id}".into()),
            ..common::http::channel_settings()
        };
        let failing_app = InProcess::with_channels(store.clone(), broken);
        let mut failing = failing_app.state.clone();
        staff_step(
            &store,
            &national,
            &number,
            Action::Forward,
            ActionArgs {
                agency_id: Some(common::test_agencies(&store).await.1),
                ..ActionArgs::default()
            },
        )
        .await;
        for day in 0..app::model::notification::MAX_ATTEMPTS {
            failing.clock = Clock::shifted_by_days(day);
            assert_eq!(deliver_due(&failing).await.expect("round"), 0);
            // Not due again at once: the next attempt waits.
            assert_eq!(deliver_due(&failing).await.expect("round"), 0);
        }
        let counts = store.outbox_counts().await.expect("counts");
        assert_eq!((counts.pending, counts.dead), (0, 1));
        let dead = store.dead_letters(10).await.expect("dead letters");
        assert_eq!(dead.len(), 1);
        assert_eq!(dead[0].attempts, app::model::notification::MAX_ATTEMPTS);
        let error = dead[0].last_error.clone().unwrap_or_default();
        assert!(!error.is_empty());
        assert!(
            !error.contains("81234567890"),
            "the error names no recipient: {error}"
        );

        // National administrators see it on the workspace's audit page; nobody else does.
        let audit = app::server::workspace::staff_audit(&app.state, &national, "")
            .await
            .expect("national administrators read the audit page");
        assert_eq!((audit.outbox.dead, audit.outbox.sent), (1, 1));
        assert_eq!(audit.outbox.undelivered.len(), 1);
        assert_eq!(audit.outbox.undelivered[0].report, number.as_str());
        let jombang = common::test_agencies(&store).await.1;
        let admin = check_new_staff(
            "admin@jombangkab.go.id",
            "",
            "agency_admin",
            Some(jombang),
            None,
        )
        .expect("valid account");
        let admin = store
            .add_staff(&admin, "kata-sandi-yang-panjang", Clock::default().now())
            .await
            .expect("stored")
            .expect("new account");
        assert!(app::server::workspace::staff_audit(&app.state, &admin, "")
            .await
            .is_err());

        // Put back, it goes out through a working channel.
        assert!(store
            .retry_dead_letter(dead[0].id, Clock::default().now())
            .await
            .expect("retry"));
        assert_eq!(deliver_due(&later).await.expect("round"), 1);
        assert!(phone_screen(&app, "081234567890")
            .await
            .contains("diteruskan ke Kabupaten Jombang"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_door_without_its_secret_configured_does_not_exist() {
    on_every_backend(|store| async move {
        let app = InProcess::with_channels(
            store.clone(),
            app::server::channels::ChannelSettings::default(),
        );
        let form = format!(
            "from=081234567890&id=c-1&text={}&token=",
            encode(&format!("JOMBANGKAB {STORY}"))
        );
        for path in [
            "/kanal/sms/generic",
            "/kanal/sms/kannel",
            "/kanal/sms/twilio",
        ] {
            let answer = app.request("POST", path, &[BEARER], &form).await;
            assert_eq!(answer.status, 404, "{path}");
            assert!(
                answer.body.contains("belum disiapkan"),
                "{path}: {}",
                answer.body
            );
        }
        assert_eq!(store.table_counts().await.expect("counts").reports, 0);
    })
    .await;
}

const POST_LINK: &str = "https://x.com/warga_jombang/status/1864000000000000001";

fn post_form(link: &str) -> String {
    format!(
        "tautan={}&akun=%40warga_jombang&jenis=pengaduan&judul=Jalan+rusak+di+Sumberagung&isi={}",
        encode(link),
        encode("Jalan di desa Sumberagung rusak parah dan sudah tiga motor jatuh minggu ini.")
    )
}

/// Signs `email` in over HTTP; the staff session cookie.
async fn staff_cookie(app: &InProcess, email: &str) -> String {
    let answer = app
        .post_form(
            "/masuk",
            &format!("email={}&kata_sandi=kata-sandi-yang-panjang", encode(email)),
        )
        .await;
    answer
        .cookie("lapor_petugas")
        .unwrap_or_else(|| panic!("signed in: {}", answer.status))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn national_administrators_import_a_social_media_post_once_as_a_social_report() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let national = national_admin(&store).await;
        let cookie = staff_cookie(&app, "nasional@lapor.go.id").await;

        // Signed out: sent to sign in, and brought back.
        let away = app.get("/ruang-kerja/impor").await;
        assert_eq!(away.status, 303);
        assert_eq!(away.location(), Some("/masuk?ke=%2Fruang-kerja%2Fimpor"));
        let page = app.get_with_cookie("/ruang-kerja/impor", &cookie).await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("Impor unggahan media sosial"),
            "{}",
            page.body
        );

        let sent = app
            .request(
                "POST",
                "/ruang-kerja/impor",
                &[("cookie", &cookie)],
                &post_form(POST_LINK),
            )
            .await;
        assert_eq!(sent.status, 303, "{}", sent.body);
        let to = sent.location().expect("to the report").to_string();
        assert!(to.starts_with("/ruang-kerja/laporan/"), "{to}");
        let number =
            TrackingNumber::parse(to.rsplit('/').next().unwrap_or_default()).expect("number");
        let StaffReportView::Admin(admin) = store
            .report_for_staff(&number, &national)
            .await
            .expect("filed")
        else {
            panic!("national administrators read the reporter");
        };
        assert!(
            admin.report.body.ends_with(POST_LINK),
            "{}",
            admin.report.body
        );
        assert_eq!(admin.reporter.name.as_deref(), Some("@warga_jombang"));
        assert_eq!(admin.report.status, app::model::Status::Submitted);

        // The same post again is the same report.
        let again = app
            .request(
                "POST",
                "/ruang-kerja/impor",
                &[("cookie", &cookie)],
                &post_form(POST_LINK),
            )
            .await;
        assert_eq!(again.location(), Some(to.as_str()));
        assert_eq!(store.table_counts().await.expect("counts").reports, 1);

        // Mistakes are explained beside their fields, with what was typed kept.
        let wrong = app
            .request(
                "POST",
                "/ruang-kerja/impor",
                &[("cookie", &cookie)],
                &post_form("javascript:alert(1)"),
            )
            .await;
        assert_eq!(wrong.status, 422);
        assert!(
            wrong.body.contains("harus alamat web lengkap"),
            "{}",
            wrong.body
        );
        assert!(wrong.body.contains("value=\"Jalan rusak di Sumberagung\""));
        let markup = post_form("javascript:alert(1)").replace(
            "judul=Jalan+rusak+di+Sumberagung",
            "judul=%3Cscript%3Ealert(2)%3C%2Fscript%3E+jalan+rusak",
        );
        let shown = app
            .request(
                "POST",
                "/ruang-kerja/impor",
                &[("cookie", &cookie)],
                &markup,
            )
            .await;
        assert_eq!(shown.status, 422);
        assert!(!shown.body.contains("<script>alert(2)"), "{}", shown.body);
        assert!(
            shown.body.contains("&lt;script&gt;alert(2)"),
            "{}",
            shown.body
        );
        let empty = app
            .request("POST", "/ruang-kerja/impor", &[("cookie", &cookie)], "")
            .await;
        assert_eq!(empty.status, 422);
        assert!(
            empty.body.contains("Tautan unggahan wajib diisi"),
            "{}",
            empty.body
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_national_administrators_import_posts() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        let jombang = common::test_agencies(&store).await.1;
        for (email, role, agency) in [
            ("admin@jombangkab.go.id", "agency_admin", Some(jombang)),
            ("pengawas@ombudsman.go.id", "oversight", None),
        ] {
            let new = check_new_staff(email, "", role, agency, None).expect("valid account");
            store
                .add_staff(
                    &new,
                    "kata-sandi-yang-panjang",
                    common::wib("2026-01-05", 8),
                )
                .await
                .expect("stored")
                .expect("new account");
            let cookie = staff_cookie(&app, email).await;
            let page = app.get_with_cookie("/ruang-kerja/impor", &cookie).await;
            assert_eq!(page.status, 403, "{role}");
            assert!(page.body.contains("Hanya admin nasional"), "{role}");
            let sent = app
                .request(
                    "POST",
                    "/ruang-kerja/impor",
                    &[("cookie", &cookie)],
                    &post_form(POST_LINK),
                )
                .await;
            assert_eq!(sent.status, 403, "{role}");
        }
        assert_eq!(store.table_counts().await.expect("counts").reports, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_message_ids_are_forgotten_after_their_time() {
    on_every_backend(|store| async move {
        let app = InProcess::new(store.clone());
        sms(
            &app,
            "081234567890",
            "BALAS 222-222-222 lubangnya di depan SD",
            "old-1",
        )
        .await;
        let now = app::server::state::Clock::default().now();
        assert_eq!(
            store
                .forget_messages_before(app::model::Timestamp(now.0 - 60_000))
                .await
                .expect("purge"),
            0
        );
        assert_eq!(
            store
                .forget_messages_before(app::model::Timestamp(now.0 + 60_000))
                .await
                .expect("purge"),
            1
        );
    })
    .await;
}

/// A real SMTP server — Python's standard `smtpd` debugging server — printing every
/// message it receives to a file; stopped when dropped.
struct SmtpSink {
    child: std::process::Child,
    out: std::path::PathBuf,
    port: u16,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let out =
            std::env::temp_dir().join(format!("lapor-smtp-{}-{port}.txt", std::process::id()));
        let file = std::fs::File::create(&out).expect("the sink's output");
        let child = std::process::Command::new("python3")
            .args([
                "-u",
                "-W",
                "ignore",
                "-m",
                "smtpd",
                "-n",
                "-c",
                "DebuggingServer",
            ])
            .arg(format!("127.0.0.1:{port}"))
            .stdout(file)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 runs the SMTP sink");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "the SMTP sink did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        SmtpSink { child, out, port }
    }

    /// What arrived so far: the printed lines joined, quoted-printable soft breaks removed
    /// and runs of white space made one space.
    fn received(&self) -> String {
        let printed = std::fs::read_to_string(&self.out).unwrap_or_default();
        let lines: Vec<String> = printed
            .lines()
            .map(|l| {
                l.strip_prefix("b'")
                    .and_then(|l| l.strip_suffix('\''))
                    .unwrap_or(l)
                    .to_string()
            })
            .collect();
        lines
            .join("\n")
            .replace("=\n", "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.out);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_web_reporter_who_left_an_email_address_is_told_by_email_through_a_real_smtp_server() {
    use app::model::Action;
    use app::server::channels::outbox::deliver_due;
    use app::server::storage::ActionArgs;
    on_every_backend(|store| async move {
        let sink = SmtpSink::start();
        let settings = app::server::channels::ChannelSettings {
            smtp_relay: Some(("127.0.0.1".into(), sink.port)),
            ..common::http::channel_settings()
        };
        let app = InProcess::with_channels(store.clone(), settings);
        let national = national_admin(&store).await;
        let sent = app
            .post_form(
                "/lapor",
                "classification=pengaduan&title=Jalan+berlubang+di+depan+sekolah\
                 &body=Sejak+dua+minggu+jalan+di+depan+SDN+2+berlubang+besar+dan+berbahaya\
                 &region_code=3517&name=Budi&phone=081234567891&email=budi.surat%40contoh.id",
            )
            .await;
        let number = TrackingNumber::parse(&sent.receipt_number()).expect("a number");
        staff_step(
            &store,
            &national,
            &number,
            Action::Verify,
            ActionArgs::default(),
        )
        .await;
        let counts = store.outbox_counts().await.expect("counts");
        assert_eq!(counts.pending, 1, "one e-mail, no SMS for a web report");
        assert_eq!(deliver_due(&app.state).await.expect("delivered"), 1);

        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        let mail = loop {
            let received = sink.received();
            if received.contains("diverifikasi") {
                break received;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "no e-mail arrived: {received}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        };
        let shown = number.display();
        assert!(mail.contains("To: budi.surat@contoh.id"), "{mail}");
        assert!(
            mail.contains(&format!("Subject: LAPOR! Kabar laporan {shown}")),
            "{mail}"
        );
        assert!(
            mail.contains(&format!("LAPOR! Laporan {shown} sudah diverifikasi")),
            "{mail}"
        );
        assert!(
            mail.contains(&format!("https://lapor.test/lacak/{}", number.as_str())),
            "{mail}"
        );
        assert!(mail.contains("Message-ID: <lapor-"), "{mail}");
        assert_eq!(deliver_due(&app.state).await.expect("nothing left"), 0);
        assert_eq!(store.outbox_counts().await.expect("counts").sent, 1);
    })
    .await;
}
