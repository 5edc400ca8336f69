//! Looking up a report by its tracking number.

use crate::api::ApiError;
use crate::model::privacy::PublicReport;
use crate::model::TrackingNumber;
use crate::server::state::AppState;

/// The public view of the report with this (typed) number.
pub async fn public_report(state: &AppState, typed_number: &str) -> Result<PublicReport, ApiError> {
    let number = TrackingNumber::parse(typed_number).map_err(ApiError::BadTrackingNumber)?;
    let today = state.clock.now().date_wib();
    state.store.public_report(&number, today).await?.ok_or(ApiError::NotFound)
}
