//! Posts on social media (X/Twitter, Facebook, Instagram, TikTok …) that national
//! administrators bring in as reports: the automatic doors do not read them, so a staff
//! member copies the post into a report of channel `social`, with its link. The same
//! post imported twice is one report.

use super::report::{Channel, Classification, Location, Privacy};
use super::validation::{
    length_problem, NewReport, Problem, ReporterIdentity, BODY_MAX, BODY_MIN, NAME_MAX, TITLE_MAX,
    TITLE_MIN,
};

/// The longest link kept.
pub const LINK_MAX: usize = 500;

/// The import form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PostForm {
    /// The post's address (`https://…`).
    #[serde(default)]
    pub tautan: String,
    /// Who posted it (`@akun`), if known.
    #[serde(default)]
    pub akun: String,
    #[serde(default)]
    pub jenis: String,
    #[serde(default)]
    pub judul: String,
    #[serde(default)]
    pub isi: String,
}

/// Which field of the import form a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PostField {
    Link,
    Account,
    Classification,
    Title,
    Body,
}

/// A post that cannot be imported as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PostProblem {
    pub field: PostField,
    pub problem: Problem,
}

/// Whether `link` is the address of a web page: `http(s)://host/…`, no spaces, no
/// control characters, at most [`LINK_MAX`] characters.
pub fn is_web_link(link: &str) -> bool {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"));
    let Some(rest) = rest else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    link.chars().count() <= LINK_MAX
        && !link.chars().any(|c| c.is_whitespace() || c.is_control())
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
}

/// The report a post becomes: the web form's `NewReport`, channel `social`, the post's
/// link under the story, the account (if any) as the reporter's name, and the link as the
/// idempotency key's source (`key`: a digest the caller makes of it).
pub fn report_from_post(form: &PostForm, key: String) -> Result<NewReport, Vec<PostProblem>> {
    let mut problems = Vec::new();
    let mut fail = |field, problem| problems.push(PostProblem { field, problem });
    let link = form.tautan.trim();
    if link.is_empty() {
        fail(PostField::Link, Problem::Required);
    } else if !is_web_link(link) {
        fail(PostField::Link, Problem::Invalid);
    }
    let account = form.akun.trim();
    if let Some(p) = length_problem(account, 0, NAME_MAX) {
        fail(PostField::Account, p);
    }
    let classification = Classification::from_code(form.jenis.trim());
    if classification.is_none() {
        let problem = if form.jenis.trim().is_empty() {
            Problem::Required
        } else {
            Problem::Invalid
        };
        fail(PostField::Classification, problem);
    }
    if let Some(p) = length_problem(&form.judul, TITLE_MIN, TITLE_MAX) {
        fail(PostField::Title, p);
    }
    // Room for the link under the story.
    if let Some(p) = length_problem(&form.isi, BODY_MIN, BODY_MAX - LINK_MAX - 2) {
        fail(PostField::Body, p);
    }
    match classification {
        Some(classification) if problems.is_empty() => Ok(NewReport {
            classification,
            title: form.judul.trim().to_string(),
            body: format!("{}\n\n{link}", form.isi.trim()),
            event_date: None,
            needs_inspection: false,
            location: Location::default(),
            category_id: None,
            target_agency_id: None,
            privacy: Privacy::default(),
            reporter: ReporterIdentity {
                name: (!account.is_empty()).then(|| account.to_string()),
                phone: None,
                email: None,
                chat: None,
            },
            channel: Channel::Social,
            idempotency_key: Some(key),
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post() -> PostForm {
        PostForm {
            tautan: "https://x.com/warga_jombang/status/1864000000000000001".into(),
            akun: "@warga_jombang".into(),
            jenis: "pengaduan".into(),
            judul: "Jalan rusak di Sumberagung".into(),
            isi: "Jalan di desa Sumberagung rusak parah dan sudah tiga motor jatuh minggu ini."
                .into(),
        }
    }

    #[test]
    fn a_post_becomes_a_social_report_with_its_link_under_the_story() {
        let report = report_from_post(&post(), "social-1".into()).expect("valid");
        assert_eq!(report.channel, Channel::Social);
        assert!(report
            .body
            .ends_with("\n\nhttps://x.com/warga_jombang/status/1864000000000000001"));
        assert_eq!(report.reporter.name.as_deref(), Some("@warga_jombang"));
        assert_eq!(report.idempotency_key.as_deref(), Some("social-1"));
    }

    #[test]
    fn only_web_links_are_taken() {
        for good in [
            "https://x.com/a/status/1",
            "http://facebook.com/p?id=2",
            "https://www.instagram.com/p/Cx",
        ] {
            assert!(is_web_link(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://x.com/a",
            "x.com/a",
            "https://",
            "https://localhost/a",
            "https://x.com/a b",
            "https://x.com/\u{0}",
            "data:text/html,hi",
        ] {
            assert!(!is_web_link(bad), "{bad}");
        }
        let long = format!("https://x.com/{}", "a".repeat(LINK_MAX));
        assert!(!is_web_link(&long));
    }

    #[test]
    fn every_field_is_checked() {
        let empty = report_from_post(&PostForm::default(), "k".into()).expect_err("invalid");
        let fields: Vec<PostField> = empty.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                PostField::Link,
                PostField::Classification,
                PostField::Title,
                PostField::Body
            ]
        );
        let wrong = PostForm {
            tautan: "javascript:alert(1)".into(),
            akun: "x".repeat(101),
            jenis: "gosip".into(),
            ..post()
        };
        let problems = report_from_post(&wrong, "k".into()).expect_err("invalid");
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
