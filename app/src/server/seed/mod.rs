//! Reference data a fresh database needs: the non-working days, the category tree,
//! the BPS regions and the connected agencies.
//!
//! Seeding is idempotent: every row is inserted with `ON CONFLICT DO NOTHING`, and a
//! finished run is recorded in `meta` so the next run returns at once.

mod csv;
pub mod demo;

use std::collections::HashMap;

use super::storage::{Cell, StorageError, Store};
use crate::model::agency::{regional_sms_keyword, title_case, AgencyKind};

/// Bump when the seed data changes so existing databases receive the new rows.
const SEED_VERSION: &str = "1";
const META_VERSION: &str = "seed_version";
const META_SCOPE: &str = "seed_scope";

/// How much to seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedScope {
    /// Days off, categories, agencies, provinces and regencies: enough to run.
    Essentials,
    /// Essentials plus the 7,215 districts and ~80,000 villages.
    Full,
}

impl SeedScope {
    fn code(self) -> &'static str {
        match self {
            SeedScope::Essentials => "essentials",
            SeedScope::Full => "full",
        }
    }

    fn covers(self, other: SeedScope) -> bool {
        self == SeedScope::Full || other == SeedScope::Essentials
    }
}

/// What a run inserted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedReport {
    /// The database already had this scope and version: nothing was done.
    pub already_seeded: bool,
    pub days_off: u64,
    pub categories: u64,
    pub regions: u64,
    pub agencies: u64,
}

impl SeedReport {
    pub fn inserted(&self) -> u64 {
        self.days_off + self.categories + self.regions + self.agencies
    }
}

/// Seeds `scope`, skipping everything when a previous run already did.
pub async fn seed(store: &Store, scope: SeedScope) -> Result<SeedReport, StorageError> {
    if already_seeded(store, scope).await? {
        return Ok(SeedReport {
            already_seeded: true,
            ..SeedReport::default()
        });
    }
    let mut report = SeedReport {
        days_off: seed_days_off(store).await?,
        categories: seed_categories(store).await?,
        regions: seed_regions(store, &[(csv::PROVINCES, 1), (csv::REGENCIES, 2)]).await?,
        ..SeedReport::default()
    };
    report.agencies = seed_agencies(store).await?;
    if scope == SeedScope::Full {
        report.regions += seed_regions(store, &[(csv::DISTRICTS, 3), (csv::VILLAGES, 4)]).await?;
    }
    store.set_meta(META_VERSION, SEED_VERSION).await?;
    store.set_meta(META_SCOPE, scope.code()).await?;
    Ok(report)
}

async fn already_seeded(store: &Store, scope: SeedScope) -> Result<bool, StorageError> {
    if store.meta(META_VERSION).await?.as_deref() != Some(SEED_VERSION) {
        return Ok(false);
    }
    let done = match store.meta(META_SCOPE).await?.as_deref() {
        Some("full") => SeedScope::Full,
        Some("essentials") => SeedScope::Essentials,
        _ => return Ok(false),
    };
    Ok(done.covers(scope))
}

async fn seed_days_off(store: &Store) -> Result<u64, StorageError> {
    // Header: date,kind,name_en,name_id
    let rows: Vec<Vec<Cell>> = csv::records(csv::HOLIDAYS)
        .skip(1)
        .filter_map(|record| match <[String; 4]>::try_from(record) {
            Ok([date, kind, name_en, name_id]) => Some(vec![
                date.into(),
                kind.into(),
                name_id.into(),
                name_en.into(),
            ]),
            Err(_) => None,
        })
        .collect();
    let inserted = store
        .insert_ignoring_duplicates("days_off", &["date", "kind", "name_id", "name_en"], &rows)
        .await?;
    store.forget_calendar();
    Ok(inserted)
}

/// Top-level categories first (their ids are the children's parents), then the children.
async fn seed_categories(store: &Store) -> Result<u64, StorageError> {
    const COLUMNS: &[&str] = &["parent_id", "slug", "name_id", "name_en"];
    let records: Vec<[String; 4]> = csv::records(csv::CATEGORIES)
        .skip(1)
        .filter_map(|record| record.try_into().ok())
        .collect();
    let row = |parent_id: Option<i64>, [_, slug, name_id, name_en]: &[String; 4]| -> Vec<Cell> {
        vec![
            parent_id.into(),
            slug.as_str().into(),
            name_id.as_str().into(),
            name_en.as_str().into(),
        ]
    };
    let (tops, children): (Vec<_>, Vec<_>) = records.iter().partition(|r| r[0].is_empty());
    let tops: Vec<Vec<Cell>> = tops.into_iter().map(|r| row(None, r)).collect();
    let mut inserted = store
        .insert_ignoring_duplicates("categories", COLUMNS, &tops)
        .await?;
    let ids = store.ids_by("categories", "slug").await?;
    let children: Vec<Vec<Cell>> = children
        .into_iter()
        .map(|r| row(ids.get(&r[0]).copied(), r))
        .collect();
    inserted += store
        .insert_ignoring_duplicates("categories", COLUMNS, &children)
        .await?;
    Ok(inserted)
}

/// Regions of one or more levels, each file given with its level (1 = province).
async fn seed_regions(store: &Store, files: &[(&str, i64)]) -> Result<u64, StorageError> {
    let mut inserted = 0;
    for &(text, level) in files {
        let rows: Vec<Vec<Cell>> = csv::records(text)
            .filter_map(|record| {
                let (code, parent, name) = match record.as_slice() {
                    [code, name] => (code, None, name),
                    [code, parent, name] => (code, Some(parent.clone()), name),
                    _ => return None,
                };
                Some(vec![
                    code.as_str().into(),
                    parent.into(),
                    level.into(),
                    region_display_name(level, name).into(),
                ])
            })
            .collect();
        inserted += store
            .insert_ignoring_duplicates("regions", &["code", "parent_code", "level", "name"], &rows)
            .await?;
    }
    Ok(inserted)
}

/// BPS names are upper case; people write "Kabupaten Jombang".
fn region_display_name(level: i64, bps_name: &str) -> String {
    if level == 1 {
        province_display_name(bps_name)
    } else {
        title_case(bps_name)
    }
}

/// Two provinces start with an acronym: "DKI Jakarta", "DI Yogyakarta".
fn province_display_name(bps_name: &str) -> String {
    let name = title_case(bps_name);
    for (written, wanted) in [("Dki ", "DKI "), ("Di ", "DI ")] {
        if let Some(rest) = name.strip_prefix(written) {
            return format!("{wanted}{rest}");
        }
    }
    name
}

const AGENCY_COLUMNS: &[&str] = &[
    "code",
    "kind",
    "name",
    "parent_id",
    "region_code",
    "sms_keyword",
];

fn agency_row(
    code: String,
    kind: AgencyKind,
    name: String,
    parent_id: Option<i64>,
    region: Option<&str>,
    keyword: Option<String>,
) -> Vec<Cell> {
    vec![
        code.into(),
        kind.code().into(),
        name.into(),
        parent_id.into(),
        region.map(str::to_string).into(),
        keyword.into(),
    ]
}

async fn seed_agencies(store: &Store) -> Result<u64, StorageError> {
    let provinces: Vec<Vec<Cell>> = csv::records(csv::PROVINCES)
        .filter_map(|record| {
            let [code, name] = <[String; 2]>::try_from(record).ok()?;
            let keyword = regional_sms_keyword(AgencyKind::Province, &name);
            let display = format!("Provinsi {}", province_display_name(&name));
            Some(agency_row(
                format!("prov-{code}"),
                AgencyKind::Province,
                display,
                None,
                Some(&code),
                keyword,
            ))
        })
        .collect();
    let mut inserted = store
        .insert_ignoring_duplicates("agencies", AGENCY_COLUMNS, &provinces)
        .await?;

    let ids = store.ids_by("agencies", "code").await?;
    let regencies: Vec<Vec<Cell>> = csv::records(csv::REGENCIES)
        .filter_map(|r| regency_agency(r, &ids))
        .collect();
    inserted += store
        .insert_ignoring_duplicates("agencies", AGENCY_COLUMNS, &regencies)
        .await?;

    let national: Vec<Vec<Cell>> = csv::records(csv::NATIONAL_AGENCIES)
        .skip(1)
        .filter_map(|record| {
            let [kind, slug, name, keyword] = <[String; 4]>::try_from(record).ok()?;
            // The kind is the model's code; only national bodies belong in this file.
            let kind = AgencyKind::from_code(&kind)?;
            let prefix = match kind {
                AgencyKind::Ministry => "kementerian",
                AgencyKind::Institution => "lembaga",
                _ => return None,
            };
            Some(agency_row(
                format!("{prefix}-{slug}"),
                kind,
                name,
                None,
                None,
                Some(keyword),
            ))
        })
        .collect();
    inserted += store
        .insert_ignoring_duplicates("agencies", AGENCY_COLUMNS, &national)
        .await?;
    Ok(inserted)
}

/// `3517,35,KABUPATEN JOMBANG` → `kab-3517`, "Kabupaten Jombang", `JOMBANGKAB`, under `prov-35`.
fn regency_agency(record: Vec<String>, province_ids: &HashMap<String, i64>) -> Option<Vec<Cell>> {
    let [code, province, name] = <[String; 3]>::try_from(record).ok()?;
    let (kind, prefix) = if name.starts_with("KOTA ") {
        (AgencyKind::City, "kota")
    } else {
        (AgencyKind::Regency, "kab")
    };
    let parent = province_ids.get(&format!("prov-{province}")).copied();
    let keyword = regional_sms_keyword(kind, &name);
    Some(agency_row(
        format!("{prefix}-{code}"),
        kind,
        title_case(&name),
        parent,
        Some(&code),
        keyword,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_province_names_keep_their_acronyms() {
        assert_eq!(province_display_name("DKI JAKARTA"), "DKI Jakarta");
        assert_eq!(province_display_name("DI YOGYAKARTA"), "DI Yogyakarta");
        assert_eq!(region_display_name(4, "DI LOANG"), "Di Loang");
    }

    #[test]
    fn a_bigger_scope_covers_a_smaller_one() {
        assert!(SeedScope::Full.covers(SeedScope::Essentials));
        assert!(!SeedScope::Essentials.covers(SeedScope::Full));
    }
}
