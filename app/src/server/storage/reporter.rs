//! What the signed-in reporter reads of their report and the steps they take on it
//! (reply, rate, reopen). Nothing here reads `reporter_identities` either.

use super::actions::{ActionArgs, Actor};
use super::reports::{insert_event, parse_status, story_columns, story_joins, NewEvent, StoryRow};
use super::{StorageError, Store};
use crate::model::privacy::{reporter_reads_body, RatingView, ReporterEvent, ReporterView};
use crate::model::reporter::{
    can_rate, check_comment, check_stars, check_text, reopen_state, reply_kind, reporter_actions,
    ReopenState, ReplyKind, ReporterFacts, ReporterInputError,
};
use crate::model::{Action, Date, EventKind, Role, Status, Timestamp, TrackingNumber, Visibility};

/// Why a reporter's step was refused.
#[derive(Debug, thiserror::Error)]
pub enum ReporterError {
    /// The input is malformed (text length, stars).
    #[error("invalid input: {0}")]
    Input(#[from] ReporterInputError),
    /// The step is not possible at the report's status (e.g. rating before a follow-up).
    #[error("not possible at this status")]
    NotNow,
    /// The one reopening was already used.
    #[error("already reopened once")]
    AlreadyReopened,
    /// The reopening window of working days has passed.
    #[error("the reopening window has passed")]
    WindowPassed,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<sqlx::Error> for ReporterError {
    fn from(error: sqlx::Error) -> Self {
        ReporterError::Storage(error.into())
    }
}

/// What a reply did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyOutcome {
    pub kind: ReplyKind,
    pub status: Status,
}

#[derive(sqlx::FromRow)]
struct ReporterRow {
    status: String,
    version: i64,
    reopen_count: i64,
    confidential: i64,
    anonymous: i64,
    closed_at: Option<i64>,
    #[sqlx(flatten)]
    story: StoryRow,
}

const REPORTER_ROW: &str = concat!(
    "SELECT r.status, r.version, r.reopen_count, r.confidential, r.anonymous, r.closed_at, ",
    story_columns!(),
    " ",
    story_joins!(),
    " WHERE r.tracking_number = $1"
);

#[derive(sqlx::FromRow)]
struct EventRow {
    at: i64,
    actor_role: String,
    kind: String,
    status_after: String,
    body: Option<String>,
    agency_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct RatingRow {
    stars: i64,
    comment: Option<String>,
    rated_at: i64,
}

impl ReporterRow {
    fn facts(&self) -> Result<ReporterFacts, StorageError> {
        Ok(ReporterFacts {
            status: parse_status(&self.status)?,
            reopen_count: u32::try_from(self.reopen_count).unwrap_or(u32::MAX),
            followed_up_on: self.story.followed_up_at.map(|t| Timestamp(t).date_wib()),
            closed_on: self.closed_at.map(|t| Timestamp(t).date_wib()),
        })
    }
}

impl Store {
    async fn reporter_row(&self, number: &TrackingNumber) -> Result<ReporterRow, StorageError> {
        sqlx::query_as(REPORTER_ROW)
            .bind(number.as_str())
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StorageError::NotFound)
    }

    /// What the signed-in reporter sees of their report. The caller must have checked
    /// the session ([`Store::reporter_session_valid`]).
    pub async fn reporter_view(
        &self,
        number: &TrackingNumber,
        today: Date,
    ) -> Result<ReporterView, StorageError> {
        let row = self.reporter_row(number).await?;
        let facts = row.facts()?;
        let story = self.report_story(&row.story, facts.status, today).await?;
        let calendar = self.calendar().await?;
        let rating: Option<RatingRow> = sqlx::query_as(
            "SELECT stars, comment, rated_at FROM report_ratings WHERE report_id = $1",
        )
        .bind(row.story.id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(ReporterView {
            tracking_number: number.display(),
            compact: number.as_str().to_string(),
            status: facts.status,
            confidential: row.confidential != 0,
            anonymous: row.anonymous != 0,
            story,
            timeline: self.reporter_events(row.story.id).await?,
            rating: rating.map(|r| RatingView {
                stars: u8::try_from(r.stars).unwrap_or(0),
                comment: r.comment,
                rated_at: Timestamp(r.rated_at),
            }),
            attachments: self.attachment_links(number).await?,
            actions: reporter_actions(&calendar, &facts, today),
        })
    }

    /// Public and reporter-and-staff events, oldest first. A published follow-up
    /// without its own text shows the text of the draft it approved.
    async fn reporter_events(&self, report_id: i64) -> Result<Vec<ReporterEvent>, StorageError> {
        let (visible, codes) =
            super::visibility_filter("e.visibility", Visibility::ReporterAndStaff, 2);
        let sql = format!(
            "SELECT e.at, e.actor_role, e.kind, e.status_after, e.body, a.name AS agency_name \
             FROM events e LEFT JOIN agencies a ON a.id = e.agency_id \
             WHERE e.report_id = $1 AND {visible} ORDER BY e.id"
        );
        let mut query = sqlx::query_as(&sql).bind(report_id);
        for code in codes {
            query = query.bind(code);
        }
        let rows: Vec<EventRow> = query.fetch_all(&self.pool).await?;
        let mut last_draft: Option<String> = None;
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            let kind = EventKind::from_code(&row.kind)
                .ok_or_else(|| StorageError::corrupt(format!("unknown event kind {}", row.kind)))?;
            let body = row.body.filter(|text| !text.trim().is_empty());
            let body = match kind {
                EventKind::Transition(Action::DraftFollowUp) => {
                    last_draft = body;
                    None
                }
                EventKind::Transition(Action::ApproveAndPublish) => body.or(last_draft.take()),
                other if reporter_reads_body(other) => body,
                _ => None,
            };
            events.push(ReporterEvent {
                at: Timestamp(row.at),
                kind,
                status_after: parse_status(&row.status_after)?,
                agency_name: row.agency_name,
                body,
                by_reporter: row.actor_role == Role::Reporter.code(),
            });
        }
        Ok(events)
    }

    /// The reporter's text: answers the follow-up, completes a returned report, or is
    /// a message to the staff, as the status decides (`model::reporter::reply_kind`).
    pub async fn reporter_reply(
        &self,
        number: &TrackingNumber,
        text: &str,
        now: Timestamp,
    ) -> Result<ReplyOutcome, ReporterError> {
        let text = check_text(text)?;
        let row = self.reporter_row(number).await?;
        let facts = row.facts()?;
        let kind = reply_kind(&facts).ok_or(ReporterError::NotNow)?;
        if let Some(action) = kind.action() {
            let outcome = self
                .apply_action(
                    number,
                    REPORTER,
                    action,
                    row.version,
                    ActionArgs {
                        body: Some(text),
                        agency_id: None,
                        ..ActionArgs::default()
                    },
                    now,
                )
                .await?;
            return Ok(ReplyOutcome {
                kind,
                status: outcome.status,
            });
        }
        let mut tx = self.begin_write().await?;
        // The status must not have moved on since it was read (it decided the kind).
        let current: Option<(Option<i64>,)> =
            sqlx::query_as("SELECT agency_id FROM reports WHERE id = $1 AND version = $2")
                .bind(row.story.id)
                .bind(row.version)
                .fetch_optional(tx.conn())
                .await?;
        let Some((agency_id,)) = current else {
            return Err(StorageError::Conflict.into());
        };
        let event = NewEvent {
            report_id: row.story.id,
            at: now,
            actor_role: Role::Reporter,
            actor_staff_id: None,
            kind: EventKind::Message,
            status_after: facts.status,
            body: Some(&text),
            agency_id,
        };
        insert_event(tx.conn(), &event).await?;
        tx.commit().await?;
        Ok(ReplyOutcome {
            kind,
            status: facts.status,
        })
    }

    /// Rates the follow-up (1–5 stars, optional comment); a second rating replaces the
    /// first. Refused before a follow-up was published.
    pub async fn rate_report(
        &self,
        number: &TrackingNumber,
        stars: i64,
        comment: &str,
        now: Timestamp,
    ) -> Result<(), ReporterError> {
        let stars = check_stars(stars)?;
        let comment = check_comment(comment)?;
        let row = self.reporter_row(number).await?;
        if !can_rate(&row.facts()?) {
            return Err(ReporterError::NotNow);
        }
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM report_ratings WHERE report_id = $1")
            .bind(row.story.id)
            .execute(tx.conn())
            .await?;
        sqlx::query(
            "INSERT INTO report_ratings (report_id, stars, comment, rated_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(row.story.id)
        .bind(i64::from(stars))
        .bind(comment)
        .bind(now.0)
        .execute(tx.conn())
        .await?;
        // Statistics count the rating from the report's row.
        sqlx::query("UPDATE reports SET rating = $1 WHERE id = $2")
            .bind(i64::from(stars))
            .bind(row.story.id)
            .execute(tx.conn())
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Reopens the report, once, within the window of working days after the
    /// follow-up or the closing (`model::reporter::reopen_state`).
    pub async fn reporter_reopen(
        &self,
        number: &TrackingNumber,
        reason: &str,
        now: Timestamp,
    ) -> Result<Status, ReporterError> {
        let reason = check_text(reason)?;
        let row = self.reporter_row(number).await?;
        let calendar = self.calendar().await?;
        match reopen_state(&calendar, &row.facts()?, now.date_wib()) {
            ReopenState::Open { .. } => {}
            ReopenState::Used => return Err(ReporterError::AlreadyReopened),
            ReopenState::Expired => return Err(ReporterError::WindowPassed),
            ReopenState::NotNow => return Err(ReporterError::NotNow),
        }
        let outcome = self
            .apply_action(
                number,
                REPORTER,
                Action::Reopen,
                row.version,
                ActionArgs {
                    body: Some(reason),
                    agency_id: None,
                    ..ActionArgs::default()
                },
                now,
            )
            .await?;
        Ok(outcome.status)
    }
}

const REPORTER: Actor = Actor {
    role: Role::Reporter,
    staff_id: None,
};
