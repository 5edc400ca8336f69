//! Looking up a report by its tracking number.

use crate::api::ApiError;
use crate::model::privacy::PublicReport;
use crate::model::TrackingNumber;
use crate::server::state::AppState;

/// The public view of the report with this (typed) number.
pub async fn public_report(state: &AppState, typed_number: &str) -> Result<PublicReport, ApiError> {
    let number = TrackingNumber::parse(typed_number).map_err(ApiError::BadTrackingNumber)?;
    let today = state.clock.now().date_wib();
    state
        .store
        .public_report(&number, today)
        .await?
        .ok_or(ApiError::NotFound)
}

/// `GET /lacak?nomor=…`: a well-formed number goes straight to its page (303, so
/// browsers and the islands router both follow it); anything else shows the lookup
/// form with the reason.
pub async fn lookup(
    axum::extract::State(state): axum::extract::State<AppState>,
    axum::extract::Query(query): axum::extract::Query<LookupQuery>,
    request: axum::http::Request<axum::body::Body>,
) -> axum::response::Response {
    use axum::response::IntoResponse;

    if let Some(Ok(number)) = query.nomor.as_deref().map(TrackingNumber::parse) {
        return axum::response::Redirect::to(&crate::paths::track(number.as_str())).into_response();
    }
    let status = if query.nomor.is_some() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    };
    let (parts, _) = request.into_parts();
    let uri = parts.uri.to_string();
    crate::server::render::render_page(state, &parts, &uri, status, || ()).await
}

#[derive(Debug, serde::Deserialize)]
pub struct LookupQuery {
    nomor: Option<String>,
}
