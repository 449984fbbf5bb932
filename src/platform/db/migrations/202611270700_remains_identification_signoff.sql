-- Two-person sign-off for identifying remains outside the matching review: one forensic
-- practitioner proposes "identified" with a basis, a different one of the same country confirms.
CREATE TABLE remains_identification_proposals (
  remains_id uuid PRIMARY KEY REFERENCES remains (id) ON DELETE CASCADE,
  proposed_by uuid NOT NULL REFERENCES users (id),
  basis text NOT NULL,
  proposed_at timestamptz NOT NULL DEFAULT now()
);
