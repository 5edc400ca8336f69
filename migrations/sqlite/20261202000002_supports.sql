-- Dukung: people supporting a public report, one row per supporter (the SHA-256 of a
-- random id their browser keeps in a cookie: no account, nothing that names them).
CREATE TABLE supports (
    report_id  INTEGER NOT NULL REFERENCES reports (id),
    supporter  TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (report_id, supporter)
);
