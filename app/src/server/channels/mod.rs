//! The doors besides the web form: SMS to 1708 through a gateway, and the Telegram and
//! WhatsApp chats.
//! A channel is an adapter, never a second pipeline: it reads what came in, and files
//! reports through `server::citizen::file_report`, the web form's own path, so the same
//! model, deadlines, routing and privacy rules hold.
//!
//! - `settings`: what the channels are configured with (tokens, the public address) and
//!   what they share at run time (the senders' rate limit, the SMS keywords);
//! - `sms`: the SMS conversation (`model::sms` reads the text; this answers it);
//! - `gateways`: the HTTP adapters of each SMS gateway (generic webhook, Kannel, Twilio);
//! - `chat`: the chat conversation (the SMS grammar, and a guided report from
//!   `model::chat` for those who just write);
//! - `telegram`, `whatsapp`: the chat services' webhooks and APIs;
//! - `outbox`: delivering the messages that tell reporters of their reports' steps;
//! - `simulator`: a phone in the browser (`/simulator/sms`) for demos and training.

pub mod chat;
pub mod gateways;
pub mod outbox;
pub mod settings;
pub mod simulator;
pub mod sms;
pub mod telegram;
pub mod whatsapp;

pub use settings::{ChannelSettings, Channels};
