-- Statistics from indexed aggregates (`/statistik` at a million reports): what each
-- report contributes is counted in two small tables, kept exact by a trigger on `reports`
-- (the old contribution taken away, the new one added, in the same transaction).

-- The facts a step fixes once, computed by the server with the working calendar
-- (model::statistics::Milestones): working days from submission to the first
-- verification, first published follow-up and first close; whether the first follow-up
-- came within the legal answer deadline (0/1); the reporter's rating (1–5).
ALTER TABLE reports ADD COLUMN days_to_verify BIGINT;
ALTER TABLE reports ADD COLUMN days_to_follow_up BIGINT;
ALTER TABLE reports ADD COLUMN days_to_finish BIGINT;
ALTER TABLE reports ADD COLUMN answered_on_time BIGINT;
ALTER TABLE reports ADD COLUMN rating BIGINT;
UPDATE reports SET rating = (SELECT stars FROM report_ratings WHERE report_id = reports.id);

-- Reports counted by the WIB day they were submitted (days since 1970-01-01), the agency
-- handling them now (0: none yet), their kab/kota (or province) code, kind, door and
-- current status. `shard` (report id mod 8) spreads concurrent writers over rows, so
-- that simultaneous submissions do not queue on one row's lock.
CREATE TABLE stats_reports (
    day            BIGINT NOT NULL,
    agency_id      BIGINT NOT NULL,
    region         TEXT NOT NULL,
    classification TEXT NOT NULL,
    channel        TEXT NOT NULL,
    status         TEXT NOT NULL,
    shard          BIGINT NOT NULL,
    reports        BIGINT NOT NULL,
    forwarded      BIGINT NOT NULL,
    followed_up    BIGINT NOT NULL,
    on_time        BIGINT NOT NULL,
    rated          BIGINT NOT NULL,
    stars          BIGINT NOT NULL,
    reopened       BIGINT NOT NULL,
    PRIMARY KEY (day, agency_id, region, classification, channel, status, shard)
);

-- How many reports took `days` working days to a milestone ('verify', 'follow_up',
-- 'finish'): the medians and the distribution chart.
CREATE TABLE stats_durations (
    day       BIGINT NOT NULL,
    agency_id BIGINT NOT NULL,
    region    TEXT NOT NULL,
    measure   TEXT NOT NULL,
    days      BIGINT NOT NULL,
    shard     BIGINT NOT NULL,
    reports   BIGINT NOT NULL,
    PRIMARY KEY (day, agency_id, region, measure, days, shard)
);

-- Adds (sign 1) or takes away (sign -1) one report's contribution.
CREATE FUNCTION stats_count(r reports, sign BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    d BIGINT := (r.submitted_at + 25200000) / 86400000;
    a BIGINT := COALESCE(r.agency_id, 0);
    g TEXT := COALESCE(substr(r.region_code, 1, 4), '');
    s BIGINT := r.id % 8;
BEGIN
    INSERT INTO stats_reports AS t VALUES (d, a, g, r.classification, r.channel, r.status, s,
        sign,
        sign * (CASE WHEN r.forwarded_at IS NULL THEN 0 ELSE 1 END),
        sign * (CASE WHEN r.followed_up_at IS NULL THEN 0 ELSE 1 END),
        sign * COALESCE(r.answered_on_time, 0),
        sign * (CASE WHEN r.rating IS NULL THEN 0 ELSE 1 END),
        sign * COALESCE(r.rating, 0),
        sign * (CASE WHEN r.reopen_count > 0 THEN 1 ELSE 0 END))
    ON CONFLICT (day, agency_id, region, classification, channel, status, shard)
    DO UPDATE SET reports = t.reports + excluded.reports,
        forwarded = t.forwarded + excluded.forwarded,
        followed_up = t.followed_up + excluded.followed_up,
        on_time = t.on_time + excluded.on_time, rated = t.rated + excluded.rated,
        stars = t.stars + excluded.stars, reopened = t.reopened + excluded.reopened;
    INSERT INTO stats_durations AS t
        SELECT d, a, g, m.measure, m.days, s, sign
        FROM (VALUES ('verify', r.days_to_verify), ('follow_up', r.days_to_follow_up),
            ('finish', r.days_to_finish)) AS m (measure, days)
        WHERE m.days IS NOT NULL
        ORDER BY m.measure
    ON CONFLICT (day, agency_id, region, measure, days, shard)
    DO UPDATE SET reports = t.reports + excluded.reports;
END
$$;

-- Rows are locked in one order (the old contribution's before the new one's when the
-- old key sorts first), so two steps moving reports in opposite directions cannot
-- deadlock.
CREATE FUNCTION stats_on_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM stats_count(NEW, 1);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM stats_count(OLD, -1);
    ELSIF ROW(OLD.status, COALESCE(OLD.agency_id, 0)) <= ROW(NEW.status, COALESCE(NEW.agency_id, 0)) THEN
        PERFORM stats_count(OLD, -1);
        PERFORM stats_count(NEW, 1);
    ELSE
        PERFORM stats_count(NEW, 1);
        PERFORM stats_count(OLD, -1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER stats_on_report
    AFTER INSERT OR DELETE OR UPDATE OF agency_id, region_code, classification, channel,
        status, submitted_at, forwarded_at, followed_up_at, answered_on_time, rating,
        reopen_count, days_to_verify, days_to_follow_up, days_to_finish
    ON reports FOR EACH ROW EXECUTE FUNCTION stats_on_report();

-- The reports already there (a fresh database has none).
INSERT INTO stats_reports
    SELECT (submitted_at + 25200000) / 86400000, COALESCE(agency_id, 0),
        COALESCE(substr(region_code, 1, 4), ''), classification, channel, status, id % 8,
        COUNT(*), COUNT(forwarded_at), COUNT(followed_up_at), 0, COUNT(rating),
        COALESCE(SUM(rating), 0), SUM(CASE WHEN reopen_count > 0 THEN 1 ELSE 0 END)
    FROM reports GROUP BY 1, 2, 3, 4, 5, 6, 7;
