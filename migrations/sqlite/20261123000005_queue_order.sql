-- The workspace lists reports soonest deadline first, reports without a running clock
-- last: this index serves that order directly (`ORDER BY (due_on IS NULL), due_on, id`),
-- so a deep page of the "all" queue does not sort every report.
CREATE INDEX reports_due_order ON reports ((due_on IS NULL), due_on, id);
