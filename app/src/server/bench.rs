//! Synthetic reports for the workspace benchmark (`lapor bench queue`): many reports
//! spread over statuses, agencies, units and due dates, written in large batches. Never
//! used by the app itself; run it on a scratch database.

use crate::model::tracking::DATA_LEN;
use crate::model::{Classification, Status, Timestamp, TrackingNumber};
use crate::server::storage::{Cell, StorageError, Store};

const COLUMNS: &[&str] = &[
    "tracking_number",
    "classification",
    "title",
    "body",
    "needs_inspection",
    "region_code",
    "address",
    "channel",
    "anonymous",
    "confidential",
    "status",
    "agency_id",
    "unit",
    "submitted_at",
    "updated_at",
    "due_on",
    "reopen_count",
    "version",
    "forwarded_at",
    "followed_up_at",
    "days_to_verify",
    "days_to_follow_up",
    "answered_on_time",
];

const WORDS: [&str; 12] = [
    "jalan",
    "jembatan",
    "puskesmas",
    "sekolah",
    "lampu",
    "air",
    "sampah",
    "pungutan",
    "antrean",
    "banjir",
    "listrik",
    "pasar",
];

/// A valid tracking number for synthetic report `i` (its base-31 digits), unique per `i`.
fn bench_number(i: u64) -> String {
    let mut values = [0u8; DATA_LEN];
    let mut rest = i;
    for value in values.iter_mut().rev() {
        *value = (rest % 31) as u8;
        rest /= 31;
    }
    TrackingNumber::from_random(values).as_str().to_string()
}

/// Adds `count` synthetic reports (numbered from `i = 0`; numbers already there are
/// skipped); returns how many were written.
pub async fn fill_reports(store: &Store, count: u64, now: Timestamp) -> Result<u64, StorageError> {
    let agencies: Vec<i64> = store
        .all_agencies()
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .take(50)
        .collect();
    if agencies.is_empty() {
        return Err(StorageError::Config("seed the reference data first".into()));
    }
    let today = now.date_wib();
    let mut written = 0;
    let mut batch = Vec::with_capacity(10_000);
    for i in 0..count {
        let status = Status::ALL[(i % 10) as usize];
        let routed = !matches!(
            status,
            Status::Submitted | Status::ReturnedToReporter | Status::Verified | Status::Archived
        );
        let agency = routed.then(|| agencies[(i / 10) as usize % agencies.len()]);
        let unit = (routed && i % 3 == 0).then(|| "Dinas PUPR".to_string());
        let (a, b) = (WORDS[(i % 12) as usize], WORDS[(i / 12 % 12) as usize]);
        let mut due = today;
        for _ in 0..(i % 20) {
            due = due.next_day();
        }
        let submitted = now.0 - (i as i64 % 90) * 86_400_000;
        let followed_up = matches!(
            status,
            Status::FollowedUp | Status::ReporterReplied | Status::Closed
        );
        let int_if = |yes: bool, value: i64| if yes { Cell::Int(value) } else { Cell::NullInt };
        batch.push(vec![
            Cell::Text(bench_number(i)),
            Cell::Text(Classification::ALL[(i % 3) as usize].code().into()),
            Cell::Text(format!("Laporan {a} dan {b} nomor {i}")),
            Cell::Text(format!(
                "Warga melaporkan masalah {a} di dekat {b}; sudah berlangsung lama dan mengganggu."
            )),
            Cell::Int(0),
            Cell::Text("3517".into()),
            Cell::Text("Jl. Merdeka".into()),
            Cell::Text("web".into()),
            Cell::Int(i64::from(i % 4 == 0)),
            Cell::Int(i64::from(i % 7 == 0)),
            Cell::Text(status.code().into()),
            agency.into(),
            unit.into(),
            Cell::Int(submitted),
            Cell::Int(submitted),
            Cell::Text(due.to_string()),
            Cell::Int(0),
            Cell::Int(1),
            int_if(routed, submitted + 86_400_000),
            int_if(followed_up, submitted + (i as i64 % 20) * 86_400_000),
            int_if(routed, i as i64 % 4),
            int_if(followed_up, i as i64 % 20),
            int_if(followed_up, i64::from(i % 20 <= 14)),
        ]);
        if batch.len() == 10_000 || i + 1 == count {
            written += store
                .insert_ignoring_duplicates("reports", COLUMNS, &batch)
                .await?;
            batch.clear();
        }
    }
    Ok(written)
}
