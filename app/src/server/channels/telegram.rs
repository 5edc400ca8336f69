//! The Telegram door: `POST /kanal/telegram`, the bot's webhook. Telegram sends each
//! `Update` as JSON with the secret given to `setWebhook` in
//! `X-Telegram-Bot-Api-Secret-Token` (checked in constant time before the body is read;
//! a wrong or missing one is refused with 401 and logged without content). Text,
//! locations and photos of private chats go to the chat conversation (`super::chat`);
//! the answer rides back in the webhook's response as a `sendMessage` call, so an answer
//! needs no request of its own. Photos are fetched through the Bot API (`getFile`), and
//! notices are sent with `sendMessage` by the outbox.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::chat::{answer, fetch_file, post_message, ChatContent, InboundChat, SharedLocation};
use super::gateways::{raw_body, same_secret, unavailable, Refusal};
use crate::i18n::Locale;
use crate::model::sms::Sender;
use crate::server::state::AppState;
use crate::server::uploads::MAX_FILE_BYTES;

/// The door's name in logs and in the handled-message ids.
pub const DOOR: &str = "telegram";

#[derive(Debug, Deserialize)]
struct Update {
    update_id: i64,
    message: Option<TelegramMessage>,
}

#[derive(Debug, Deserialize)]
struct TelegramMessage {
    chat: TelegramChat,
    from: Option<TelegramUser>,
    text: Option<String>,
    caption: Option<String>,
    location: Option<SharedLocation>,
    photo: Option<Vec<PhotoSize>>,
}

#[derive(Debug, Deserialize)]
struct TelegramChat {
    id: i64,
    #[serde(rename = "type")]
    kind: String,
}

#[derive(Debug, Deserialize)]
struct TelegramUser {
    language_code: Option<String>,
}

#[derive(Debug, Deserialize)]
struct PhotoSize {
    file_id: String,
    file_size: Option<u64>,
}

/// `POST /kanal/telegram`.
pub async fn webhook(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, body) = request.into_parts();
    let Some(expected) = state.channels.settings.telegram_secret.as_deref() else {
        return Refusal::Closed.response(DOOR, &parts);
    };
    let given = parts
        .headers
        .get("x-telegram-bot-api-secret-token")
        .and_then(|v| v.to_str().ok());
    if !given.is_some_and(|given| same_secret(given, expected)) {
        return Refusal::Unauthenticated.response(DOOR, &parts);
    }
    let bytes = match raw_body(body).await {
        Ok(bytes) => bytes,
        Err(refusal) => return refusal.response(DOOR, &parts),
    };
    let Ok(update) = serde_json::from_slice::<Update>(&bytes) else {
        return Refusal::Malformed.response(DOOR, &parts);
    };
    // Edited messages, channel posts, button presses: nothing to answer.
    let Some(message) = update.message else {
        return nothing();
    };
    // Only private chats: in a group, the PIN of a report would be read by all.
    if message.chat.kind != "private" {
        return nothing();
    }
    let chat_id = message.chat.id;
    let locale = match message
        .from
        .as_ref()
        .and_then(|u| u.language_code.as_deref())
    {
        Some(code) if code.starts_with("en") => Locale::En,
        _ => Locale::Id,
    };
    let content = content(&state, message).await;
    let inbound = InboundChat {
        door: DOOR,
        id: update.update_id.to_string(),
        sender: Sender::Telegram(chat_id),
        locale,
        content,
    };
    match answer(&state, inbound).await {
        Ok(Some(reply)) => send_in_response(chat_id, &reply),
        Ok(None) => nothing(),
        Err(error) => unavailable(error, DOOR),
    }
}

/// What the message carried, a photo fetched (empty when it could not be: the
/// conversation then says the photo could not be used).
async fn content(state: &AppState, message: TelegramMessage) -> ChatContent {
    if let Some(location) = message.location {
        return location.into();
    }
    if let Some(sizes) = message.photo {
        // The largest size that may be attached (Telegram lists them smallest first).
        let best = sizes
            .iter()
            .rfind(|s| s.file_size.is_none_or(|size| size <= MAX_FILE_BYTES as u64));
        let bytes = match best {
            Some(size) => match download(state, &size.file_id).await {
                Ok(bytes) => bytes,
                Err(error) => {
                    tracing::warn!(error, "a Telegram photo could not be fetched");
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        return ChatContent::Photo {
            bytes,
            caption: message.caption,
        };
    }
    match message.text {
        Some(text) => ChatContent::Text(text),
        None => ChatContent::Other,
    }
}

#[derive(Debug, Deserialize)]
struct ApiAnswer<T> {
    ok: bool,
    result: Option<T>,
}

#[derive(Debug, Deserialize)]
struct File {
    file_path: Option<String>,
}

/// A photo's bytes through the Bot API (`getFile`, then the file itself). The error
/// never carries the address, which holds the bot's token.
async fn download(state: &AppState, file_id: &str) -> Result<Vec<u8>, String> {
    let settings = &state.channels.settings;
    let token = settings
        .telegram_bot_token
        .as_deref()
        .ok_or("LAPOR_TELEGRAM_BOT_TOKEN is not set")?;
    let base = &settings.telegram_api_url;
    let client = &state.channels.http;
    let answer: ApiAnswer<File> = client
        .get(format!("{base}/bot{token}/getFile"))
        .query(&[("file_id", file_id)])
        .send()
        .await
        .map_err(|e| e.without_url().to_string())?
        .json()
        .await
        .map_err(|e| e.without_url().to_string())?;
    let path = answer
        .result
        .and_then(|f| f.file_path)
        .filter(|_| answer.ok)
        .ok_or("getFile gave no file")?;
    fetch_file(client.get(format!("{base}/file/bot{token}/{path}"))).await
}

/// Sends `text` to chat `chat_id` (a notice of the outbox). The error never names the
/// chat nor carries the token.
pub async fn send_message(state: &AppState, chat_id: i64, text: &str) -> Result<(), String> {
    let settings = &state.channels.settings;
    let token = settings
        .telegram_bot_token
        .as_deref()
        .ok_or("LAPOR_TELEGRAM_BOT_TOKEN is not set")?;
    let request = state.channels.http.post(format!(
        "{}/bot{token}/sendMessage",
        settings.telegram_api_url
    ));
    post_message(
        request,
        &serde_json::json!({ "chat_id": chat_id, "text": text }),
    )
    .await
}

/// The chat id of a stored Telegram chat address (`telegram:42`).
pub fn chat_id(address: &str) -> Option<i64> {
    address.strip_prefix("telegram:")?.parse().ok()
}

/// The answer as the webhook's response: Telegram carries out the `sendMessage`.
fn send_in_response(chat_id: i64, text: &str) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::json!({ "method": "sendMessage", "chat_id": chat_id, "text": text })
            .to_string(),
    )
        .into_response()
}

fn nothing() -> Response {
    StatusCode::OK.into_response()
}
