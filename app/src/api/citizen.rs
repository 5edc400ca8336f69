//! The citizen form's data.

use leptos::prelude::*;

use super::ApiError;
use crate::components::choice::FormOptions;
use crate::i18n::Locale;

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
