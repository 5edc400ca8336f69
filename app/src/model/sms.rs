//! SMS to 1708: what an incoming message asks for, and what a reply may contain.
//!
//! The grammar people use on a basic phone:
//! - `KEYWORD text`: a complaint to the agency owning the keyword (`JOMBANGKAB jalan rusak …`);
//!   case, extra spaces, a missing space and `#` `.` `:` `,` separators do not matter;
//! - `INFO KEYWORD text` / `ASPIRASI KEYWORD text`: an information request or an aspiration;
//!   `ANONIM …` hides the sender from the agency, `RAHASIA …` keeps the report off public pages
//!   (the prefixes combine, in any order);
//! - text without a known keyword: a report to the national administrators (no wrong door);
//! - `CEK number`: the status of a report the same phone sent;
//! - `BALAS number text`: the reporter's reply, threaded onto their report;
//! - `STOP number` (or `STOP` alone: every report of this phone): no more SMS notices;
//! - `BANTUAN`, `HELP`, or nothing usable: a short help text.
//!
//! Replies go back as one SMS: 160 characters of the GSM 03.38 alphabet. A single character
//! outside it (a curly quote, a long dash) would turn the whole message into UCS-2 with only
//! 70 characters, so every reply passes through [`for_sms`].

use crate::model::report::{Channel, Classification, Location, Privacy};
use crate::model::tracking::{TrackingNumber, DATA_LEN};
use crate::model::validation::{
    length_problem, normalize_phone, NewReport, Problem, ReporterIdentity, BODY_MAX, BODY_MIN,
    TITLE_MIN,
};

/// The characters (septets) of one SMS in the GSM 7-bit alphabet.
pub const SMS_SEPTETS: usize = 160;
/// A title made from an SMS is at most this long (the first words of the text).
pub const SMS_TITLE_MAX: usize = 60;
/// A keyword matched without a space after it (`JOMBANGKABjalan`) has at least this many
/// letters, so a short keyword does not swallow the start of an ordinary word.
const GLUED_KEYWORD_MIN: usize = 4;

/// The SMS keywords of the agencies (upper case), for the parser to recognise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeywordSet {
    sorted: Vec<String>,
}

impl KeywordSet {
    pub fn new<I, S>(keywords: I) -> KeywordSet
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut sorted: Vec<String> = keywords
            .into_iter()
            .map(|k| k.as_ref().trim().to_uppercase())
            .filter(|k| !k.is_empty())
            .collect();
        sorted.sort();
        sorted.dedup();
        KeywordSet { sorted }
    }

    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    fn contains(&self, word: &str) -> bool {
        self.sorted
            .binary_search_by(|k| k.as_str().cmp(word))
            .is_ok()
    }

    /// The keyword `word` (upper case) is, or starts with: the word itself when it is a
    /// keyword, else the longest keyword of at least [`GLUED_KEYWORD_MIN`] letters it
    /// begins with.
    fn matching(&self, word: &str) -> Option<&str> {
        if self.contains(word) {
            return self.sorted.iter().find(|k| *k == word).map(String::as_str);
        }
        (GLUED_KEYWORD_MIN..word.len())
            .rev()
            .filter(|&end| word.is_char_boundary(end))
            .find_map(|end| {
                let prefix = &word[..end];
                self.contains(prefix)
                    .then(|| self.sorted.iter().find(|k| *k == prefix))
                    .flatten()
                    .map(String::as_str)
            })
    }
}

/// What an SMS asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsCommand {
    /// A new report: to the agency owning `keyword`, or, without one, to the national
    /// administrators' verification queue.
    Report {
        classification: Classification,
        privacy: Privacy,
        keyword: Option<String>,
        text: String,
    },
    /// The status of report `number` (as typed; checked by the handler).
    Check { number: String },
    /// The reporter's reply to report `number`.
    Reply { number: String, text: String },
    /// No more notices about report `number` (`None`: about any report of this phone).
    Stop { number: Option<String> },
    /// Help: asked for, or the message could not be understood.
    Help,
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '#' | '.' | ':' | ',' | ';')
}

/// The first word of `text` and what follows it (separators skipped on both sides).
fn split_word(text: &str) -> (&str, &str) {
    let text = text.trim_start_matches(is_separator);
    let end = text.find(is_separator).unwrap_or(text.len());
    let (word, rest) = text.split_at(end);
    (word, rest.trim_start_matches(is_separator))
}

/// Reads one SMS. Never fails: what is not understood is [`SmsCommand::Help`].
pub fn parse(text: &str, keywords: &KeywordSet) -> SmsCommand {
    let text = text.trim_matches(is_separator);
    let (first, rest) = split_word(text);
    match first.to_uppercase().as_str() {
        "" | "BANTUAN" | "HELP" | "TOLONG" | "MENU" => return SmsCommand::Help,
        "CEK" | "CEKSTATUS" | "STATUS" => {
            return match take_number(rest) {
                Some((number, tail)) if tail.trim().is_empty() => SmsCommand::Check { number },
                _ => SmsCommand::Help,
            }
        }
        "STOP" | "BERHENTI" => {
            if rest.trim_matches(is_separator).is_empty() {
                return SmsCommand::Stop { number: None };
            }
            return match take_number(rest) {
                Some((number, tail)) if tail.trim().is_empty() => SmsCommand::Stop {
                    number: Some(number),
                },
                _ => SmsCommand::Help,
            };
        }
        "BALAS" => {
            return match take_number(rest) {
                Some((number, tail)) if !tail.trim().is_empty() => SmsCommand::Reply {
                    number,
                    text: tail.trim_matches(is_separator).to_string(),
                },
                _ => SmsCommand::Help,
            }
        }
        _ => {}
    }
    parse_report(text, keywords)
}

fn parse_report(text: &str, keywords: &KeywordSet) -> SmsCommand {
    let mut classification = None;
    let mut privacy = Privacy::default();
    let mut rest = text;
    loop {
        let (word, after) = split_word(rest);
        match word.to_uppercase().as_str() {
            "INFO" | "INFORMASI" if classification.is_none() => {
                classification = Some(Classification::InformationRequest)
            }
            "ASPIRASI" if classification.is_none() => {
                classification = Some(Classification::Aspiration)
            }
            "ANONIM" | "ANONYMOUS" if !privacy.anonymous => privacy.anonymous = true,
            "RAHASIA" if !privacy.confidential => privacy.confidential = true,
            _ => break,
        }
        rest = after;
    }
    let (word, after) = split_word(rest);
    let upper = word.to_uppercase();
    let (keyword, text) = match keywords.matching(&upper) {
        Some(keyword) if keyword.len() == upper.len() => (Some(keyword.to_string()), after),
        // Glued to the text (`JOMBANGKABjalan`): the text starts where the keyword ends;
        // upper-casing keeps the length of the ASCII keyword, so the cut is in `word` too.
        Some(keyword)
            if word.is_char_boundary(keyword.len())
                && word[..keyword.len()].eq_ignore_ascii_case(keyword) =>
        {
            let tail = rest.trim_start_matches(is_separator);
            (Some(keyword.to_string()), &tail[keyword.len()..])
        }
        _ => (None, rest),
    };
    let text = text.trim_matches(is_separator);
    // A few words with nothing that marks them as a report ("halo", "tes", "???") are
    // better answered with how to report than with "too short".
    let marked = keyword.is_some() || classification.is_some() || privacy != Privacy::default();
    if text.is_empty() || (!marked && text.chars().count() < BODY_MIN) {
        return SmsCommand::Help;
    }
    SmsCommand::Report {
        classification: classification.unwrap_or(Classification::Complaint),
        privacy,
        keyword,
        text: collapse_spaces(text),
    }
}

/// A tracking number at the start of `text` (its symbols, with any spaces or dashes people
/// put between the groups) and the text after it. `None` when fewer symbols follow.
fn take_number(text: &str) -> Option<(String, &str)> {
    let text = text.trim_start_matches(is_separator);
    let mut number = String::new();
    for (at, c) in text.char_indices() {
        if number.len() == DATA_LEN + 1 {
            return Some((number, &text[at..]));
        }
        if c.is_ascii_alphanumeric() {
            number.push(c.to_ascii_uppercase());
        } else if !(c == '-' || c.is_whitespace()) {
            return None;
        }
    }
    (number.len() == DATA_LEN + 1).then_some((number, ""))
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why an SMS could not become a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsReportProblem {
    TooShort { min: usize },
    TooLong { max: usize },
}

/// The title of a report sent by SMS: its first words, up to [`SMS_TITLE_MAX`] characters.
pub fn title_from_text(text: &str) -> String {
    let mut title = String::new();
    for word in text.split_whitespace() {
        let extra = usize::from(!title.is_empty()) + word.chars().count();
        if title.chars().count() + extra > SMS_TITLE_MAX {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    if title.chars().count() < TITLE_MIN {
        // The first word alone is too long (or too short) for a title: cut the text.
        title = text.chars().take(SMS_TITLE_MAX).collect();
    }
    title
}

/// The phone number of an SMS sender: Indonesian numbers as `+62…` (like the web form's
/// phone field), other numbers in E.164 (`+` and 8 to 15 digits). `None` for sender names
/// and short codes, which cannot be answered.
pub fn normalize_sender(from: &str) -> Option<String> {
    if let Some(phone) = normalize_phone(from) {
        return Some(phone);
    }
    let digits = from.trim().strip_prefix('+')?;
    ((8..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("+{digits}"))
}

/// Who a message came from, as the door that took it knows them: the address answers
/// and notices go back to, and the identity a report from them carries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Sender {
    /// A phone that sent an SMS ([`normalize_sender`]d).
    Sms(String),
    /// A WhatsApp user: WhatsApp knows them by their phone number (normalised).
    WhatsApp(String),
    /// A Telegram chat, by its id (Telegram gives a bot no phone number).
    Telegram(i64),
}

impl Sender {
    /// The door a report from this sender came through.
    pub fn channel(&self) -> Channel {
        match self {
            Sender::Sms(_) => Channel::Sms,
            Sender::WhatsApp(_) => Channel::WhatsApp,
            Sender::Telegram(_) => Channel::Telegram,
        }
    }

    /// The identity a report from this sender carries: the phone number (the web form's
    /// phone field, with its privacy rules) or the chat, which is never shown.
    pub fn identity(&self) -> ReporterIdentity {
        ReporterIdentity {
            name: None,
            phone: self.phone().map(str::to_string),
            email: None,
            chat: match self {
                Sender::Telegram(_) => Some(self.address()),
                _ => None,
            },
        }
    }

    /// The phone number, for the doors that know one.
    pub fn phone(&self) -> Option<&str> {
        match self {
            Sender::Sms(phone) | Sender::WhatsApp(phone) => Some(phone),
            Sender::Telegram(_) => None,
        }
    }

    /// One string per sender and door (`sms:+62…`, `whatsapp:+62…`, `telegram:42`): the
    /// key of a chat's conversation and of the per-sender rate limit.
    pub fn address(&self) -> String {
        match self {
            Sender::Sms(phone) => format!("sms:{phone}"),
            Sender::WhatsApp(phone) => format!("whatsapp:{phone}"),
            Sender::Telegram(chat) => format!("telegram:{chat}"),
        }
    }
}

/// The report a message files: the same [`NewReport`] the web form produces, with the
/// sender's identity and door. `agency_id` is the agency the keyword names (`None`: the
/// national administrators route it).
pub fn report_from_sms(
    classification: Classification,
    privacy: Privacy,
    text: &str,
    agency_id: Option<i64>,
    sender: &Sender,
    idempotency_key: String,
) -> Result<NewReport, SmsReportProblem> {
    report_from_message(
        classification,
        privacy,
        text,
        Location::default(),
        agency_id,
        sender,
        idempotency_key,
    )
}

/// [`report_from_sms`] with a place (a chat's guided conversation asks for one).
pub fn report_from_message(
    classification: Classification,
    privacy: Privacy,
    text: &str,
    location: Location,
    agency_id: Option<i64>,
    sender: &Sender,
    idempotency_key: String,
) -> Result<NewReport, SmsReportProblem> {
    match length_problem(text, BODY_MIN, BODY_MAX) {
        Some(Problem::TooLong { max }) => return Err(SmsReportProblem::TooLong { max }),
        Some(_) => return Err(SmsReportProblem::TooShort { min: BODY_MIN }),
        None => {}
    }
    Ok(NewReport {
        classification,
        title: title_from_text(text),
        body: text.to_string(),
        event_date: None,
        needs_inspection: false,
        location,
        category_id: None,
        target_agency_id: agency_id,
        privacy,
        reporter: sender.identity(),
        channel: sender.channel(),
        idempotency_key: Some(idempotency_key),
    })
}

/// The GSM 03.38 basic alphabet (one septet each).
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: two septets each (an escape, then the character).
const GSM7_EXTENDED: &str = "^{}\\[~]|€\u{c}";

/// Septets `text` takes in one GSM-7 message; `None` when a character is outside the
/// alphabet (the message would go as UCS-2).
pub fn septets(text: &str) -> Option<usize> {
    text.chars().try_fold(0, |count, c| {
        if GSM7_BASIC.contains(c) {
            Some(count + 1)
        } else if GSM7_EXTENDED.contains(c) {
            Some(count + 2)
        } else {
            None
        }
    })
}

/// `text` made safe for one GSM-7 SMS: typographic quotes, dashes, ellipses and unusual
/// spaces become their plain forms, accented letters outside the alphabet lose their
/// accent, anything else unencodable becomes `?`; then cut to [`SMS_SEPTETS`].
pub fn for_sms(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut used = 0;
    for c in text.chars() {
        let plain = plain_form(c);
        let cost = septets(&plain).unwrap_or(0);
        if used + cost > SMS_SEPTETS {
            break;
        }
        used += cost;
        out.push_str(&plain);
    }
    out
}

fn plain_form(c: char) -> String {
    if septets(c.encode_utf8(&mut [0; 4])).is_some() {
        return c.to_string();
    }
    let plain = match c {
        '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => "'",
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
        '–' | '—' | '‒' | '−' | '‐' | '‑' => "-",
        '…' => "...",
        '•' | '·' => "*",
        '\t' => " ",
        'á' | 'â' | 'ã' | 'ā' => "a",
        'Á' | 'Â' | 'Ã' | 'À' | 'Ā' => "A",
        'ê' | 'ë' | 'ē' => "e",
        'Ê' | 'Ë' | 'È' | 'Ē' => "E",
        'í' | 'î' | 'ï' | 'ī' => "i",
        'Í' | 'Î' | 'Ï' | 'Ì' | 'Ī' => "I",
        'ó' | 'ô' | 'õ' | 'ō' => "o",
        'Ó' | 'Ô' | 'Õ' | 'Ò' | 'Ō' => "O",
        'ú' | 'û' | 'ū' => "u",
        'Ú' | 'Û' | 'Ù' | 'Ū' => "U",
        'ç' => "c",
        c if c.is_whitespace() => " ",
        _ => "?",
    };
    plain.to_string()
}

/// The number a reply names: the grouped form people read and type back.
pub fn reply_number(number: &TrackingNumber) -> String {
    number.display()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keywords() -> KeywordSet {
        KeywordSet::new([
            "JOMBANGKAB",
            "CIREBONKOTA",
            "KEMENKES",
            "JATIMPROV",
            "jombang",
        ])
    }

    fn report(
        classification: Classification,
        anonymous: bool,
        keyword: Option<&str>,
        text: &str,
    ) -> SmsCommand {
        SmsCommand::Report {
            classification,
            privacy: Privacy {
                anonymous,
                confidential: false,
            },
            keyword: keyword.map(str::to_string),
            text: text.to_string(),
        }
    }

    #[test]
    fn real_looking_messages_are_read() {
        use Classification::*;
        let story = "jalan di desa Sumberagung rusak parah";
        let table: Vec<(&str, SmsCommand)> = vec![
            (
                "JOMBANGKAB jalan di desa Sumberagung rusak parah",
                report(Complaint, false, Some("JOMBANGKAB"), story),
            ),
            (
                "jombangkab jalan di desa Sumberagung rusak parah",
                report(Complaint, false, Some("JOMBANGKAB"), story),
            ),
            (
                "  JombangKab    jalan di desa   Sumberagung rusak parah  ",
                report(Complaint, false, Some("JOMBANGKAB"), story),
            ),
            (
                "JOMBANGKABjalan di desa Sumberagung rusak parah",
                report(Complaint, false, Some("JOMBANGKAB"), story),
            ),
            (
                "JOMBANGKAB#jalan di desa Sumberagung rusak parah",
                report(Complaint, false, Some("JOMBANGKAB"), story),
            ),
            (
                "JOMBANGKAB. jalan di desa Sumberagung rusak parah",
                report(Complaint, false, Some("JOMBANGKAB"), story),
            ),
            (
                "#JOMBANGKAB#jalan di desa Sumberagung rusak parah",
                report(Complaint, false, Some("JOMBANGKAB"), story),
            ),
            (
                "JOMBANGKAB\njalan di desa\nSumberagung rusak parah",
                report(Complaint, false, Some("JOMBANGKAB"), story),
            ),
            (
                "INFO KEMENKES jadwal vaksin di puskesmas",
                report(
                    InformationRequest,
                    false,
                    Some("KEMENKES"),
                    "jadwal vaksin di puskesmas",
                ),
            ),
            (
                "info#kemenkes jadwal vaksin di puskesmas",
                report(
                    InformationRequest,
                    false,
                    Some("KEMENKES"),
                    "jadwal vaksin di puskesmas",
                ),
            ),
            (
                "ASPIRASI JATIMPROV tambah taman kota",
                report(Aspiration, false, Some("JATIMPROV"), "tambah taman kota"),
            ),
            (
                "ANONIM JOMBANGKAB pungli di kantor desa",
                report(Complaint, true, Some("JOMBANGKAB"), "pungli di kantor desa"),
            ),
            (
                "anonim info kemenkes obat kosong",
                report(InformationRequest, true, Some("KEMENKES"), "obat kosong"),
            ),
            (
                "jalan di desa kami rusak parah sudah lama",
                report(
                    Complaint,
                    false,
                    None,
                    "jalan di desa kami rusak parah sudah lama",
                ),
            ),
            (
                "ANONIM pungli di kantor kecamatan",
                report(Complaint, true, None, "pungli di kantor kecamatan"),
            ),
            // A shorter keyword is a word of its own only when it stands alone.
            (
                "JOMBANG jalan rusak",
                report(Complaint, false, Some("JOMBANG"), "jalan rusak"),
            ),
            (
                "CEK K7Q-M3X-PAR",
                SmsCommand::Check {
                    number: "K7QM3XPAR".into(),
                },
            ),
            (
                "cek k7qm3xpar",
                SmsCommand::Check {
                    number: "K7QM3XPAR".into(),
                },
            ),
            (
                "Cek#K7Q M3X PAR",
                SmsCommand::Check {
                    number: "K7QM3XPAR".into(),
                },
            ),
            (
                "BALAS K7QM3XPAR foto sudah saya kirim lewat web",
                SmsCommand::Reply {
                    number: "K7QM3XPAR".into(),
                    text: "foto sudah saya kirim lewat web".into(),
                },
            ),
            (
                "balas K7Q-M3X-PAR: lokasinya depan SD",
                SmsCommand::Reply {
                    number: "K7QM3XPAR".into(),
                    text: "lokasinya depan SD".into(),
                },
            ),
            (
                "STOP K7Q-M3X-PAR",
                SmsCommand::Stop {
                    number: Some("K7QM3XPAR".into()),
                },
            ),
            ("stop", SmsCommand::Stop { number: None }),
            (
                "BERHENTI k7qm3xpar",
                SmsCommand::Stop {
                    number: Some("K7QM3XPAR".into()),
                },
            ),
            ("STOP tolong jangan kirim lagi", SmsCommand::Help),
            ("BANTUAN", SmsCommand::Help),
            ("help", SmsCommand::Help),
            ("", SmsCommand::Help),
            ("   ", SmsCommand::Help),
            ("JOMBANGKAB", SmsCommand::Help),
            ("halo", SmsCommand::Help),
            ("tes tes", SmsCommand::Help),
            ("INFO", SmsCommand::Help),
            ("CEK", SmsCommand::Help),
            ("CEK 123", SmsCommand::Help),
            ("CEK K7QM3XPAR tolong", SmsCommand::Help),
            ("BALAS K7QM3XPAR", SmsCommand::Help),
        ];
        for (message, expected) in table {
            assert_eq!(parse(message, &keywords()), expected, "{message:?}");
        }
    }

    #[test]
    fn a_glued_keyword_needs_four_letters_and_takes_the_longest() {
        let set = KeywordSet::new(["ABC", "JATIM", "JATIMPROV"]);
        let story = "ABCdef ghi, jalan di desa kami rusak parah";
        assert_eq!(
            parse(story, &set),
            report(Classification::Complaint, false, None, story)
        );
        assert_eq!(
            parse("JATIMPROVjalan", &set),
            report(Classification::Complaint, false, Some("JATIMPROV"), "jalan")
        );
    }

    #[test]
    fn titles_are_the_first_words() {
        assert_eq!(
            title_from_text("jalan di desa Sumberagung rusak parah sejak musim hujan tahun lalu dan belum diperbaiki"),
            "jalan di desa Sumberagung rusak parah sejak musim hujan"
        );
        let long_word = "x".repeat(90);
        assert_eq!(title_from_text(&long_word).chars().count(), SMS_TITLE_MAX);
        let short_then_long = format!("ya {}", "y".repeat(80));
        assert_eq!(
            title_from_text(&short_then_long).chars().count(),
            SMS_TITLE_MAX
        );
    }

    #[test]
    fn an_sms_report_is_a_web_report_from_channel_sms() {
        let phone = Sender::Sms(normalize_sender("081234567890").expect("a phone"));
        let report = report_from_sms(
            Classification::Complaint,
            Privacy::default(),
            "jalan di desa Sumberagung rusak parah",
            Some(7),
            &phone,
            "sms-1".into(),
        )
        .expect("report");
        assert_eq!(report.channel, Channel::Sms);
        assert_eq!(report.reporter.phone.as_deref(), Some("+6281234567890"));
        assert_eq!(report.reporter.chat, None);
        assert_eq!(report.target_agency_id, Some(7));
        assert_eq!(
            report_from_sms(
                Classification::Complaint,
                Privacy::default(),
                "jalan rusak",
                None,
                &phone,
                "k".into()
            ),
            Err(SmsReportProblem::TooShort { min: BODY_MIN })
        );
        assert_eq!(
            normalize_sender("TELKOMSEL"),
            None,
            "a sender name is no phone"
        );
    }

    #[test]
    fn each_door_gives_its_own_identity() {
        let story = "jalan di desa Sumberagung rusak parah";
        let file = |sender: &Sender| {
            report_from_sms(
                Classification::Complaint,
                Privacy::default(),
                story,
                None,
                sender,
                "k".into(),
            )
            .expect("report")
        };
        let whatsapp = file(&Sender::WhatsApp("+6281234567890".into()));
        assert_eq!(whatsapp.channel, Channel::WhatsApp);
        assert_eq!(whatsapp.reporter.phone.as_deref(), Some("+6281234567890"));
        let telegram = file(&Sender::Telegram(4242));
        assert_eq!(telegram.channel, Channel::Telegram);
        assert_eq!(telegram.reporter.phone, None);
        assert_eq!(telegram.reporter.chat.as_deref(), Some("telegram:4242"));
        assert_ne!(
            Sender::Sms("+62812".into()).address(),
            Sender::WhatsApp("+62812".into()).address()
        );
    }

    #[test]
    fn senders_are_normalised() {
        assert_eq!(
            normalize_sender("081234567890").as_deref(),
            Some("+6281234567890")
        );
        assert_eq!(
            normalize_sender("6281234567890").as_deref(),
            Some("+6281234567890")
        );
        assert_eq!(
            normalize_sender("+6281234567890").as_deref(),
            Some("+6281234567890")
        );
        assert_eq!(
            normalize_sender("+14155550100").as_deref(),
            Some("+14155550100")
        );
        assert_eq!(normalize_sender("1708"), None);
        assert_eq!(normalize_sender("INFO"), None);
        assert_eq!(normalize_sender("+1234"), None);
    }

    #[test]
    fn typography_never_turns_a_reply_into_ucs2() {
        let typed = "Laporan “jalan” diterima – lihat… ‘CEK’ di 1708 • terima kasih\u{a0}ya";
        let plain = for_sms(typed);
        assert_eq!(
            plain,
            "Laporan \"jalan\" diterima - lihat... 'CEK' di 1708 * terima kasih ya"
        );
        assert!(septets(&plain).is_some());
        assert_eq!(septets("€"), Some(2));
        assert_eq!(septets("😀"), None);
        assert_eq!(for_sms("emoji 😀"), "emoji ?");
    }

    #[test]
    fn a_reply_is_cut_to_one_sms_counting_extended_characters_twice() {
        let long = "a".repeat(200);
        assert_eq!(for_sms(&long).chars().count(), SMS_SEPTETS);
        let brackets = "[".repeat(100);
        assert_eq!(septets(&for_sms(&brackets)), Some(SMS_SEPTETS));
    }

    proptest! {
        #[test]
        fn no_message_makes_the_parser_panic(text in "\\PC{0,300}") {
            let _ = parse(&text, &keywords());
        }

        #[test]
        fn sms_like_messages_never_panic(text in "[A-Za-z#.:, \n]{0,12}(JOMBANGKAB|CEK|BALAS|INFO|ANONIM)?[A-Za-z0-9#.:,\\- ]{0,40}") {
            let _ = parse(&text, &keywords());
        }

        #[test]
        fn every_reply_fits_one_gsm7_sms(text in "\\PC{0,400}") {
            let reply = for_sms(&text);
            let used = septets(&reply);
            prop_assert!(used.is_some());
            prop_assert!(used.unwrap_or(0) <= SMS_SEPTETS);
        }

        #[test]
        fn a_report_keeps_the_words_after_the_keyword(words in proptest::collection::vec("[a-z]{1,10}", 1..20)) {
            let story = words.join(" ");
            let message = format!("JOMBANGKAB {story}");
            let command = parse(&message, &keywords());
            prop_assert_eq!(command, report(Classification::Complaint, false, Some("JOMBANGKAB"), &story));
        }
    }
}
