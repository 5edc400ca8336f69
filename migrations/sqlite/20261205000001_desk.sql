-- The staff desk. "My work" looks up the reports a staff member acted on: their
-- events by staff member (the latest staff step on each is then read through
-- events_by_report).
CREATE INDEX events_by_staff ON events (actor_staff_id, report_id) WHERE actor_staff_id IS NOT NULL;

-- Saved views: a queue with its filters under a name the staff member chose, listed in
-- their navigation. `address` is the queue's address as the workspace writes it
-- (rebuilt from the parsed filter, never stored as typed).
CREATE TABLE saved_views (
    id         INTEGER PRIMARY KEY,
    staff_id   BIGINT NOT NULL REFERENCES staff (id),
    name       TEXT NOT NULL,
    address    TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (staff_id, name)
);
