-- Retention (issue 16, ADRs 0141, 0142): legal holds that stop a purge, the mark of remains
-- reduced to their legal minimum, and anchors that let the audit chain be pruned and still verify.

-- A legal hold keeps one report or remains record (and its files) past its retention period,
-- e.g. for court proceedings. Lifted holds stay as history.
CREATE TABLE legal_holds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_type text NOT NULL CHECK (subject_type IN ('report', 'remains')),
  subject_id uuid NOT NULL,
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  placed_by uuid NOT NULL REFERENCES users (id),
  placed_at timestamptz NOT NULL DEFAULT now(),
  lifted_by uuid REFERENCES users (id),
  lifted_at timestamptz,
  lift_reason text,
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
);
CREATE INDEX legal_holds_active_idx ON legal_holds (subject_type, subject_id) WHERE lifted_at IS NULL;
CREATE INDEX legal_holds_country_idx ON legal_holds (country, placed_at DESC);

-- Identified remains reduced to what the law requires (code, status, legal basis, recovery
-- date and place, the custody chain and burial register): when it was done.
ALTER TABLE remains ADD COLUMN reduced_at timestamptz;

-- Where the audit chain starts after pruning: the last pruned event's position and hash. The
-- chain verifies from the newest anchor; anchors are append-only.
CREATE TABLE audit_prune_anchors (
  position bigint PRIMARY KEY,
  hash text NOT NULL,
  pruned_before timestamptz NOT NULL,
  events_pruned bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER audit_prune_anchors_no_change BEFORE UPDATE OR DELETE ON audit_prune_anchors
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

-- DELETE stays refused, except of sealed events at or behind an anchor (the retention prune).
CREATE FUNCTION audit_events_prune_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.position IS NOT NULL
     AND EXISTS (SELECT 1 FROM audit_prune_anchors a WHERE a.position >= OLD.position) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'P0001';
END;
$$;
DROP TRIGGER audit_events_no_delete ON audit_events;
CREATE TRIGGER audit_events_prune_only BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_prune_only();
