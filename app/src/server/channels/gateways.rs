//! The SMS gateways' side of the door: each adapter authenticates its gateway, reads
//! the message in that gateway's format into an [`InboundSms`], and writes the answer
//! the way the gateway sends it back to the phone.
//!
//! - generic webhook (`POST` form or JSON, or `GET` with query parameters): `from`,
//!   `text`, `id` (optional `to`, `received_at`; for a long SMS delivered in parts, `ref`,
//!   `part` and `parts`, joined before reading); `Authorization: Bearer <LAPOR_SMS_TOKEN>`
//!   or a `token` parameter; the answer is the reply as `text/plain` (empty: say nothing).
//!   The Gammu SMSD helper (`scripts/gammu-run-on-receive.sh`) posts here;
//! - Kannel `sms-service` get-url/post-url: `from` (`%p`), `keyword` (`%k`) and `text`
//!   (`%r`, the rest) or the whole `text` (`%a`), `id` (`%I`), `token`; the answer as
//!   `text/plain`, which Kannel sends back to the phone;
//! - Twilio: form posts `From`, `Body`, `MessageSid`, signed in `X-Twilio-Signature` with
//!   `LAPOR_TWILIO_AUTH_TOKEN` over `LAPOR_PUBLIC_URL` + path; the answer as TwiML.
//!
//! A request that fails authentication is refused with 401 and logged without its
//! content. A storage fault answers 503, so the gateway delivers again later.

use std::collections::HashMap;

use axum::body::{to_bytes, Body};
use axum::extract::State;
use axum::http::{header, request::Parts, HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use hmac::{Hmac, Mac};
use subtle::ConstantTimeEq;

use super::sms::{answer, answer_part, InboundPart, InboundSms, MAX_PARTS};
use crate::i18n::{Key, Locale};
use crate::paths;
use crate::server::http::{client_address, is_over_limit, query_pairs, request_locale, too_large};
use crate::server::state::AppState;

/// The largest gateway request read: a concatenated SMS of many parts, with its
/// parameters, fits many times over.
pub const GATEWAY_BODY_LIMIT: usize = 64 * 1024;

/// Why a gateway request got no answer from the conversation.
pub(super) enum Refusal {
    /// The door's secret is not configured: it is closed.
    Closed,
    Unauthenticated,
    Malformed,
    TooLarge,
}

impl Refusal {
    pub(super) fn response(self, gateway: &str, parts: &Parts) -> Response {
        let locale = request_locale(&parts.headers);
        let (status, key) = match self {
            // Like the simulator when it is off: the door does not exist.
            Refusal::Closed => (StatusCode::NOT_FOUND, Key::SmsGatewayClosed),
            Refusal::Unauthenticated => {
                // Who knocked, never what they sent.
                tracing::warn!(
                    gateway,
                    client = client_address(parts).as_deref().unwrap_or("unknown"),
                    "gateway request refused: not authenticated"
                );
                (StatusCode::UNAUTHORIZED, Key::SmsGatewayUnauthorized)
            }
            Refusal::Malformed => (StatusCode::BAD_REQUEST, Key::SmsGatewayBadRequest),
            Refusal::TooLarge => return too_large(&parts.headers, GATEWAY_BODY_LIMIT),
        };
        plain(status, key.text(locale))
    }
}

pub(super) fn plain(status: StatusCode, text: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text.to_string(),
    )
        .into_response()
}

/// The request's parameters: the query string, then the body's (a form or a JSON
/// object; numbers in JSON read as their digits).
async fn parameters(parts: &Parts, body: Body) -> Result<HashMap<String, String>, Refusal> {
    let mut fields: HashMap<String, String> = query_pairs(parts).into_iter().collect();
    let bytes = raw_body(body).await?;
    if bytes.is_empty() {
        return Ok(fields);
    }
    let is_json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&bytes).map_err(|_| Refusal::Malformed)?;
        for (name, value) in object {
            let value = match value {
                serde_json::Value::String(text) => text,
                serde_json::Value::Number(number) => number.to_string(),
                _ => continue,
            };
            fields.insert(name, value);
        }
    } else {
        fields.extend(form_urlencoded::parse(&bytes).into_owned());
    }
    Ok(fields)
}

/// The request's body as it came, up to [`GATEWAY_BODY_LIMIT`].
pub(super) async fn raw_body(body: Body) -> Result<axum::body::Bytes, Refusal> {
    to_bytes(body, GATEWAY_BODY_LIMIT).await.map_err(|error| {
        if is_over_limit(&error) {
            Refusal::TooLarge
        } else {
            Refusal::Malformed
        }
    })
}

/// The request's head and parameters, or the answer refusing it.
async fn read(
    gateway: &str,
    request: Request<Body>,
) -> Result<(Parts, HashMap<String, String>), Response> {
    let (parts, body) = request.into_parts();
    match parameters(&parts, body).await {
        Ok(fields) => Ok((parts, fields)),
        Err(refusal) => Err(refusal.response(gateway, &parts)),
    }
}

/// Whether `given` is `expected`, compared in constant time.
pub(super) fn same_secret(given: &str, expected: &str) -> bool {
    given.as_bytes().ct_eq(expected.as_bytes()).into()
}

/// The shared-secret check of the generic and Kannel doors.
fn check_token(
    state: &AppState,
    headers: &HeaderMap,
    fields: &HashMap<String, String>,
) -> Result<(), Refusal> {
    let expected = state
        .channels
        .settings
        .sms_token
        .as_deref()
        .ok_or(Refusal::Closed)?;
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let given = bearer.or(fields.get("token").map(String::as_str));
    match given {
        Some(given) if same_secret(given, expected) => Ok(()),
        _ => Err(Refusal::Unauthenticated),
    }
}

/// A required, non-empty parameter.
fn required(fields: &HashMap<String, String>, name: &str) -> Result<String, Refusal> {
    fields
        .get(name)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .ok_or(Refusal::Malformed)
}

/// Asks the conversation and writes its reply with `write` (plain text or TwiML).
async fn reply_with(
    state: &AppState,
    sms: InboundSms,
    write: fn(Option<&str>) -> Response,
) -> Response {
    match answer(state, &sms).await {
        Ok(reply) => write(reply.as_deref()),
        Err(error) => unavailable(error, sms.channel),
    }
}

fn plain_reply(reply: Option<&str>) -> Response {
    plain(StatusCode::OK, reply.unwrap_or_default())
}

/// `GET|POST /kanal/sms/generic`.
pub async fn generic(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, fields) = match read("generic", request).await {
        Ok(read) => read,
        Err(refusal) => return refusal,
    };
    let read = check_token(&state, &parts.headers, &fields).and_then(|()| {
        let sms = InboundSms {
            channel: "sms:generic",
            id: required(&fields, "id")?,
            from: required(&fields, "from")?,
            text: fields.get("text").cloned().unwrap_or_default(),
        };
        Ok((sms, part_of(&fields)?))
    });
    match read {
        Ok((sms, None)) => reply_with(&state, sms, plain_reply).await,
        Ok((sms, Some((reference, part, parts)))) => {
            let part = InboundPart {
                sms,
                reference,
                part,
                parts,
            };
            match answer_part(&state, &part).await {
                Ok(reply) => plain_reply(reply.as_deref()),
                Err(error) => unavailable(error, part.sms.channel),
            }
        }
        Err(refusal) => refusal.response("generic", &parts),
    }
}

/// `ref`, `part` and `parts` of one part of a long SMS; `None` for a whole message.
fn part_of(fields: &HashMap<String, String>) -> Result<Option<(String, i64, i64)>, Refusal> {
    let number = |name: &str| fields.get(name).map(|v| v.trim().parse::<i64>());
    match (number("parts"), number("part")) {
        (None, None) | (Some(Ok(1)), Some(Ok(1)) | None) => Ok(None),
        (Some(Ok(parts)), Some(Ok(part))) if (1..=parts).contains(&part) && parts <= MAX_PARTS => {
            Ok(Some((required(fields, "ref")?, part, parts)))
        }
        _ => Err(Refusal::Malformed),
    }
}

pub(super) fn unavailable(error: crate::api::ApiError, channel: &str) -> Response {
    tracing::error!(%error, channel, "a message could not be handled; the gateway will retry");
    plain(
        StatusCode::SERVICE_UNAVAILABLE,
        Key::SmsGatewayUnavailable.text(Locale::Id),
    )
}

/// `GET|POST /kanal/sms/kannel`.
pub async fn kannel(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, fields) = match read("kannel", request).await {
        Ok(read) => read,
        Err(refusal) => return refusal,
    };
    let read = check_token(&state, &parts.headers, &fields).and_then(|()| {
        // Kannel splits the keyword (%k) from the rest (%r); a get-url may also send the
        // whole text (%a) without a keyword.
        let rest = fields.get("text").map(|t| t.trim()).unwrap_or_default();
        let text = match fields.get("keyword").map(|k| k.trim()) {
            Some(keyword) if !keyword.is_empty() => format!("{keyword} {rest}"),
            _ => rest.to_string(),
        };
        Ok(InboundSms {
            channel: "sms:kannel",
            id: required(&fields, "id")?,
            from: required(&fields, "from")?,
            text,
        })
    });
    match read {
        Ok(sms) => reply_with(&state, sms, plain_reply).await,
        Err(refusal) => refusal.response("kannel", &parts),
    }
}

/// `POST /kanal/sms/twilio`.
pub async fn twilio(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, fields) = match read("twilio", request).await {
        Ok(read) => read,
        Err(refusal) => return refusal,
    };
    let read = check_twilio_signature(&state, &parts, &fields).and_then(|()| {
        Ok(InboundSms {
            channel: "sms:twilio",
            id: required(&fields, "MessageSid")?,
            from: required(&fields, "From")?,
            text: fields.get("Body").cloned().unwrap_or_default(),
        })
    });
    match read {
        Ok(sms) => reply_with(&state, sms, twiml).await,
        Err(refusal) => refusal.response("twilio", &parts),
    }
}

/// Twilio signs the full address it called, then every POST parameter's name and value,
/// sorted by name, with HMAC-SHA1 and the account's auth token, in base64.
pub fn twilio_signature(auth_token: &str, url: &str, fields: &HashMap<String, String>) -> String {
    let mut names: Vec<&String> = fields.keys().collect();
    names.sort();
    // HMAC takes a key of any length: this never fails.
    let Ok(mut mac) = Hmac::<sha1::Sha1>::new_from_slice(auth_token.as_bytes()) else {
        return String::new();
    };
    mac.update(url.as_bytes());
    for name in names {
        mac.update(name.as_bytes());
        mac.update(fields[name].as_bytes());
    }
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn check_twilio_signature(
    state: &AppState,
    parts: &Parts,
    fields: &HashMap<String, String>,
) -> Result<(), Refusal> {
    let settings = &state.channels.settings;
    let (Some(token), Some(base)) = (&settings.twilio_auth_token, &settings.public_url) else {
        return Err(Refusal::Closed);
    };
    let given = parts
        .headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
        .ok_or(Refusal::Unauthenticated)?;
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or(paths::SMS_TWILIO);
    // Query parameters are part of the signed address, not of the sorted list.
    let posted: HashMap<String, String> = match parts.uri.query() {
        Some(query) => {
            let in_query: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            fields
                .iter()
                .filter(|(name, value)| in_query.get(*name) != Some(value))
                .map(|(n, v)| (n.clone(), v.clone()))
                .collect()
        }
        None => fields.clone(),
    };
    let expected = twilio_signature(token, &format!("{base}{path}"), &posted);
    if !expected.is_empty() && same_secret(given, &expected) {
        Ok(())
    } else {
        Err(Refusal::Unauthenticated)
    }
}

/// The reply as TwiML: Twilio sends each `<Message>` to the phone.
fn twiml(reply: Option<&str>) -> Response {
    let body = match reply.filter(|r| !r.is_empty()) {
        Some(text) => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>{}</Message></Response>",
            escape_xml(text)
        ),
        None => "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>".to_string(),
    };
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        body,
    )
        .into_response()
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
