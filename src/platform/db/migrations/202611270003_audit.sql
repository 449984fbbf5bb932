-- Tamper-evident audit trail: every row carries the hash of the row before it.
CREATE TABLE audit_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  position bigint NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_role text,
  actor_country char(2),
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  subject_country char(2),
  fields jsonb NOT NULL DEFAULT '[]',
  purpose text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id);

-- History cannot be rewritten through SQL: UPDATE, DELETE and TRUNCATE are refused.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END;
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
