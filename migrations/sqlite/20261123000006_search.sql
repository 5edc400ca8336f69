-- Full-text search over a report's title and story for the workspace: an FTS5 index
-- kept by triggers (external content: the text itself stays in `reports`). Words are
-- matched by prefix, case and diacritics folded ("puskes" finds "Puskesmas").
CREATE VIRTUAL TABLE reports_search USING fts5 (
    title,
    body,
    content = 'reports',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER reports_search_insert AFTER INSERT ON reports BEGIN
    INSERT INTO reports_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER reports_search_delete AFTER DELETE ON reports BEGIN
    INSERT INTO reports_search (reports_search, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;

-- Verification may correct the title: the index follows.
CREATE TRIGGER reports_search_update AFTER UPDATE OF title, body ON reports BEGIN
    INSERT INTO reports_search (reports_search, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO reports_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

-- Reports written before this index existed.
INSERT INTO reports_search (reports_search) VALUES ('rebuild');
