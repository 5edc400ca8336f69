-- The agency workspace: the unit a report is disposed to, the due date of the clock
-- that runs now (kept by the model on every step, for the due-soon and overdue
-- queues), staff sessions, and the append-only audit log.
ALTER TABLE reports ADD COLUMN unit TEXT;
ALTER TABLE reports ADD COLUMN due_on TEXT;
CREATE INDEX reports_agency_status ON reports (agency_id, status, due_on);
CREATE INDEX reports_status_due ON reports (status, due_on);

-- A signed-in staff member. Only a SHA-256 of the cookie's random token is kept.
CREATE TABLE staff_sessions (
    token_hash   TEXT PRIMARY KEY,
    staff_id     BIGINT NOT NULL REFERENCES staff (id),
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX staff_sessions_staff_id ON staff_sessions (staff_id);

-- Who did what, when, from where. `email` is the name typed at a sign-in (also for
-- unknown accounts, to slow guessing); `report_id` is set for actions on a report.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        BIGINT NOT NULL,
    staff_id  BIGINT REFERENCES staff (id),
    email     TEXT,
    action    TEXT NOT NULL,
    report_id BIGINT REFERENCES reports (id),
    detail    TEXT,
    address   TEXT
);
CREATE INDEX audit_log_report ON audit_log (report_id, id);
CREATE INDEX audit_log_staff ON audit_log (staff_id, id);
CREATE INDEX audit_log_email ON audit_log (email, at);
CREATE INDEX audit_log_address ON audit_log (address, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
