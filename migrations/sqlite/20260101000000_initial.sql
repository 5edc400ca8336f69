-- Lapor schema, SQLite dialect. Keep in step with ../postgres/: same tables, same columns.
-- Integers are INTEGER (read as i64), booleans 0/1, timestamps milliseconds since the
-- Unix epoch, dates TEXT 'YYYY-MM-DD'.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- BPS administrative regions: level 1 province, 2 regency/city, 3 district, 4 village.
CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    parent_code TEXT REFERENCES regions (code),
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    name        TEXT NOT NULL
);
CREATE INDEX regions_parent_code ON regions (parent_code);

CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES agencies (id),
    region_code TEXT REFERENCES regions (code),
    sms_keyword TEXT UNIQUE
);
CREATE INDEX agencies_parent_id ON agencies (parent_id);

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories (id),
    slug      TEXT NOT NULL UNIQUE,
    name_id   TEXT NOT NULL,
    name_en   TEXT NOT NULL
);

-- Non-working days besides weekends: national holidays and joint leave.
CREATE TABLE days_off (
    date    TEXT PRIMARY KEY,
    kind    TEXT NOT NULL,
    name_id TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE reports (
    id               INTEGER PRIMARY KEY,
    tracking_number  TEXT NOT NULL UNIQUE,
    idempotency_key  TEXT UNIQUE,
    classification   TEXT NOT NULL,
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    event_date       TEXT,
    needs_inspection INTEGER NOT NULL CHECK (needs_inspection IN (0, 1)),
    category_id      INTEGER REFERENCES categories (id),
    region_code      TEXT REFERENCES regions (code),
    address          TEXT NOT NULL,
    latitude         REAL,
    longitude        REAL,
    channel          TEXT NOT NULL,
    anonymous        INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    confidential     INTEGER NOT NULL CHECK (confidential IN (0, 1)),
    status           TEXT NOT NULL,
    -- The agency handling the report now.
    agency_id        INTEGER REFERENCES agencies (id),
    -- The agency the citizen suggested.
    target_agency_id INTEGER REFERENCES agencies (id),
    submitted_at     INTEGER NOT NULL,
    verified_at      INTEGER,
    forwarded_at     INTEGER,
    followed_up_at   INTEGER,
    closed_at        INTEGER,
    reopen_count     INTEGER NOT NULL DEFAULT 0,
    version          INTEGER NOT NULL DEFAULT 1,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX reports_status ON reports (status);
CREATE INDEX reports_agency_id ON reports (agency_id);

-- Who sent a report. Kept apart so that public and agency queries never touch it.
CREATE TABLE reporter_identities (
    report_id INTEGER PRIMARY KEY REFERENCES reports (id),
    name      TEXT,
    phone     TEXT,
    email     TEXT
);

-- Agencies that held a report before the current one, oldest first.
CREATE TABLE report_agency_trail (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    seq       INTEGER NOT NULL,
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    reason    TEXT NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (report_id, seq)
);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    report_id      INTEGER NOT NULL REFERENCES reports (id),
    at             INTEGER NOT NULL,
    actor_role     TEXT NOT NULL,
    actor_staff_id INTEGER,
    kind           TEXT NOT NULL,
    status_after   TEXT NOT NULL,
    visibility     TEXT NOT NULL,
    body           TEXT,
    agency_id      INTEGER REFERENCES agencies (id)
);
CREATE INDEX events_report_id ON events (report_id);
