//! The public feed and what the public does with it (Dukung), and an agency's public
//! profile. Every query here reads only public columns of verified, non-confidential
//! reports (`model::public_feed::FEED_STATUSES`, `confidential = 0`) and never
//! `reporter_identities`: a card has no field that could hold an identity.

use sqlx::FromRow;

use super::conditions::{
    bind_cell, lookalike_conditions, region_condition, search_conditions, Conditions,
};
use super::reports::parse_status;
use super::{Cell, StorageError, Store};
use crate::model::calendar::Deadline;
use crate::model::duplicates::{
    is_similar, lookup_words, nearby_box, overlap, significant_words, Draft, CANDIDATES,
    MAX_SUGGESTIONS,
};
use crate::model::privacy::DeadlineView;
use crate::model::public_feed::{
    card_clock, excerpt, AgencyProfile, FeedCard, FeedFilter, FeedPage, FEED_PAGE_SIZE,
    FEED_STATUSES,
};
use crate::model::{Classification, Date, Status, Timestamp, TrackingNumber};

#[derive(FromRow)]
struct CardRow {
    tracking_number: String,
    title: String,
    body: String,
    classification: String,
    status: String,
    region_code: Option<String>,
    submitted_at: i64,
    due_on: Option<String>,
    category_name: Option<String>,
    agency_name: Option<String>,
    agency_code: Option<String>,
    supporters: i64,
    supported: i64,
}

#[derive(FromRow)]
struct AgencyRow {
    id: i64,
    code: String,
    name: String,
    sms_keyword: Option<String>,
    region_code: Option<String>,
}

/// The supporters of report `r`, counted together with the reports staff merged into it
/// as duplicates: each merged report's reporter and its supporters (a supporter of
/// both is counted once).
macro_rules! supporters_sql {
    () => {
        "((SELECT COUNT(DISTINCT s.supporter) FROM supports s WHERE s.report_id = r.id \
         OR s.report_id IN (SELECT d.id FROM reports d WHERE d.duplicate_of = r.id)) \
         + (SELECT COUNT(*) FROM reports d WHERE d.duplicate_of = r.id))"
    };
}
pub(super) use supporters_sql;

/// The public's part of the `WHERE` clause: verified and not confidential. Written as
/// the statuses the public never sees (`NOT IN`, the complement of `FEED_STATUSES`): a
/// condition no index serves, so the newest-first feed walks the reports in id order and
/// stops after a page (2 ms at 1 M reports), where `status IN (…)` made SQLite read the
/// status index and sort every public report (1.3 s).
fn public_only(c: &mut Conditions) {
    // Status codes are our own constants, never input.
    let hidden: Vec<String> = Status::ALL
        .iter()
        .filter(|s| !FEED_STATUSES.contains(s))
        .map(|s| format!("'{}'", s.code()))
        .collect();
    c.clauses.push("r.confidential = 0".into());
    c.clauses
        .push(format!("r.status NOT IN ({})", hidden.join(", ")));
}

/// How the newest cards are found: walking the reports newest first (the feed: most
/// reports match), or finding the matches first and sorting them (few match).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Newest {
    ByIndex,
    AfterFilter,
}

/// What the outcome of a Dukung was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    Added,
    /// This supporter supports it already: counted once.
    Already,
    /// No public report has that number (unverified, confidential, or none).
    NotPublic,
}

impl Store {
    /// One page of the public feed, newest first. `supporter` is the reader's supporter
    /// key (to mark what they support already).
    pub async fn public_feed(
        &self,
        filter: &FeedFilter,
        supporter: Option<&str>,
        now: Timestamp,
    ) -> Result<FeedPage, StorageError> {
        // One more than a page: whether there is a next one.
        let mut cards = self
            .public_cards(filter, supporter, FEED_PAGE_SIZE + 1, now)
            .await?;
        let more = cards.len() as i64 > FEED_PAGE_SIZE;
        cards.truncate(FEED_PAGE_SIZE as usize);
        let next = more
            .then(|| cards.last().map(|card| card.compact.clone()))
            .flatten();
        Ok(FeedPage { cards, next })
    }

    /// Up to `limit` cards of the public feed, newest first (a page, or an open-data
    /// download).
    pub async fn public_cards(
        &self,
        filter: &FeedFilter,
        supporter: Option<&str>,
        limit: i64,
        now: Timestamp,
    ) -> Result<Vec<FeedCard>, StorageError> {
        let mut c = Conditions::default();
        // $1: the reader's supporter key (none matches nothing).
        c.binds
            .push(Cell::Text(supporter.unwrap_or("").to_string()));
        public_only(&mut c);
        if let Some(agency) = &filter.agency {
            c.push(
                "r.agency_id = (SELECT id FROM agencies WHERE code = ?)",
                Cell::Text(agency.clone()),
            );
        }
        if let Some(region) = &filter.region_code {
            region_condition(region, &mut c);
        }
        if let Some(category) = filter.category_id {
            c.push("r.category_id = ?", Cell::Int(category));
        }
        if let Some(classification) = filter.classification {
            c.push(
                "r.classification = ?",
                Cell::Text(classification.code().into()),
            );
        }
        if let Some(status) = filter.status {
            c.push("r.status = ?", Cell::Text(status.code().into()));
        }
        if let Some(from) = filter.from {
            c.push(
                "r.submitted_at >= ?",
                Cell::Int(Timestamp::start_of_day_wib(from).0),
            );
        }
        if let Some(until) = filter.until {
            c.push(
                "r.submitted_at < ?",
                Cell::Int(Timestamp::start_of_day_wib(until.next_day()).0),
            );
        }
        if let Some(search) = filter.search.as_deref() {
            search_conditions(search, self.backend(), &mut c);
        }
        if let Some(before) = &filter.before {
            c.push(
                "r.id < (SELECT id FROM reports WHERE tracking_number = ?)",
                Cell::Text(before.as_str().into()),
            );
        }
        self.cards_where(c, limit, Newest::ByIndex, now).await
    }

    /// Open public reports that may be the same problem as `draft` (not yet stored):
    /// same kab/kota or within `NEARBY_METRES`, same category when it has one, sharing
    /// words (`model::duplicates`), the most similar first, at most `MAX_SUGGESTIONS`.
    pub async fn similar_reports(
        &self,
        draft: &Draft,
        now: Timestamp,
    ) -> Result<Vec<FeedCard>, StorageError> {
        let words = lookup_words(&draft.title, &draft.body);
        let regency = draft.region_code.as_deref().and_then(|code| code.get(..4));
        let point = draft.coordinates;
        if words.is_empty() || (regency.is_none() && point.is_none()) {
            return Ok(Vec::new());
        }
        let mut c = Conditions::default();
        // $1: no reader's supporter key here.
        c.binds.push(Cell::Text(String::new()));
        public_only(&mut c);
        c.clauses
            .push(format!("r.status <> '{}'", Status::Closed.code()));
        let (mut place, mut values) = (Vec::new(), Vec::new());
        if let Some(regency) = regency {
            place.push("r.region_code LIKE ?".to_string());
            values.push(Cell::Text(format!("{regency}%")));
        }
        if let Some((latitude, longitude)) = point {
            // Validated coordinates (`model::validation`), written as numbers.
            let (lat, lon) = nearby_box(latitude);
            place.push(format!(
                "(r.latitude BETWEEN {:.6} AND {:.6} AND r.longitude BETWEEN {:.6} AND {:.6})",
                latitude - lat,
                latitude + lat,
                longitude - lon,
                longitude + lon
            ));
        }
        c.push_all(&format!("({})", place.join(" OR ")), values);
        if let Some(category) = draft.category_id {
            c.push("r.category_id = ?", Cell::Int(category));
        }
        lookalike_conditions(&words, self.backend(), &mut c);
        // Few open public reports match: found through the look-alike index, then sorted
        // (walking the newest reports first would pass every report waiting for
        // verification on the way).
        let cards = self
            .cards_where(c, CANDIDATES, Newest::AfterFilter, now)
            .await?;
        let mine = significant_words(&format!("{} {}", draft.title, draft.body));
        let mut scored: Vec<(usize, FeedCard)> = cards
            .into_iter()
            .filter_map(|card| {
                let theirs = significant_words(&format!("{} {}", card.title, card.excerpt));
                is_similar(&mine, &theirs).then(|| (overlap(&mine, &theirs).0, card))
            })
            .collect();
        scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        Ok(scored
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|(_, card)| card)
            .collect())
    }

    /// The cards `c` selects (its first bind is the reader's supporter key), newest first.
    async fn cards_where(
        &self,
        c: Conditions,
        limit: i64,
        newest: Newest,
        now: Timestamp,
    ) -> Result<Vec<FeedCard>, StorageError> {
        let order = match newest {
            Newest::ByIndex => "r.id",
            // An expression no index orders by: the planner finds the rows first.
            Newest::AfterFilter => "r.id + 0",
        };
        let sql = format!(
            "SELECT r.tracking_number, r.title, r.body, r.classification, r.status, \
             r.region_code, r.submitted_at, r.due_on, ca.name_id AS category_name, \
             a.name AS agency_name, a.code AS agency_code, \
             {} AS supporters, \
             (SELECT COUNT(*) FROM supports s WHERE s.report_id = r.id AND s.supporter = $1) \
             AS supported \
             FROM reports r LEFT JOIN categories ca ON ca.id = r.category_id \
             LEFT JOIN agencies a ON a.id = r.agency_id \
             WHERE {} ORDER BY {order} DESC LIMIT {}",
            supporters_sql!(),
            c.sql(),
            limit.max(0)
        );
        let mut query = sqlx::query_as::<_, CardRow>(&sql);
        for value in c.binds {
            query = bind_cell!(query, value);
        }
        let rows = query.fetch_all(&self.pool).await?;
        // Region names are read once per region (a download holds many of each).
        let mut region_names: std::collections::HashMap<String, Option<String>> =
            std::collections::HashMap::new();
        let calendar = self.calendar().await?;
        let today = now.date_wib();
        let mut cards = Vec::with_capacity(rows.len());
        for row in rows {
            let status = parse_status(&row.status)?;
            let classification =
                Classification::from_code(&row.classification).ok_or_else(|| {
                    StorageError::corrupt(format!("unknown classification {}", row.classification))
                })?;
            let number = TrackingNumber::parse(&row.tracking_number)
                .map_err(|_| StorageError::corrupt("a stored tracking number"))?;
            let deadline = card_clock(status)
                .zip(row.due_on.as_deref().and_then(Date::parse_iso))
                .map(|(kind, due)| DeadlineView::of(&calendar, Deadline { kind, due }, today));
            let region_name = match &row.region_code {
                Some(code) => match region_names.get(code) {
                    Some(name) => name.clone(),
                    None => {
                        let name = self.region_path(code).await?;
                        region_names.insert(code.clone(), name.clone());
                        name
                    }
                },
                None => None,
            };
            cards.push(FeedCard {
                tracking_number: number.display(),
                compact: number.as_str().to_string(),
                excerpt: excerpt(&row.body),
                title: row.title,
                classification,
                category_name: row.category_name,
                region_code: row.region_code,
                region_name,
                agency_name: row.agency_name,
                agency_code: row.agency_code,
                status,
                submitted_on: Timestamp(row.submitted_at).date_wib(),
                deadline,
                supporters: row.supporters,
                supported: row.supported > 0,
            });
        }
        Ok(cards)
    }

    /// Dukung: `supporter` supports public report `number`, once.
    pub async fn add_support(
        &self,
        number: &TrackingNumber,
        supporter: &str,
        now: Timestamp,
    ) -> Result<Support, StorageError> {
        let mut c = Conditions::default();
        public_only(&mut c);
        let report_id: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT r.id FROM reports r WHERE r.tracking_number = $1 AND {}",
            c.sql()
        ))
        .bind(number.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(report_id) = report_id else {
            return Ok(Support::NotPublic);
        };
        let mut tx = self.begin_write().await?;
        let added = sqlx::query(
            "INSERT INTO supports (report_id, supporter, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(report_id)
        .bind(supporter)
        .bind(now.0)
        .execute(tx.conn())
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(if added == 1 {
            Support::Added
        } else {
            Support::Already
        })
    }

    /// How many people support report `number` (a priority signal for staff).
    pub async fn supporters(&self, number: &TrackingNumber) -> Result<i64, StorageError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM supports s JOIN reports r ON r.id = s.report_id \
             WHERE r.tracking_number = $1",
        )
        .bind(number.as_str())
        .fetch_one(&self.pool)
        .await?)
    }

    /// Agency `code` as the public sees it, with its public reports counted.
    pub async fn agency_profile(&self, code: &str) -> Result<Option<AgencyProfile>, StorageError> {
        let agency: Option<AgencyRow> = sqlx::query_as(
            "SELECT id, code, name, sms_keyword, region_code FROM agencies WHERE code = $1",
        )
        .bind(code)
        .fetch_optional(&self.pool)
        .await?;
        let Some(AgencyRow {
            id,
            code,
            name,
            sms_keyword,
            region_code,
        }) = agency
        else {
            return Ok(None);
        };
        let mut c = Conditions::default();
        c.push("r.agency_id = ?", Cell::Int(id));
        public_only(&mut c);
        let sql = format!(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN r.status IN ('followed_up', 'replied', 'closed') \
             THEN 1 ELSE 0 END), 0) FROM reports r WHERE {}",
            c.sql()
        );
        let mut query = sqlx::query_as::<_, (i64, i64)>(&sql);
        for value in c.binds {
            query = bind_cell!(query, value);
        }
        let (public_reports, followed_up) = query.fetch_one(&self.pool).await?;
        let region_name = match &region_code {
            Some(code) => self.region_path(code).await?,
            None => None,
        };
        Ok(Some(AgencyProfile {
            code,
            name,
            sms_keyword,
            region_name,
            public_reports,
            followed_up,
        }))
    }
}
