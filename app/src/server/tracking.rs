//! Looking up a report by its tracking number.

use crate::api::ApiError;
use crate::model::privacy::PublicReport;
use crate::model::TrackingNumber;
use crate::server::page_cache::{CachedPage, PageKey, Stamp};
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

/// `GET /lacak/{number}`: the tracking page. The public page (no reporter session for
/// this report in the request, no query) comes from the page cache when nothing it
/// shows changed since it was rendered; anything else is rendered for the request and
/// never kept, so one reporter's own view can reach no one else.
pub async fn page(
    axum::extract::State(state): axum::extract::State<AppState>,
    axum::extract::Path(raw): axum::extract::Path<String>,
    request: axum::http::Request<axum::body::Body>,
) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;

    let (parts, _) = request.into_parts();
    let uri = parts.uri.to_string();
    let render =
        |state| crate::server::render::render_page(state, &parts, &uri, StatusCode::OK, || ());
    let Some((key, stamp)) = public_page_key(&state, &parts, &raw).await else {
        return render(state).await;
    };
    let accept_encoding = parts
        .headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok());
    if let Some(page) = state.pages.get(&key, stamp) {
        return page.response(accept_encoding);
    }
    let response = render(state.clone()).await;
    let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
    let (Some(content_type), StatusCode::OK) = (content_type, response.status()) else {
        return response;
    };
    let (_, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, PAGE_LIMIT).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let page = CachedPage::new(content_type, body);
    state.pages.put(key, stamp, page.clone());
    // Sent as a kept page is: compressed once, here, for whoever asks next.
    page.response(accept_encoding)
}

/// The largest page kept (a report page is ~18 KB; a bigger one is a bug, not a page).
const PAGE_LIMIT: usize = 4 * 1024 * 1024;

/// Where the public page of this request would be kept, and what it is rendered from;
/// `None` when the request is not for the public page (a reporter's session for this
/// report, a query such as the flash after a step) or names no report.
async fn public_page_key(
    state: &AppState,
    parts: &axum::http::request::Parts,
    raw: &str,
) -> Option<(PageKey, Stamp)> {
    if parts.uri.query().is_some() {
        return None;
    }
    let number = TrackingNumber::parse(raw).ok()?;
    if crate::server::reporter::session_token(&parts.headers, &number).is_some() {
        return None;
    }
    let data = state.store.report_stamp(&number).await.ok()??;
    let key = PageKey {
        path: parts.uri.path().to_string(),
        locale: crate::server::http::request_locale(&parts.headers),
        islands_router: parts
            .headers
            .contains_key(crate::server::http::ISLANDS_ROUTER),
    };
    let day = state.clock.now().date_wib();
    Some((key, Stamp { data, day }))
}
