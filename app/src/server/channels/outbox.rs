//! Delivering the outbox: each message about a report's step goes to the reporter through
//! their channel (SMS, Telegram, WhatsApp, e-mail), at least once. A message is leased while it is sent, marked
//! sent only after the channel took it, and otherwise tried again with a growing wait
//! (`model::notification::retry_after_ms`) until it is given up as a dead letter, which
//! `lapor outbox` shows and can put back. The outbox row's id travels with the message
//! (`{id}` in the send address) so a receiver can drop a repeat after a crash.

use std::time::Duration;

use crate::i18n::{fill, Key, Locale};
use crate::model::notification::{retry_after_ms, MAX_ATTEMPTS};
use crate::model::sms::{for_sms, Sender};
use crate::model::{Action, EventKind, Timestamp};
use crate::server::state::AppState;
use crate::server::storage::{outbox, OutboxMessage, StorageError};

/// Messages taken per round, and how often a round runs.
const BATCH: i64 = 50;
const EVERY: Duration = Duration::from_secs(2);
/// How long a worker may hold a message it is sending (a send times out well before).
const LEASE_MS: i64 = 60_000;
const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// Where SMS to reporters go.
#[derive(Clone)]
pub enum SmsSender {
    /// `LAPOR_SMS_SEND_URL`: a gateway's send address, `{to}`, `{text}` and `{id}` filled
    /// in (percent-encoded), asked with GET — Kannel's `sendsms`, a modem's HTTP API.
    Http {
        template: String,
        client: reqwest::Client,
    },
    /// The simulator's phones (`LAPOR_SMS_SIMULATOR` without a send address).
    Simulator,
}

impl SmsSender {
    /// The sender the settings name, if any.
    pub fn from_settings(send_url: Option<&str>, simulator: bool) -> Option<SmsSender> {
        match send_url {
            Some(template) => Some(SmsSender::Http {
                template: template.to_string(),
                client: reqwest::Client::new(),
            }),
            None if simulator => Some(SmsSender::Simulator),
            None => None,
        }
    }

    /// Sends `text` to `to`; the error never names the recipient.
    async fn send(&self, state: &AppState, to: &str, text: &str, key: &str) -> Result<(), String> {
        match self {
            SmsSender::Http { template, client } => {
                let url = template
                    .replace("{to}", &encode(to))
                    .replace("{text}", &encode(text))
                    .replace("{id}", &encode(key));
                let response = client
                    .get(url)
                    .timeout(SEND_TIMEOUT)
                    .send()
                    .await
                    .map_err(|e| e.without_url().to_string())?;
                let status = response.status();
                if status.is_success() {
                    Ok(())
                } else {
                    Err(format!("the gateway answered HTTP {}", status.as_u16()))
                }
            }
            SmsSender::Simulator => {
                super::simulator::record(state, to, false, text);
                Ok(())
            }
        }
    }
}

/// Where e-mail to reporters goes: an SMTP relay (`LAPOR_SMTP_URL`), unencrypted, so a
/// relay on the same machine or network (which then sends on with TLS); or, in demo mode
/// (the simulator on) without a relay, the log, so a trainer sees what a reporter gets.
#[derive(Clone)]
pub enum EmailSender {
    Smtp {
        transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
        from: String,
    },
    /// Demo mode: each e-mail is written to the log (without its address), not sent.
    Log,
}

/// The sender of e-mail to reporters when `LAPOR_MAIL_FROM` is unset.
const DEFAULT_FROM: &str = "LAPOR! <lapor@localhost>";

impl EmailSender {
    pub fn new(host: &str, port: u16, from: Option<&str>) -> EmailSender {
        let transport =
            lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(host)
                .port(port)
                .timeout(Some(SEND_TIMEOUT))
                .build();
        EmailSender::Smtp {
            transport,
            from: from.unwrap_or(DEFAULT_FROM).to_string(),
        }
    }

    /// Sends `text` to `to` under `subject`; `key` becomes the Message-ID, which a mail
    /// system can drop a repeat by. The error never names the recipient.
    async fn send(&self, to: &str, subject: &str, text: &str, key: &str) -> Result<(), String> {
        use lettre::AsyncTransport;

        let (transport, from) = match self {
            EmailSender::Smtp { transport, from } => (transport, from),
            EmailSender::Log => {
                tracing::info!(
                    subject,
                    body = text,
                    key,
                    "e-mail to a reporter (demo mode: written here, not sent)"
                );
                return Ok(());
            }
        };
        let from = from
            .parse()
            .map_err(|_| "LAPOR_MAIL_FROM is not an e-mail address".to_string())?;
        let to = to
            .parse()
            .map_err(|_| "the reporter's e-mail address cannot be used".to_string())?;
        let message = lettre::Message::builder()
            .from(from)
            .to(to)
            .subject(subject)
            .message_id(Some(format!("<{key}@lapor>")))
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(text.to_string())
            .map_err(|e| format!("the e-mail could not be built: {e}"))?;
        transport.send(message).await.map(|_| ()).map_err(|e| {
            format!(
                "the SMTP relay refused or did not answer ({})",
                e.status()
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "no answer".into())
            )
        })
    }
}

fn encode(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The channels a sender is configured for.
fn open_channels(state: &AppState) -> Vec<&'static str> {
    let mut channels = Vec::new();
    if state.channels.sms_sender.is_some() {
        channels.push(outbox::SMS);
    }
    if state.channels.email_sender.is_some() {
        channels.push(outbox::EMAIL);
    }
    let settings = &state.channels.settings;
    if settings.telegram_bot_token.is_some() {
        channels.push(outbox::TELEGRAM);
    }
    if settings.whatsapp_access_token.is_some() && settings.whatsapp_phone_id.is_some() {
        channels.push(outbox::WHATSAPP);
    }
    channels
}

/// WhatsApp lets a business write freely to a person only within this long of their
/// last message; later, a notice goes by SMS to the same number (when SMS can be sent).
const WHATSAPP_WINDOW_MS: i64 = 24 * 3_600_000;

/// A WhatsApp notice: by WhatsApp within its window, otherwise by SMS.
async fn send_whatsapp(state: &AppState, to: &str, text: &str, key: &str) -> Result<(), String> {
    let address = Sender::WhatsApp(to.to_string()).address();
    let last_seen = state
        .store
        .chat_last_seen(&address)
        .await
        .map_err(|e| format!("storage: {e}"))?;
    let now = state.clock.now();
    let within = last_seen.is_some_and(|at| now.0 - at.0 < WHATSAPP_WINDOW_MS);
    if within {
        if let Some(from_id) = state.channels.settings.whatsapp_phone_id.as_deref() {
            return super::whatsapp::send_text(state, from_id, to, text).await;
        }
    }
    match &state.channels.sms_sender {
        Some(sms) => sms.send(state, to, text, key).await,
        None => Err("outside WhatsApp's 24-hour window, and no SMS sender to fall back on".into()),
    }
}

/// Sends one message through its channel.
async fn send(state: &AppState, message: &OutboxMessage, to: &str) -> Result<(), String> {
    let key = format!("lapor-{}", message.id);
    let text = notice(message);
    if message.channel == outbox::EMAIL {
        let Some(email) = &state.channels.email_sender else {
            return Err("no SMTP relay configured".into());
        };
        let subject = fill(
            Key::MailNoticeSubject.text(Locale::Id),
            &[("number", &message.tracking_number.display())],
        );
        let link = state.channels.settings.public_url.as_deref().map(|base| {
            format!(
                "\n\n{base}{}",
                crate::paths::track(message.tracking_number.as_str())
            )
        });
        let body = format!(
            "{text}{}\n\n{}",
            link.unwrap_or_default(),
            Key::MailNoticeFooter.text(Locale::Id)
        );
        return email.send(to, &subject, &body, &key).await;
    }
    match message.channel.as_str() {
        outbox::TELEGRAM => {
            let chat = super::telegram::chat_id(to).ok_or("a stored chat address is unreadable")?;
            super::telegram::send_message(state, chat, &text).await
        }
        outbox::WHATSAPP => send_whatsapp(state, to, &text, &key).await,
        _ => {
            let Some(sms) = &state.channels.sms_sender else {
                return Err("no SMS sender configured".into());
            };
            sms.send(state, to, &text, &key).await
        }
    }
}
/// One round: delivers every message due now through the channels that have a sender.
/// How many were sent.
pub async fn deliver_due(state: &AppState) -> Result<usize, StorageError> {
    let channels = open_channels(state);
    let now = state.clock.now();
    let mut sent = 0;
    for message in state.store.due_messages(now, BATCH, &channels).await? {
        let until = Timestamp(now.0 + LEASE_MS);
        if !state.store.lease_message(message.id, now, until).await? {
            continue;
        }
        let Some(to) = message.recipient.clone() else {
            state.store.message_skipped(message.id).await?;
            continue;
        };
        match send(state, &message, &to).await {
            Ok(()) => {
                state
                    .store
                    .message_sent(message.id, state.clock.now())
                    .await?;
                sent += 1;
            }
            Err(error) => {
                let attempts = message.attempts + 1;
                let dead = attempts >= MAX_ATTEMPTS;
                let retry_at = Timestamp(state.clock.now().0 + retry_after_ms(attempts));
                tracing::warn!(
                    message = message.id,
                    tracking_number = message.tracking_number.as_str(),
                    attempts,
                    dead,
                    %error,
                    "a message to a reporter was not delivered"
                );
                state
                    .store
                    .message_failed(message.id, attempts, retry_at, &error, dead)
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// Gateway message ids are kept this long for spotting a repeat, then forgotten (hourly).
const MESSAGE_IDS_KEPT_MS: i64 = 30 * 86_400_000;
const FORGET_EVERY: Duration = Duration::from_secs(3600);
/// A guided chat report left unfinished is forgotten after a week (its photos, pending
/// uploads, are gone after a day already).
const CHAT_DRAFTS_KEPT_MS: i64 = 7 * 86_400_000;

/// Forgets old gateway message ids every hour, for as long as the server runs.
pub fn spawn_housekeeping(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(FORGET_EVERY);
        loop {
            every.tick().await;
            let before = Timestamp(state.clock.now().0 - MESSAGE_IDS_KEPT_MS);
            if let Err(error) = state.store.forget_messages_before(before).await {
                tracing::warn!(%error, "old gateway message ids could not be forgotten");
            }
            let stale = Timestamp(state.clock.now().0 - CHAT_DRAFTS_KEPT_MS);
            if let Err(error) = state.store.forget_chat_drafts_before(stale).await {
                tracing::warn!(%error, "unfinished chat reports could not be forgotten");
            }
        }
    })
}

/// Delivers the outbox every few seconds, for as long as the server runs. Without a
/// sender (neither `LAPOR_SMS_SEND_URL` nor the simulator) messages wait in the outbox.
pub fn spawn_delivery(state: AppState) -> Option<tokio::task::JoinHandle<()>> {
    if state.channels.sms_sender.is_none() {
        tracing::info!("SMS to reporters wait in the outbox: set LAPOR_SMS_SEND_URL to send them");
    }
    if state.channels.email_sender.is_none() {
        tracing::info!("e-mail to reporters waits in the outbox: set LAPOR_SMTP_URL to send it");
    }
    if open_channels(&state).is_empty() {
        return None;
    }
    Some(tokio::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        loop {
            every.tick().await;
            if let Err(error) = deliver_due(&state).await {
                tracing::warn!(%error, "the outbox could not be delivered this round");
            }
        }
    }))
}

/// The SMS telling the reporter of the step (one SMS, in Indonesian like every reply).
pub fn notice(message: &OutboxMessage) -> String {
    let number = message.tracking_number.display();
    let text = message.body.as_deref().unwrap_or_default();
    let key = match message.kind {
        EventKind::Transition(Action::Verify) => Key::SmsNoticeVerified,
        EventKind::Transition(Action::Forward | Action::Transfer) => Key::SmsNoticeForwarded,
        EventKind::Transition(Action::ReturnToReporter) => Key::SmsNoticeReturned,
        EventKind::Transition(Action::Archive) => Key::SmsNoticeArchived,
        EventKind::Transition(Action::MarkDuplicate) => Key::SmsNoticeDuplicate,
        EventKind::Transition(Action::ApproveAndPublish) => Key::SmsNoticeFollowedUp,
        _ => Key::SmsNoticeClosed,
    };
    for_sms(&fill(
        key.text(Locale::Id),
        &[
            ("number", &number),
            ("agency", message.agency_name.as_deref().unwrap_or_default()),
            ("text", text),
        ],
    ))
}
