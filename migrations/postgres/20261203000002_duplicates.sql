-- A report staff marked as the same problem as another ("duplicate of"): archived, linked
-- to the original, its reporter and supporters counted on the original.
ALTER TABLE reports ADD COLUMN duplicate_of BIGINT REFERENCES reports (id);
CREATE INDEX reports_duplicate_of ON reports (duplicate_of) WHERE duplicate_of IS NOT NULL;
