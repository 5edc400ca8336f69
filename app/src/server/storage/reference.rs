//! Reference data for forms and routing: categories, regions and agencies.

use sqlx::FromRow;

use super::{StorageError, Store};
use crate::model::agency::{Agency, AgencyKind};

/// A category in the report form; `parent_id` is `None` for a top category.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct CategoryOption {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name_id: String,
    pub name_en: String,
}

/// A region in a cascading picker.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct RegionOption {
    pub code: String,
    pub name: String,
}

/// How much data there is, for the seed command's summary and health checks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableCounts {
    pub days_off: i64,
    pub categories: i64,
    pub provinces: i64,
    pub regencies: i64,
    pub districts: i64,
    pub villages: i64,
    pub agencies: i64,
    /// Agencies of each kind, in `AgencyKind::ALL` order, kinds with none left out.
    pub agencies_by_kind: Vec<(AgencyKind, i64)>,
    pub reports: i64,
    pub events: i64,
}

#[derive(FromRow)]
struct AgencyRow {
    id: i64,
    name: String,
    kind: String,
    sms_keyword: Option<String>,
}

impl AgencyRow {
    fn into_agency(self) -> Result<Agency, StorageError> {
        let kind = AgencyKind::from_code(&self.kind)
            .ok_or_else(|| StorageError::corrupt(format!("unknown agency kind {}", self.kind)))?;
        Ok(Agency {
            id: self.id,
            name: self.name,
            kind,
            sms_keyword: self.sms_keyword,
        })
    }
}

/// `%text%` for LIKE, with LIKE's own wildcards taken literally.
fn like_pattern(text: &str) -> String {
    let escaped = text
        .trim()
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

impl Store {
    /// Every category, top categories first, each group in seed order.
    pub async fn categories(&self) -> Result<Vec<CategoryOption>, StorageError> {
        let rows = sqlx::query_as(
            "SELECT id, parent_id, name_id, name_en FROM categories \
             ORDER BY CASE WHEN parent_id IS NULL THEN 0 ELSE 1 END, id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }

    /// The regions directly under `parent` (the provinces when `None`), by name.
    pub async fn regions_under(
        &self,
        parent: Option<&str>,
    ) -> Result<Vec<RegionOption>, StorageError> {
        let query = match parent {
            None => sqlx::query_as(
                "SELECT code, name FROM regions WHERE parent_code IS NULL ORDER BY name",
            ),
            Some(code) => sqlx::query_as(
                "SELECT code, name FROM regions WHERE parent_code = $1 ORDER BY name",
            )
            .bind(code.to_string()),
        };
        Ok(query.fetch_all(&self.pool).await?)
    }

    /// The region's own name, e.g. "Kabupaten Jombang".
    pub async fn region_name(&self, code: &str) -> Result<Option<String>, StorageError> {
        let name = sqlx::query_scalar("SELECT name FROM regions WHERE code = $1")
            .bind(code)
            .fetch_optional(&self.pool)
            .await?;
        Ok(name)
    }

    /// The region with the regions above it, smallest first:
    /// "Jombang, Kabupaten Jombang, Jawa Timur".
    pub async fn region_path(&self, code: &str) -> Result<Option<String>, StorageError> {
        let mut names = Vec::new();
        let mut next = Some(code.to_string());
        // Four levels at most; the bound also guards against a cycle in bad data.
        for _ in 0..4 {
            let Some(code) = next.take() else { break };
            let row: Option<(String, Option<String>)> =
                sqlx::query_as("SELECT name, parent_code FROM regions WHERE code = $1")
                    .bind(code)
                    .fetch_optional(&self.pool)
                    .await?;
            let Some((name, parent)) = row else { break };
            names.push(name);
            next = parent;
        }
        Ok((!names.is_empty()).then(|| names.join(", ")))
    }

    /// Agencies whose name or SMS keyword contains `query` (any case), an exact keyword
    /// first, then shorter names first.
    pub async fn search_agencies(
        &self,
        query: &str,
        limit: i64,
    ) -> Result<Vec<Agency>, StorageError> {
        let rows: Vec<AgencyRow> = sqlx::query_as(
            "SELECT id, name, kind, sms_keyword FROM agencies \
             WHERE LOWER(name) LIKE $1 ESCAPE '\\' OR LOWER(COALESCE(sms_keyword, '')) LIKE $1 ESCAPE '\\' \
             ORDER BY CASE WHEN LOWER(sms_keyword) = $2 THEN 0 ELSE 1 END, LENGTH(name), name \
             LIMIT $3",
        )
        .bind(like_pattern(query))
        .bind(query.trim().to_lowercase())
        .bind(limit.max(0))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(AgencyRow::into_agency).collect()
    }

    /// Every agency's SMS keyword, for the SMS parser (`model::sms::KeywordSet`).
    pub async fn sms_keywords(&self) -> Result<Vec<String>, StorageError> {
        let keywords = sqlx::query_scalar(
            "SELECT sms_keyword FROM agencies WHERE sms_keyword IS NOT NULL ORDER BY sms_keyword",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(keywords)
    }

    /// The agency an SMS like `JOMBANGKAB jalan rusak` goes to.
    pub async fn agency_by_sms_keyword(
        &self,
        keyword: &str,
    ) -> Result<Option<Agency>, StorageError> {
        let row: Option<AgencyRow> = sqlx::query_as(
            "SELECT id, name, kind, sms_keyword FROM agencies WHERE sms_keyword = $1",
        )
        .bind(keyword.trim().to_uppercase())
        .fetch_optional(&self.pool)
        .await?;
        row.map(AgencyRow::into_agency).transpose()
    }

    pub async fn agency(&self, id: i64) -> Result<Option<Agency>, StorageError> {
        let row: Option<AgencyRow> =
            sqlx::query_as("SELECT id, name, kind, sms_keyword FROM agencies WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(AgencyRow::into_agency).transpose()
    }

    /// Row counts of the main tables.
    pub async fn table_counts(&self) -> Result<TableCounts, StorageError> {
        let count = |sql: &'static str| async move {
            let n: i64 = sqlx::query_scalar(sql).fetch_one(&self.pool).await?;
            Ok::<i64, StorageError>(n)
        };
        let regions_at = |level: i64| async move {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM regions WHERE level = $1")
                .bind(level)
                .fetch_one(&self.pool)
                .await?;
            Ok::<i64, StorageError>(n)
        };
        let by_kind: Vec<(String, i64)> =
            sqlx::query_as("SELECT kind, COUNT(*) FROM agencies GROUP BY kind")
                .fetch_all(&self.pool)
                .await?;
        let agencies_by_kind = AgencyKind::ALL
            .into_iter()
            .filter_map(|kind| {
                by_kind
                    .iter()
                    .find(|(code, _)| code == kind.code())
                    .map(|(_, n)| (kind, *n))
            })
            .collect();
        Ok(TableCounts {
            days_off: count("SELECT COUNT(*) FROM days_off").await?,
            categories: count("SELECT COUNT(*) FROM categories").await?,
            provinces: regions_at(1).await?,
            regencies: regions_at(2).await?,
            districts: regions_at(3).await?,
            villages: regions_at(4).await?,
            agencies: count("SELECT COUNT(*) FROM agencies").await?,
            agencies_by_kind,
            reports: count("SELECT COUNT(*) FROM reports").await?,
            events: count("SELECT COUNT(*) FROM events").await?,
        })
    }
}

/// Agency lookups the workspace and the command line need.
impl Store {
    /// The work units of an agency: those with an active operator.
    pub async fn agency_units(&self, agency_id: i64) -> Result<Vec<String>, StorageError> {
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT unit FROM staff WHERE agency_id = $1 AND unit IS NOT NULL \
             AND active = 1 ORDER BY unit",
        )
        .bind(agency_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every agency as `(id, name)`, by name: the workspace's agency picker.
    pub async fn all_agencies(&self) -> Result<Vec<(i64, String)>, StorageError> {
        Ok(
            sqlx::query_as("SELECT id, name FROM agencies ORDER BY name")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// The agency with this exact name (any case) or code.
    pub async fn agency_id_by_name_or_code(&self, text: &str) -> Result<Option<i64>, StorageError> {
        let text = text.trim();
        Ok(sqlx::query_scalar(
            "SELECT id FROM agencies WHERE LOWER(name) = $1 OR code = $2 ORDER BY id LIMIT 1",
        )
        .bind(text.to_lowercase())
        .bind(text.to_string())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The id of the agency with this code (as in the reference data), if any.
    pub async fn agency_id_by_code(&self, code: &str) -> Result<Option<i64>, StorageError> {
        let id = sqlx::query_scalar("SELECT id FROM agencies WHERE code = $1")
            .bind(code.trim())
            .fetch_optional(&self.pool)
            .await?;
        Ok(id)
    }
}
