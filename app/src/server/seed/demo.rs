//! `lapor seed --demo`: staff accounts for every role around one demo regency
//! (Kabupaten Jombang, SMS keyword JOMBANGKAB), for trainers and end-to-end tests.
//! The password is public (README): never run this on a production database.

use crate::model::staff::check_new_staff;
use crate::model::Timestamp;
use crate::server::storage::{StorageError, Store};

/// The one password of every demo account.
pub const DEMO_PASSWORD: &str = "demo-lapor-1708";
/// The demo regency's SMS keyword.
pub const DEMO_KEYWORD: &str = "JOMBANGKAB";

/// `(email, role, unit)`; agency roles work for the demo regency.
pub const DEMO_STAFF: [(&str, &str, Option<&str>); 9] = [
    ("nasional@demo.lapor.id", "national_admin", None),
    ("admin@jombangkab.demo.lapor.id", "agency_admin", None),
    ("penghubung@jombangkab.demo.lapor.id", "liaison", None),
    (
        "pu@jombangkab.demo.lapor.id",
        "unit_operator",
        Some("Dinas PUPR"),
    ),
    (
        "kesehatan@jombangkab.demo.lapor.id",
        "unit_operator",
        Some("Dinas Kesehatan"),
    ),
    (
        "pendidikan@jombangkab.demo.lapor.id",
        "unit_operator",
        Some("Dinas Pendidikan"),
    ),
    (
        "sosial@jombangkab.demo.lapor.id",
        "unit_operator",
        Some("Dinas Sosial"),
    ),
    (
        "dukcapil@jombangkab.demo.lapor.id",
        "unit_operator",
        Some("Dinas Kependudukan dan Pencatatan Sipil"),
    ),
    ("pengawas@demo.lapor.id", "oversight", None),
];

/// Adds the demo accounts that are missing; returns `(email, role, new)` for each.
pub async fn seed_demo_staff(
    store: &Store,
    now: Timestamp,
) -> Result<Vec<(String, String, bool)>, StorageError> {
    let regency = store
        .agency_by_sms_keyword(DEMO_KEYWORD)
        .await?
        .ok_or_else(|| StorageError::Config("the demo regency is not seeded".into()))?;
    let mut made = Vec::new();
    for (email, role, unit) in DEMO_STAFF {
        let agency = crate::model::staff::staff_role(role)
            .ok()
            .filter(|r| crate::model::staff::needs_agency(*r))
            .map(|_| regency.id);
        let new = check_new_staff(email, "", role, agency, unit)
            .map_err(|e| StorageError::Config(e.to_string()))?;
        let added = store.add_staff(&new, DEMO_PASSWORD, now).await?.is_some();
        made.push((email.to_string(), role.to_string(), added));
    }
    Ok(made)
}
