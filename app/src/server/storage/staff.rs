//! Staff accounts: stored with an Argon2id hash of the password (the `password-auth`
//! crate), found by lower-cased email.

use sqlx::FromRow;

use super::{StorageError, Store};
use crate::model::staff::NewStaff;
use crate::model::{Role, Timestamp};

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
struct StaffRow {
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
    fn account(self) -> Option<StaffAccount> {
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

const COLUMNS: &str = "id, email, name, password_hash, role, agency_id, unit, active";

async fn hash(password: String) -> Result<String, StorageError> {
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
