-- Report lists page in their order (children first, then the newest) straight from an index,
-- for a country and optionally one status, instead of sorting every report that matches: at
-- a million reports the sort read the whole table on each page (bench:load, ADR 0127). The
-- (country, status) index is a prefix of the second one and goes.
CREATE INDEX reports_list_order_idx ON reports (country, priority DESC, created_at DESC, id);
CREATE INDEX reports_status_list_order_idx
  ON reports (country, status, priority DESC, created_at DESC, id);
DROP INDEX IF EXISTS reports_country_status_idx;
