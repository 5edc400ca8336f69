//! The non-working days behind every deadline. Dates of Islamic holidays and of joint
//! leave are estimates until decreed, so an administrator changes them at run time.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::model::codes::codes;
use sqlx::FromRow;

use super::{StorageError, Store};
use crate::model::{Date, WorkingCalendar};

codes! {
    /// Why a day is off.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum DayOffKind {
        /// Libur nasional.
        NationalHoliday => "libur_nasional",
        /// Cuti bersama, decided each year by joint ministerial decree.
        JointLeave => "cuti_bersama",
    }
}

/// One non-working day as an administrator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOff {
    pub date: Date,
    pub kind: DayOffKind,
    pub name_id: String,
    pub name_en: String,
}

#[derive(FromRow)]
struct DayOffRow {
    date: String,
    kind: String,
    name_id: String,
    name_en: String,
}

impl DayOffRow {
    fn into_day_off(self) -> Result<DayOff, StorageError> {
        let date = Date::parse_iso(&self.date)
            .ok_or_else(|| StorageError::corrupt(format!("bad date {}", self.date)))?;
        let kind = DayOffKind::from_code(&self.kind)
            .ok_or_else(|| StorageError::corrupt(format!("unknown day-off kind {}", self.kind)))?;
        Ok(DayOff {
            date,
            kind,
            name_id: self.name_id,
            name_en: self.name_en,
        })
    }
}

/// How long a read calendar is used before it is read again. Every deadline, on every
/// page and submission, needs the calendar; it changes a few times a year. Changes made
/// through this `Store` are seen at once; those made by another process (`lapor
/// calendar add` while the server runs) within this time.
const CALENDAR_MAX_AGE: Duration = Duration::from_secs(60);

/// The calendar, and when it was read.
type ReadCalendar = (Instant, Arc<WorkingCalendar>);

/// The calendar as last read.
#[derive(Debug, Clone, Default)]
pub(super) struct CalendarCache(Arc<std::sync::Mutex<Option<ReadCalendar>>>);

impl CalendarCache {
    fn fresh(&self) -> Option<Arc<WorkingCalendar>> {
        let kept = self.0.lock().ok()?;
        kept.as_ref()
            .filter(|(read, _)| read.elapsed() < CALENDAR_MAX_AGE)
            .map(|(_, calendar)| Arc::clone(calendar))
    }

    fn keep(&self, calendar: Arc<WorkingCalendar>) {
        if let Ok(mut kept) = self.0.lock() {
            *kept = Some((Instant::now(), calendar));
        }
    }

    fn forget(&self) {
        if let Ok(mut kept) = self.0.lock() {
            *kept = None;
        }
    }
}

impl Store {
    /// The working-day calendar (read at most once a minute, see [`CALENDAR_MAX_AGE`]).
    pub async fn calendar(&self) -> Result<Arc<WorkingCalendar>, StorageError> {
        if let Some(calendar) = self.calendar.fresh() {
            return Ok(calendar);
        }
        let dates: Vec<String> = sqlx::query_scalar("SELECT date FROM days_off")
            .fetch_all(&self.pool)
            .await?;
        let days = dates
            .iter()
            .map(|text| {
                Date::parse_iso(text)
                    .ok_or_else(|| StorageError::corrupt(format!("bad date {text}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let calendar = Arc::new(WorkingCalendar::new(days));
        self.calendar.keep(Arc::clone(&calendar));
        Ok(calendar)
    }

    /// Reads the calendar afresh next time (after days off were written).
    pub(crate) fn forget_calendar(&self) {
        self.calendar.forget();
    }

    /// Adds a day off, or renames/re-kinds the day when it is already off.
    pub async fn add_day_off(
        &self,
        date: Date,
        kind: DayOffKind,
        name_id: &str,
        name_en: &str,
    ) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO days_off (date, kind, name_id, name_en) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name_id = excluded.name_id, name_en = excluded.name_en",
        )
        .bind(date.to_string())
        .bind(kind.code())
        .bind(name_id.trim().to_string())
        .bind(name_en.trim().to_string())
        .execute(tx.conn())
        .await?;
        tx.commit().await?;
        self.forget_calendar();
        Ok(())
    }

    /// Makes a day a working day again (unless it is a weekend). `false` when it was not off.
    pub async fn remove_day_off(&self, date: Date) -> Result<bool, StorageError> {
        let mut tx = self.begin_write().await?;
        let removed = sqlx::query("DELETE FROM days_off WHERE date = $1")
            .bind(date.to_string())
            .execute(tx.conn())
            .await?
            .rows_affected();
        tx.commit().await?;
        self.forget_calendar();
        Ok(removed > 0)
    }

    /// The days off of one year, in date order.
    pub async fn days_off(&self, year: i32) -> Result<Vec<DayOff>, StorageError> {
        let rows: Vec<DayOffRow> = sqlx::query_as(
            "SELECT date, kind, name_id, name_en FROM days_off WHERE date >= $1 AND date <= $2 ORDER BY date",
        )
        .bind(format!("{year:04}-01-01"))
        .bind(format!("{year:04}-12-31"))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(DayOffRow::into_day_off).collect()
    }
}
