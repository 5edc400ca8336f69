//! The SMS conversation: one message in, at most one SMS back. `model::sms` reads the
//! text; this files, checks or threads it, and words the answer (Indonesian, one GSM-7
//! SMS of 160 characters).

use sha2::{Digest, Sha256};

use crate::api::ApiError;
use crate::i18n::{fill, Key, Locale};
use crate::labels;
use crate::model::sms::{
    for_sms, normalize_sender, parse, report_from_sms, Sender, SmsCommand, SmsReportProblem,
};
use crate::model::TrackingNumber;
use crate::server::state::AppState;
use crate::server::storage::{Claim, ReporterError, SmsPart, StorageError};

/// SMS replies are in Indonesian, the language of 1708.
const LOCALE: Locale = Locale::Id;

/// One message as a gateway delivered it.
#[derive(Debug, Clone)]
pub struct InboundSms {
    /// Which gateway door it came in by (`sms:generic`, `sms:kannel`, `sms:twilio`):
    /// message ids are unique per gateway only.
    pub channel: &'static str,
    /// The gateway's id of the message: the same id twice is one message.
    pub id: String,
    pub from: String,
    pub text: String,
}

/// The answer to `sms`, ready for one SMS; `None` when there is nobody to answer (a
/// sender name or short code instead of a phone number). `Err` only when storage failed:
/// the gateway is then told to try again, so nothing acknowledged is lost.
pub async fn answer(state: &AppState, sms: &InboundSms) -> Result<Option<String>, ApiError> {
    let Some(phone) = normalize_sender(&sms.from) else {
        tracing::info!(
            channel = sms.channel,
            "SMS from a sender that cannot be answered"
        );
        return Ok(None);
    };
    let sender = Sender::Sms(phone);
    if !state.channels.sender_allowed(&sender.address()) {
        tracing::warn!(channel = sms.channel, "SMS sender over the rate limit");
        return Ok(Some(text(LOCALE, Key::SmsRateLimited, &[])));
    }
    let keywords = state.channels.keywords(&state.store).await?;
    let command = parse(&sms.text, &keywords);
    // Only a reply would take effect twice: a report is found again by its idempotency
    // key, CEK and help only read, STOP is the same the second time. So only a reply
    // claims the gateway's message id (two writes a report need not pay).
    let claim = match command {
        SmsCommand::Reply { .. } => Some(
            state
                .store
                .claim_message(sms.channel, &sms.id, state.clock.now())
                .await?,
        ),
        _ => None,
    };
    let message = Message {
        door: sms.channel,
        id: &sms.id,
        sender: &sender,
        locale: LOCALE,
    };
    let reply = obey(state, &message, command, &[], claim.unwrap_or(Claim::New)).await?;
    if claim.is_some_and(|claim| !claim.is_done()) {
        state.store.finish_message(sms.channel, &sms.id).await?;
    }
    Ok(Some(reply))
}

/// Where a message in the SMS grammar came from, on any door that speaks it (SMS,
/// Telegram, WhatsApp).
pub struct Message<'a> {
    /// The door (`sms:kannel`, `telegram`, …): message ids are unique per door.
    pub door: &'a str,
    /// The door's id of the message.
    pub id: &'a str,
    pub sender: &'a Sender,
    /// The language of the answer.
    pub locale: Locale,
}

/// Carries out `command` for `message`'s sender and words the answer. `photos` are
/// upload tokens a report gets (a chat's photo with a caption); `claim` is how far an
/// earlier delivery of the same message got.
pub async fn obey(
    state: &AppState,
    message: &Message<'_>,
    command: SmsCommand,
    photos: &[String],
    claim: Claim,
) -> Result<String, ApiError> {
    let (sender, locale) = (message.sender, message.locale);
    Ok(match command {
        SmsCommand::Report {
            classification,
            privacy,
            keyword,
            text: story,
        } => {
            let agency = match &keyword {
                Some(keyword) => state.store.agency_by_sms_keyword(keyword).await?,
                None => None,
            };
            let key = idempotency_key(message.door, message.id);
            match report_from_sms(
                classification,
                privacy,
                &story,
                agency.as_ref().map(|a| a.id),
                sender,
                key,
            ) {
                Ok(report) => file(state, &report, photos, locale).await?,
                Err(problem) => refusal(problem, locale),
            }
        }
        SmsCommand::Check { number } => check(state, &number, sender, locale).await?,
        SmsCommand::Reply { number, text: body } => {
            reply(state, &number, &body, sender, claim, locale).await?
        }
        SmsCommand::Stop { number } => stop(state, number.as_deref(), sender, locale).await?,
        SmsCommand::Help => text(locale, Key::SmsHelp, &[]),
    })
}

/// The most parts a long SMS may come in (a report's longest story, 5,000 characters,
/// takes 33 parts of 153).
pub const MAX_PARTS: i64 = 40;

/// One part of a long SMS, from a gateway that delivers the parts apart.
#[derive(Debug, Clone)]
pub struct InboundPart {
    /// The part itself; its `id` is the gateway's id of this part.
    pub sms: InboundSms,
    /// The gateway's reference shared by the parts of one message.
    pub reference: String,
    /// 1-based, at most `parts`.
    pub part: i64,
    pub parts: i64,
}

/// Keeps one part; once the last is in, answers the whole message (joined in order)
/// like any other. `Ok(None)` while parts are missing: nothing to say yet.
pub async fn answer_part(state: &AppState, part: &InboundPart) -> Result<Option<String>, ApiError> {
    let joined = state
        .store
        .add_sms_part(
            &SmsPart {
                channel: part.sms.channel,
                sender: &part.sms.from,
                reference: &part.reference,
                part: part.part,
                parts: part.parts,
                body: &part.sms.text,
            },
            state.clock.now(),
        )
        .await?;
    let Some(text) = joined else {
        return Ok(None);
    };
    let whole = InboundSms {
        channel: part.sms.channel,
        // The whole message's id: the same for whichever part came last.
        id: format!("parts:{}:{}:{}", part.sms.from, part.reference, part.parts),
        from: part.sms.from.clone(),
        text,
    };
    answer(state, &whole).await
}

/// The report's idempotency key: the same message of a door files one report.
pub fn idempotency_key(door: &str, id: &str) -> String {
    let digest = Sha256::digest(format!("{door}\n{id}").as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("sms-{hex}")
}

/// Files `report` (with `photos`, upload tokens) and words the receipt: the number and
/// the PIN, and who handles it.
pub async fn file(
    state: &AppState,
    report: &crate::model::validation::NewReport,
    photos: &[String],
    locale: Locale,
) -> Result<String, ApiError> {
    let to_agency = report.target_agency_id.is_some();
    let submission = crate::server::citizen::file_report(state, report, photos).await?;
    let number = submission.tracking_number.display();
    let (Some(secret), Some(verify_by)) = (submission.secret, submission.verify_by) else {
        return Ok(text(locale, Key::SmsRepeat, &[("number", &number)]));
    };
    let verify_by = labels::date(verify_by, locale);
    let values = [
        ("number", number.as_str()),
        ("pin", secret.pin.as_str()),
        ("date", verify_by.as_str()),
    ];
    Ok(if to_agency {
        text(locale, Key::SmsReceived, &values)
    } else {
        text(locale, Key::SmsReceivedNational, &values)
    })
}

fn refusal(problem: SmsReportProblem, locale: Locale) -> String {
    match problem {
        SmsReportProblem::TooShort { min } => {
            text(locale, Key::SmsTooShort, &[("n", &min.to_string())])
        }
        SmsReportProblem::TooLong { max } => {
            text(locale, Key::SmsTooLong, &[("n", &max.to_string())])
        }
    }
}

/// `CEK number`: the status and deadline, only to the phone that sent the report.
async fn check(
    state: &AppState,
    typed: &str,
    sender: &Sender,
    locale: Locale,
) -> Result<String, ApiError> {
    let Some(number) = own_report(state, typed, sender).await? else {
        return Ok(text(locale, Key::SmsNotFound, &[]));
    };
    let today = state.clock.now().date_wib();
    let view = state.store.reporter_view(&number, today).await?;
    let status = labels::status(view.status).text(locale);
    let deadline = view.story.deadline.map(|d| {
        format!(
            " {} {}.",
            labels::deadline_kind(d.kind).text(locale),
            labels::date(d.due, locale)
        )
    });
    Ok(text(
        locale,
        Key::SmsStatus,
        &[
            ("number", &number.display()),
            ("status", status),
            ("deadline", deadline.as_deref().unwrap_or_default()),
        ],
    ))
}

/// `BALAS number text`: the reporter's reply, with the tracking page's rules.
async fn reply(
    state: &AppState,
    typed: &str,
    body: &str,
    sender: &Sender,
    claim: Claim,
    locale: Locale,
) -> Result<String, ApiError> {
    let Some(number) = own_report(state, typed, sender).await? else {
        return Ok(text(locale, Key::SmsNotFound, &[]));
    };
    let shown = number.display();
    let saved = text(locale, Key::SmsReplySaved, &[("number", &shown)]);
    if claim.is_done() {
        return Ok(saved);
    }
    match state
        .store
        .reporter_reply(&number, body, state.clock.now())
        .await
    {
        Ok(_) => Ok(saved),
        Err(ReporterError::Input(_)) => Ok(text(
            locale,
            Key::SmsReplyLength,
            &[
                ("min", &crate::model::reporter::REPLY_MIN_CHARS.to_string()),
                ("max", &crate::model::reporter::REPLY_MAX_CHARS.to_string()),
            ],
        )),
        Err(
            ReporterError::NotNow | ReporterError::AlreadyReopened | ReporterError::WindowPassed,
        ) => Ok(text(locale, Key::SmsReplyNotNow, &[("number", &shown)])),
        Err(ReporterError::Storage(StorageError::Conflict)) => Err(ApiError::Unavailable),
        Err(ReporterError::Storage(error)) => Err(error.into()),
    }
}

/// `STOP [number]`: no more notices about that report, or about any of this sender's.
async fn stop(
    state: &AppState,
    typed: Option<&str>,
    sender: &Sender,
    locale: Locale,
) -> Result<String, ApiError> {
    let Some(typed) = typed else {
        state.store.stop_all_notifications(sender).await?;
        return Ok(text(locale, Key::SmsStoppedAll, &[]));
    };
    let Ok(number) = TrackingNumber::parse(typed) else {
        return Ok(text(locale, Key::SmsNotFound, &[]));
    };
    if !state.store.stop_notifications(&number, sender).await? {
        return Ok(text(locale, Key::SmsNotFound, &[]));
    }
    Ok(text(
        locale,
        Key::SmsStopped,
        &[("number", &number.display())],
    ))
}

/// The report `typed` names, when `sender` sent it. A number that does not exist, is
/// mistyped or belongs to someone else answers alike.
async fn own_report(
    state: &AppState,
    typed: &str,
    sender: &Sender,
) -> Result<Option<TrackingNumber>, ApiError> {
    let Ok(number) = TrackingNumber::parse(typed) else {
        return Ok(None);
    };
    Ok(state
        .store
        .sent_by(&number, sender)
        .await?
        .then_some(number))
}

/// A reply in the SMS grammar's words: one SMS, on whichever door.
pub fn text(locale: Locale, key: Key, values: &[(&str, &str)]) -> String {
    for_sms(&fill(key.text(locale), values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::DeadlineKind;
    use crate::model::sms::{septets, SMS_SEPTETS};
    use crate::model::Status;

    /// Every reply, filled with the longest values it can carry, fits one GSM-7 SMS
    /// before any cutting: the tracking number and the PIN always arrive whole.
    #[test]
    fn every_reply_fits_one_sms_with_its_longest_values() {
        let longest_status = Status::ALL
            .iter()
            .map(|s| labels::status(*s).text(LOCALE))
            .max_by_key(|s| s.chars().count())
            .unwrap_or_default();
        let longest_deadline = [
            DeadlineKind::Verification,
            DeadlineKind::FollowUpDraft,
            DeadlineKind::Answer,
            DeadlineKind::AutoClose,
        ]
        .iter()
        .map(|k| {
            format!(
                " {} 30 September 2026.",
                labels::deadline_kind(*k).text(LOCALE)
            )
        })
        .max_by_key(|s| s.chars().count())
        .unwrap_or_default();
        let values = [
            ("number", "K7Q-M3X-PAR"),
            ("pin", "123456"),
            ("date", "30 September 2026"),
            ("n", "5000"),
            ("status", longest_status),
            ("deadline", longest_deadline.as_str()),
            ("min", "10"),
            ("max", "2000"),
        ];
        for key in REPLIES {
            let filled = fill(key.text(LOCALE), &values);
            assert!(
                !filled.contains('{'),
                "{key:?} has an unfilled value: {filled}"
            );
            let used = septets(&filled);
            assert!(used.is_some(), "{key:?} is not GSM-7: {filled}");
            assert!(
                used.unwrap_or(usize::MAX) <= SMS_SEPTETS,
                "{key:?} takes {used:?} characters: {filled}"
            );
            assert_eq!(text(LOCALE, key, &values), filled);
        }
    }

    #[test]
    fn the_first_reply_carries_the_number_and_the_pin_whole() {
        let reply = text(
            LOCALE,
            Key::SmsReceived,
            &[
                ("number", "K7Q-M3X-PAR"),
                ("pin", "123456"),
                ("date", "3 Desember 2026"),
            ],
        );
        assert!(
            reply.contains("K7Q-M3X-PAR") && reply.contains("123456"),
            "{reply}"
        );
    }

    const REPLIES: [Key; 14] = [
        Key::SmsStopped,
        Key::SmsStoppedAll,
        Key::SmsReceived,
        Key::SmsReceivedNational,
        Key::SmsRepeat,
        Key::SmsTooShort,
        Key::SmsTooLong,
        Key::SmsNotFound,
        Key::SmsStatus,
        Key::SmsReplySaved,
        Key::SmsReplyLength,
        Key::SmsReplyNotNow,
        Key::SmsHelp,
        Key::SmsRateLimited,
    ];
}
