-- Identification across borders (ADR 0083): the two-person review of a cross-border candidate
-- where the remains are, the signed identification notice to the family's jurisdiction, case
-- status flowing back, and repatriation with the custody chain continuing on the receiving side.
INSERT INTO federation_message_kinds (kind, data_category, purpose, encrypted, description) VALUES
  ('identification.notice', 'identification', 'identification', true, 'A cross-border candidate was confirmed by two forensic practitioners where the remains are'),
  ('case.status', 'case_status', 'family_information', false, 'The status of a case changed (the other side keeps one timeline)'),
  ('custody.transfer', 'custody_chain', 'identification', true, 'Repatriation: the custody chain with its signed head'),
  ('custody.continue', 'custody_chain', 'identification', true, 'Events appended to a repatriated chain by the receiving side');

-- The review of a cross-border candidate (only where the remains are).
ALTER TABLE federation_candidates
  ADD COLUMN proposed_by uuid,
  ADD COLUMN basis text[],
  ADD COLUMN review_note text,
  ADD COLUMN confirmed_by uuid,
  ADD COLUMN identification text CHECK (identification IN ('identified', 'provisional')),
  ADD COLUMN confirmed_at timestamptz;

-- Status of the other side's record of a confirmed candidate, as it flowed back (newest last).
CREATE TABLE federation_case_statuses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  candidate_id uuid NOT NULL REFERENCES federation_candidates (id) ON DELETE CASCADE,
  status text NOT NULL,
  changed_at timestamptz NOT NULL,
  jti text NOT NULL UNIQUE,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX federation_case_statuses_candidate_idx ON federation_case_statuses (candidate_id, id);

-- A repatriation: the sending side's chain up to its signed head, and the events the receiving
-- side appended after it. Each side keeps a row (outgoing where the remains were, incoming where
-- they went); the receiving side forwards its events so both can verify the whole chain.
CREATE TABLE federation_custody_transfers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  transfer_id uuid NOT NULL,
  direction text NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
  jurisdiction char(2) NOT NULL,
  foreign_node text NOT NULL,
  foreign_jurisdiction char(2) NOT NULL,
  candidate_id uuid REFERENCES federation_candidates (id),
  -- The remains' id as hashed in the chain (the sending side's), and their code.
  remains_id uuid NOT NULL,
  remains_code text NOT NULL,
  -- Incoming: the sending side's events up to the head (hashed content and hash), as received.
  sent_events jsonb NOT NULL DEFAULT '[]',
  -- JWS by the sending node over { transfer, remains, position, hash }.
  signed_head text NOT NULL,
  head_position integer NOT NULL,
  head_hash text NOT NULL,
  -- Events appended after the head by the receiving side (same hashed form).
  continuation jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (transfer_id, direction)
);
CREATE INDEX federation_custody_transfers_jurisdiction_idx ON federation_custody_transfers (jurisdiction, created_at DESC);

-- Disclosures received from other states are purged after their retention (the sealed record
-- is erased; the row and its audit events stay).
ALTER TABLE federation_disclosures ADD COLUMN purged_at timestamptz;
