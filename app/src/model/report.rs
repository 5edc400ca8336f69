//! What a report is: its classification, channel, location and privacy switches.

use crate::model::codes::codes;
use serde::{Deserialize, Serialize};

codes! {
    /// The three kinds of report (klasifikasi).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Classification {
        /// Pengaduan.
        Complaint => "pengaduan",
        /// Aspirasi.
        Aspiration => "aspirasi",
        /// Permintaan Informasi.
        InformationRequest => "informasi",
    }
}

codes! {
    /// The door a report came in by.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Channel {
        Web => "web",
        Sms => "sms",
        Social => "social",
        Api => "api",
        Telegram => "telegram",
        WhatsApp => "whatsapp",
    }
}

/// The two independent privacy switches every report carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Privacy {
    /// Anonim: the handling agency never sees who the reporter is.
    pub anonymous: bool,
    /// Rahasia: the report never appears on a public surface.
    pub confidential: bool,
}

/// Where the reported matter happened.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Location {
    /// BPS region code, at any level from province (2 digits) to village (10 digits).
    pub region_code: Option<String>,
    /// Free-text address or landmark.
    pub address: String,
    /// Optional coordinates (latitude, longitude) in degrees.
    pub coordinates: Option<(f64, f64)>,
}

/// Milliseconds since the Unix epoch, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Timestamp(pub i64);

impl Timestamp {
    const MS_PER_DAY: i64 = 86_400_000;
    /// Government working days are counted on Western Indonesian Time (WIB, UTC+7),
    /// the time zone of the national administrators.
    const WIB_OFFSET_MS: i64 = 7 * 3_600_000;

    /// The calendar date of this instant in WIB.
    pub fn date_wib(self) -> crate::model::Date {
        let days = (self.0 + Self::WIB_OFFSET_MS).div_euclid(Self::MS_PER_DAY);
        crate::model::calendar::date_from_unix_days(days)
    }

    /// The first instant of `date` in WIB.
    pub fn start_of_day_wib(date: crate::model::Date) -> Timestamp {
        Timestamp(date.unix_days() * Self::MS_PER_DAY - Self::WIB_OFFSET_MS)
    }

    /// Hour and minute of this instant in WIB.
    pub fn time_wib(self) -> (u8, u8) {
        let ms_of_day = (self.0 + Self::WIB_OFFSET_MS).rem_euclid(Self::MS_PER_DAY);
        let minutes = ms_of_day / 60_000;
        ((minutes / 60) as u8, (minutes % 60) as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification_codes_round_trip() {
        for c in Classification::ALL {
            assert_eq!(Classification::from_code(c.code()), Some(c));
        }
        assert_eq!(Classification::from_code("bogus"), None);
    }

    #[test]
    fn an_evening_in_jakarta_is_already_the_next_day_after_17_utc() {
        // 2026-01-05 17:30 UTC is 2026-01-06 00:30 WIB.
        let ts = Timestamp(1_767_634_200_000);
        assert_eq!(ts.date_wib().to_string(), "2026-01-06");
    }

    #[test]
    fn a_wib_day_starts_at_17_utc_the_day_before() {
        let day = crate::model::Date::parse_iso("2026-01-06").expect("a date");
        let start = Timestamp::start_of_day_wib(day);
        // 2026-01-05 17:00 UTC.
        assert_eq!(start, Timestamp(1_767_632_400_000));
        assert_eq!(start.date_wib(), day);
        assert_eq!(Timestamp(start.0 - 1).date_wib().to_string(), "2026-01-05");
    }
}
