-- Disclosure across borders (ADR 0082): a practitioner or contact point asks the jurisdiction
-- holding a candidate's record for it; that jurisdiction's authorised user approves or refuses;
-- an approved record travels JWE-encrypted and is kept sealed, readable by the requesting role
-- until its retention ends. Both sides keep a row per exchange.
INSERT INTO federation_message_kinds (kind, data_category, purpose, encrypted, description) VALUES
  ('disclosure.request', 'disclosure_request', 'identification', false, 'Request for the record behind a candidate reference'),
  ('disclosure.decision', 'disclosed_record', 'identification', true, 'Approval with the record, or refusal');

CREATE TABLE federation_disclosures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  exchange_id uuid NOT NULL,
  direction text NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
  jurisdiction char(2) NOT NULL,
  local_side text NOT NULL CHECK (local_side IN ('am', 'pm')),
  local_id uuid NOT NULL,
  local_ref text NOT NULL,
  foreign_node text NOT NULL,
  foreign_jurisdiction char(2) NOT NULL,
  foreign_ref text NOT NULL,
  requester_role text NOT NULL,
  requested_by uuid,
  purpose text NOT NULL,
  justification text NOT NULL,
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'refused')),
  decided_by uuid,
  decided_at timestamptz,
  decision_reason text,
  record_sealed text,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (exchange_id, direction)
);
CREATE INDEX federation_disclosures_jurisdiction_idx ON federation_disclosures (jurisdiction, created_at DESC);
