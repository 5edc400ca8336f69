//! Chat doors (Telegram, WhatsApp): the SMS grammar of [`crate::model::sms`] works there
//! as it does on a basic phone, and a person who just writes (or opens the bot) is guided
//! instead: what kind of report → the story → where → confirm. The draft between
//! messages is stored per chat ([`Draft`], as JSON); this module only decides.

use serde::{Deserialize, Serialize};

use crate::model::report::{Classification, Location};
use crate::model::sms::SmsReportProblem;
use crate::model::validation::{
    length_problem, Problem, ADDRESS_MAX, BODY_MAX, BODY_MIN, LATITUDE_RANGE, LONGITUDE_RANGE,
    MAX_ATTACHMENTS,
};

/// A guided report in the making, kept between a chat's messages.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Draft {
    pub classification: Option<Classification>,
    pub story: Option<String>,
    /// `None` until answered; skipping is an answer.
    pub place: Option<Place>,
    /// Photos sent meanwhile: the upload tokens of their cleaned copies.
    pub photos: Vec<String>,
}

/// Where the matter is, as a chat can tell it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Place {
    Skipped,
    /// Written: an address, a village, a landmark.
    Address(String),
    /// A shared location (latitude, longitude).
    Point(f64, f64),
}

/// One chat message, as the guide reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum ChatInput {
    Text(String),
    /// A shared location (latitude, longitude).
    Location(f64, f64),
    /// A photo, already cleaned and kept as a pending upload: its token.
    Photo(String),
}

/// What the guide asks for next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Classification,
    Story,
    Place,
    Confirm,
}

/// Why an answer was not taken (the question is asked again with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objection {
    /// Not one of the choices offered.
    NotAChoice,
    StoryTooShort {
        min: usize,
    },
    StoryTooLong {
        max: usize,
    },
    PlaceTooLong {
        max: usize,
    },
    /// A shared location outside Indonesia.
    PlaceOutside,
    /// A location where words were asked for (or the other way round).
    NotNow,
    TooManyPhotos {
        max: usize,
    },
}

/// The guide's answer to one message.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Ask `question`, after saying why the last answer was not taken, if it was not.
    Ask {
        question: Question,
        objection: Option<Objection>,
    },
    /// A photo was kept (`count` so far); then ask `question` again.
    PhotoKept { count: usize, question: Question },
    /// The person confirmed: file the draft.
    Send,
    /// The person gave up: forget the draft.
    Cancelled,
}

/// Words that end a guided report without sending it.
const CANCEL: [&str; 4] = ["BATAL", "CANCEL", "/BATAL", "/CANCEL"];
/// Words that confirm it.
const CONFIRM: [&str; 6] = ["YA", "Y", "KIRIM", "OK", "YES", "SEND"];
/// Words that skip the place.
const SKIP: [&str; 4] = ["LEWATI", "SKIP", "-", "TIDAK"];
/// Words that start a guided report (`/start` is what Telegram sends when a bot is opened).
const START: [&str; 5] = ["/START", "LAPOR", "MULAI", "/LAPOR", "START"];

/// Whether `text` asks to be guided through a report.
pub fn asks_to_start(text: &str) -> bool {
    let word = text.trim().to_uppercase();
    START.contains(&word.as_str())
}

/// A new draft. `text` is what the person wrote first: kept as the story when it can be
/// one (someone who writes their whole complaint at once is not asked for it again).
pub fn start(text: Option<&str>) -> (Draft, Step) {
    let story = text
        .map(str::trim)
        .filter(|t| length_problem(t, BODY_MIN, BODY_MAX).is_none() && !asks_to_start(t))
        .map(str::to_string);
    let draft = Draft {
        story,
        ..Draft::default()
    };
    let question = next_question(&draft);
    (
        draft,
        Step::Ask {
            question,
            objection: None,
        },
    )
}

/// The first thing the draft still lacks, or the confirmation.
pub fn next_question(draft: &Draft) -> Question {
    if draft.classification.is_none() {
        Question::Classification
    } else if draft.story.is_none() {
        Question::Story
    } else if draft.place.is_none() {
        Question::Place
    } else {
        Question::Confirm
    }
}

/// Takes one message into the draft and says what comes next: [`Step::Send`] only when
/// the person confirms a complete draft.
pub fn take(draft: &mut Draft, input: ChatInput) -> Step {
    let question = next_question(draft);
    if question == Question::Confirm {
        if let ChatInput::Text(text) = &input {
            if CONFIRM.contains(&text.trim().to_uppercase().as_str()) {
                return Step::Send;
            }
        }
    }
    let objection = match input {
        ChatInput::Photo(token) => {
            if draft.photos.len() >= MAX_ATTACHMENTS {
                Some(Objection::TooManyPhotos {
                    max: MAX_ATTACHMENTS,
                })
            } else {
                draft.photos.push(token);
                return Step::PhotoKept {
                    count: draft.photos.len(),
                    question,
                };
            }
        }
        ChatInput::Location(latitude, longitude) => {
            if question != Question::Place {
                Some(Objection::NotNow)
            } else if !within(latitude, LATITUDE_RANGE) || !within(longitude, LONGITUDE_RANGE) {
                Some(Objection::PlaceOutside)
            } else {
                draft.place = Some(Place::Point(latitude, longitude));
                None
            }
        }
        ChatInput::Text(text) => {
            let text = text.trim();
            let word = text.to_uppercase();
            if CANCEL.contains(&word.as_str()) {
                return Step::Cancelled;
            }
            answer(draft, question, text, &word)
        }
    };
    Step::Ask {
        question: next_question(draft),
        objection,
    }
}

/// A written answer to `question`; the objection when it is not taken.
fn answer(draft: &mut Draft, question: Question, text: &str, word: &str) -> Option<Objection> {
    match question {
        Question::Classification => match classification_choice(word) {
            Some(chosen) => {
                draft.classification = Some(chosen);
                None
            }
            None => Some(Objection::NotAChoice),
        },
        Question::Story => match length_problem(text, BODY_MIN, BODY_MAX) {
            None => {
                draft.story = Some(text.to_string());
                None
            }
            Some(Problem::TooLong { max }) => Some(Objection::StoryTooLong { max }),
            Some(_) => Some(Objection::StoryTooShort { min: BODY_MIN }),
        },
        Question::Place if SKIP.contains(&word) => {
            draft.place = Some(Place::Skipped);
            None
        }
        Question::Place => match length_problem(text, 1, ADDRESS_MAX) {
            None => {
                draft.place = Some(Place::Address(text.to_string()));
                None
            }
            Some(_) => Some(Objection::PlaceTooLong { max: ADDRESS_MAX }),
        },
        Question::Confirm => Some(Objection::NotAChoice),
    }
}

/// `1`/`2`/`3` or the kind's name, as the question offers them.
fn classification_choice(word: &str) -> Option<Classification> {
    let word = word.trim_end_matches('.');
    match word {
        "1" | "PENGADUAN" | "ADUAN" | "COMPLAINT" => Some(Classification::Complaint),
        "2" | "ASPIRASI" | "ASPIRATION" | "SARAN" => Some(Classification::Aspiration),
        "3" | "INFO" | "INFORMASI" | "PERMINTAAN INFORMASI" | "INFORMATION" => {
            Some(Classification::InformationRequest)
        }
        _ => None,
    }
}

fn within(value: f64, (low, high): (f64, f64)) -> bool {
    value.is_finite() && (low..=high).contains(&value)
}

/// The parts of the report a complete draft files (story, place); `Err` if it is not
/// complete, which [`take`] never lets happen.
pub fn draft_contents(draft: &Draft) -> Result<(Classification, &str, Location), SmsReportProblem> {
    let (Some(classification), Some(story)) = (draft.classification, draft.story.as_deref()) else {
        return Err(SmsReportProblem::TooShort { min: BODY_MIN });
    };
    let location = match &draft.place {
        Some(Place::Address(address)) => Location {
            address: address.clone(),
            ..Location::default()
        },
        Some(Place::Point(latitude, longitude)) => Location {
            coordinates: Some((*latitude, *longitude)),
            ..Location::default()
        },
        Some(Place::Skipped) | None => Location::default(),
    };
    Ok((classification, story, location))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const STORY: &str = "Jalan di desa Sumberagung rusak parah sejak dua bulan lalu";

    fn text(t: &str) -> ChatInput {
        ChatInput::Text(t.into())
    }

    fn asks(question: Question) -> Step {
        Step::Ask {
            question,
            objection: None,
        }
    }

    #[test]
    fn a_whole_conversation_from_hello_to_send() {
        let (mut draft, step) = start(Some("/start"));
        assert_eq!(step, asks(Question::Classification));
        assert_eq!(draft.story, None, "/start is no story");
        assert_eq!(take(&mut draft, text("pengaduan")), asks(Question::Story));
        assert_eq!(
            take(&mut draft, text("jalan rusak")),
            Step::Ask {
                question: Question::Story,
                objection: Some(Objection::StoryTooShort { min: BODY_MIN })
            }
        );
        assert_eq!(take(&mut draft, text(STORY)), asks(Question::Place));
        assert_eq!(
            take(&mut draft, ChatInput::Photo("t1".into())),
            Step::PhotoKept {
                count: 1,
                question: Question::Place
            }
        );
        assert_eq!(
            take(&mut draft, ChatInput::Location(-7.55, 112.23)),
            asks(Question::Confirm)
        );
        assert_eq!(
            take(&mut draft, text("hmm")),
            Step::Ask {
                question: Question::Confirm,
                objection: Some(Objection::NotAChoice)
            }
        );
        assert_eq!(take(&mut draft, text(" ya ")), Step::Send);
        let (classification, story, location) = draft_contents(&draft).expect("complete");
        assert_eq!(classification, Classification::Complaint);
        assert_eq!(story, STORY);
        assert_eq!(location.coordinates, Some((-7.55, 112.23)));
        assert_eq!(draft.photos, vec!["t1".to_string()]);
    }

    #[test]
    fn a_story_written_first_is_not_asked_again() {
        let (mut draft, step) = start(Some(STORY));
        assert_eq!(step, asks(Question::Classification));
        assert_eq!(take(&mut draft, text("2")), asks(Question::Place));
        assert_eq!(take(&mut draft, text("lewati")), asks(Question::Confirm));
        assert_eq!(take(&mut draft, text("KIRIM")), Step::Send);
        let (classification, _, location) = draft_contents(&draft).expect("complete");
        assert_eq!(classification, Classification::Aspiration);
        assert_eq!(location, Location::default());
    }

    #[test]
    fn every_question_takes_its_own_kind_of_answer() {
        let (mut draft, _) = start(None);
        for (input, objection) in [
            (text("4"), Objection::NotAChoice),
            (ChatInput::Location(-6.2, 106.8), Objection::NotNow),
        ] {
            assert_eq!(
                take(&mut draft, input),
                Step::Ask {
                    question: Question::Classification,
                    objection: Some(objection)
                }
            );
        }
        take(&mut draft, text("informasi"));
        take(&mut draft, text(STORY));
        for (input, objection) in [
            (ChatInput::Location(51.5, -0.1), Objection::PlaceOutside),
            (
                ChatInput::Location(f64::NAN, 110.0),
                Objection::PlaceOutside,
            ),
            (
                text(&"x".repeat(ADDRESS_MAX + 1)),
                Objection::PlaceTooLong { max: ADDRESS_MAX },
            ),
        ] {
            assert_eq!(
                take(&mut draft, input),
                Step::Ask {
                    question: Question::Place,
                    objection: Some(objection)
                }
            );
        }
        assert_eq!(
            take(&mut draft, text("Jl. Merdeka 1, Jombang")),
            asks(Question::Confirm)
        );
        assert_eq!(
            draft_contents(&draft).expect("complete").2.address,
            "Jl. Merdeka 1, Jombang"
        );
    }

    #[test]
    fn cancel_works_at_every_question_and_photos_stop_at_the_limit() {
        let (mut draft, _) = start(None);
        for answer in ["", "1", STORY, "lewati"] {
            if !answer.is_empty() {
                take(&mut draft, text(answer));
            }
            let mut copy = draft.clone();
            assert_eq!(take(&mut copy, text("batal")), Step::Cancelled);
        }
        for n in 0..MAX_ATTACHMENTS {
            take(&mut draft, ChatInput::Photo(format!("t{n}")));
        }
        assert_eq!(
            take(&mut draft, ChatInput::Photo("one too many".into())),
            Step::Ask {
                question: Question::Confirm,
                objection: Some(Objection::TooManyPhotos {
                    max: MAX_ATTACHMENTS
                })
            }
        );
        assert_eq!(draft.photos.len(), MAX_ATTACHMENTS);
    }

    #[test]
    fn a_draft_survives_its_storage_as_json() {
        let draft = Draft {
            classification: Some(Classification::Complaint),
            story: Some(STORY.into()),
            place: Some(Place::Point(-7.5, 112.2)),
            photos: vec!["t".into()],
        };
        let json = serde_json::to_string(&draft).expect("json");
        assert_eq!(serde_json::from_str::<Draft>(&json).expect("read"), draft);
    }

    proptest! {
        /// No message panics the guide, and a draft is sent only when complete.
        #[test]
        fn no_message_breaks_the_guide(messages in proptest::collection::vec(".{0,80}", 0..12)) {
            let (mut draft, _) = start(messages.first().map(String::as_str));
            for message in messages {
                if take(&mut draft, ChatInput::Text(message)) == Step::Send {
                    prop_assert!(draft_contents(&draft).is_ok());
                }
            }
        }
    }
}
