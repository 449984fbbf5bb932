-- A case notice received from abroad goes to one contact point: the one designated for the
-- missing person's nationality and the family (contact-points routing); NULL when none is
-- designated, and then every contact point of the jurisdiction sees it (ADR 0087).
ALTER TABLE federation_case_notices
  ADD COLUMN contact_point_id uuid REFERENCES contact_points (id) ON DELETE SET NULL,
  ADD COLUMN contact_point_organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  ADD COLUMN routing_reason text;
CREATE INDEX federation_case_notices_contact_point_idx
  ON federation_case_notices (contact_point_organisation_id) WHERE direction = 'incoming';
