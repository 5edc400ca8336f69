//! Saved views: a staff member's queues with filters, under names they chose. Every
//! query names the staff member: nobody reads or deletes another's views.

use super::{StorageError, Store};
use crate::model::validation::{Field, Problem};
use crate::model::workspace::{SavedView, SAVED_VIEWS_MAX};
use crate::model::Timestamp;

#[derive(sqlx::FromRow)]
struct ViewRow {
    id: i64,
    name: String,
    address: String,
}

impl From<ViewRow> for SavedView {
    fn from(row: ViewRow) -> Self {
        SavedView {
            id: row.id,
            name: row.name,
            address: row.address,
        }
    }
}

impl Store {
    /// The saved views of staff member `staff_id`, by name.
    pub async fn saved_views(&self, staff_id: i64) -> Result<Vec<SavedView>, StorageError> {
        let rows: Vec<ViewRow> = sqlx::query_as(
            "SELECT id, name, address FROM saved_views WHERE staff_id = $1 ORDER BY name, id",
        )
        .bind(staff_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(SavedView::from).collect())
    }

    /// Saves `address` under `name` (already tidied) for `staff_id`; a view of that
    /// name is replaced. A staff member keeps at most `SAVED_VIEWS_MAX`.
    pub async fn save_view(
        &self,
        staff_id: i64,
        name: &str,
        address: &str,
        now: Timestamp,
    ) -> Result<SavedView, StorageError> {
        let mut tx = self.begin_write().await?;
        let others: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM saved_views WHERE staff_id = $1 AND name <> $2",
        )
        .bind(staff_id)
        .bind(name)
        .fetch_one(tx.conn())
        .await?;
        if others >= SAVED_VIEWS_MAX as i64 {
            return Err(StorageError::invalid(
                Field::ViewName,
                Problem::TooMany {
                    max: SAVED_VIEWS_MAX,
                },
            ));
        }
        let row: ViewRow = sqlx::query_as(
            "INSERT INTO saved_views (staff_id, name, address, created_at) \
             VALUES ($1, $2, $3, $4) \
             ON CONFLICT (staff_id, name) DO UPDATE SET address = excluded.address \
             RETURNING id, name, address",
        )
        .bind(staff_id)
        .bind(name)
        .bind(address)
        .bind(now.0)
        .fetch_one(tx.conn())
        .await?;
        tx.commit().await?;
        Ok(row.into())
    }

    /// Deletes view `id` of `staff_id`; `NotFound` when they have no such view.
    pub async fn delete_view(&self, staff_id: i64, id: i64) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query("DELETE FROM saved_views WHERE id = $1 AND staff_id = $2")
            .bind(id)
            .bind(staff_id)
            .execute(tx.conn())
            .await?
            .rows_affected();
        tx.commit().await?;
        if deleted == 0 {
            return Err(StorageError::NotFound);
        }
        Ok(())
    }
}
