//! The citizen form's data.

use leptos::prelude::*;

use serde::{Deserialize, Serialize};

use super::ApiError;
use crate::components::choice::{Choice, FormOptions};
use crate::i18n::Locale;
use crate::model::validation::{FieldError, ReportForm as FormValues};

/// Choices for the report form (categories, provinces, regencies) in `locale`.
#[server(endpoint = "pilihan-formulir")]
pub async fn fetch_form_options(locale: Locale) -> Result<FormOptions, ApiError> {
    let state = crate::server::state::app_state()?;
    crate::server::citizen::form_options(&state, locale).await
}

/// What the confirmation page shows after sending.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Receipt {
    /// Grouped form for reading, e.g. `K7Q-M3X-PAR`.
    pub tracking_number: String,
    /// Compact form for links.
    pub compact: String,
    pub verify_by: crate::model::privacy::DeadlineView,
}

/// The receipt of a report that was just sent.
#[server(endpoint = "tanda-terima")]
pub async fn fetch_receipt(number: String) -> Result<Receipt, ApiError> {
    let state = crate::server::state::app_state()?;
    crate::server::citizen::receipt(&state, &number).await
}

/// The reporter's PIN, once: read from the one-shot cookie `POST /lapor` set, which
/// this response clears. `None` when it was already shown (or belongs to another report).
#[server(endpoint = "pin-sekali")]
pub async fn fetch_one_time_pin(number: String) -> Result<Option<String>, ApiError> {
    use crate::server::reporter::{clear_one_time_pin, one_time_pin};

    let parsed =
        crate::model::TrackingNumber::parse(&number).map_err(ApiError::BadTrackingNumber)?;
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Ok(None);
    };
    let pin = one_time_pin(&parts.headers, &parsed);
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if pin.is_some() {
            response.append_header(http::header::SET_COOKIE, clear_one_time_pin(&parts.headers));
            // A page with a secret on it: never cached.
            response.insert_header(
                http::header::CACHE_CONTROL,
                http::HeaderValue::from_static("private, no-store"),
            );
        }
    }
    Ok(pin)
}

/// Open public reports that look like the one being sent (`model::duplicates`): the
/// form page offers to support one of them instead. Server-rendered outside the form's
/// island (it costs the island nothing).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SimilarReports(pub Vec<crate::model::public_feed::FeedCard>);

/// The form as the page shows it: values, problems, and a failure to send, if any.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormState {
    pub form: FormValues,
    pub errors: Vec<FieldError>,
    pub failure: Option<ApiError>,
    /// The region lists for what is already picked, when the server knows them.
    pub locations: LocationLists,
    /// Files already uploaded with this draft (the form shown again keeps them).
    pub attachments: Vec<KeptAttachment>,
}

/// A file stored as pending with this draft: listed as "already attached" and sent
/// again as a hidden `lampiran_token`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeptAttachment {
    pub token: String,
    /// A PDF (otherwise a photo).
    pub pdf: bool,
    /// Stored size.
    pub bytes: i64,
}

/// The lists that depend on what is already picked or typed: kabupaten/kota of the
/// picked province, kecamatan of the picked kabupaten/kota, desa of the picked
/// kecamatan, and the agencies (the picked one first, then the search's matches).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LocationLists {
    pub regencies: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub villages: Vec<Choice>,
    pub agencies: Vec<Choice>,
}

impl FormState {
    pub fn with_errors(form: FormValues, errors: Vec<FieldError>) -> FormState {
        FormState {
            form,
            errors,
            ..Default::default()
        }
    }

    pub fn failed(form: FormValues, failure: ApiError) -> FormState {
        FormState {
            form,
            failure: Some(failure),
            ..Default::default()
        }
    }

    /// The form shown again, unsent, with the kecamatan and desa lists filled in.
    pub fn refreshed(form: FormValues, locations: LocationLists) -> FormState {
        FormState {
            form,
            locations,
            ..Default::default()
        }
    }

    pub fn with_locations(mut self, locations: LocationLists) -> FormState {
        self.locations = locations;
        self
    }

    pub fn with_attachments(mut self, attachments: Vec<KeptAttachment>) -> FormState {
        self.attachments = attachments;
        self
    }

    /// An empty form with a fresh draft key, so a repeated send of it files one report.
    pub fn fresh() -> FormState {
        let form = FormValues {
            idempotency_key: new_draft_key(),
            ..Default::default()
        };
        FormState {
            form,
            ..Default::default()
        }
    }
}

#[cfg(feature = "ssr")]
fn new_draft_key() -> String {
    use rand::Rng;
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(not(feature = "ssr"))]
fn new_draft_key() -> String {
    String::new()
}
