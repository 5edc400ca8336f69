//! The chat conversation (Telegram, WhatsApp): a message in, one answer back. The SMS
//! grammar works as on a basic phone (`KEYWORD text` files at once; `CEK`, `BALAS`,
//! `STOP`); anyone who just writes, or opens the bot, is guided through a report by
//! `model::chat`, whose draft is kept per chat in the database between messages.

use crate::api::ApiError;
use crate::i18n::{fill, Key, Locale};
use crate::labels;
use crate::model::chat::{self, ChatInput, Draft, Objection, Place, Question, Step};
use crate::model::report::Privacy;
use crate::model::sms::{parse, report_from_message, Sender, SmsCommand};
use crate::model::validation::{BODY_MIN, MAX_ATTACHMENTS};
use crate::server::state::AppState;

use super::sms::{file, idempotency_key, obey, text, Message};

/// What a chat message carried.
#[derive(Debug, Clone)]
pub enum ChatContent {
    Text(String),
    /// A shared location (latitude, longitude).
    Location(f64, f64),
    /// A photo, as downloaded from the chat service (not cleaned yet), and its caption.
    Photo {
        bytes: Vec<u8>,
        caption: Option<String>,
    },
    /// Anything else (a sticker, a voice note): answered with the help text.
    Other,
}

/// A shared location as both chat services write it (`latitude`, `longitude`).
#[derive(Debug, Clone, Copy, serde::Deserialize)]
pub(super) struct SharedLocation {
    pub latitude: f64,
    pub longitude: f64,
}

impl From<SharedLocation> for ChatContent {
    fn from(location: SharedLocation) -> Self {
        ChatContent::Location(location.latitude, location.longitude)
    }
}

/// One chat message as a door read it.
#[derive(Debug, Clone)]
pub struct InboundChat {
    /// `telegram` or `whatsapp`: message ids are unique per door.
    pub door: &'static str,
    /// The service's id of the message (Telegram's `update_id`, WhatsApp's `wamid`).
    pub id: String,
    pub sender: Sender,
    /// The language of the answers (Telegram tells the user's; Indonesian otherwise).
    pub locale: Locale,
    pub content: ChatContent,
}

/// The answer to `message`; `None` when there is nothing to say (the same message
/// delivered again). `Err` only when storage failed: the service should deliver it again.
pub async fn answer(state: &AppState, message: InboundChat) -> Result<Option<String>, ApiError> {
    let address = message.sender.address();
    let locale = message.locale;
    if !state.channels.sender_allowed(&address) {
        tracing::warn!(door = message.door, "chat over the rate limit");
        return Ok(Some(text(locale, Key::SmsRateLimited, &[])));
    }
    let now = state.clock.now();
    let claim = state
        .store
        .claim_message(message.door, &message.id, now)
        .await?;
    if claim.is_done() {
        return Ok(None);
    }
    let stored = state.store.chat_seen(&address, now).await?;
    let draft = stored.and_then(|json| match serde_json::from_str::<Draft>(&json) {
        Ok(draft) => Some(draft),
        Err(error) => {
            tracing::error!(%error, "a stored chat draft could not be read; starting afresh");
            None
        }
    });
    let context = Message {
        door: message.door,
        id: &message.id,
        sender: &message.sender,
        locale,
    };
    let mut said = Vec::new();
    let (text_part, photo) = match message.content {
        ChatContent::Text(text) => (Some(text), None),
        ChatContent::Photo { bytes, caption } => {
            match crate::server::uploads::accept_file(state, bytes).await {
                Ok(record) => (caption, Some(record.file.token)),
                Err(error) if error.problem().is_some() => {
                    said.push(chat_text(locale, Key::ChatPhotoRefused, &[]));
                    (caption, None)
                }
                Err(error) => {
                    tracing::error!(%error, "a chat photo could not be stored");
                    return Err(ApiError::Unavailable);
                }
            }
        }
        ChatContent::Location(latitude, longitude) => {
            let reply = match draft {
                Some(mut draft) => {
                    let step = chat::take(&mut draft, ChatInput::Location(latitude, longitude));
                    guide(state, &context, draft, step).await?
                }
                None => chat_text(locale, Key::ChatHelp, &[]),
            };
            return finish(state, &message.id, message.door, reply).await;
        }
        ChatContent::Other => {
            return finish(
                state,
                &message.id,
                message.door,
                chat_text(locale, Key::ChatHelp, &[]),
            )
            .await;
        }
    };
    let text_part = text_part
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let reply = match draft {
        Some(mut draft) => {
            // Inside a guided report, the reporter's commands still work; anything else
            // answers the guide's question.
            let command = match &text_part {
                Some(text) => Some(parse(text, &*state.channels.keywords(&state.store).await?)),
                None => None,
            };
            match command {
                Some(
                    command @ (SmsCommand::Check { .. }
                    | SmsCommand::Reply { .. }
                    | SmsCommand::Stop { .. }),
                ) => obey(state, &context, command, &[], claim).await?,
                _ => {
                    let mut step = None;
                    if let Some(token) = photo {
                        step = Some(chat::take(&mut draft, ChatInput::Photo(token)));
                    }
                    if let Some(text) = text_part {
                        if let Some(Step::PhotoKept { count, .. }) = step {
                            said.push(photo_kept(locale, count));
                        }
                        step = Some(chat::take(&mut draft, ChatInput::Text(text)));
                    }
                    let step = step.unwrap_or(Step::Ask {
                        question: chat::next_question(&draft),
                        objection: None,
                    });
                    guide(state, &context, draft, step).await?
                }
            }
        }
        None => {
            let photos: Vec<String> = photo.into_iter().collect();
            match text_part {
                Some(text) if chat::asks_to_start(&text) => {
                    begin(state, &context, None, photos).await?
                }
                Some(text) => {
                    let keywords = state.channels.keywords(&state.store).await?;
                    match parse(&text, &keywords) {
                        // Free text without a keyword: guided, with the text as the story.
                        SmsCommand::Report {
                            keyword: None,
                            privacy,
                            ..
                        } if privacy == Privacy::default() => {
                            begin(state, &context, Some(&text), photos).await?
                        }
                        SmsCommand::Help => begin_or_help(state, &context, photos).await?,
                        command => obey(state, &context, command, &photos, claim).await?,
                    }
                }
                None => begin_or_help(state, &context, photos).await?,
            }
        }
    };
    said.push(reply);
    finish(state, &message.id, message.door, said.join("\n\n")).await
}

/// A file from a chat service's API (a photo someone sent), at most an attachment's size.
/// The error never carries the address, which may hold a token.
pub(super) async fn fetch_file(request: reqwest::RequestBuilder) -> Result<Vec<u8>, String> {
    let response = request
        .send()
        .await
        .map_err(|e| e.without_url().to_string())?;
    if !response.status().is_success() {
        return Err(format!(
            "the file answered HTTP {}",
            response.status().as_u16()
        ));
    }
    if response
        .content_length()
        .is_some_and(|n| n > crate::server::uploads::MAX_FILE_BYTES as u64)
    {
        return Err("the file is larger than an attachment may be".into());
    }
    let bytes = response
        .bytes()
        .await
        .map_err(|e| e.without_url().to_string())?;
    Ok(bytes.to_vec())
}

/// Posts a message to a chat service's API; `Ok` once it took it. The error names
/// neither the recipient nor the address.
pub(super) async fn post_message(
    request: reqwest::RequestBuilder,
    body: &serde_json::Value,
) -> Result<(), String> {
    let response = request
        .json(body)
        .send()
        .await
        .map_err(|e| e.without_url().to_string())?;
    if response.status().is_success() {
        Ok(())
    } else {
        Err(format!(
            "the service answered HTTP {}",
            response.status().as_u16()
        ))
    }
}

/// Marks the message handled and hands back the answer.
async fn finish(
    state: &AppState,
    id: &str,
    door: &str,
    reply: String,
) -> Result<Option<String>, ApiError> {
    state.store.finish_message(door, id).await?;
    Ok(Some(reply))
}

/// A photo alone starts a guided report with it; anything else unreadable gets help.
async fn begin_or_help(
    state: &AppState,
    context: &Message<'_>,
    photos: Vec<String>,
) -> Result<String, ApiError> {
    if photos.is_empty() {
        return Ok(chat_text(context.locale, Key::ChatHelp, &[]));
    }
    begin(state, context, None, photos).await
}

/// Starts a guided report (with `story` and `photos` when the first message had them).
async fn begin(
    state: &AppState,
    context: &Message<'_>,
    story: Option<&str>,
    photos: Vec<String>,
) -> Result<String, ApiError> {
    let (mut draft, step) = chat::start(story);
    let mut said = Vec::new();
    for token in photos {
        if let Step::PhotoKept { count, .. } = chat::take(&mut draft, ChatInput::Photo(token)) {
            said.push(photo_kept(context.locale, count));
        }
    }
    said.push(guide(state, context, draft, step).await?);
    Ok(said.join("\n\n"))
}

/// Acts on the guide's step: keeps the draft and asks, files it, or forgets it.
async fn guide(
    state: &AppState,
    context: &Message<'_>,
    draft: Draft,
    step: Step,
) -> Result<String, ApiError> {
    let locale = context.locale;
    let address = context.sender.address();
    let now = state.clock.now();
    match step {
        Step::Send => {
            let Ok((classification, story, location)) = chat::draft_contents(&draft) else {
                return Ok(question(locale, &draft, chat::next_question(&draft)));
            };
            let key = idempotency_key(context.door, context.id);
            let report = match report_from_message(
                classification,
                Privacy::default(),
                story,
                location,
                None,
                context.sender,
                key,
            ) {
                Ok(report) => report,
                Err(_) => return Ok(question(locale, &draft, Question::Story)),
            };
            let receipt = file(state, &report, &draft.photos, locale).await?;
            state.store.save_chat_draft(&address, None, now).await?;
            Ok(receipt)
        }
        Step::Cancelled => {
            state.store.save_chat_draft(&address, None, now).await?;
            Ok(chat_text(locale, Key::ChatCancelled, &[]))
        }
        Step::Ask {
            question: asked,
            objection,
        } => {
            keep(state, &address, &draft).await?;
            let mut said = Vec::new();
            if let Some(objection) = objection {
                said.push(objection_text(locale, objection));
            }
            said.push(question(locale, &draft, asked));
            Ok(said.join(" "))
        }
        Step::PhotoKept {
            count,
            question: asked,
        } => {
            keep(state, &address, &draft).await?;
            Ok(format!(
                "{} {}",
                photo_kept(locale, count),
                question(locale, &draft, asked)
            ))
        }
    }
}

async fn keep(state: &AppState, address: &str, draft: &Draft) -> Result<(), ApiError> {
    let json = serde_json::to_string(draft).map_err(|error| {
        tracing::error!(%error, "a chat draft as JSON");
        ApiError::Unavailable
    })?;
    state
        .store
        .save_chat_draft(address, Some(&json), state.clock.now())
        .await?;
    Ok(())
}

fn photo_kept(locale: Locale, count: usize) -> String {
    chat_text(
        locale,
        Key::ChatPhotoKept,
        &[
            ("n", &count.to_string()),
            ("max", &MAX_ATTACHMENTS.to_string()),
        ],
    )
}

/// The guide's question, the confirmation showing what will be sent.
fn question(locale: Locale, draft: &Draft, question: Question) -> String {
    match question {
        Question::Classification => chat_text(locale, Key::ChatAskClassification, &[]),
        Question::Story => chat_text(locale, Key::ChatAskStory, &[("n", &BODY_MIN.to_string())]),
        Question::Place => chat_text(locale, Key::ChatAskPlace, &[]),
        Question::Confirm => {
            let kind = draft
                .classification
                .map(|c| labels::classification(c).text(locale))
                .unwrap_or_default();
            let story = excerpt(draft.story.as_deref().unwrap_or_default());
            let place = match &draft.place {
                Some(Place::Address(address)) => {
                    chat_text(locale, Key::ChatConfirmPlace, &[("place", address)])
                }
                Some(Place::Point(latitude, longitude)) => chat_text(
                    locale,
                    Key::ChatConfirmPlace,
                    &[("place", &format!("{latitude:.5}, {longitude:.5}"))],
                ),
                Some(Place::Skipped) | None => String::new(),
            };
            let photos = if draft.photos.is_empty() {
                String::new()
            } else {
                chat_text(
                    locale,
                    Key::ChatConfirmPhotos,
                    &[("n", &draft.photos.len().to_string())],
                )
            };
            chat_text(
                locale,
                Key::ChatAskConfirm,
                &[
                    ("kind", kind),
                    ("story", &story),
                    ("place", &place),
                    ("photos", &photos),
                ],
            )
        }
    }
}

/// The first 200 characters of a story, for the confirmation.
fn excerpt(story: &str) -> String {
    const SHOWN: usize = 200;
    if story.chars().count() <= SHOWN {
        return story.to_string();
    }
    let cut: String = story.chars().take(SHOWN).collect();
    format!("{}…", cut.trim_end())
}

fn objection_text(locale: Locale, objection: Objection) -> String {
    match objection {
        Objection::NotAChoice => chat_text(locale, Key::ChatNotAChoice, &[]),
        Objection::StoryTooShort { min } => {
            chat_text(locale, Key::ChatStoryTooShort, &[("n", &min.to_string())])
        }
        Objection::StoryTooLong { max } => {
            chat_text(locale, Key::ChatStoryTooLong, &[("n", &max.to_string())])
        }
        Objection::PlaceTooLong { max } => {
            chat_text(locale, Key::ChatPlaceTooLong, &[("n", &max.to_string())])
        }
        Objection::PlaceOutside => chat_text(locale, Key::ChatPlaceOutside, &[]),
        Objection::NotNow => chat_text(locale, Key::ChatLocationNotNow, &[]),
        Objection::TooManyPhotos { max } => {
            chat_text(locale, Key::ChatTooManyPhotos, &[("n", &max.to_string())])
        }
    }
}

/// A chat text: not bound to one SMS, so not cut.
fn chat_text(locale: Locale, key: Key, values: &[(&str, &str)]) -> String {
    fill(key.text(locale), values)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every objection and question is worded in both languages with nothing left to
    /// fill in.
    #[test]
    fn every_answer_of_the_guide_is_worded() {
        let draft = Draft {
            classification: Some(crate::model::Classification::Complaint),
            story: Some("x".repeat(500)),
            place: Some(Place::Point(-7.5, 112.2)),
            photos: vec!["t".into()],
        };
        for locale in [Locale::Id, Locale::En] {
            let objections = [
                Objection::NotAChoice,
                Objection::StoryTooShort { min: 30 },
                Objection::StoryTooLong { max: 5000 },
                Objection::PlaceTooLong { max: 300 },
                Objection::PlaceOutside,
                Objection::NotNow,
                Objection::TooManyPhotos { max: 5 },
            ]
            .map(|o| objection_text(locale, o));
            let questions = [
                Question::Classification,
                Question::Story,
                Question::Place,
                Question::Confirm,
            ]
            .map(|q| question(locale, &draft, q));
            for said in objections.iter().chain(&questions) {
                assert!(!said.contains('{') && !said.is_empty(), "{said}");
            }
            assert!(
                questions[3].contains("-7.50000, 112.20000"),
                "{}",
                questions[3]
            );
            assert!(
                questions[3].contains('…'),
                "a long story is cut for the confirmation"
            );
        }
    }
}
