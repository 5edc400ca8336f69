//! Batched inserts and the `meta` table: what seeding needs, kept here so that all
//! SQL stays inside the storage module.

use std::collections::HashMap;

use super::{Backend, StorageError, Store};

/// Rows per INSERT: 500 rows of a few columns stay far below the parameter limits of
/// both databases (32,766 in SQLite, 65,535 in PostgreSQL).
const ROWS_PER_STATEMENT: usize = 500;

/// One value of a row to insert. Nulls carry their type, as PostgreSQL wants.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    NullText,
    NullInt,
}

impl From<&str> for Cell {
    fn from(value: &str) -> Self {
        Cell::Text(value.to_string())
    }
}

impl From<String> for Cell {
    fn from(value: String) -> Self {
        Cell::Text(value)
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Self {
        Cell::Int(value)
    }
}

impl From<Option<String>> for Cell {
    fn from(value: Option<String>) -> Self {
        value.map_or(Cell::NullText, Cell::Text)
    }
}

impl From<Option<i64>> for Cell {
    fn from(value: Option<i64>) -> Self {
        value.map_or(Cell::NullInt, Cell::Int)
    }
}

impl Cell {
    /// Binds this value as the query's next parameter.
    pub(crate) fn bind_to<'q>(
        self,
        query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        match self {
            Cell::Text(text) => query.bind(text),
            Cell::Int(n) => query.bind(n),
            Cell::NullText => query.bind(None::<String>),
            Cell::NullInt => query.bind(None::<i64>),
        }
    }
}

/// `($1, $2), ($3, $4)` for `rows` rows of `columns` values.
fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let values: Vec<String> = (1..=columns)
                .map(|col| format!("${}", row * columns + col))
                .collect();
            format!("({})", values.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// After a bulk load, does at once what PostgreSQL's autovacuum would do in time:
    /// fresh planner statistics, pages marked all-visible (so counts are read from the
    /// indexes alone). Nothing on SQLite, where the server never runs `ANALYZE` either.
    pub async fn settle_after_bulk_load(&self) -> Result<(), StorageError> {
        if self.backend() == Backend::Postgres {
            sqlx::query("VACUUM ANALYZE reports")
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Inserts `rows` into `table`, skipping rows that clash with a unique key, in one
    /// transaction. Returns how many rows were new. `table` and `columns` are code,
    /// never user input.
    pub(crate) async fn insert_ignoring_duplicates(
        &self,
        table: &'static str,
        columns: &'static [&'static str],
        rows: &[Vec<Cell>],
    ) -> Result<u64, StorageError> {
        let mut tx = self.begin_write().await?;
        let mut inserted = 0;
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES {} ON CONFLICT DO NOTHING",
                columns.join(", "),
                placeholders(chunk.len(), columns.len())
            );
            let mut query = sqlx::query(&sql);
            for cell in chunk.iter().flatten() {
                query = cell.clone().bind_to(query);
            }
            inserted += query.execute(tx.conn()).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(inserted)
    }

    /// `key column → id` for a table with an id, e.g. agencies by code.
    pub(crate) async fn ids_by(
        &self,
        table: &'static str,
        key: &'static str,
    ) -> Result<HashMap<String, i64>, StorageError> {
        let rows: Vec<(String, i64)> = sqlx::query_as(&format!("SELECT {key}, id FROM {table}"))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().collect())
    }

    pub(crate) async fn meta(&self, key: &str) -> Result<Option<String>, StorageError> {
        let value = sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(value)
    }

    pub(crate) async fn set_meta(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(key.to_string())
            .bind(value.to_string())
            .execute(tx.conn())
            .await?;
        tx.commit().await
    }
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_number_every_value_once() {
        assert_eq!(placeholders(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
