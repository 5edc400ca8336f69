//! Statistics from the counted aggregates (`stats_reports`, `stats_durations`, kept by
//! triggers on `reports`: migration `20261203000001_statistics`): a period's query reads
//! a few rows per day, agency and region, never the reports themselves, so `/statistik`
//! costs the same at a thousand reports and at a million. Counts only; nothing here reads
//! `reporter_identities` or a report's text.

use sqlx::FromRow;

use super::{Cell, StorageError, Store};
use crate::model::calendar::date_from_unix_days;
use crate::model::statistics::{compute, Counts, DurationTally, Measure, Names, Statistics, Tally};
use crate::model::{Channel, Classification, Date, Status};

/// Whose statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// Everyone's.
    All,
    /// Reports from one province (2 digits) or kab/kota (4 digits).
    Region(&'a str),
    /// One agency's (by code).
    Agency(&'a str),
}

#[derive(FromRow)]
struct TallyRow {
    agency_id: i64,
    region: String,
    classification: String,
    channel: String,
    status: String,
    reports: i64,
    forwarded: i64,
    followed_up: i64,
    on_time: i64,
    rated: i64,
    stars: i64,
    reopened: i64,
}

#[derive(FromRow)]
struct DurationRow {
    agency_id: i64,
    region: String,
    measure: String,
    days: i64,
    reports: i64,
}

#[derive(FromRow)]
struct DayRow {
    day: i64,
    reports: i64,
}

#[derive(FromRow)]
struct NameRow {
    id: i64,
    code: String,
    name: String,
}

impl Store {
    /// The statistics of the reports submitted from `from` to `until` (inclusive, WIB).
    pub async fn statistics(&self, from: Date, until: Date) -> Result<Statistics, StorageError> {
        self.statistics_of(Scope::All, from, until).await
    }

    /// The statistics of `scope`'s reports submitted from `from` to `until`.
    pub async fn statistics_of(
        &self,
        scope: Scope<'_>,
        from: Date,
        until: Date,
    ) -> Result<Statistics, StorageError> {
        let (scope_sql, scope_value) = match scope {
            Scope::All => ("", None),
            Scope::Region(code) => (" AND region LIKE $3", Some(Cell::Text(format!("{code}%")))),
            Scope::Agency(code) => (
                " AND agency_id = (SELECT id FROM agencies WHERE code = $3)",
                Some(Cell::Text(code.to_string())),
            ),
        };
        let sum = |c: &str| format!("CAST(SUM({c}) AS BIGINT) AS {c}");
        let tallies_sql = format!(
            "SELECT agency_id, region, classification, channel, status, {}, {}, {}, {}, {}, {}, {} \
             FROM stats_reports WHERE day >= $1 AND day <= $2{scope_sql} \
             GROUP BY agency_id, region, classification, channel, status",
            sum("reports"),
            sum("forwarded"),
            sum("followed_up"),
            sum("on_time"),
            sum("rated"),
            sum("stars"),
            sum("reopened"),
        );
        let durations_sql = format!(
            "SELECT agency_id, region, measure, days, {} FROM stats_durations \
             WHERE day >= $1 AND day <= $2{scope_sql} GROUP BY agency_id, region, measure, days",
            sum("reports")
        );
        let days_sql = format!(
            "SELECT day, {} FROM stats_reports WHERE day >= $1 AND day <= $2{scope_sql} GROUP BY day",
            sum("reports")
        );
        let (first, last) = (from.unix_days(), until.unix_days());
        let bind = |sql| scoped(sql, first, last, scope_value.clone());
        let tally_rows: Vec<TallyRow> = bind(&tallies_sql)
            .try_map(|row| TallyRow::from_row(&row))
            .fetch_all(&self.pool)
            .await?;
        let duration_rows: Vec<DurationRow> = bind(&durations_sql)
            .try_map(|row| DurationRow::from_row(&row))
            .fetch_all(&self.pool)
            .await?;
        let day_rows: Vec<DayRow> = bind(&days_sql)
            .try_map(|row| DayRow::from_row(&row))
            .fetch_all(&self.pool)
            .await?;
        let mut tallies = Vec::with_capacity(tally_rows.len());
        for row in tally_rows.into_iter().filter(|r| r.reports != 0) {
            tallies.push(Tally {
                agency: row.agency_id,
                classification: Classification::from_code(&row.classification)
                    .ok_or_else(|| corrupt("classification", &row.classification))?,
                channel: Channel::from_code(&row.channel)
                    .ok_or_else(|| corrupt("channel", &row.channel))?,
                status: Status::from_code(&row.status)
                    .ok_or_else(|| corrupt("status", &row.status))?,
                region: row.region,
                counts: Counts {
                    reports: row.reports,
                    forwarded: row.forwarded,
                    followed_up: row.followed_up,
                    on_time: row.on_time,
                    rated: row.rated,
                    stars: row.stars,
                    reopened: row.reopened,
                },
            });
        }
        let mut durations = Vec::with_capacity(duration_rows.len());
        for row in duration_rows.into_iter().filter(|r| r.reports != 0) {
            durations.push(DurationTally {
                agency: row.agency_id,
                measure: Measure::from_code(&row.measure)
                    .ok_or_else(|| corrupt("measure", &row.measure))?,
                region: row.region,
                days: row.days,
                reports: row.reports,
            });
        }
        let days: Vec<(Date, i64)> = day_rows
            .into_iter()
            .filter(|r| r.reports != 0)
            .map(|r| (date_from_unix_days(r.day), r.reports))
            .collect();
        let names = self.statistics_names(&tallies).await?;
        Ok(compute(&tallies, &durations, &days, &names))
    }

    /// The names of the agencies and regions `tallies` count.
    async fn statistics_names(&self, tallies: &[Tally]) -> Result<Names, StorageError> {
        let mut names = Names::default();
        if tallies.iter().any(|t| t.agency != 0) {
            let rows: Vec<NameRow> = sqlx::query_as("SELECT id, code, name FROM agencies")
                .fetch_all(&self.pool)
                .await?;
            for row in rows {
                if tallies.iter().any(|t| t.agency == row.id) {
                    names.agencies.insert(row.id, (row.code, row.name));
                }
            }
        }
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT code, name FROM regions WHERE LENGTH(code) <= 4")
                .fetch_all(&self.pool)
                .await?;
        let wanted: std::collections::HashSet<&str> = tallies
            .iter()
            .flat_map(|t| [t.region.get(..2), t.region.get(..4)])
            .flatten()
            .collect();
        for (code, name) in rows {
            if wanted.contains(code.as_str()) {
                names.regions.insert(code, name);
            }
        }
        Ok(names)
    }
}

/// `sql` with the period's first and last day and the scope's value bound.
fn scoped(
    sql: &str,
    first: i64,
    last: i64,
    scope: Option<Cell>,
) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
    let query = sqlx::query(sql).bind(first).bind(last);
    match scope {
        Some(value) => value.bind_to(query),
        None => query,
    }
}

fn corrupt(what: &str, code: &str) -> StorageError {
    StorageError::corrupt(format!("unknown {what} {code} in the statistics"))
}

/// What every report contributes, recounted from `reports` (the triggers' rule, as one
/// query per table).
const RECOUNT_REPORTS: &str = "SELECT (submitted_at + 25200000) / 86400000 AS day, \
     COALESCE(agency_id, 0) AS agency_id, COALESCE(SUBSTR(region_code, 1, 4), '') AS region, \
     classification, channel, status, id % 8 AS shard, COUNT(*) AS reports, \
     CAST(SUM(CASE WHEN forwarded_at IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS forwarded, \
     CAST(SUM(CASE WHEN followed_up_at IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS followed_up, \
     CAST(SUM(COALESCE(answered_on_time, 0)) AS BIGINT) AS on_time, \
     CAST(SUM(CASE WHEN rating IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS rated, \
     CAST(SUM(COALESCE(rating, 0)) AS BIGINT) AS stars, \
     CAST(SUM(CASE WHEN reopen_count > 0 THEN 1 ELSE 0 END) AS BIGINT) AS reopened \
     FROM reports GROUP BY 1, 2, 3, 4, 5, 6, 7";

const RECOUNT_DURATIONS: &str = "SELECT day, agency_id, region, measure, days, shard, COUNT(*) AS reports FROM (\
     SELECT (submitted_at + 25200000) / 86400000 AS day, COALESCE(agency_id, 0) AS agency_id, \
     COALESCE(SUBSTR(region_code, 1, 4), '') AS region, 'verify' AS measure, days_to_verify AS days, \
     id % 8 AS shard FROM reports WHERE days_to_verify IS NOT NULL \
     UNION ALL SELECT (submitted_at + 25200000) / 86400000, COALESCE(agency_id, 0), \
     COALESCE(SUBSTR(region_code, 1, 4), ''), 'follow_up', days_to_follow_up, id % 8 \
     FROM reports WHERE days_to_follow_up IS NOT NULL \
     UNION ALL SELECT (submitted_at + 25200000) / 86400000, COALESCE(agency_id, 0), \
     COALESCE(SUBSTR(region_code, 1, 4), ''), 'finish', days_to_finish, id % 8 \
     FROM reports WHERE days_to_finish IS NOT NULL) AS m \
     GROUP BY day, agency_id, region, measure, days, shard";

const KEPT_REPORTS: &str = "SELECT day, agency_id, region, classification, channel, status, \
     shard, reports, forwarded, followed_up, on_time, rated, stars, reopened FROM stats_reports";

const KEPT_DURATIONS: &str =
    "SELECT day, agency_id, region, measure, days, shard, reports FROM stats_durations";

/// The rows `sql` reads as text, those whose counts (every column after the first
/// `key_columns`) are all zero dropped, sorted: comparable between a table and a recount.
async fn rows_as_text(
    pool: &sqlx::AnyPool,
    sql: &str,
    key_columns: usize,
) -> Result<Vec<String>, StorageError> {
    use sqlx::Row;
    let rows = sqlx::query(sql).fetch_all(pool).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells = Vec::with_capacity(row.columns().len());
        for i in 0..row.columns().len() {
            cells.push(match row.try_get::<i64, _>(i) {
                Ok(n) => n.to_string(),
                Err(_) => row.try_get::<String, _>(i)?,
            });
        }
        if cells.iter().skip(key_columns).any(|count| count != "0") {
            out.push(cells.join("|"));
        }
    }
    out.sort();
    Ok(out)
}

/// Key columns of `stats_reports` (day … shard) and of `stats_durations` (day … shard).
const REPORTS_KEY: usize = 7;
const DURATIONS_KEY: usize = 6;

impl Store {
    /// Whether the counted aggregates equal a recount of every report (a check for
    /// operators: `lapor statistics check`; the tests run it after their steps).
    pub async fn statistics_match_reports(&self) -> Result<bool, StorageError> {
        let pool = &self.pool;
        Ok(rows_as_text(pool, RECOUNT_REPORTS, REPORTS_KEY).await?
            == rows_as_text(pool, KEPT_REPORTS, REPORTS_KEY).await?
            && rows_as_text(pool, RECOUNT_DURATIONS, DURATIONS_KEY).await?
                == rows_as_text(pool, KEPT_DURATIONS, DURATIONS_KEY).await?)
    }

    /// Recounts the aggregates from the reports (`lapor statistics rebuild`), in one
    /// transaction.
    pub async fn rebuild_statistics(&self) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        for sql in [
            "DELETE FROM stats_reports".to_string(),
            "DELETE FROM stats_durations".to_string(),
            format!("INSERT INTO stats_reports {RECOUNT_REPORTS}"),
            format!("INSERT INTO stats_durations {RECOUNT_DURATIONS}"),
        ] {
            sqlx::query(&sql).execute(tx.conn()).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
