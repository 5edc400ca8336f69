-- Statistics from indexed aggregates (`/statistik` at a million reports): what each
-- report contributes is counted in two small tables, kept exact by triggers on `reports`
-- (the old contribution taken away, the new one added, in the same transaction).

-- The facts a step fixes once, computed by the server with the working calendar
-- (model::statistics::Milestones): working days from submission to the first
-- verification, first published follow-up and first close; whether the first follow-up
-- came within the legal answer deadline; the reporter's rating (1–5).
ALTER TABLE reports ADD COLUMN days_to_verify INTEGER;
ALTER TABLE reports ADD COLUMN days_to_follow_up INTEGER;
ALTER TABLE reports ADD COLUMN days_to_finish INTEGER;
ALTER TABLE reports ADD COLUMN answered_on_time INTEGER;
ALTER TABLE reports ADD COLUMN rating INTEGER;
UPDATE reports SET rating = (SELECT stars FROM report_ratings WHERE report_id = reports.id);

-- Reports counted by the WIB day they were submitted (days since 1970-01-01), the agency
-- handling them now (0: none yet), their kab/kota (or province) code, kind, door and
-- current status. `shard` (report id mod 8) spreads concurrent writers over rows.
CREATE TABLE stats_reports (
    day            INTEGER NOT NULL,
    agency_id      INTEGER NOT NULL,
    region         TEXT NOT NULL,
    classification TEXT NOT NULL,
    channel        TEXT NOT NULL,
    status         TEXT NOT NULL,
    shard          INTEGER NOT NULL,
    reports        INTEGER NOT NULL,
    forwarded      INTEGER NOT NULL,
    followed_up    INTEGER NOT NULL,
    on_time        INTEGER NOT NULL,
    rated          INTEGER NOT NULL,
    stars          INTEGER NOT NULL,
    reopened       INTEGER NOT NULL,
    PRIMARY KEY (day, agency_id, region, classification, channel, status, shard)
);

-- How many reports took `days` working days to a milestone ('verify', 'follow_up',
-- 'finish'): the medians and the distribution chart.
CREATE TABLE stats_durations (
    day       INTEGER NOT NULL,
    agency_id INTEGER NOT NULL,
    region    TEXT NOT NULL,
    measure   TEXT NOT NULL,
    days      INTEGER NOT NULL,
    shard     INTEGER NOT NULL,
    reports   INTEGER NOT NULL,
    PRIMARY KEY (day, agency_id, region, measure, days, shard)
);

CREATE TRIGGER stats_reports_insert AFTER INSERT ON reports BEGIN
    INSERT INTO stats_reports VALUES (
        (NEW.submitted_at + 25200000) / 86400000, COALESCE(NEW.agency_id, 0),
        COALESCE(substr(NEW.region_code, 1, 4), ''), NEW.classification, NEW.channel,
        NEW.status, NEW.id % 8, 1, NEW.forwarded_at IS NOT NULL,
        NEW.followed_up_at IS NOT NULL, COALESCE(NEW.answered_on_time, 0),
        NEW.rating IS NOT NULL, COALESCE(NEW.rating, 0), NEW.reopen_count > 0)
    ON CONFLICT DO UPDATE SET reports = reports + 1,
        forwarded = forwarded + excluded.forwarded,
        followed_up = followed_up + excluded.followed_up,
        on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
        stars = stars + excluded.stars, reopened = reopened + excluded.reopened;
END;

CREATE TRIGGER stats_reports_update AFTER UPDATE OF agency_id, region_code, classification,
    channel, status, submitted_at, forwarded_at, followed_up_at, answered_on_time, rating,
    reopen_count ON reports BEGIN
    UPDATE stats_reports SET reports = reports - 1,
        forwarded = forwarded - (OLD.forwarded_at IS NOT NULL),
        followed_up = followed_up - (OLD.followed_up_at IS NOT NULL),
        on_time = on_time - COALESCE(OLD.answered_on_time, 0),
        rated = rated - (OLD.rating IS NOT NULL), stars = stars - COALESCE(OLD.rating, 0),
        reopened = reopened - (OLD.reopen_count > 0)
    WHERE day = (OLD.submitted_at + 25200000) / 86400000
        AND agency_id = COALESCE(OLD.agency_id, 0)
        AND region = COALESCE(substr(OLD.region_code, 1, 4), '')
        AND classification = OLD.classification AND channel = OLD.channel
        AND status = OLD.status AND shard = OLD.id % 8;
    INSERT INTO stats_reports VALUES (
        (NEW.submitted_at + 25200000) / 86400000, COALESCE(NEW.agency_id, 0),
        COALESCE(substr(NEW.region_code, 1, 4), ''), NEW.classification, NEW.channel,
        NEW.status, NEW.id % 8, 1, NEW.forwarded_at IS NOT NULL,
        NEW.followed_up_at IS NOT NULL, COALESCE(NEW.answered_on_time, 0),
        NEW.rating IS NOT NULL, COALESCE(NEW.rating, 0), NEW.reopen_count > 0)
    ON CONFLICT DO UPDATE SET reports = reports + 1,
        forwarded = forwarded + excluded.forwarded,
        followed_up = followed_up + excluded.followed_up,
        on_time = on_time + excluded.on_time, rated = rated + excluded.rated,
        stars = stars + excluded.stars, reopened = reopened + excluded.reopened;
END;

CREATE TRIGGER stats_durations_update AFTER UPDATE OF agency_id, region_code, submitted_at,
    days_to_verify, days_to_follow_up, days_to_finish ON reports BEGIN
    UPDATE stats_durations SET reports = reports - 1
    WHERE day = (OLD.submitted_at + 25200000) / 86400000
        AND agency_id = COALESCE(OLD.agency_id, 0)
        AND region = COALESCE(substr(OLD.region_code, 1, 4), '') AND shard = OLD.id % 8
        AND ((measure = 'verify' AND days = OLD.days_to_verify)
            OR (measure = 'follow_up' AND days = OLD.days_to_follow_up)
            OR (measure = 'finish' AND days = OLD.days_to_finish));
    INSERT INTO stats_durations
        SELECT (NEW.submitted_at + 25200000) / 86400000, COALESCE(NEW.agency_id, 0),
            COALESCE(substr(NEW.region_code, 1, 4), ''), m.measure, m.days, NEW.id % 8, 1
        FROM (SELECT 'verify' AS measure, NEW.days_to_verify AS days
            UNION ALL SELECT 'follow_up', NEW.days_to_follow_up
            UNION ALL SELECT 'finish', NEW.days_to_finish) AS m
        WHERE m.days IS NOT NULL
    ON CONFLICT DO UPDATE SET reports = reports + 1;
END;

CREATE TRIGGER stats_durations_insert AFTER INSERT ON reports
    WHEN NEW.days_to_verify IS NOT NULL OR NEW.days_to_follow_up IS NOT NULL
        OR NEW.days_to_finish IS NOT NULL BEGIN
    INSERT INTO stats_durations
        SELECT (NEW.submitted_at + 25200000) / 86400000, COALESCE(NEW.agency_id, 0),
            COALESCE(substr(NEW.region_code, 1, 4), ''), m.measure, m.days, NEW.id % 8, 1
        FROM (SELECT 'verify' AS measure, NEW.days_to_verify AS days
            UNION ALL SELECT 'follow_up', NEW.days_to_follow_up
            UNION ALL SELECT 'finish', NEW.days_to_finish) AS m
        WHERE m.days IS NOT NULL
    ON CONFLICT DO UPDATE SET reports = reports + 1;
END;

-- The reports already there (a fresh database has none).
INSERT INTO stats_reports
    SELECT (submitted_at + 25200000) / 86400000, COALESCE(agency_id, 0),
        COALESCE(substr(region_code, 1, 4), ''), classification, channel, status, id % 8,
        COUNT(*), SUM(forwarded_at IS NOT NULL), SUM(followed_up_at IS NOT NULL), 0,
        SUM(rating IS NOT NULL), SUM(COALESCE(rating, 0)), SUM(reopen_count > 0)
    FROM reports GROUP BY 1, 2, 3, 4, 5, 6, 7;
