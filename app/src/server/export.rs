//! `GET /ruang-kerja/ekspor?…`: a queue as the workspace shows it (same parameters as
//! the queue page), as a CSV file for a spreadsheet. The rows are `QueueRow`s, which
//! have no identity field, so an export can hold no reporter's identity; the export is
//! written to the audit log.

use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use crate::api::workspace::read_queue_query;
use crate::i18n::{Key, Locale};
use crate::labels;
use crate::model::workspace::QueueRow;
use crate::model::TrackingNumber;
use crate::paths;
use crate::server::http::{client_address, request_locale, sign_in_path};
use crate::server::state::AppState;
use crate::server::workspace::{chosen_queue, staff_from_headers, tidy_filter};

pub async fn export_queue(State(state): State<AppState>, parts: Parts) -> Response {
    let Some(staff) = staff_from_headers(&state, &parts.headers).await else {
        let here = parts
            .uri
            .path_and_query()
            .map_or(paths::WORKSPACE_EXPORT, |p| p.as_str());
        return Redirect::to(&sign_in_path(here)).into_response();
    };
    let params = crate::server::http::query_pairs(&parts);
    let query = read_queue_query(|name| {
        params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    });
    let queue = chosen_queue(&staff, query.queue.as_deref());
    let filter = tidy_filter(query.filter);
    let now = state.clock.now();
    let address = client_address(&parts);
    let rows = match state
        .store
        .export_queue(&staff, queue, &filter, address.as_deref(), now)
        .await
    {
        Ok(rows) => rows,
        Err(error) => {
            tracing::warn!(%error, "queue export failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let locale = request_locale(&parts.headers);
    let Ok(body) = queue_csv(&rows, locale) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let name = format!(
        "attachment; filename=\"lapor-{}-{}.csv\"",
        queue.code(),
        now.date_wib()
    );
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&name) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The rows as CSV with a header line in `locale`, UTF-8 with a byte-order mark (so
/// spreadsheets read Indonesian text right), every free text made formula-safe.
pub fn queue_csv(rows: &[QueueRow], locale: Locale) -> Result<Vec<u8>, csv::Error> {
    let text = |key: Key| key.text(locale);
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record([
        text(Key::WsColNumber),
        text(Key::WsColTitle),
        text(Key::WsColClassification),
        text(Key::WsColStatus),
        text(Key::WsChannel),
        text(Key::WsColAgency),
        text(Key::WsFieldUnit),
        text(Key::WsColDue),
        text(Key::WsSubmittedOn),
        text(Key::WsFlagAnonymous),
        text(Key::WsFlagConfidential),
    ])?;
    let yes_no = |flag: bool| text(if flag { Key::WsYes } else { Key::WsNo });
    for row in rows {
        let number = TrackingNumber::parse(&row.tracking_number)
            .map(|n| n.display())
            .unwrap_or_else(|_| row.tracking_number.clone());
        out.write_record([
            number.as_str(),
            &formula_safe(&row.title),
            text(labels::classification(row.classification)),
            text(labels::status(row.status)),
            text(labels::channel(row.channel)),
            &formula_safe(row.agency_name.as_deref().unwrap_or_default()),
            &formula_safe(row.unit.as_deref().unwrap_or_default()),
            &row.due_on.map(|d| d.to_string()).unwrap_or_default(),
            &row.submitted_at.date_wib().to_string(),
            yes_no(row.anonymous),
            yes_no(row.confidential),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, return first)
/// gets a leading apostrophe: a citizen's title is text, never a formula.
fn formula_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Classification, Status, Timestamp};

    fn row(title: &str) -> QueueRow {
        QueueRow {
            tracking_number: TrackingNumber::from_random([1; 8]).as_str().to_string(),
            title: title.into(),
            classification: Classification::Complaint,
            status: Status::Forwarded,
            channel: Channel::Web,
            agency_name: Some("Kabupaten Jombang".into()),
            unit: None,
            due_on: None,
            submitted_at: Timestamp(1_767_225_600_000),
            anonymous: true,
            confidential: false,
            version: 3,
        }
    }

    #[test]
    fn a_queue_becomes_csv_with_a_translated_header_and_formula_safe_text() {
        let rows = [
            row("=HYPERLINK(\"http://x\")"),
            row("Jalan, \"rusak\" parah"),
        ];
        let csv = String::from_utf8(queue_csv(&rows, Locale::Id).expect("csv")).expect("utf-8");
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        assert_eq!(
            lines.next(),
            Some("Nomor,Judul,Jenis,Status,Saluran,Instansi,Unit kerja,Tenggat,Dikirim,Anonim,Rahasia")
        );
        let first = lines.next().expect("a row");
        assert!(
            first.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","),
            "{first}"
        );
        assert!(first.ends_with(",2026-01-01,ya,tidak"), "{first}");
        let second = lines.next().expect("a row");
        assert!(
            second.contains(",\"Jalan, \"\"rusak\"\" parah\","),
            "{second}"
        );
        let english = String::from_utf8(queue_csv(&rows, Locale::En).expect("csv")).expect("utf-8");
        assert!(english.contains("Number,Title"), "{english}");
    }
}
