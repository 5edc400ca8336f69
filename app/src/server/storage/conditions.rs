//! A `WHERE` clause built from filters, with its parameters numbered as they are added,
//! and the full-text search condition: shared by the workspace's queues and the public
//! feed.

use super::{Backend, Cell};
use crate::model::workspace::search_words;
use crate::model::TrackingNumber;

/// Binds a `Cell` to any kind of sqlx query (`query`, `query_as`, `query_scalar`).
macro_rules! bind_cell {
    ($query:expr, $value:expr) => {
        match $value {
            Cell::Text(text) => $query.bind(text),
            Cell::Int(n) => $query.bind(n),
            Cell::NullText => $query.bind(None::<String>),
            Cell::NullInt => $query.bind(None::<i64>),
        }
    };
}

/// A `WHERE` clause and its parameters, numbered as they are added.
#[derive(Default)]
pub(super) struct Conditions {
    pub(super) clauses: Vec<String>,
    pub(super) binds: Vec<Cell>,
}

impl Conditions {
    pub(super) fn push(&mut self, clause_with_placeholder: &str, value: Cell) {
        self.push_all(clause_with_placeholder, [value]);
    }

    /// A clause with one `?` per value, in order.
    pub(super) fn push_all(
        &mut self,
        clause_with_placeholders: &str,
        values: impl IntoIterator<Item = Cell>,
    ) {
        let mut clause = String::new();
        let mut values = values.into_iter();
        for (i, part) in clause_with_placeholders.split('?').enumerate() {
            if i > 0 {
                let value = values.next().expect("one value per placeholder");
                self.binds.push(value);
                clause.push_str(&format!("${}", self.binds.len()));
            }
            clause.push_str(part);
        }
        debug_assert!(values.next().is_none(), "one placeholder per value");
        self.clauses.push(clause);
    }

    pub(super) fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "1 = 1".into()
        } else {
            self.clauses.join(" AND ")
        }
    }
}

pub(super) use bind_cell;

/// A region and every region inside it: BPS codes nest by prefix (`35` the province,
/// `3517` its regency, `3517010` a district there, `3517010001` a village).
pub(super) fn region_condition(region: &str, c: &mut Conditions) {
    c.push("r.region_code LIKE ?", Cell::Text(format!("{region}%")));
}

/// Whether a full-text match needs every word or any of them.
#[derive(Clone, Copy)]
enum Words {
    All,
    Any,
}

/// The full-text condition (one `?`) and its query for `words` (letters and digits only:
/// safe in either query syntax), each as the start of a word in the title or the story,
/// through the full-text index (`reports_search`, migration `…000006_search`).
fn text_match(words: &[String], backend: Backend, need: Words) -> (&'static str, String) {
    let all = matches!(need, Words::All);
    let (clause, prefix, join): (_, fn(&String) -> String, _) = match backend {
        Backend::Sqlite => (
            "r.id IN (SELECT rowid FROM reports_search WHERE reports_search MATCH ?)",
            |w| format!("\"{w}\"*"),
            if all { " " } else { " OR " },
        ),
        Backend::Postgres => (
            "to_tsvector('simple', r.title || ' ' || r.body) @@ to_tsquery('simple', ?)",
            |w| format!("{w}:*"),
            if all { " & " } else { " | " },
        ),
    };
    let query = words.iter().map(prefix).collect::<Vec<_>>().join(join);
    (clause, query)
}

/// `OPEN_PUBLIC_STATUSES` as the SQL list the look-alike indexes are declared with.
pub(super) fn open_public_list() -> String {
    crate::model::public_feed::OPEN_PUBLIC_STATUSES
        .iter()
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An open public report (not confidential, in `OPEN_PUBLIC_STATUSES`) with any of
/// `words` as the start of a word in its title or story: read from the look-alike index,
/// which holds those reports only (`…_open_public_search.sql`), so the reports waiting for
/// verification never slow it down.
pub(super) fn lookalike_conditions(words: &[String], backend: Backend, c: &mut Conditions) {
    let words: Vec<String> = words
        .iter()
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphanumeric))
        .cloned()
        .collect();
    if words.is_empty() {
        return;
    }
    let (_, query) = text_match(&words, backend, Words::Any);
    let clause = match backend {
        Backend::Sqlite => "r.id IN (SELECT rowid FROM open_public_search WHERE open_public_search MATCH ?)".to_string(),
        // The partial index's predicate, word for word, so that the planner may use it.
        Backend::Postgres => format!(
            "r.confidential = 0 AND r.status IN ({}) AND to_tsvector('simple', r.title || ' ' || r.body) @@ to_tsquery('simple', ?)",
            open_public_list()
        ),
    };
    c.push(&clause, Cell::Text(query));
}

/// A search: every word as the start of a word in the title or the story, or the report
/// whose tracking number was typed.
pub(super) fn search_conditions(search: &str, backend: Backend, c: &mut Conditions) {
    let words = search_words(search);
    if words.is_empty() {
        return;
    }
    let (text_match, query) = text_match(&words, backend, Words::All);
    match TrackingNumber::parse(search) {
        Ok(number) => c.push_all(
            &format!("(r.tracking_number = ? OR {text_match})"),
            [Cell::Text(number.as_str().into()), Cell::Text(query)],
        ),
        Err(_) => c.push(text_match, Cell::Text(query)),
    }
}

#[cfg(test)]
mod tests {
    /// Each database's look-alike index is declared with the model's open public statuses.
    #[test]
    fn the_lookalike_indexes_hold_the_open_public_statuses() {
        let list = super::open_public_list();
        for migration in [
            include_str!("../../../../migrations/sqlite/20261204000001_open_public_search.sql"),
            include_str!("../../../../migrations/postgres/20261204000001_open_public_search.sql"),
        ] {
            assert!(migration.contains(&format!("status IN ({list})")), "{list}");
            assert!(!migration.contains("'closed'"));
        }
    }
}
