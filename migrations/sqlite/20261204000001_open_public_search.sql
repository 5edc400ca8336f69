-- The look-alike check (model/duplicates.rs: at submission and while typing) compares a
-- new report with the open public reports only: not confidential, and verified,
-- forwarded, disposed, drafted, followed up or replied (the feed's statuses but closed).
-- A full-text index of those alone, kept by triggers as reports enter and leave that set,
-- so that the reports waiting for verification — a hall of phones, an SMS flood — cost
-- the check nothing. External content: the text itself stays in `reports`. Never
-- 'rebuild' it (that would index every report).
CREATE VIRTUAL TABLE open_public_search USING fts5 (
    title,
    body,
    content = 'reports',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER open_public_search_insert AFTER INSERT ON reports
WHEN new.confidential = 0
    AND new.status IN ('verified', 'forwarded', 'disposed', 'drafted', 'followed_up', 'replied')
BEGIN
    INSERT INTO open_public_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER open_public_search_leave AFTER UPDATE OF status, confidential, title, body ON reports
WHEN old.confidential = 0
    AND old.status IN ('verified', 'forwarded', 'disposed', 'drafted', 'followed_up', 'replied')
BEGIN
    INSERT INTO open_public_search (open_public_search, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;

CREATE TRIGGER open_public_search_enter AFTER UPDATE OF status, confidential, title, body ON reports
WHEN new.confidential = 0
    AND new.status IN ('verified', 'forwarded', 'disposed', 'drafted', 'followed_up', 'replied')
BEGIN
    INSERT INTO open_public_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER open_public_search_delete AFTER DELETE ON reports
WHEN old.confidential = 0
    AND old.status IN ('verified', 'forwarded', 'disposed', 'drafted', 'followed_up', 'replied')
BEGIN
    INSERT INTO open_public_search (open_public_search, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;

-- The open public reports stored before this index existed.
INSERT INTO open_public_search (rowid, title, body)
SELECT id, title, body FROM reports
WHERE confidential = 0
    AND status IN ('verified', 'forwarded', 'disposed', 'drafted', 'followed_up', 'replied');
