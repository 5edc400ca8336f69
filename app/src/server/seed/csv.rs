//! The reference data files shipped with the server, and a reader for their simple CSV
//! (comma-separated, fields quoted with `"` when they contain a comma).

/// `date,kind,name_en,name_id`, with a header line.
pub const HOLIDAYS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../server/data/holidays-id.csv"
));
/// `parent_slug,slug,name_id,name_en`, with a header line: the starter category tree of
/// the report form (a top-level category has no parent). Administrators may extend it later.
pub const CATEGORIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../server/data/categories.csv"
));
/// `kind,slug,name,keyword`, with a header line: the national bodies connected at start,
/// the 34 ministries of the Indonesia Maju cabinet (`ministry`, code `kementerian-<slug>`)
/// and the national institutions citizens most often complain about (`institution`, code
/// `lembaga-<slug>`). The keyword is the short name people use ("KEMENKES"): it lets the
/// agency search find "kemenkes" and lets an SMS name a national body directly.
pub const NATIONAL_AGENCIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../server/data/national-agencies.csv"
));
/// `code,name`, no header.
pub const PROVINCES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../server/data/regions/provinces.csv"
));
/// `code,province_code,name`, no header.
pub const REGENCIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../server/data/regions/regencies.csv"
));
/// `code,regency_code,name`, no header.
pub const DISTRICTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../server/data/regions/districts.csv"
));
/// `code,district_code,name`, no header.
pub const VILLAGES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../server/data/regions/villages.csv"
));

/// The records of a file, each split into fields; blank lines are skipped.
pub fn records(text: &str) -> impl Iterator<Item = Vec<String>> + '_ {
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty())
        .map(fields)
}

fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_their_commas() {
        let line = r#"1402041010,1402041,"LAMBANG SARI I, II, III""#;
        assert_eq!(
            fields(line),
            vec!["1402041010", "1402041", "LAMBANG SARI I, II, III"]
        );
        assert_eq!(fields(r#"a,"say ""hi""",c"#), vec!["a", r#"say "hi""#, "c"]);
    }

    #[test]
    fn the_shipped_files_have_the_expected_shape() {
        assert_eq!(records(PROVINCES).count(), 34);
        assert_eq!(records(REGENCIES).count(), 514);
        assert!(records(VILLAGES).all(|r| r.len() == 3));
        assert!(records(HOLIDAYS).all(|r| r.len() == 4));
        let categories: Vec<_> = records(CATEGORIES).skip(1).collect();
        assert_eq!(categories.len(), 46);
        assert_eq!(categories.iter().filter(|r| r[0].is_empty()).count(), 12);
        assert!(categories.iter().all(|r| r.len() == 4));
        let national: Vec<_> = records(NATIONAL_AGENCIES).skip(1).collect();
        assert_eq!(national.iter().filter(|r| r[0] == "ministry").count(), 34);
        assert_eq!(
            national.iter().filter(|r| r[0] == "institution").count(),
            26
        );
        assert!(national.iter().all(|r| r.len() == 4 && !r[3].is_empty()));
    }
}
