//! The demo database (`lapor demo`): telling it apart from a real one, and what the
//! presenter's projector reads.

use sqlx::FromRow;

use super::{StorageError, Store};
use crate::model::demo::ProjectorLine;
use crate::model::{Timestamp, TrackingNumber};

/// The `meta` key that marks a database as the demo's.
const DEMO_MARK: &str = "demo_database";

/// Whether a database may hold the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoDatabase {
    /// Marked as the demo's by an earlier `lapor demo`.
    Demo,
    /// No report yet: the demo may take it (and marks it).
    Empty,
    /// It holds reports and is not the demo's: never touched.
    Real,
}

/// A report as the projector in the hall shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    pub tracking_number: TrackingNumber,
    pub line: ProjectorLine,
    pub submitted_at: Timestamp,
}

#[derive(FromRow)]
struct ArrivalRow {
    tracking_number: String,
    title: String,
    confidential: i64,
    submitted_at: i64,
}

impl Store {
    /// What this database is to the demo.
    pub async fn demo_database(&self) -> Result<DemoDatabase, StorageError> {
        if self.meta(DEMO_MARK).await?.as_deref() == Some("1") {
            return Ok(DemoDatabase::Demo);
        }
        let reports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports")
            .fetch_one(&self.pool)
            .await?;
        Ok(if reports == 0 {
            DemoDatabase::Empty
        } else {
            DemoDatabase::Real
        })
    }

    /// Marks an empty database as the demo's.
    pub async fn mark_demo_database(&self) -> Result<(), StorageError> {
        self.set_meta(DEMO_MARK, "1").await
    }

    /// The reports sent since `since` (the demo's start), newest first, at most
    /// `limit`, and how many there are. The title only, and not even that of a
    /// confidential report: the hall sees the projector.
    pub async fn arrivals_since(
        &self,
        since: Timestamp,
        limit: i64,
    ) -> Result<(i64, Vec<Arrival>), StorageError> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE submitted_at >= $1")
                .bind(since.0)
                .fetch_one(&self.pool)
                .await?;
        let rows: Vec<ArrivalRow> = sqlx::query_as(
            "SELECT tracking_number, title, confidential, submitted_at FROM reports \
             WHERE submitted_at >= $1 ORDER BY submitted_at DESC, id DESC LIMIT $2",
        )
        .bind(since.0)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let arrivals = rows
            .into_iter()
            .map(|row| {
                let tracking_number =
                    TrackingNumber::parse(&row.tracking_number).map_err(|_| {
                        StorageError::corrupt(format!(
                            "stored tracking number {} is malformed",
                            row.tracking_number
                        ))
                    })?;
                Ok(Arrival {
                    tracking_number,
                    line: ProjectorLine::of(&row.title, row.confidential != 0),
                    submitted_at: Timestamp(row.submitted_at),
                })
            })
            .collect::<Result<_, StorageError>>()?;
        Ok((count, arrivals))
    }

    /// The id of the category with `slug`.
    pub async fn category_id_by_slug(&self, slug: &str) -> Result<Option<i64>, StorageError> {
        let id = sqlx::query_scalar("SELECT id FROM categories WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?;
        Ok(id)
    }
}
