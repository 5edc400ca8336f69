//! Open data (`/data`): the public feed as CSV and JSON downloads, with the same filters
//! as `/laporan` (so a filtered feed's address gives its data), the newest
//! `OPEN_DATA_MAX_ROWS` rows; and the statistics with `/statistik`'s parameters. Columns
//! and their meaning: `model::public_feed::OPEN_DATA_COLUMNS`,
//! `model::statistics::STATISTICS_COLUMNS` and the `/data` page. Only what the public
//! pages show: no identity, no confidential report, counts only.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, request::Parts, HeaderValue, Request};
use axum::response::{IntoResponse, Response};

use crate::api::ApiError;
use crate::model::public_feed::{open_data_row, LICENCE, OPEN_DATA_COLUMNS, OPEN_DATA_MAX_ROWS};
use crate::model::statistics::{statistics_rows, OpenValue, STATISTICS_COLUMNS};
use crate::server::http::{error_response, request_locale};
use crate::server::state::AppState;

/// The rows the address asks for, or the answer refusing it.
async fn rows(state: &AppState, parts: &Parts) -> Result<Vec<[String; 15]>, Response> {
    let (filter, ignored, _) = crate::server::public::feed_filter(parts);
    let locale = request_locale(&parts.headers);
    if ignored {
        // A download is read by a program: a filter it did not mean is an error, not a
        // silently wider file.
        return Err(error_response(
            ApiError::BadRequest,
            locale,
            parts.uri.path(),
        ));
    }
    let cards = state
        .store
        .public_cards(&filter, None, OPEN_DATA_MAX_ROWS, state.clock.now())
        .await
        .map_err(|error| error_response(error.into(), locale, parts.uri.path()))?;
    Ok(cards.iter().map(open_data_row).collect())
}

fn download(body: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// A UTF-8 CSV download: a header line of `columns`, then `rows`.
fn csv_download<Row>(
    columns: &[&str],
    rows: impl IntoIterator<Item = Row>,
    name: &str,
    parts: &Parts,
) -> Response
where
    Row: IntoIterator,
    Row::Item: AsRef<[u8]>,
{
    let mut out = csv::Writer::from_writer(Vec::new());
    let written = out
        .write_record(columns)
        .and_then(|()| rows.into_iter().try_for_each(|row| out.write_record(row)));
    match (written, out.into_inner()) {
        (Ok(()), Ok(body)) => download(body, "text/csv; charset=utf-8", name),
        _ => error_response(
            ApiError::Unavailable,
            request_locale(&parts.headers),
            "/data",
        ),
    }
}

/// `GET /data/laporan.csv?…`: UTF-8 CSV, a header line of the stable column names.
pub async fn feed_csv(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let rows = match rows(&state, &parts).await {
        Ok(rows) => rows,
        Err(refusal) => return refusal,
    };
    csv_download(&OPEN_DATA_COLUMNS, rows, "lapor-laporan.csv", &parts)
}

/// `GET /data/laporan.json?…`: the licence, the columns, and one object per report.
pub async fn feed_json(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let rows = match rows(&state, &parts).await {
        Ok(rows) => rows,
        Err(refusal) => return refusal,
    };
    let reports: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .into_iter()
        .map(|row| {
            OPEN_DATA_COLUMNS
                .iter()
                .zip(row)
                .map(|(name, value)| {
                    let value = match *name {
                        "pendukung" => value
                            .parse::<i64>()
                            .map(serde_json::Value::from)
                            .unwrap_or(serde_json::Value::Null),
                        _ if value.is_empty() => serde_json::Value::Null,
                        _ => serde_json::Value::String(value),
                    };
                    (name.to_string(), value)
                })
                .collect()
        })
        .collect();
    let body = serde_json::json!({
        "lisensi": LICENCE,
        "kolom": OPEN_DATA_COLUMNS,
        "jumlah": reports.len(),
        "laporan": reports,
    });
    download(
        body.to_string().into_bytes(),
        "application/json",
        "lapor-laporan.json",
    )
}

/// The statistics an address asks for as open-data rows, or the answer refusing it.
async fn statistics_rows_for(
    state: &AppState,
    parts: &Parts,
) -> Result<Vec<Vec<OpenValue>>, Response> {
    let locale = request_locale(&parts.headers);
    match crate::server::public::statistics_for(state, parts).await {
        Ok((_, _, true)) => Err(error_response(
            ApiError::BadRequest,
            locale,
            parts.uri.path(),
        )),
        Ok((query, stats, false)) => Ok(statistics_rows(&stats, query.region.as_deref())),
        Err(error) => Err(error_response(error, locale, parts.uri.path())),
    }
}

/// `GET /data/statistik.csv?…`: the figures of `/statistik` for the same address, one
/// line per level and entity.
pub async fn statistics_csv(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let rows = match statistics_rows_for(&state, &parts).await {
        Ok(rows) => rows,
        Err(refusal) => return refusal,
    };
    let text = |value: &OpenValue| match value {
        OpenValue::Text(text) => text.clone(),
        OpenValue::Number(n) => n.to_string(),
        OpenValue::Tenths(n) => format!("{}.{}", n / 10, n % 10),
        OpenValue::Empty => String::new(),
    };
    let rows = rows
        .iter()
        .map(|row| row.iter().map(text).collect::<Vec<_>>());
    csv_download(&STATISTICS_COLUMNS, rows, "lapor-statistik.csv", &parts)
}

/// `GET /data/statistik.json?…`: the licence, the columns, and one object per row.
pub async fn statistics_json(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, _) = request.into_parts();
    let rows = match statistics_rows_for(&state, &parts).await {
        Ok(rows) => rows,
        Err(refusal) => return refusal,
    };
    let value = |value: OpenValue| match value {
        OpenValue::Text(text) => serde_json::Value::String(text),
        OpenValue::Number(n) => serde_json::Value::from(n),
        OpenValue::Tenths(n) => serde_json::Value::from(n as f64 / 10.0),
        OpenValue::Empty => serde_json::Value::Null,
    };
    let objects: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .into_iter()
        .map(|row| {
            STATISTICS_COLUMNS
                .iter()
                .map(|name| name.to_string())
                .zip(row.into_iter().map(value))
                .collect()
        })
        .collect();
    let body = serde_json::json!({
        "lisensi": LICENCE,
        "kolom": STATISTICS_COLUMNS,
        "baris": objects,
    });
    download(
        body.to_string().into_bytes(),
        "application/json",
        "lapor-statistik.json",
    )
}
