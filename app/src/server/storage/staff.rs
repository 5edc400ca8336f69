//! Staff accounts: stored with an Argon2id hash of the password (the `password-auth`
//! crate), found by lower-cased email.

use sqlx::FromRow;

use super::public_feed::supporters_sql;
use super::{StorageError, Store};
use crate::model::privacy::{AdminView, AgencyView, ReporterIdentity, StaffReportView};
use crate::model::staff::NewStaff;
use crate::model::{Classification, Role, Status, Timestamp, TrackingNumber};

/// A stored staff account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAccount {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub unit: Option<String>,
    pub active: bool,
}

#[derive(FromRow)]
pub(super) struct StaffRow {
    id: i64,
    email: String,
    name: String,
    password_hash: String,
    role: String,
    agency_id: Option<i64>,
    unit: Option<String>,
    active: i64,
}

impl StaffRow {
    pub(super) fn account(self) -> Option<StaffAccount> {
        Some(StaffAccount {
            id: self.id,
            email: self.email,
            name: self.name,
            role: Role::from_code(&self.role)?,
            agency_id: self.agency_id,
            unit: self.unit,
            active: self.active != 0,
        })
    }
}

pub(super) const COLUMNS: &str = "id, email, name, password_hash, role, agency_id, unit, active";

pub(super) async fn hash(password: String) -> Result<String, StorageError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|e| StorageError::Unavailable(format!("hashing stopped: {e}")))
}

impl Store {
    /// Stores a new account; `None` when the email already has one.
    pub async fn add_staff(
        &self,
        new: &NewStaff,
        password: &str,
        now: Timestamp,
    ) -> Result<Option<StaffAccount>, StorageError> {
        let password_hash = hash(password.to_string()).await?;
        let mut tx = self.begin_write().await?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM staff WHERE email = $1")
            .bind(new.email.clone())
            .fetch_optional(tx.conn())
            .await?;
        if taken.is_some() {
            return Ok(None);
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO staff (email, name, password_hash, role, agency_id, unit, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING id",
        )
        .bind(new.email.clone())
        .bind(new.name.clone())
        .bind(password_hash)
        .bind(new.role.code())
        .bind(new.agency_id)
        .bind(new.unit.clone())
        .bind(now.0)
        .fetch_one(tx.conn())
        .await?;
        tx.commit().await?;
        Ok(Some(StaffAccount {
            id,
            email: new.email.clone(),
            name: new.name.clone(),
            role: new.role,
            agency_id: new.agency_id,
            unit: new.unit.clone(),
            active: true,
        }))
    }

    /// Every account, by email.
    pub async fn staff_accounts(&self) -> Result<Vec<StaffAccount>, StorageError> {
        let rows: Vec<StaffRow> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM staff ORDER BY email"))
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().filter_map(StaffRow::account).collect())
    }

    /// The active account whose email and password match. An unknown email costs the
    /// same hashing work as a wrong password, so timing does not tell which it was.
    pub async fn check_staff_password(
        &self,
        email: &str,
        password: &str,
    ) -> Result<Option<StaffAccount>, StorageError> {
        let row: Option<StaffRow> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM staff WHERE email = $1 AND active = 1"
        ))
        .bind(email.trim().to_lowercase())
        .fetch_optional(&self.pool)
        .await?;
        let (stored, row) = match row {
            Some(row) => (row.password_hash.clone(), Some(row)),
            // A hash of nothing anyone can type: verifying it always fails.
            None => (hash("\u{0}".repeat(13)).await?, None),
        };
        let password = password.to_string();
        let matches = tokio::task::spawn_blocking(move || {
            password_auth::verify_password(password, &stored).is_ok()
        })
        .await
        .map_err(|e| StorageError::Unavailable(format!("hashing stopped: {e}")))?;
        Ok(row.filter(|_| matches).and_then(StaffRow::account))
    }
}

#[derive(FromRow)]
struct StaffReportRow {
    id: i64,
    tracking_number: String,
    status: String,
    version: i64,
    classification: String,
    title: String,
    body: String,
    category_name: Option<String>,
    region_code: Option<String>,
    address: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    submitted_at: i64,
    supporters: i64,
    duplicate_of: Option<String>,
    duplicates: i64,
    agency_id: Option<i64>,
    unit: Option<String>,
    agency_name: Option<String>,
    target_agency_name: Option<String>,
    anonymous: i64,
    confidential: i64,
}

/// No identity column is read here: identity has its own query, run for national
/// administrators only.
const STAFF_REPORT_ROW: &str = concat!(
    "SELECT r.id, r.tracking_number, r.status, r.version, \
     r.classification, r.title, r.body, c.name_id AS category_name, r.region_code, r.address, \
     r.latitude, r.longitude, r.submitted_at, \
     ",
    supporters_sql!(),
    " AS supporters, \
     (SELECT o.tracking_number FROM reports o WHERE o.id = r.duplicate_of) AS duplicate_of, \
     (SELECT COUNT(*) FROM reports d WHERE d.duplicate_of = r.id) AS duplicates, \
     r.agency_id, r.unit, a.name AS agency_name, \
     ta.name AS target_agency_name, r.anonymous, r.confidential \
     FROM reports r LEFT JOIN categories c ON c.id = r.category_id \
     LEFT JOIN agencies a ON a.id = r.agency_id \
     LEFT JOIN agencies ta ON ta.id = r.target_agency_id WHERE r.tracking_number = $1"
);

impl Store {
    /// Report `number` as `staff` may read it: national administrators with the
    /// reporter's identity, oversight without it, agency roles only while their agency
    /// handles the report and unit operators only while it is disposed to their unit
    /// (otherwise `NotFound`, as if it did not exist).
    pub async fn report_for_staff(
        &self,
        number: &TrackingNumber,
        staff: &StaffAccount,
    ) -> Result<StaffReportView, StorageError> {
        if !staff.active {
            return Err(StorageError::NotFound);
        }
        let row: StaffReportRow = sqlx::query_as(STAFF_REPORT_ROW)
            .bind(number.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StorageError::NotFound)?;
        // The model's scope: national and oversight see all, agency roles their
        // agency's reports, unit operators only those disposed to their unit.
        let allowed =
            super::workspace::staff_scope(staff).covers(row.agency_id, row.unit.as_deref());
        if !allowed {
            return Err(StorageError::NotFound);
        }
        let report_id = row.id;
        let report = self.agency_view(row).await?;
        if staff.role != Role::NationalAdmin {
            return Ok(StaffReportView::Agency(report));
        }
        let identity: Option<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT name, phone, email FROM reporter_identities WHERE report_id = $1",
        )
        .bind(report_id)
        .fetch_optional(&self.pool)
        .await?;
        let (name, phone, email) = identity.unwrap_or_default();
        Ok(StaffReportView::Admin(AdminView {
            report,
            // The chat a reporter wrote from is an address for their answers only.
            reporter: ReporterIdentity {
                name,
                phone,
                email,
                chat: None,
            },
        }))
    }

    async fn agency_view(&self, row: StaffReportRow) -> Result<AgencyView, StorageError> {
        let status = Status::from_code(&row.status)
            .ok_or_else(|| StorageError::corrupt(format!("unknown status {}", row.status)))?;
        let classification = Classification::from_code(&row.classification).ok_or_else(|| {
            StorageError::corrupt(format!("unknown classification {}", row.classification))
        })?;
        let region_name = match &row.region_code {
            Some(code) => self.region_path(code).await?,
            None => None,
        };
        Ok(AgencyView {
            tracking_number: row.tracking_number,
            status,
            version: row.version,
            classification,
            title: row.title,
            body: row.body,
            category_name: row.category_name,
            region_name,
            address: row.address,
            coordinates: row.latitude.zip(row.longitude),
            submitted_on: Timestamp(row.submitted_at).date_wib(),
            supporters: row.supporters,
            duplicate_of: row
                .duplicate_of
                .as_deref()
                .and_then(|n| TrackingNumber::parse(n).ok())
                .map(|n| n.display()),
            duplicates: row.duplicates,
            agency_name: row.agency_name,
            target_agency_name: row.target_agency_name,
            anonymous: row.anonymous != 0,
            confidential: row.confidential != 0,
        })
    }
}
