-- Peers as witnesses of each other's audit checkpoints (ADR 0160, issue 15 item 6): two message
-- kinds that carry no personal data, and the witness's own record of every checkpoint statement
-- it saw from an origin node, countersigned or refused as inconsistent with what it saw before.
INSERT INTO federation_message_kinds (kind, data_category, purpose, encrypted, description) VALUES
  ('audit.checkpoint', 'none', 'operations', false, 'A checkpoint of the sender''s audit chain head (position, hash) signed by its node key, for the receiver to witness'),
  ('audit.countersignature', 'none', 'operations', false, 'A witness''s countersignature of a checkpoint, returned to the node that sent it');

CREATE TABLE audit_witnessed_checkpoints (
  id bigserial PRIMARY KEY,
  origin_node text NOT NULL,
  position bigint NOT NULL,
  hash text NOT NULL,
  -- The statement as received (JWS by the origin's node key).
  statement text NOT NULL,
  -- This node's countersignature, or NULL when it refused to countersign …
  countersignature text,
  -- … because the checkpoint does not extend what it saw before (the reason).
  inconsistency text,
  received_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((countersignature IS NULL) <> (inconsistency IS NULL))
);
CREATE INDEX audit_witnessed_origin_idx ON audit_witnessed_checkpoints (origin_node, position);
