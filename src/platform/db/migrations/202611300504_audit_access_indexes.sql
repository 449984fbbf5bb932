-- The access log of one record and the family's processing log (ADR 0144) find the lists that
-- showed a record (details.ids) and the reads of its files (details.ownerId) without a scan of
-- the whole audit trail.
CREATE INDEX audit_events_listed_ids_idx ON audit_events USING gin ((details -> 'ids'));
CREATE INDEX audit_events_owner_idx ON audit_events ((details ->> 'ownerId'));
