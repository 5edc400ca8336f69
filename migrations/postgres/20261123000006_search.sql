-- Full-text search over a report's title and story for the workspace: a GIN index on
-- the same expression the queue query uses (`model`'s words become `word:*` prefixes).
-- The `simple` configuration folds case and keeps every word (no English stemming or
-- stop words for Indonesian text).
CREATE INDEX reports_search ON reports
    USING GIN (to_tsvector('simple', title || ' ' || body));
