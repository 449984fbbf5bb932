-- Case notices across borders (ADR 0083): a report routed to a contact point of another
-- jurisdiction (the family lives there). The notice carries the minimum that contact point needs
-- to reach the family; the report's status changes flow back, so the family follows the search in
-- one timeline. Each side keeps a row (outgoing at the report's jurisdiction, incoming at the
-- family's).
INSERT INTO federation_message_kinds (kind, data_category, purpose, encrypted, description) VALUES
  ('case.notice', 'case_notice', 'family_information', true, 'A report is routed to a contact point of the family''s jurisdiction');

CREATE TABLE federation_case_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notice_id uuid NOT NULL,
  direction text NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
  jurisdiction char(2) NOT NULL,
  foreign_node text NOT NULL,
  foreign_jurisdiction char(2) NOT NULL,
  -- Outgoing: the local report routed abroad.
  report_id uuid REFERENCES reports (id) ON DELETE CASCADE,
  case_number text NOT NULL,
  reason text NOT NULL,
  -- Incoming: what the contact point needs (person, last seen, relatives to reach).
  notice jsonb,
  status text NOT NULL,
  withdrawn_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (notice_id, direction)
);
CREATE INDEX federation_case_notices_jurisdiction_idx ON federation_case_notices (jurisdiction, created_at DESC);
CREATE UNIQUE INDEX federation_case_notices_route_idx ON federation_case_notices (report_id, foreign_jurisdiction)
  WHERE direction = 'outgoing';

-- The report's status timeline as it flowed to the family's jurisdiction.
ALTER TABLE federation_case_statuses ALTER COLUMN candidate_id DROP NOT NULL;
ALTER TABLE federation_case_statuses ADD COLUMN case_notice_id uuid REFERENCES federation_case_notices (id) ON DELETE CASCADE;
ALTER TABLE federation_case_statuses ADD COLUMN reason text;
ALTER TABLE federation_case_statuses ADD CONSTRAINT federation_case_statuses_target
  CHECK ((candidate_id IS NULL) <> (case_notice_id IS NULL));
