//! The WhatsApp door: `GET|POST /kanal/whatsapp`, a WhatsApp Cloud API webhook.
//!
//! - `GET`: Meta's verification when the webhook is set up: `hub.mode=subscribe` and
//!   `hub.verify_token` equal to `LAPOR_WHATSAPP_VERIFY_TOKEN` answer `hub.challenge`.
//! - `POST`: each call is signed in `X-Hub-Signature-256` (`sha256=` and the HMAC-SHA256
//!   of the raw body with the app's secret), verified before the body is parsed; a wrong
//!   or missing one is refused with 401 and logged without content. `messages[]` (text,
//!   location, image) go to the chat conversation (`super::chat`); `statuses[]` (sent,
//!   delivered, read) need nothing. Answers go back through the Cloud API's `messages`
//!   endpoint from the number the message came to.
//!
//! WhatsApp knows its users by phone number, so a WhatsApp reporter is a phone like an
//! SMS one (same privacy rules; `CEK` from either finds reports of that number).

use axum::body::Body;
use axum::extract::State;
use axum::http::{request::Parts, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use serde::Deserialize;

use super::chat::{answer, fetch_file, post_message, ChatContent, InboundChat, SharedLocation};
use super::gateways::{plain, raw_body, same_secret, unavailable, Refusal};
use crate::i18n::Locale;
use crate::model::sms::{normalize_sender, Sender};
use crate::server::state::AppState;

/// The door's name in logs and in the handled-message ids.
pub const DOOR: &str = "whatsapp";

/// `GET /kanal/whatsapp`: Meta's webhook verification.
pub async fn verify(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let settings = &state.channels.settings;
    let (Some(_), Some(expected)) = (
        &settings.whatsapp_app_secret,
        &settings.whatsapp_verify_token,
    ) else {
        return Refusal::Closed.response(DOOR, &parts);
    };
    let query: std::collections::HashMap<String, String> = crate::server::http::query_pairs(&parts)
        .into_iter()
        .collect();
    let subscribes = query.get("hub.mode").map(String::as_str) == Some("subscribe");
    let token_matches = query
        .get("hub.verify_token")
        .is_some_and(|given| same_secret(given, expected));
    match query.get("hub.challenge") {
        Some(challenge) if subscribes && token_matches => plain(StatusCode::OK, challenge),
        _ if !token_matches => Refusal::Unauthenticated.response(DOOR, &parts),
        _ => Refusal::Malformed.response(DOOR, &parts),
    }
}

#[derive(Debug, Deserialize)]
struct Notification {
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Debug, Deserialize)]
struct Change {
    value: Value,
}

#[derive(Debug, Deserialize)]
struct Value {
    metadata: Option<Metadata>,
    #[serde(default)]
    messages: Vec<WhatsAppMessage>,
}

#[derive(Debug, Deserialize)]
struct Metadata {
    phone_number_id: String,
}

#[derive(Debug, Deserialize)]
struct WhatsAppMessage {
    from: String,
    id: String,
    #[serde(rename = "type")]
    kind: String,
    text: Option<TextBody>,
    location: Option<SharedLocation>,
    image: Option<MediaBody>,
}

#[derive(Debug, Deserialize)]
struct TextBody {
    body: String,
}

#[derive(Debug, Deserialize)]
struct MediaBody {
    id: String,
    caption: Option<String>,
}

/// `POST /kanal/whatsapp`.
pub async fn webhook(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, body) = request.into_parts();
    let Some(secret) = state.channels.settings.whatsapp_app_secret.clone() else {
        return Refusal::Closed.response(DOOR, &parts);
    };
    let bytes = match raw_body(body).await {
        Ok(bytes) => bytes,
        Err(refusal) => return refusal.response(DOOR, &parts),
    };
    if !signed(&parts, &bytes, &secret) {
        return Refusal::Unauthenticated.response(DOOR, &parts);
    }
    let Ok(notification) = serde_json::from_slice::<Notification>(&bytes) else {
        return Refusal::Malformed.response(DOOR, &parts);
    };
    for change in notification.entry.into_iter().flat_map(|e| e.changes) {
        let Some(business) = change.value.metadata.map(|m| m.phone_number_id) else {
            continue;
        };
        for message in change.value.messages {
            // A sender WhatsApp gives no usable number for cannot be answered.
            let Some(phone) =
                normalize_sender(&format!("+{}", message.from.trim_start_matches('+')))
            else {
                continue;
            };
            let to = message.from.clone();
            let inbound = InboundChat {
                door: DOOR,
                id: message.id.clone(),
                sender: Sender::WhatsApp(phone),
                locale: Locale::Id,
                content: content(&state, message).await,
            };
            match answer(&state, inbound).await {
                Ok(Some(reply)) => {
                    // The message is handled and its report kept: a lost answer is
                    // logged, not retried by failing the webhook (which would not
                    // bring it back: the message is marked handled).
                    if let Err(error) = send_text(&state, &business, &to, &reply).await {
                        tracing::warn!(error, "a WhatsApp answer could not be sent");
                    }
                }
                Ok(None) => {}
                Err(error) => return unavailable(error, DOOR),
            }
        }
    }
    StatusCode::OK.into_response()
}

/// Whether `X-Hub-Signature-256` is the body's HMAC-SHA256 with the app's secret.
fn signed(parts: &Parts, body: &[u8], secret: &str) -> bool {
    let Some(given) = parts
        .headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("sha256="))
    else {
        return false;
    };
    same_secret(&given.to_ascii_lowercase(), &signature(secret, body))
}

/// The hex HMAC-SHA256 of `body` with `secret`, as Meta signs webhook calls.
pub fn signature(secret: &str, body: &[u8]) -> String {
    // HMAC takes a key of any length: this never fails.
    let Ok(mut mac) = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the message carried; an image is fetched (empty when it could not be).
async fn content(state: &AppState, message: WhatsAppMessage) -> ChatContent {
    match message.kind.as_str() {
        "text" => message
            .text
            .map(|t| ChatContent::Text(t.body))
            .unwrap_or(ChatContent::Other),
        "location" => message
            .location
            .map(ChatContent::from)
            .unwrap_or(ChatContent::Other),
        "image" => match message.image {
            Some(image) => {
                let bytes = match download(state, &image.id).await {
                    Ok(bytes) => bytes,
                    Err(error) => {
                        tracing::warn!(error, "a WhatsApp image could not be fetched");
                        Vec::new()
                    }
                };
                ChatContent::Photo {
                    bytes,
                    caption: image.caption,
                }
            }
            None => ChatContent::Other,
        },
        _ => ChatContent::Other,
    }
}

#[derive(Debug, Deserialize)]
struct Media {
    url: String,
}

fn access_token(state: &AppState) -> Result<&str, String> {
    state
        .channels
        .settings
        .whatsapp_access_token
        .as_deref()
        .ok_or_else(|| "LAPOR_WHATSAPP_ACCESS_TOKEN is not set".to_string())
}

/// An image's bytes through the Cloud API: its address, then the bytes, both with the
/// access token.
async fn download(state: &AppState, media_id: &str) -> Result<Vec<u8>, String> {
    let token = access_token(state)?;
    let client = &state.channels.http;
    let base = &state.channels.settings.whatsapp_api_url;
    let media: Media = client
        .get(format!("{base}/{media_id}"))
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| e.without_url().to_string())?
        .json()
        .await
        .map_err(|e| e.without_url().to_string())?;
    fetch_file(client.get(&media.url).bearer_auth(token)).await
}

/// Sends `text` from business number `from_id` to WhatsApp user `to` (digits, as
/// WhatsApp writes them). The error never names the recipient.
pub async fn send_text(
    state: &AppState,
    from_id: &str,
    to: &str,
    text: &str,
) -> Result<(), String> {
    let token = access_token(state)?;
    let base = &state.channels.settings.whatsapp_api_url;
    let request = state
        .channels
        .http
        .post(format!("{base}/{from_id}/messages"))
        .bearer_auth(token);
    let body = serde_json::json!({
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to.trim_start_matches('+'),
        "type": "text",
        "text": { "preview_url": false, "body": text },
    });
    post_message(request, &body).await
}
