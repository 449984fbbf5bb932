-- The access-log indexes on audit event details (ADR 0144) hold only the events that have the
-- key (ADR 0137): most events (every single-record read, every change) have neither `ids` nor
-- `ownerId`, and each of them cost an entry in both indexes twice (when recorded and again when
-- the sealer fills its chain columns). Queries comparing the key (`details->'ids' @> …`,
-- `details->>'ownerId' = …`) imply the key is present, so the planner still uses them.
DROP INDEX audit_events_listed_ids_idx;
CREATE INDEX audit_events_listed_ids_idx ON audit_events USING gin ((details -> 'ids'))
  WHERE (details -> 'ids') IS NOT NULL;
DROP INDEX audit_events_owner_idx;
CREATE INDEX audit_events_owner_idx ON audit_events ((details ->> 'ownerId'))
  WHERE (details ->> 'ownerId') IS NOT NULL;
