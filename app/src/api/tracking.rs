//! The public tracking page's data.

use leptos::prelude::*;

use super::ApiError;
use crate::model::privacy::PublicReport;

/// What anyone holding the tracking number may see of a report.
#[server(endpoint = "lacak")]
pub async fn fetch_public_report(number: String) -> Result<PublicReport, ApiError> {
    let state = crate::server::state::app_state()?;
    crate::server::tracking::public_report(&state, &number).await
}
