//! What the SMS simulator page shows (`/simulator/sms`): one phone number's conversation
//! with 1708. The server builds it (`server::channels::simulator`) and puts it in context.

use serde::{Deserialize, Serialize};

use crate::i18n::Key;

/// One SMS of the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulatedSms {
    /// `true`: sent by the phone; `false`: 1708's answer.
    pub from_phone: bool,
    pub text: String,
    /// GSM-7 characters it takes (`None`: it would go as UCS-2).
    pub septets: Option<usize>,
}

/// The simulator page's state (server-rendered only: it never crosses the wire).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SimulatorScreen {
    /// The phone number as typed (kept when it is wrong, to correct it).
    pub number: String,
    /// The message being written, kept when it could not be sent.
    pub draft: String,
    /// Oldest first.
    pub messages: Vec<SimulatedSms>,
    pub error: Option<Key>,
}
