-- Audit without a node-wide lock (ADR 0120): events are written in the work's transaction with
-- no place in the chain yet, and a background sealer gives them position, prev_hash and hash in
-- commit order. Until then the three columns are NULL ("unsealed").
ALTER TABLE audit_events ALTER COLUMN position DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_events ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_sealed_together CHECK (
  (position IS NULL AND prev_hash IS NULL AND hash IS NULL)
  OR (position IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL));

-- The sealer's queue: unsealed events in insertion order.
CREATE INDEX audit_events_unsealed_idx ON audit_events (seq) WHERE position IS NULL;

-- Still append-only: DELETE and TRUNCATE are refused, and UPDATE is refused except the one
-- the sealer makes, which fills the three chain columns of an unsealed event and changes
-- nothing else. A sealed event can never change again.
DROP TRIGGER audit_events_no_update_delete ON audit_events;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

CREATE FUNCTION audit_events_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.position IS NULL AND NEW.position IS NOT NULL
     AND (NEW.seq, NEW.at, NEW.actor_id, NEW.actor_role, NEW.actor_country, NEW.action,
          NEW.subject_type, NEW.subject_id, NEW.subject_country, NEW.fields, NEW.purpose,
          NEW.request_id, NEW.details)
     IS NOT DISTINCT FROM
         (OLD.seq, OLD.at, OLD.actor_id, OLD.actor_role, OLD.actor_country, OLD.action,
          OLD.subject_type, OLD.subject_id, OLD.subject_country, OLD.fields, OLD.purpose,
          OLD.request_id, OLD.details) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END;
$$;
CREATE TRIGGER audit_events_seal_only BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_seal_only();
