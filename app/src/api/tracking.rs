//! The public tracking page's data.

use leptos::prelude::*;

use super::ApiError;
use crate::model::privacy::{PublicReport, ReporterView};
use crate::model::reporter::ReporterInputError;

/// What anyone holding the tracking number may see of a report.
#[server(endpoint = "lacak")]
pub async fn fetch_public_report(number: String) -> Result<PublicReport, ApiError> {
    let state = crate::server::state::app_state()?;
    crate::server::tracking::public_report(&state, &number).await
}

/// The query parameter naming what was just done (post/redirect/get).
pub const FLASH_PARAM: &str = "selesai";

/// What the tracking page shows: the public view, or the reporter's own.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum TrackView {
    Public(Box<PublicReport>),
    Reporter(Box<ReporterView>),
}

/// The report behind `number`, as the request's reporter session entitles it.
#[server(endpoint = "lacak-pelapor")]
pub async fn fetch_track_view(number: String) -> Result<TrackView, ApiError> {
    use crate::model::TrackingNumber;

    let state = crate::server::state::app_state()?;
    let parsed = TrackingNumber::parse(&number).map_err(ApiError::BadTrackingNumber)?;
    let headers = use_context::<http::request::Parts>()
        .map(|parts| parts.headers)
        .unwrap_or_default();
    if crate::server::reporter::is_reporter(&state, &headers, &parsed).await {
        let today = state.clock.now().date_wib();
        let view = state.store.reporter_view(&parsed, today).await?;
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            // The reporter's own page: never cached by anyone.
            response.insert_header(
                http::header::CACHE_CONTROL,
                http::HeaderValue::from_static("private, no-store"),
            );
        }
        return Ok(TrackView::Reporter(Box::new(view)));
    }
    crate::server::tracking::public_report(&state, &number)
        .await
        .map(|report| TrackView::Public(Box::new(report)))
}

/// Which reporter form a failed POST came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReporterFormKind {
    SignIn,
    Reply,
    Rate,
    Reopen,
}

/// Why a reporter form was refused, as the page explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReporterNotice {
    PinMalformed,
    WrongPin {
        tries_left: i64,
    },
    PinLocked,
    /// The report has no reporter PIN (it came by SMS, or is demo data).
    NoPin,
    SignInFirst,
    Input(ReporterInputError),
    NotNow,
    AlreadyReopened,
    WindowPassed,
    Conflict,
    Unavailable,
    /// A file attached to the reply was refused.
    File(crate::model::validation::Problem),
}

/// A refused reporter form, shown again with what was typed (server context).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReporterFormState {
    pub form: Option<ReporterFormKind>,
    pub notice: Option<ReporterNotice>,
    /// The reply or the reopening reason as typed.
    pub text: String,
    pub stars: Option<u8>,
    pub comment: String,
}

impl ReporterFormState {
    pub fn failed(form: ReporterFormKind, notice: ReporterNotice) -> ReporterFormState {
        ReporterFormState {
            form: Some(form),
            notice: Some(notice),
            ..Default::default()
        }
    }
}
