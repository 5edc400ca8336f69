//! The chat doors (Telegram, WhatsApp) in process, on a fresh database of every backend,
//! with a stand-in for each service's API on a real local socket (the real ones are on
//! the internet): what a citizen writing to the bot gets back, what reaches staff, and
//! what the doors refuse.

mod common;

use std::sync::{Arc, Mutex};

use app::model::privacy::StaffReportView;
use app::server::channels::whatsapp::signature;
use app::server::channels::ChannelSettings;
use axum::body::Bytes;
use axum::http::{Method, StatusCode, Uri};
use axum::response::IntoResponse;
use common::http::{
    channel_settings, Answer, InProcess, TELEGRAM_BOT_TOKEN, TELEGRAM_SECRET,
    WHATSAPP_ACCESS_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_PHONE_ID, WHATSAPP_VERIFY_TOKEN,
};
use common::images::{jpeg, with_exif, GPS_MARKER};
use common::messages::{national_admin, number_and_pin, staff_step};
use common::on_every_backend;
use serde_json::{json, Value};

const STORY: &str = "Jalan di desa Sumberagung rusak parah sejak musim hujan, banyak yang jatuh";
const CHAT: i64 = 777_000_123;

// ------------------------------------------------------------- the stand-in service

/// What the stand-in was asked: method, path with query, and the JSON body if any.
type Seen = Arc<Mutex<Vec<(String, String, Value)>>>;

/// A small HTTP server answering like the Telegram Bot API and the WhatsApp Cloud API
/// for what Lapor asks of them: a photo's file (with EXIF and GPS), sent messages.
struct StandIn {
    base: String,
    seen: Seen,
}

impl StandIn {
    async fn start() -> StandIn {
        let seen: Seen = Arc::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let media_url = format!("{base}/media/photo.jpg");
        let record = seen.clone();
        let service = axum::Router::new().fallback(
            move |method: Method, uri: Uri, headers: axum::http::HeaderMap, body: Bytes| {
                let record = record.clone();
                let media_url = media_url.clone();
                async move {
                    let path = uri.path_and_query().map(|p| p.to_string()).unwrap_or_default();
                    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    record
                        .lock()
                        .expect("lock")
                        .push((method.to_string(), path.clone(), json));
                    let bearer = headers
                        .get("authorization")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_string();
                    let telegram = format!("/bot{TELEGRAM_BOT_TOKEN}/");
                    let photo = || with_exif(&jpeg(64, 48), 1);
                    if path.starts_with(&format!("{telegram}getFile")) {
                        axum::Json(json!({"ok": true, "result": {"file_id": "f", "file_path": "photos/file_1.jpg"}}))
                            .into_response()
                    } else if path == format!("/file/bot{TELEGRAM_BOT_TOKEN}/photos/file_1.jpg") {
                        photo().into_response()
                    } else if path.starts_with(&telegram) {
                        axum::Json(json!({"ok": true, "result": {}})).into_response()
                    } else if bearer != format!("Bearer {WHATSAPP_ACCESS_TOKEN}") {
                        StatusCode::UNAUTHORIZED.into_response()
                    } else if path == "/media-7" {
                        axum::Json(json!({"url": media_url})).into_response()
                    } else if path == "/media/photo.jpg" {
                        photo().into_response()
                    } else {
                        axum::Json(json!({"messages": [{"id": "wamid.sent"}]})).into_response()
                    }
                }
            },
        );
        tokio::spawn(async move {
            let _ = axum::serve(listener, service).await;
        });
        StandIn { base, seen }
    }

    /// The texts sent to the service (`sendMessage`, `messages`), oldest first, with
    /// whom they went to.
    fn sent(&self) -> Vec<(String, String)> {
        self.seen
            .lock()
            .expect("lock")
            .iter()
            .filter(|(method, path, _)| {
                method == "POST" && (path.ends_with("/sendMessage") || path.ends_with("/messages"))
            })
            .map(|(_, _, body)| {
                let to = body
                    .get("chat_id")
                    .map(|v| v.to_string())
                    .or_else(|| body.get("to").and_then(Value::as_str).map(str::to_string))
                    .unwrap_or_default();
                let text = body
                    .get("text")
                    .and_then(|t| t.as_str().or_else(|| t.get("body").and_then(Value::as_str)))
                    .unwrap_or_default()
                    .to_string();
                (to, text)
            })
            .collect()
    }

    fn settings(&self) -> ChannelSettings {
        ChannelSettings {
            telegram_api_url: self.base.clone(),
            whatsapp_api_url: self.base.clone(),
            ..channel_settings()
        }
    }
}

// ------------------------------------------------------------- Telegram

/// A Telegram update with a private-chat message from `chat` carrying `content`.
fn update(id: i64, chat: i64, content: Value) -> String {
    let mut message = json!({
        "message_id": id,
        "date": 1_767_000_000,
        "chat": {"id": chat, "type": "private", "first_name": "Sari"},
        "from": {"id": chat, "is_bot": false, "first_name": "Sari", "language_code": "id"},
    });
    if let (Some(message), Some(content)) = (message.as_object_mut(), content.as_object()) {
        for (key, value) in content {
            message.insert(key.clone(), value.clone());
        }
    }
    json!({"update_id": id, "message": message}).to_string()
}

fn text(t: &str) -> Value {
    json!({ "text": t })
}

async fn telegram(app: &InProcess, body: &str) -> Answer {
    app.request(
        "POST",
        "/kanal/telegram",
        &[
            ("content-type", "application/json"),
            ("x-telegram-bot-api-secret-token", TELEGRAM_SECRET),
        ],
        body,
    )
    .await
}

/// The text of the `sendMessage` the webhook answered with (to `CHAT`).
fn said(answer: &Answer) -> String {
    assert_eq!(answer.status, 200, "{}", answer.body);
    let call: Value = serde_json::from_str(&answer.body).expect("a method call");
    assert_eq!(call["method"], "sendMessage");
    assert_eq!(call["chat_id"], CHAT);
    call["text"].as_str().expect("a text").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_user_is_guided_from_hello_to_a_filed_report_with_photo_and_place() {
    on_every_backend(|store| async move {
        let service = StandIn::start().await;
        let app = InProcess::with_channels(store.clone(), service.settings());
        let national = national_admin(&store).await;

        let hello = said(&telegram(&app, &update(1, CHAT, text("/start"))).await);
        assert!(hello.contains("Jenis laporan Anda?"), "{hello}");
        let wrong = said(&telegram(&app, &update(2, CHAT, text("7"))).await);
        assert!(wrong.starts_with("Pilihan itu tidak dikenal."), "{wrong}");
        let story = said(&telegram(&app, &update(3, CHAT, text("1"))).await);
        assert!(story.contains("Ceritakan apa yang terjadi"), "{story}");
        let short = said(&telegram(&app, &update(4, CHAT, text("jalan rusak"))).await);
        assert!(short.contains("terlalu pendek"), "{short}");
        let place = said(&telegram(&app, &update(5, CHAT, text(STORY))).await);
        assert!(place.contains("Di mana tempatnya?"), "{place}");
        let photo = json!({"photo": [
            {"file_id": "small", "file_unique_id": "s", "width": 90, "height": 67, "file_size": 1200},
            {"file_id": "big", "file_unique_id": "b", "width": 64, "height": 48, "file_size": 4000},
        ]});
        let kept = said(&telegram(&app, &update(6, CHAT, photo)).await);
        assert!(kept.starts_with("Foto diterima (1 dari 5)."), "{kept}");
        let location = json!({"location": {"latitude": -7.5461, "longitude": 112.2333}});
        let confirm = said(&telegram(&app, &update(7, CHAT, location)).await);
        assert!(confirm.contains("Kirim laporan ini?"), "{confirm}");
        assert!(confirm.contains("Pengaduan"), "{confirm}");
        assert!(confirm.contains("-7.54610, 112.23330"), "{confirm}");
        assert!(confirm.contains("Foto: 1"), "{confirm}");

        let receipt = said(&telegram(&app, &update(8, CHAT, text("Ya"))).await);
        let (number, pin) = number_and_pin(&receipt);
        assert_eq!(pin.len(), 6, "{receipt}");
        // Delivered again (Telegram retries when it missed the answer): nothing twice.
        let again = telegram(&app, &update(8, CHAT, text("Ya"))).await;
        assert_eq!((again.status, again.body.as_str()), (200, ""));

        let view = store
            .report_for_staff(&number, &national)
            .await
            .expect("the report was filed");
        let StaffReportView::Admin(admin) = view else {
            panic!("a national administrator's view");
        };
        assert_eq!(admin.report.body, STORY);
        assert_eq!(admin.report.classification.code(), "pengaduan");
        assert_eq!(admin.report.coordinates, Some((-7.5461, 112.2333)));
        assert_eq!(
            (admin.reporter.phone, admin.reporter.chat),
            (None, None),
            "a chat is an address for answers, never shown"
        );
        // The photo went through the upload sanitiser: attached, without its EXIF.
        let attachments = store.report_attachments(&number).await.expect("read");
        assert_eq!(attachments.len(), 1);
        let record = store
            .report_attachment(&number, attachments[0].id)
            .await
            .expect("read")
            .expect("the photo");
        let bytes = app
            .state
            .blobs
            .get(&record.file.blob_key)
            .await
            .expect("read")
            .expect("bytes");
        assert!(
            !bytes.windows(GPS_MARKER.len()).any(|w| w == GPS_MARKER),
            "the photo's location is gone"
        );
        // The bot asked Telegram for the largest size.
        let asked: Vec<String> = service
            .seen
            .lock()
            .expect("lock")
            .iter()
            .map(|(_, path, _)| path.clone())
            .filter(|path| path.contains("getFile"))
            .collect();
        assert_eq!(asked, vec![format!("/bot{TELEGRAM_BOT_TOKEN}/getFile?file_id=big")]);

        // The guide is over: the same chat starts afresh.
        let next = said(&telegram(&app, &update(9, CHAT, text("halo"))).await);
        assert!(next.contains("Ketik LAPOR"), "{next}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_user_speaks_the_sms_grammar_and_only_their_chat_reads_their_report() {
    on_every_backend(|store| async move {
        let service = StandIn::start().await;
        let app = InProcess::with_channels(store.clone(), service.settings());
        let national = national_admin(&store).await;
        let filed = said(
            &telegram(
                &app,
                &update(1, CHAT, text(&format!("ANONIM JOMBANGKAB {STORY}"))),
            )
            .await,
        );
        assert!(filed.starts_with("LAPOR! Laporan diterima."), "{filed}");
        let (number, _) = number_and_pin(&filed);
        let view = store
            .report_for_staff(&number, &national)
            .await
            .expect("filed");
        assert!(view.report().anonymous);
        assert_eq!(
            view.report().target_agency_name.as_deref(),
            Some("Kabupaten Jombang")
        );
        assert_eq!(view.report().coordinates, None);

        let check = format!("CEK {}", number.as_str());
        let mine = said(&telegram(&app, &update(2, CHAT, text(&check))).await);
        assert!(mine.contains(&number.display()), "{mine}");
        let stranger = telegram(&app, &update(3, CHAT + 1, text(&check))).await;
        let call: Value = serde_json::from_str(&stranger.body).expect("a method call");
        let theirs = call["text"].as_str().unwrap_or_default();
        assert!(!theirs.contains(&number.display()), "{theirs}");

        // A free text with a cancel: nothing filed, the draft forgotten.
        let guided = said(&telegram(&app, &update(4, CHAT, text(STORY))).await);
        assert!(guided.contains("Jenis laporan Anda?"), "{guided}");
        // Inside a guided report, CEK still answers, and the guide waits.
        let checked = said(&telegram(&app, &update(5, CHAT, text(&check))).await);
        assert!(checked.contains(&number.display()), "{checked}");
        let cancelled = said(&telegram(&app, &update(6, CHAT, text("batal"))).await);
        assert!(cancelled.starts_with("Laporan dibatalkan."), "{cancelled}");

        // A photo captioned in the grammar files at once, with the photo attached.
        let captioned = json!({
            "photo": [{"file_id": "big", "file_unique_id": "b", "width": 64, "height": 48}],
            "caption": format!("JOMBANGKAB {STORY}"),
        });
        let with_photo = said(&telegram(&app, &update(8, CHAT, captioned)).await);
        let (photographed, _) = number_and_pin(&with_photo);
        assert_eq!(
            store
                .report_attachments(&photographed)
                .await
                .expect("read")
                .len(),
            1
        );

        // An English-speaking user is answered in English.
        let english = update(7, CHAT + 2, text("/start"))
            .replace("\"language_code\":\"id\"", "\"language_code\":\"en-GB\"");
        let call: Value =
            serde_json::from_str(&telegram(&app, &english).await.body).expect("a call");
        assert!(
            call["text"]
                .as_str()
                .unwrap_or_default()
                .starts_with("What kind of report?"),
            "{call}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_telegram_door_refuses_strangers_and_ignores_what_it_need_not_answer() {
    on_every_backend(|store| async move {
        let service = StandIn::start().await;
        let app = InProcess::with_channels(store.clone(), service.settings());
        let body = update(1, CHAT, text(&format!("JOMBANGKAB {STORY}")));
        for headers in [
            vec![("content-type", "application/json")],
            vec![
                ("content-type", "application/json"),
                ("x-telegram-bot-api-secret-token", "tebakan"),
            ],
        ] {
            let refused = app
                .request("POST", "/kanal/telegram", &headers, &body)
                .await;
            assert_eq!(refused.status, 401);
        }
        // A group chat would show the PIN to everyone; an edit or a channel post asks
        // for nothing: each is taken (200) and not answered.
        let group = body.replace("\"type\":\"private\"", "\"type\":\"group\"");
        let edited = body.replace("\"message\"", "\"edited_message\"");
        for quiet in [group, edited] {
            let answer = telegram(&app, &quiet).await;
            assert_eq!((answer.status, answer.body.as_str()), (200, ""), "{quiet}");
        }
        for broken in ["{", "[]", "{\"message\": {}}"] {
            assert_eq!(telegram(&app, broken).await.status, 400, "{broken}");
        }
        let huge = format!("{{\"update_id\": 1, \"pad\": \"{}\"}}", "x".repeat(100_000));
        assert_eq!(telegram(&app, &huge).await.status, 413);
        assert_eq!(store.outbox_counts().await.expect("counts").pending, 0);
        assert!(service.sent().is_empty());
        // None of them was taken: the same update now files its report (a taken one
        // would have claimed update 1, and this would get no answer).
        let first = said(&telegram(&app, &body).await);
        let (number, _) = number_and_pin(&first);
        assert!(number.display().len() > 5);

        // Without its secret configured, the door does not exist.
        let closed = InProcess::with_channels(
            store.clone(),
            ChannelSettings {
                telegram_secret: None,
                ..service.settings()
            },
        );
        assert_eq!(telegram(&closed, &body).await.status, 404);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_steps_of_a_chat_report_reach_the_chat_through_the_outbox() {
    use app::model::Action;
    use app::server::channels::outbox::deliver_due;
    use app::server::storage::ActionArgs;
    on_every_backend(|store| async move {
        let service = StandIn::start().await;
        let app = InProcess::with_channels(store.clone(), service.settings());
        let national = national_admin(&store).await;
        let filed =
            said(&telegram(&app, &update(1, CHAT, text(&format!("JOMBANGKAB {STORY}")))).await);
        let (number, _) = number_and_pin(&filed);
        staff_step(
            &store,
            &national,
            &number,
            Action::Verify,
            ActionArgs::default(),
        )
        .await;
        assert_eq!(deliver_due(&app.state).await.expect("delivered"), 1);
        let sent = service.sent();
        assert_eq!(sent.len(), 1, "{sent:?}");
        assert_eq!(sent[0].0, CHAT.to_string());
        assert!(sent[0].1.contains("sudah diverifikasi"), "{}", sent[0].1);

        // STOP from the chat: no more notices about it.
        let stop = said(
            &telegram(
                &app,
                &update(2, CHAT, text(&format!("STOP {}", number.as_str()))),
            )
            .await,
        );
        assert!(stop.contains("dihentikan"), "{stop}");
    })
    .await;
}

// ------------------------------------------------------------- WhatsApp

/// A WhatsApp Cloud API notification with one message from `from` (digits).
fn notification(id: &str, from: &str, message: Value) -> String {
    let mut message_object = json!({"from": from, "id": id, "timestamp": "1767000000"});
    if let (Some(target), Some(content)) = (message_object.as_object_mut(), message.as_object()) {
        for (key, value) in content {
            target.insert(key.clone(), value.clone());
        }
    }
    json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "621708", "phone_number_id": WHATSAPP_PHONE_ID},
            "contacts": [{"profile": {"name": "Sari"}, "wa_id": from}],
            "messages": [message_object],
        }}]}],
    })
    .to_string()
}

async fn whatsapp(app: &InProcess, body: &str) -> Answer {
    let signed = format!("sha256={}", signature(WHATSAPP_APP_SECRET, body.as_bytes()));
    app.request(
        "POST",
        "/kanal/whatsapp",
        &[
            ("content-type", "application/json"),
            ("x-hub-signature-256", &signed),
        ],
        body,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whatsapp_verifies_its_webhook_checks_signatures_and_files_by_keyword() {
    on_every_backend(|store| async move {
        let service = StandIn::start().await;
        let app = InProcess::with_channels(store.clone(), service.settings());
        let national = national_admin(&store).await;

        let verify = app
            .get(&format!(
                "/kanal/whatsapp?hub.mode=subscribe&hub.verify_token={WHATSAPP_VERIFY_TOKEN}&hub.challenge=1158201444"
            ))
            .await;
        assert_eq!((verify.status, verify.body.as_str()), (200, "1158201444"));
        let wrong = app
            .get("/kanal/whatsapp?hub.mode=subscribe&hub.verify_token=tebakan&hub.challenge=1")
            .await;
        assert_eq!(wrong.status, 401);

        let body = notification(
            "wamid.1",
            "6281234567890",
            json!({"type": "text", "text": {"body": format!("JOMBANGKAB {STORY}")}}),
        );
        // Missing, wrong, or over another body: refused before anything is read.
        let forged = format!("sha256={}", signature("bukan-rahasianya", body.as_bytes()));
        let other = format!("sha256={}", signature(WHATSAPP_APP_SECRET, b"{}"));
        for headers in [
            vec![("content-type", "application/json")],
            vec![("x-hub-signature-256", forged.as_str())],
            vec![("x-hub-signature-256", other.as_str())],
        ] {
            let refused = app.request("POST", "/kanal/whatsapp", &headers, &body).await;
            assert_eq!(refused.status, 401);
        }
        assert!(service.sent().is_empty());

        let taken = whatsapp(&app, &body).await;
        assert_eq!(taken.status, 200);
        let sent = service.sent();
        assert_eq!(sent.len(), 1, "one answer: {sent:?}");
        assert_eq!(sent[0].0, "6281234567890");
        assert!(sent[0].1.starts_with("LAPOR! Laporan diterima."), "{}", sent[0].1);
        let (number, _) = number_and_pin(&sent[0].1);
        let StaffReportView::Admin(admin) =
            store.report_for_staff(&number, &national).await.expect("filed")
        else {
            panic!("a national administrator's view");
        };
        assert_eq!(admin.reporter.phone.as_deref(), Some("+6281234567890"));
        assert_eq!(admin.report.target_agency_name.as_deref(), Some("Kabupaten Jombang"));

        // Delivered twice: one report, one answer.
        assert_eq!(whatsapp(&app, &body).await.status, 200);
        assert_eq!(service.sent().len(), 1);
        // Delivery statuses ask for nothing.
        let statuses = json!({"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {
            "metadata": {"phone_number_id": WHATSAPP_PHONE_ID},
            "statuses": [{"id": "wamid.sent", "status": "delivered", "recipient_id": "6281234567890"}]
        }}]}]})
        .to_string();
        assert_eq!(whatsapp(&app, &statuses).await.status, 200);
        assert_eq!(service.sent().len(), 1);
        // The same number by SMS reads the report: WhatsApp knows people by their phone.
        let check = whatsapp(
            &app,
            &notification(
                "wamid.2",
                "6281234567890",
                json!({"type": "text", "text": {"body": format!("CEK {}", number.as_str())}}),
            ),
        )
        .await;
        assert_eq!(check.status, 200);
        assert!(service.sent()[1].1.contains(&number.display()));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whatsapp_image_joins_a_guided_report_and_notices_keep_to_the_24_hour_window() {
    use app::model::Action;
    use app::server::channels::outbox::deliver_due;
    use app::server::storage::ActionArgs;
    on_every_backend(|store| async move {
        let service = StandIn::start().await;
        let app = InProcess::with_channels(store.clone(), service.settings());
        let national = national_admin(&store).await;
        let from = "6285600001111";
        let image = json!({"type": "image", "image": {"id": "media-7", "mime_type": "image/jpeg", "caption": STORY}});
        for (id, message) in [
            ("w1", image),
            ("w2", json!({"type": "text", "text": {"body": "2"}})),
            ("w3", json!({"type": "text", "text": {"body": "Jl. Merdeka 1, Jombang"}})),
            ("w4", json!({"type": "text", "text": {"body": "kirim"}})),
        ] {
            assert_eq!(whatsapp(&app, &notification(id, from, message)).await.status, 200);
        }
        let sent = service.sent();
        assert_eq!(sent.len(), 4, "{sent:?}");
        assert!(sent[0].1.starts_with("Foto diterima (1 dari 5)."), "{}", sent[0].1);
        assert!(sent[0].1.contains("Jenis laporan Anda?"), "the caption was the story: {}", sent[0].1);
        assert!(sent[2].1.contains("Lokasi: Jl. Merdeka 1, Jombang"), "{}", sent[2].1);
        let (number, _) = number_and_pin(&sent[3].1);
        let view = store.report_for_staff(&number, &national).await.expect("filed");
        assert_eq!(view.report().classification.code(), "aspirasi");
        assert_eq!(view.report().address, "Jl. Merdeka 1, Jombang");
        assert_eq!(store.report_attachments(&number).await.expect("read").len(), 1);

        // A step within a day of the reporter's last message goes by WhatsApp.
        staff_step(&store, &national, &number, Action::Verify, ActionArgs::default()).await;
        assert_eq!(deliver_due(&app.state).await.expect("delivered"), 1);
        let notice = service.sent().pop().expect("a notice");
        assert_eq!(notice.0, from);
        assert!(notice.1.contains("sudah diverifikasi"), "{}", notice.1);

        // Two days later WhatsApp would refuse a free-form message: without an SMS
        // sender the notice waits (and is retried) instead of being lost.
        let later = InProcess::with_channels(
            store.clone(),
            ChannelSettings {
                ..service.settings()
            },
        );
        let mut state = later.state.clone();
        state.clock = app::server::state::Clock::shifted_by_days(2);
        let jombang = common::test_agencies(&store).await.1;
        let forward = ActionArgs {
            agency_id: Some(jombang),
            ..ActionArgs::default()
        };
        staff_step(&store, &national, &number, Action::Forward, forward).await;
        let before = service.sent().len();
        assert_eq!(deliver_due(&state).await.expect("a round"), 0);
        assert_eq!(service.sent().len(), before, "nothing sent outside the window");
        assert_eq!(store.outbox_counts().await.expect("counts").pending, 1);
    })
    .await;
}
