-- A family's request to erase a report (issue 16, ADR 0143). The request outlives the report it
-- names (no foreign key): once granted it keeps only the case number, who decided, when, and
-- which peers were told to withdraw their copies (or must still be told).
CREATE TABLE erasure_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL,
  case_number text NOT NULL,
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  requested_by uuid NOT NULL REFERENCES users (id),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'refused')),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_reason text CHECK (length(decision_reason) <= 2000),
  peers_withdrawn text[] NOT NULL DEFAULT '{}',
  peers_to_tell text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- One open request per report.
CREATE UNIQUE INDEX erasure_requests_one_pending ON erasure_requests (report_id) WHERE status = 'pending';
CREATE INDEX erasure_requests_country_idx ON erasure_requests (country, status, created_at);
CREATE INDEX erasure_requests_requester_idx ON erasure_requests (requested_by);
