//! Government bodies connected to the system, and their SMS keywords.

use crate::model::codes::codes;
use serde::{Deserialize, Serialize};

codes! {
    /// The kind of a connected body.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum AgencyKind {
        /// Kementerian.
        Ministry => "ministry",
        /// Lembaga.
        Institution => "institution",
        Province => "province",
        /// Kota.
        City => "city",
        /// Kabupaten.
        Regency => "regency",
        /// BUMN.
        StateCompany => "state_company",
        University => "university",
        /// A work unit inside an agency (dinas/OPD, kecamatan).
        Unit => "unit",
    }
}

/// A connected body as the public may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub id: i64,
    pub name: String,
    pub kind: AgencyKind,
    pub sms_keyword: Option<String>,
}

/// Upper-case source names ("KABUPATEN JOMBANG") as people write them ("Kabupaten Jombang").
pub fn title_case(name: &str) -> String {
    name.split(' ')
        .filter(|w| !w.is_empty())
        .map(|word| {
            word.split('-')
                .map(|part| {
                    let lower = part.to_lowercase();
                    let mut chars = lower.chars();
                    match chars.next() {
                        Some(first) => first.to_uppercase().chain(chars).collect(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The SMS keyword of a regional government, from its BPS name:
/// `KABUPATEN JOMBANG` → `JOMBANGKAB`, `KOTA CIREBON` → `KOTACIREBON`,
/// province `JAWA TIMUR` → `JAWATIMURPROV`.
pub fn regional_sms_keyword(kind: AgencyKind, bps_name: &str) -> Option<String> {
    let upper = bps_name.trim().to_uppercase();
    match kind {
        AgencyKind::Regency => Some(format!(
            "{}KAB",
            squash(upper.strip_prefix("KABUPATEN").unwrap_or(&upper))
        )),
        AgencyKind::City => Some(format!(
            "KOTA{}",
            squash(upper.strip_prefix("KOTA").unwrap_or(&upper))
        )),
        AgencyKind::Province => Some(format!("{}PROV", squash(&upper))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_keywords_follow_the_short_name() {
        assert_eq!(
            regional_sms_keyword(AgencyKind::Regency, "KABUPATEN JOMBANG").as_deref(),
            Some("JOMBANGKAB")
        );
        assert_eq!(
            regional_sms_keyword(AgencyKind::City, "KOTA CIREBON").as_deref(),
            Some("KOTACIREBON")
        );
        assert_eq!(
            regional_sms_keyword(AgencyKind::Regency, "KABUPATEN TOLI-TOLI").as_deref(),
            Some("TOLITOLIKAB")
        );
        assert_eq!(regional_sms_keyword(AgencyKind::Ministry, "X"), None);
    }

    #[test]
    fn upper_case_names_become_title_case() {
        assert_eq!(title_case("KABUPATEN JOMBANG"), "Kabupaten Jombang");
        assert_eq!(title_case("KABUPATEN TOLI-TOLI"), "Kabupaten Toli-Toli");
    }
}
