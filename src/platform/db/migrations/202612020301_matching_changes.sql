-- Change log for the matching engine's cache of compiled record sets (issue 18, ADR 0176): every
-- insert, update or delete of a report, of remains (logged under the principal remains, old and
-- new, since parts are matched as part of their principal) or of an incident's route (logged for
-- its remains) appends the record id with the writing transaction's id. A runner that keeps one
-- side compiled in memory reads the ids changed since the oldest transaction still running at
-- its last refresh and reloads only those records. No personal data: ids and a country code.
CREATE TABLE matching_changes (
  id bigserial PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  side text NOT NULL CHECK (side IN ('am', 'pm')),
  record_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX matching_changes_xid_idx ON matching_changes (xid);

CREATE FUNCTION matching_log_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO matching_changes (side, record_id) VALUES ('am', OLD.id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO matching_changes (side, record_id) VALUES ('am', NEW.id);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION matching_log_remains_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO matching_changes (side, record_id)
      VALUES ('pm', coalesce(OLD.associated_with_id, OLD.id));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO matching_changes (side, record_id)
      VALUES ('pm', coalesce(NEW.associated_with_id, NEW.id));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION matching_log_incident_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.route IS DISTINCT FROM NEW.route THEN
    INSERT INTO matching_changes (side, record_id)
      SELECT 'pm', r.id FROM remains r WHERE r.incident_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER reports_matching_change AFTER INSERT OR UPDATE OR DELETE ON reports
  FOR EACH ROW EXECUTE FUNCTION matching_log_report_change();
CREATE TRIGGER remains_matching_change AFTER INSERT OR UPDATE OR DELETE ON remains
  FOR EACH ROW EXECUTE FUNCTION matching_log_remains_change();
CREATE TRIGGER incidents_matching_change AFTER UPDATE ON incidents
  FOR EACH ROW EXECUTE FUNCTION matching_log_incident_change();
