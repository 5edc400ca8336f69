-- The look-alike check (model/duplicates.rs: at submission and while typing) compares a
-- new report with the open public reports only: not confidential, and verified,
-- forwarded, disposed, drafted, followed up or replied (the feed's statuses but closed).
-- A GIN index of those alone (partial, on the workspace search's expression): the
-- reports waiting for verification — a hall of phones, an SMS flood — cost the check
-- nothing. The query repeats this predicate word for word so the planner may use it.
CREATE INDEX reports_open_public_search ON reports
    USING GIN (to_tsvector('simple', title || ' ' || body))
    WHERE confidential = 0
        AND status IN ('verified', 'forwarded', 'disposed', 'drafted', 'followed_up', 'replied');
