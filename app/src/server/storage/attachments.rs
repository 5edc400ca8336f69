//! Attachment rows: pending uploads (no report yet, reachable by their token) and the
//! photos and PDFs of a report. The bytes themselves live in the blob store
//! (`server::uploads::blob`); rows only name them by key.

use sqlx::{AnyConnection, FromRow};

use super::{StorageError, Store};
use crate::model::privacy::AttachmentLink;
use crate::model::validation::{Field, Problem};
use crate::model::{Role, Timestamp, TrackingNumber};
use crate::server::uploads::Kind;

/// A cleaned file about to be recorded as pending.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct NewAttachment {
    /// Random, URL-safe, at least 128 bits: whoever holds it may preview and attach.
    pub token: String,
    pub blob_key: String,
    pub media_type: String,
    pub byte_size: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
}

/// One stored attachment, with what serving it needs. Server-side only: the token
/// and blob key never go into a page other than the uploader's own form.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AttachmentRecord {
    pub id: i64,
    #[sqlx(flatten)]
    pub file: NewAttachment,
    pub position: i64,
}

impl AttachmentRecord {
    pub fn kind(&self) -> Kind {
        Kind::of_media_type(&self.file.media_type)
    }
}

/// What a page may list about a report's attachment (no token, no storage key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentInfo {
    pub id: i64,
    pub kind: Kind,
    pub bytes: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// 0-based order in which the reporter attached them.
    pub position: i64,
}

impl From<AttachmentRecord> for AttachmentInfo {
    fn from(r: AttachmentRecord) -> Self {
        AttachmentInfo {
            id: r.id,
            kind: r.kind(),
            bytes: r.file.byte_size,
            width: r.file.width,
            height: r.file.height,
            position: r.position,
        }
    }
}

impl From<AttachmentRecord> for AttachmentLink {
    fn from(r: AttachmentRecord) -> Self {
        AttachmentLink {
            id: r.id,
            pdf: r.kind() == Kind::Pdf,
            bytes: r.file.byte_size,
        }
    }
}

const COLUMNS: &str =
    "a.id, a.token, a.blob_key, a.media_type, a.byte_size, a.width, a.height, a.position";

impl Store {
    /// Records a cleaned upload as pending (no report yet).
    pub async fn insert_pending_attachment(
        &self,
        new: &NewAttachment,
        now: Timestamp,
    ) -> Result<AttachmentRecord, StorageError> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO attachments (token, report_id, blob_key, media_type, byte_size, width, height, \
             position, uploaded_by_role, created_at) VALUES ($1, NULL, $2, $3, $4, $5, $6, 0, $7, $8) RETURNING id",
        )
        .bind(new.token.clone())
        .bind(new.blob_key.clone())
        .bind(new.media_type.clone())
        .bind(new.byte_size)
        .bind(new.width)
        .bind(new.height)
        .bind(Role::Reporter.code())
        .bind(now.0)
        .fetch_one(tx.conn())
        .await?;
        tx.commit().await?;
        Ok(AttachmentRecord {
            id,
            file: new.clone(),
            position: 0,
        })
    }

    /// A pending upload by its token; `None` once it is part of a report (or purged).
    pub async fn pending_attachment(
        &self,
        token: &str,
    ) -> Result<Option<AttachmentRecord>, StorageError> {
        let row = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM attachments a WHERE a.token = $1 AND a.report_id IS NULL"
        ))
        .bind(token)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row)
    }

    /// The pending uploads among `tokens`, in the order given; unknown, expired or
    /// already linked tokens are left out.
    pub async fn pending_attachments(
        &self,
        tokens: &[String],
    ) -> Result<Vec<AttachmentRecord>, StorageError> {
        let mut found = Vec::with_capacity(tokens.len());
        for token in tokens {
            if let Some(record) = self.pending_attachment(token).await? {
                found.push(record);
            }
        }
        Ok(found)
    }

    /// A report's attachment records in the order they were attached (at most
    /// `MAX_ATTACHMENTS`, so reading them all to find one costs nothing).
    async fn report_records(
        &self,
        number: &TrackingNumber,
    ) -> Result<Vec<AttachmentRecord>, StorageError> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM attachments a JOIN reports r ON r.id = a.report_id \
             WHERE r.tracking_number = $1 ORDER BY a.position, a.id"
        ))
        .bind(number.as_str())
        .fetch_all(&self.pool)
        .await?)
    }

    /// A report's attachments in the order they were attached.
    pub async fn report_attachments(
        &self,
        number: &TrackingNumber,
    ) -> Result<Vec<AttachmentInfo>, StorageError> {
        self.report_records_as(number).await
    }

    /// A report's attachments as its pages list them (reporter and staff alike).
    pub async fn attachment_links(
        &self,
        number: &TrackingNumber,
    ) -> Result<Vec<AttachmentLink>, StorageError> {
        self.report_records_as(number).await
    }

    async fn report_records_as<T: From<AttachmentRecord>>(
        &self,
        number: &TrackingNumber,
    ) -> Result<Vec<T>, StorageError> {
        let records = self.report_records(number).await?;
        Ok(records.into_iter().map(T::from).collect())
    }

    /// Attachment `id` if it belongs to the report `number`. Whether the caller may
    /// see it is the caller's check.
    pub async fn report_attachment(
        &self,
        number: &TrackingNumber,
        id: i64,
    ) -> Result<Option<AttachmentRecord>, StorageError> {
        Ok(self
            .report_records(number)
            .await?
            .into_iter()
            .find(|record| record.id == id))
    }

    /// Deletes pending uploads created before `before`; returns their blob keys so the
    /// bytes can go too.
    pub async fn purge_pending_attachments(
        &self,
        before: Timestamp,
    ) -> Result<Vec<String>, StorageError> {
        let mut tx = self.begin_write().await?;
        let keys: Vec<String> = sqlx::query_scalar(
            "DELETE FROM attachments WHERE report_id IS NULL AND created_at < $1 RETURNING blob_key",
        )
        .bind(before.0)
        .fetch_all(tx.conn())
        .await?;
        tx.commit().await?;
        Ok(keys)
    }
}

impl Store {
    /// Adds the pending uploads named by `tokens` to report `number`'s evidence, after
    /// the files it has (the reporter's answer to a request for more).
    pub async fn add_report_attachments(
        &self,
        number: &TrackingNumber,
        tokens: &[String],
    ) -> Result<(), StorageError> {
        let mut tx = self.begin_write().await?;
        let report: Option<(i64, i64)> = sqlx::query_as(
            "SELECT r.id, COALESCE((SELECT MAX(a.position) + 1 FROM attachments a \
             WHERE a.report_id = r.id), 0) FROM reports r WHERE r.tracking_number = $1",
        )
        .bind(number.as_str())
        .fetch_optional(tx.conn())
        .await?;
        let (report_id, next) = report.ok_or(StorageError::NotFound)?;
        link_attachments(tx.conn(), report_id, tokens, next).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Links the pending uploads named by `tokens` to a new report, in the report's own
/// transaction. Any token that is not (or no longer) pending fails the whole
/// submission with a field error, so the reporter can choose the file again.
pub(super) async fn link_attachments(
    conn: &mut AnyConnection,
    report_id: i64,
    tokens: &[String],
    first_position: i64,
) -> Result<(), StorageError> {
    for (position, token) in (first_position..).zip(tokens) {
        let linked = sqlx::query(
            "UPDATE attachments SET report_id = $1, position = $2 WHERE token = $3 AND report_id IS NULL",
        )
        .bind(report_id)
        .bind(position)
        .bind(token.clone())
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if linked != 1 {
            return Err(StorageError::invalid(
                Field::Attachments,
                Problem::FileExpired,
            ));
        }
    }
    Ok(())
}
