-- Photos and PDFs attached to reports (app/src/server/uploads). The bytes live in the
-- blob store under `blob_key`; the citizen's own file name is never stored.
-- `report_id` is NULL while an upload waits for its report (pending, purged after 24 h).
CREATE TABLE attachments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    token            TEXT NOT NULL UNIQUE,
    report_id        INTEGER REFERENCES reports(id) ON DELETE CASCADE,
    blob_key         TEXT NOT NULL UNIQUE,
    media_type       TEXT NOT NULL,
    byte_size        INTEGER NOT NULL,
    width            INTEGER,
    height           INTEGER,
    position         INTEGER NOT NULL DEFAULT 0,
    uploaded_by_role TEXT NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX attachments_by_report ON attachments (report_id, position);
CREATE INDEX attachments_pending ON attachments (created_at) WHERE report_id IS NULL;
