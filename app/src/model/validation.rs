//! Validation of a citizen's report form. The same rules run in the browser (inline
//! hints) and on the server (the decision); problems are typed, and the pages turn
//! them into words in the reader's language.

use serde::{Deserialize, Serialize};

use super::calendar::Date;
use super::report::{Channel, Classification, Location, Privacy};

/// The form as typed: every value a string, as it arrives from HTML.
///
/// On the server it is read from form posts by name (derived `Deserialize`). As JSON
/// (the form island's props, the draft on the phone) it is a flat array in field order
/// ([`ReportForm::FIELD_COUNT`] strings or nulls): reading it in the browser then needs no
/// per-field code, which keeps the WASM of the citizen form smaller.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), derive(Deserialize))]
#[cfg_attr(not(feature = "hydrate"), serde(default))]
pub struct ReportForm {
    pub classification: String,
    pub title: String,
    pub body: String,
    pub event_date: String,
    pub needs_inspection: Option<String>,
    /// The province picked when no kabupaten/kota was.
    pub province_code: String,
    /// The kabupaten/kota picked.
    pub region_code: String,
    /// The kecamatan picked.
    pub district_code: String,
    /// The desa/kelurahan picked.
    pub village_code: String,
    /// Set by the "show kecamatan and desa" button of the form without JavaScript:
    /// the form is shown again with the lists for the picked region, not sent.
    pub refresh_location: Option<String>,
    pub address: String,
    pub category_id: String,
    pub target_agency_id: String,
    /// What the reporter typed to find the target agency (not stored).
    pub agency_query: String,
    /// Set by the "search agencies" button of the form without JavaScript: the form is
    /// shown again with the agencies matching `agency_query`, not sent.
    pub refresh_agency: Option<String>,
    /// "Use my location": decimal degrees from the phone, both or neither.
    pub latitude: String,
    pub longitude: String,
    pub anonymous: Option<String>,
    pub confidential: Option<String>,
    pub name: String,
    pub phone: String,
    pub email: String,
    /// One key per draft so a repeated send never files the report twice.
    pub idempotency_key: String,
    /// Set once the citizen saw the similar public reports (`model::duplicates`) and
    /// sends theirs anyway. Read from posts only: not in the island's values nor in
    /// the draft on the phone.
    pub new_report: Option<String>,
}

impl ReportForm {
    /// How many values the JSON array holds.
    pub const FIELD_COUNT: usize = 23;

    fn values(&self) -> [Option<&str>; Self::FIELD_COUNT] {
        fn text(s: &str) -> Option<&str> {
            Some(s)
        }
        [
            text(&self.classification),
            text(&self.title),
            text(&self.body),
            text(&self.event_date),
            self.needs_inspection.as_deref(),
            text(&self.province_code),
            text(&self.region_code),
            text(&self.district_code),
            text(&self.village_code),
            self.refresh_location.as_deref(),
            text(&self.address),
            text(&self.category_id),
            text(&self.target_agency_id),
            text(&self.agency_query),
            self.refresh_agency.as_deref(),
            text(&self.latitude),
            text(&self.longitude),
            self.anonymous.as_deref(),
            self.confidential.as_deref(),
            text(&self.name),
            text(&self.phone),
            text(&self.email),
            text(&self.idempotency_key),
        ]
    }

    /// The form from the values of [`ReportForm::values`], in the same order; missing
    /// values are empty.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn from_values(values: Vec<Option<String>>) -> ReportForm {
        let mut values = values.into_iter();
        let mut next = move || values.next().flatten();
        ReportForm {
            classification: next().unwrap_or_default(),
            title: next().unwrap_or_default(),
            body: next().unwrap_or_default(),
            event_date: next().unwrap_or_default(),
            needs_inspection: next(),
            province_code: next().unwrap_or_default(),
            region_code: next().unwrap_or_default(),
            district_code: next().unwrap_or_default(),
            village_code: next().unwrap_or_default(),
            refresh_location: next(),
            address: next().unwrap_or_default(),
            category_id: next().unwrap_or_default(),
            target_agency_id: next().unwrap_or_default(),
            agency_query: next().unwrap_or_default(),
            refresh_agency: next(),
            latitude: next().unwrap_or_default(),
            longitude: next().unwrap_or_default(),
            anonymous: next(),
            confidential: next(),
            name: next().unwrap_or_default(),
            phone: next().unwrap_or_default(),
            email: next().unwrap_or_default(),
            idempotency_key: next().unwrap_or_default(),
            new_report: None,
        }
    }
}

impl Serialize for ReportForm {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.values().serialize(serializer)
    }
}

#[cfg(feature = "hydrate")]
impl<'de> Deserialize<'de> for ReportForm {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ReportForm, D::Error> {
        Vec::<Option<String>>::deserialize(deserializer).map(ReportForm::from_values)
    }
}

/// A form field, named as in the HTML form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Classification,
    Title,
    Body,
    EventDate,
    RegionCode,
    Address,
    Category,
    TargetAgency,
    Coordinates,
    Name,
    Phone,
    Email,
    Contact,
    /// The photos and PDFs (`lampiran` file inputs and kept `lampiran_token`s).
    Attachments,
    /// The work unit a report is disposed to (workspace).
    Unit,
    /// The report another one is the same problem as (workspace, "duplicate of").
    DuplicateOf,
    /// A staff member's current password (their account page).
    Password,
    /// The password they choose, and the same typed again.
    NewPassword,
    NewPasswordRepeat,
    /// The reports ticked for a bulk step (workspace queue).
    Selection,
    /// The name a staff member gives a saved queue view.
    ViewName,
    /// The reason a staff step gives the reporter or the next agency (return, archive,
    /// transfer, send back; a bulk archive).
    Reason,
}

impl Field {
    /// The HTML `name`/`id` of the field.
    pub fn name(self) -> &'static str {
        match self {
            Field::Classification => "classification",
            Field::Title => "title",
            Field::Body => "body",
            Field::EventDate => "event_date",
            Field::RegionCode => "region_code",
            Field::Address => "address",
            Field::Category => "category_id",
            Field::TargetAgency => "target_agency_id",
            Field::Coordinates => "latitude",
            Field::Name => "name",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Contact => "phone",
            Field::Attachments => "lampiran",
            Field::Unit => "unit",
            Field::DuplicateOf => "sama_dengan",
            Field::Password => "sandi_lama",
            Field::NewPassword => "sandi_baru",
            Field::NewPasswordRepeat => "sandi_ulang",
            Field::Selection => "laporan[]",
            Field::ViewName => "nama",
            Field::Reason => "teks",
        }
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    Invalid,
    InFuture,
    /// Neither a phone number nor an email for a non-anonymous report.
    ContactNeeded,
    /// A referenced region, category or agency does not exist.
    Unknown,
    /// Attachments: not a JPEG, PNG, WebP or PDF judged by its bytes.
    FileType,
    /// Attachments: one file over `max_mb` megabytes.
    FileTooLarge {
        max_mb: usize,
    },
    /// Attachments: all files together over `max_mb` megabytes.
    FilesTooLarge {
        max_mb: usize,
    },
    /// Attachments: more than `max` files.
    TooManyFiles {
        max: usize,
    },
    /// Attachments: damaged or unreadable.
    FileUnreadable,
    /// Attachments: a picture of more than `max_megapixels`.
    TooManyPixels {
        max_megapixels: usize,
    },
    /// Attachments: a PDF locked with a password or encrypted.
    FileEncrypted,
    /// Attachments: a file uploaded earlier is gone (expired, already sent, or unknown).
    FileExpired,
    /// More items than allowed (reports in one bulk step, saved views).
    TooMany {
        max: usize,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

pub const TITLE_MIN: usize = 10;
pub const TITLE_MAX: usize = 150;
pub const BODY_MIN: usize = 30;
pub const BODY_MAX: usize = 5000;
pub const ADDRESS_MAX: usize = 300;
pub const NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 254;
/// The most attachments (photos and PDFs) one report may carry.
pub const MAX_ATTACHMENTS: usize = 5;

/// Who the reporter is, as far as they told us. Only national administrators and
/// the reporter ever see it for an anonymous report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReporterIdentity {
    pub name: Option<String>,
    /// Normalised to `+62…`.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// A chat the reporter wrote from (`telegram:<chat id>`): where their answers and
    /// notices go. Never shown to anyone; under the same anonymity rules as the phone.
    pub chat: Option<String>,
}

/// A report that passed validation, ready to be stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewReport {
    pub classification: Classification,
    pub title: String,
    pub body: String,
    pub event_date: Option<Date>,
    pub needs_inspection: bool,
    pub location: Location,
    pub category_id: Option<i64>,
    pub target_agency_id: Option<i64>,
    pub privacy: Privacy,
    pub reporter: ReporterIdentity,
    pub channel: Channel,
    pub idempotency_key: Option<String>,
}

fn checked(value: &Option<String>) -> bool {
    matches!(value.as_deref(), Some("on" | "true" | "1" | "ya"))
}

fn optional_text(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

pub fn length_problem(value: &str, min: usize, max: usize) -> Option<Problem> {
    let count = value.trim().chars().count();
    if count == 0 && min > 0 {
        Some(Problem::Required)
    } else if count < min {
        Some(Problem::TooShort { min })
    } else if count > max {
        Some(Problem::TooLong { max })
    } else {
        None
    }
}

/// Normalises an Indonesian phone number to `+62…`: accepts `08…`, `628…`, `+628…`,
/// with spaces or dashes. `None` when it cannot be a phone number.
pub fn normalize_phone(input: &str) -> Option<String> {
    let cleaned: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let digits = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let national = match digits.strip_prefix("62") {
        Some(rest) => rest,
        None => digits.strip_prefix('0')?,
    };
    (8..=13)
        .contains(&national.len())
        .then(|| format!("+62{national}"))
}

/// A plain, permissive email check: something@domain.tld, no spaces.
pub fn is_plausible_email(input: &str) -> bool {
    let Some((local, domain)) = input.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && input.len() <= EMAIL_MAX
        && !input.chars().any(char::is_whitespace)
        && !domain.contains('@')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// The most precise region picked: province, then kabupaten/kota, kecamatan and desa,
/// each kept only when it lies inside the one above it (a stale pick from another
/// region is ignored rather than trusted).
pub fn chosen_region(form: &ReportForm) -> Option<String> {
    let levels = [
        &form.province_code,
        &form.region_code,
        &form.district_code,
        &form.village_code,
    ];
    let mut chosen: Option<String> = None;
    for code in levels
        .into_iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        match &chosen {
            Some(parent) if !code.starts_with(parent.as_str()) => break,
            _ => chosen = Some(code.to_string()),
        }
    }
    chosen
}

/// Indonesia's extent with a margin (Sabang to Merauke, Miangas to Rote): a point
/// outside it is a mistake, not a place a report can be about.
pub const LATITUDE_RANGE: (f64, f64) = (-11.5, 6.5);
pub const LONGITUDE_RANGE: (f64, f64) = (94.5, 141.5);

/// Both coordinates or neither; `Err` when they are half there, unreadable or outside
/// Indonesia.
pub fn parse_coordinates(latitude: &str, longitude: &str) -> Result<Option<(f64, f64)>, Problem> {
    let (lat, lon) = (latitude.trim(), longitude.trim());
    if lat.is_empty() && lon.is_empty() {
        return Ok(None);
    }
    let (Some(lat), Some(lon)) = (microdegrees(lat), microdegrees(lon)) else {
        return Err(Problem::Invalid);
    };
    let inside = |value: i64, (low, high): (f64, f64)| {
        ((low * 1e6) as i64..=(high * 1e6) as i64).contains(&value)
    };
    if inside(lat, LATITUDE_RANGE) && inside(lon, LONGITUDE_RANGE) {
        Ok(Some((lat as f64 / 1e6, lon as f64 / 1e6)))
    } else {
        Err(Problem::Invalid)
    }
}

/// `-7.5458` as -7_545_800 millionths; digits past the sixth decimal (a tenth of a
/// metre) are dropped. Plain decimals only: no exponent, no `inf`/`NaN`. Written by hand
/// because the standard float parser costs the browser's download several kilobytes.
fn microdegrees(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let mut value: i64 = whole.parse().ok()?;
    for position in 0..6 {
        let digit = fraction
            .as_bytes()
            .get(position)
            .map_or(0, |b| i64::from(b - b'0'));
        value = value * 10 + digit;
    }
    Some(if negative { -value } else { value })
}

fn region_code_ok(code: &str) -> bool {
    matches!(code.len(), 2 | 4 | 7 | 10) && code.chars().all(|c| c.is_ascii_digit())
}

fn parse_id(value: &str, field: Field, errors: &mut Vec<FieldError>) -> Option<i64> {
    let text = optional_text(value)?;
    match text.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            errors.push(FieldError {
                field,
                problem: Problem::Invalid,
            });
            None
        }
    }
}

/// Checks the whole form; `today` is the reporter's date, for "not in the future".
/// Existence of the referenced region, category and agency is checked by storage.
pub fn validate(form: &ReportForm, today: Date) -> Result<NewReport, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, problem| errors.push(FieldError { field, problem });

    let classification = Classification::from_code(form.classification.trim());
    if classification.is_none() {
        let problem = if form.classification.trim().is_empty() {
            Problem::Required
        } else {
            Problem::Invalid
        };
        fail(Field::Classification, problem);
    }
    if let Some(p) = length_problem(&form.title, TITLE_MIN, TITLE_MAX) {
        fail(Field::Title, p);
    }
    if let Some(p) = length_problem(&form.body, BODY_MIN, BODY_MAX) {
        fail(Field::Body, p);
    }
    let event_date =
        optional_text(&form.event_date).and_then(|text| match Date::parse_iso(&text) {
            Some(date) if date > today => {
                fail(Field::EventDate, Problem::InFuture);
                None
            }
            Some(date) => Some(date),
            None => {
                fail(Field::EventDate, Problem::Invalid);
                None
            }
        });
    let region_code = chosen_region(form);
    if region_code.as_deref().is_some_and(|c| !region_code_ok(c)) {
        fail(Field::RegionCode, Problem::Invalid);
    }
    if let Some(p) = length_problem(&form.address, 0, ADDRESS_MAX) {
        fail(Field::Address, p);
    }
    let coordinates =
        parse_coordinates(&form.latitude, &form.longitude).unwrap_or_else(|problem| {
            fail(Field::Coordinates, problem);
            None
        });

    let privacy = Privacy {
        anonymous: checked(&form.anonymous),
        confidential: checked(&form.confidential),
    };
    let name = optional_text(&form.name);
    if let Some(p) = length_problem(&form.name, 0, NAME_MAX) {
        fail(Field::Name, p);
    } else if name.is_none() && !privacy.anonymous {
        fail(Field::Name, Problem::Required);
    }
    let phone = optional_text(&form.phone);
    let normalized_phone = phone.as_deref().and_then(normalize_phone);
    if phone.is_some() && normalized_phone.is_none() {
        fail(Field::Phone, Problem::Invalid);
    }
    let email = optional_text(&form.email);
    if email.as_deref().is_some_and(|e| !is_plausible_email(e)) {
        fail(Field::Email, Problem::Invalid);
    }
    if !privacy.anonymous && phone.is_none() && email.is_none() {
        fail(Field::Contact, Problem::ContactNeeded);
    }

    let category_id = parse_id(&form.category_id, Field::Category, &mut errors);
    let target_agency_id = parse_id(&form.target_agency_id, Field::TargetAgency, &mut errors);

    let Some(classification) = classification else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let key = form.idempotency_key.trim();
    let idempotency_key = (!key.is_empty()
        && key.len() <= 64
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    .then(|| key.to_string());
    Ok(NewReport {
        classification,
        title: form.title.trim().to_string(),
        body: form.body.trim().to_string(),
        event_date,
        needs_inspection: classification == Classification::Complaint
            && checked(&form.needs_inspection),
        location: Location {
            region_code,
            address: form.address.trim().to_string(),
            coordinates,
        },
        category_id,
        target_agency_id,
        privacy,
        reporter: ReporterIdentity {
            name,
            phone: normalized_phone,
            email,
            chat: None,
        },
        channel: Channel::Web,
        idempotency_key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse_iso("2026-11-22").expect("date")
    }

    fn good_form() -> ReportForm {
        ReportForm {
            classification: "pengaduan".into(),
            title: "Jalan berlubang di depan sekolah".into(),
            body:
                "Sejak dua minggu jalan di depan SDN 2 berlubang besar dan membahayakan anak-anak."
                    .into(),
            name: "Siti Aminah".into(),
            phone: "0812-3456-7890".into(),
            ..Default::default()
        }
    }

    fn problems(form: &ReportForm) -> Vec<(Field, Problem)> {
        match validate(form, today()) {
            Ok(_) => vec![],
            Err(errors) => errors.into_iter().map(|e| (e.field, e.problem)).collect(),
        }
    }

    #[test]
    fn the_form_travels_as_json_in_field_order_and_comes_back_whole() {
        let form = ReportForm {
            needs_inspection: Some("on".into()),
            anonymous: Some("on".into()),
            latitude: "-7.545600".into(),
            idempotency_key: "k-1".into(),
            ..good_form()
        };
        let json = serde_json::to_string(&form).expect("JSON");
        assert!(json.starts_with("[\"pengaduan\","), "{json}");
        let values: Vec<Option<String>> = serde_json::from_str(&json).expect("an array");
        assert_eq!(values.len(), ReportForm::FIELD_COUNT);
        assert_eq!(ReportForm::from_values(values), form);
        // The server reads the same array with its derived reader.
        assert_eq!(
            serde_json::from_str::<ReportForm>(&json).expect("read back"),
            form
        );
    }

    #[test]
    fn a_map_point_in_indonesia_is_kept_with_the_report() {
        let form = ReportForm {
            latitude: "-7.545600".into(),
            longitude: "112.233600".into(),
            ..good_form()
        };
        let report = validate(&form, today()).expect("valid");
        assert_eq!(report.location.coordinates, Some((-7.5456, 112.2336)));
        // More decimals than a phone gives are cut at the sixth; a plus sign is fine.
        let form = ReportForm {
            latitude: "-7.54560099".into(),
            longitude: "+112.2336".into(),
            ..good_form()
        };
        let report = validate(&form, today()).expect("valid");
        assert_eq!(report.location.coordinates, Some((-7.5456, 112.2336)));
    }

    #[test]
    fn a_half_given_unreadable_or_foreign_map_point_is_refused() {
        for (lat, lon) in [
            ("-7.5", ""),
            ("", "112.2"),
            ("utara", "112.2"),
            ("NaN", "112.2"),
            ("inf", "112.2"),
            ("-7e0", "112.2"),
            (".5", "112.2"),
            ("-", "112.2"),
            ("-7.5", "1122.0"),
            ("51.5", "-0.12"),
            ("-7.5", "150.0"),
        ] {
            let form = ReportForm {
                latitude: lat.into(),
                longitude: lon.into(),
                ..good_form()
            };
            assert_eq!(
                problems(&form),
                vec![(Field::Coordinates, Problem::Invalid)],
                "{lat}, {lon}"
            );
        }
    }

    #[test]
    fn a_complete_form_is_accepted_and_the_phone_normalised() {
        let report = validate(&good_form(), today()).expect("valid");
        assert_eq!(report.reporter.phone.as_deref(), Some("+6281234567890"));
        assert_eq!(report.classification, Classification::Complaint);
        assert!(!report.privacy.anonymous);
    }

    #[test]
    fn an_empty_form_names_every_required_field() {
        let found = problems(&ReportForm::default());
        assert!(found.contains(&(Field::Classification, Problem::Required)));
        assert!(found.contains(&(Field::Title, Problem::Required)));
        assert!(found.contains(&(Field::Body, Problem::Required)));
        assert!(found.contains(&(Field::Name, Problem::Required)));
        assert!(found.contains(&(Field::Contact, Problem::ContactNeeded)));
    }

    #[test]
    fn an_anonymous_report_needs_no_name_or_contact() {
        let form = ReportForm {
            anonymous: Some("on".into()),
            name: String::new(),
            phone: String::new(),
            ..good_form()
        };
        let report = validate(&form, today()).expect("valid");
        assert!(report.privacy.anonymous);
        assert_eq!(report.reporter, ReporterIdentity::default());
    }

    #[test]
    fn short_and_long_texts_are_refused_with_the_limit() {
        let form = ReportForm {
            title: "Jalan".into(),
            body: "x".repeat(BODY_MAX + 1),
            ..good_form()
        };
        let found = problems(&form);
        assert!(found.contains(&(Field::Title, Problem::TooShort { min: TITLE_MIN })));
        assert!(found.contains(&(Field::Body, Problem::TooLong { max: BODY_MAX })));
    }

    #[test]
    fn a_future_event_date_and_a_bad_email_are_refused() {
        let form = ReportForm {
            event_date: "2027-01-01".into(),
            email: "siti@".into(),
            ..good_form()
        };
        let found = problems(&form);
        assert!(found.contains(&(Field::EventDate, Problem::InFuture)));
        assert!(found.contains(&(Field::Email, Problem::Invalid)));
    }

    #[test]
    fn phone_numbers_in_everyday_forms_are_understood() {
        assert_eq!(
            normalize_phone("081234567890").as_deref(),
            Some("+6281234567890")
        );
        assert_eq!(
            normalize_phone("+62 812 3456 7890").as_deref(),
            Some("+6281234567890")
        );
        assert_eq!(normalize_phone("12345"), None);
        assert_eq!(normalize_phone("0812abc"), None);
    }

    #[test]
    fn the_most_precise_consistent_region_is_chosen() {
        let form = ReportForm {
            province_code: "35".into(),
            region_code: "3517".into(),
            district_code: "3517010".into(),
            village_code: "3517010001".into(),
            ..Default::default()
        };
        assert_eq!(chosen_region(&form).as_deref(), Some("3517010001"));
        let stale = ReportForm {
            district_code: "3201010".into(),
            ..form.clone()
        };
        assert_eq!(chosen_region(&stale).as_deref(), Some("3517"));
        let regency_only = ReportForm {
            region_code: "3517".into(),
            ..Default::default()
        };
        assert_eq!(chosen_region(&regency_only).as_deref(), Some("3517"));
        assert_eq!(chosen_region(&ReportForm::default()), None);
    }

    #[test]
    fn a_region_code_must_be_a_bps_code() {
        let form = ReportForm {
            region_code: "35x7".into(),
            ..good_form()
        };
        assert!(problems(&form).contains(&(Field::RegionCode, Problem::Invalid)));
        let form = ReportForm {
            region_code: "3517".into(),
            ..good_form()
        };
        assert!(problems(&form).is_empty());
    }

    #[test]
    fn field_inspection_applies_to_complaints_only() {
        let form = ReportForm {
            classification: "aspirasi".into(),
            needs_inspection: Some("on".into()),
            ..good_form()
        };
        assert!(!validate(&form, today()).expect("valid").needs_inspection);
    }
}
