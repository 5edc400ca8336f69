//! Channel configuration (environment variables, listed in the README) and the state the
//! channels share.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use tokio::sync::Mutex;

use crate::model::sms::KeywordSet;

/// How the gateways authenticate and where they reach Lapor.
#[derive(Debug, Clone, Default)]
pub struct ChannelSettings {
    /// `LAPOR_SMS_TOKEN`: the generic webhook's bearer token, also accepted as the `token`
    /// parameter of Kannel's get-url. Unset: those two doors are closed.
    pub sms_token: Option<String>,
    /// `LAPOR_TWILIO_AUTH_TOKEN`: the key of Twilio's request signatures. Unset: the
    /// Twilio door is closed.
    pub twilio_auth_token: Option<String>,
    /// `LAPOR_PUBLIC_URL`: the address the outside world calls (`https://lapor.example.id`),
    /// which Twilio signs together with the path.
    pub public_url: Option<String>,
    /// `LAPOR_SMS_SEND_URL`: where SMS to reporters are sent, with `{to}`, `{text}` and
    /// `{id}` to fill in, e.g. Kannel's
    /// `http://127.0.0.1:13013/cgi-bin/sendsms?username=…&password=…&to={to}&text={text}`.
    pub sms_send_url: Option<String>,
    /// `LAPOR_SMTP_URL`: the SMTP relay e-mail to reporters goes through, `smtp://host:port`
    /// (a relay on the same machine or network: the connection is not encrypted).
    pub smtp_relay: Option<(String, u16)>,
    /// `LAPOR_MAIL_FROM`: the sender of those e-mails.
    pub mail_from: Option<String>,
    /// `LAPOR_SMS_SIMULATOR=1`: the phone in the browser at `/simulator/sms` (for
    /// development, demos and training; off by default, as it lets anyone send SMS
    /// reports as any number).
    pub simulator: bool,
    /// `LAPOR_TELEGRAM_SECRET`: the `secret_token` given to Telegram's `setWebhook`, which
    /// Telegram sends in `X-Telegram-Bot-Api-Secret-Token`. Unset: `/kanal/telegram` is
    /// closed.
    pub telegram_secret: Option<String>,
    /// `LAPOR_TELEGRAM_BOT_TOKEN`: the bot's token, to fetch photos and send notices.
    pub telegram_bot_token: Option<String>,
    /// `LAPOR_TELEGRAM_API_URL`: the Bot API's address (default `https://api.telegram.org`;
    /// a local Bot API server may stand in).
    pub telegram_api_url: String,
    /// `LAPOR_WHATSAPP_APP_SECRET`: the Meta app's secret, the key of the
    /// `X-Hub-Signature-256` each webhook call carries. Unset: `/kanal/whatsapp` is closed.
    pub whatsapp_app_secret: Option<String>,
    /// `LAPOR_WHATSAPP_VERIFY_TOKEN`: the token Meta echoes when the webhook is set up.
    pub whatsapp_verify_token: Option<String>,
    /// `LAPOR_WHATSAPP_ACCESS_TOKEN`: the Cloud API token answers, photos and notices use.
    pub whatsapp_access_token: Option<String>,
    /// `LAPOR_WHATSAPP_PHONE_ID`: the business number's id that notices are sent from
    /// (answers go from the number the message came to).
    pub whatsapp_phone_id: Option<String>,
    /// `LAPOR_WHATSAPP_API_URL`: the Graph API's address with its version (default
    /// `https://graph.facebook.com/v21.0`).
    pub whatsapp_api_url: String,
}

/// Where Telegram's Bot API answers unless told otherwise.
pub const TELEGRAM_API_URL: &str = "https://api.telegram.org";
/// Where WhatsApp's Cloud API answers unless told otherwise.
pub const WHATSAPP_API_URL: &str = "https://graph.facebook.com/v21.0";

impl ChannelSettings {
    pub fn from_env() -> ChannelSettings {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        ChannelSettings {
            sms_token: var("LAPOR_SMS_TOKEN"),
            twilio_auth_token: var("LAPOR_TWILIO_AUTH_TOKEN"),
            public_url: var("LAPOR_PUBLIC_URL").map(|url| url.trim_end_matches('/').to_string()),
            sms_send_url: var("LAPOR_SMS_SEND_URL"),
            smtp_relay: var("LAPOR_SMTP_URL").and_then(|url| smtp_relay(&url)),
            mail_from: var("LAPOR_MAIL_FROM"),
            simulator: var("LAPOR_SMS_SIMULATOR")
                .is_some_and(|v| matches!(v.trim(), "1" | "true" | "ya" | "on")),
            telegram_secret: var("LAPOR_TELEGRAM_SECRET"),
            telegram_bot_token: var("LAPOR_TELEGRAM_BOT_TOKEN"),
            telegram_api_url: api_url(var("LAPOR_TELEGRAM_API_URL"), TELEGRAM_API_URL),
            whatsapp_app_secret: var("LAPOR_WHATSAPP_APP_SECRET"),
            whatsapp_verify_token: var("LAPOR_WHATSAPP_VERIFY_TOKEN"),
            whatsapp_access_token: var("LAPOR_WHATSAPP_ACCESS_TOKEN"),
            whatsapp_phone_id: var("LAPOR_WHATSAPP_PHONE_ID"),
            whatsapp_api_url: api_url(var("LAPOR_WHATSAPP_API_URL"), WHATSAPP_API_URL),
        }
    }
}

/// An API's base address without a trailing slash.
pub fn api_url(configured: Option<String>, default: &str) -> String {
    configured
        .as_deref()
        .unwrap_or(default)
        .trim()
        .trim_end_matches('/')
        .to_string()
}

/// `smtp://host:port` (port 25 when left out) as host and port.
pub fn smtp_relay(url: &str) -> Option<(String, u16)> {
    let rest = url.trim().strip_prefix("smtp://")?.trim_end_matches('/');
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) => (host, port.parse().ok()?),
        None => (rest, 25),
    };
    (!host.is_empty()).then(|| (host.to_string(), port))
}

/// Messages one phone number may send in a burst before it is slowed down …
const SENDER_BURST: u32 = 10;
/// … and then per hour: generous for a person reporting, checking and replying, while a
/// flood from one number is answered with a refusal instead of filling the queues.
const SENDER_PER_HOUR: u32 = 30;
/// The SMS keywords are read again after this long (agencies are added rarely).
const KEYWORDS_MAX_AGE: Duration = Duration::from_secs(300);

/// The keyword list and when it was read.
type KeywordSlot = Mutex<Option<(Instant, Arc<KeywordSet>)>>;

/// What the channels share: settings, the per-sender rate limit, the keyword list.
#[derive(Clone)]
pub struct Channels {
    pub settings: Arc<ChannelSettings>,
    senders: Arc<DefaultKeyedRateLimiter<String>>,
    keywords: Arc<KeywordSlot>,
    /// Where SMS to reporters go (`None`: they wait in the outbox).
    pub sms_sender: Option<super::outbox::SmsSender>,
    /// Where e-mail to reporters goes (`None`: it waits in the outbox).
    pub email_sender: Option<super::outbox::EmailSender>,
    /// The HTTP client of the chat services' APIs (one pool of connections).
    pub http: reqwest::Client,
    /// The simulator's conversations, by phone number (in memory: demo only).
    pub(super) conversations: Arc<std::sync::Mutex<Conversations>>,
}

/// The simulator's conversations, by phone number.
pub(super) type Conversations = std::collections::HashMap<
    String,
    std::collections::VecDeque<crate::api::simulator::SimulatedSms>,
>;

impl Channels {
    pub fn new(settings: ChannelSettings) -> Channels {
        let quota = Quota::per_hour(NonZeroU32::new(SENDER_PER_HOUR).unwrap_or(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(SENDER_BURST).unwrap_or(NonZeroU32::MIN));
        let sms_sender = super::outbox::SmsSender::from_settings(
            settings.sms_send_url.as_deref(),
            settings.simulator,
        );
        let email_sender = match &settings.smtp_relay {
            Some((host, port)) => Some(super::outbox::EmailSender::new(
                host,
                *port,
                settings.mail_from.as_deref(),
            )),
            // Demo mode without a relay: e-mails are written to the log.
            None if settings.simulator => Some(super::outbox::EmailSender::Log),
            None => None,
        };
        Channels {
            sms_sender,
            email_sender,
            settings: Arc::new(settings),
            senders: Arc::new(RateLimiter::keyed(quota)),
            keywords: Arc::new(Mutex::new(None)),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .unwrap_or_default(),
            conversations: Arc::default(),
        }
    }

    /// Whether `sender` may send another message now (and counts this one).
    pub fn sender_allowed(&self, sender: &str) -> bool {
        if self.senders.len() > 100_000 {
            self.senders.retain_recent();
        }
        self.senders.check_key(&sender.to_string()).is_ok()
    }

    /// The agencies' SMS keywords, read at most every few minutes.
    pub async fn keywords(
        &self,
        store: &crate::server::storage::Store,
    ) -> Result<Arc<KeywordSet>, crate::server::storage::StorageError> {
        let mut slot = self.keywords.lock().await;
        if let Some((read_at, set)) = slot.as_ref() {
            if read_at.elapsed() < KEYWORDS_MAX_AGE {
                return Ok(set.clone());
            }
        }
        let set = Arc::new(KeywordSet::new(store.sms_keywords().await?));
        *slot = Some((Instant::now(), set.clone()));
        Ok(set)
    }
}
