-- Every scope's queue is one index range read in the queue's own order (soonest due
-- date first, reports without a running clock last, then by id), and its count is read
-- from the index alone: national staff by status, agency staff by agency and status,
-- unit operators by agency, unit and status. The first two replace narrower indexes
-- that are prefixes of them.
DROP INDEX reports_status;
CREATE INDEX reports_status_order ON reports (status, (due_on IS NULL), due_on, id);
DROP INDEX reports_agency_status;
CREATE INDEX reports_agency_order ON reports (agency_id, status, (due_on IS NULL), due_on, id);
CREATE INDEX reports_unit_order ON reports (agency_id, unit, status, (due_on IS NULL), due_on, id);
